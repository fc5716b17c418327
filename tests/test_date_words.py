"""Dates, periods and English ordinal suffixes are written with the words of data/vocabulary.yaml, not Python's.

A private copy of the vocabulary with one word changed changes what both writers print; the
project's own vocabulary is untouched; a vocabulary without the words is refused in one line.
"""

import datetime as dt

import pytest

from conftest import ledger as load_ledger
from jinjiang_report.chapters.present import Writer
from jinjiang_report.errors import DataFileError


def edit_vocabulary(data_copy, old: str, new: str) -> None:
    path = data_copy.parent / "vocabulary.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_changed_month_name_changes_dates_and_periods_in_english(data_copy):
    project = load_ledger()
    september = project.fact("liv_housing_start")
    assert Writer("en", project.vocabulary).fact(september) == "22 September 2025"
    edit_vocabulary(data_copy, "August, September, October", "August, Sept., October")
    changed = load_ledger(data_copy)
    en = Writer("en", changed.vocabulary)
    assert en.fact(changed.fact("liv_housing_start")) == "22 Sept. 2025"
    assert en.period("2025-09-22/2025-10-08") == "from 22 Sept. to 8 October 2025"
    assert en.date(dt.date(2025, 9, 1), with_day=False) == "Sept. 2025"
    assert Writer("en", load_ledger().vocabulary).fact(september) == "22 September 2025"  # the project's own is untouched


def test_a_changed_chinese_period_word_shows_in_the_chinese_writer(data_copy):
    edit_vocabulary(data_copy, '"{year}年上半年"', '"{year}年前六个月"')
    zh = Writer("zh", load_ledger(data_copy).vocabulary)
    assert zh.period("2025-H1") == "2025年前六个月"
    assert Writer("zh", load_ledger().vocabulary).period("2025-H1") == "2025年上半年"


def test_ordinal_suffixes_come_from_the_vocabulary(data_copy):
    en = Writer("en", load_ledger().vocabulary)
    assert [en.numbers.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "111th"]
    edit_vocabulary(data_copy, '"3": rd', '"3": "-rd"')
    changed = Writer("en", load_ledger(data_copy).vocabulary)
    assert changed.numbers.ordinal(3) == "3-rd" and changed.numbers.ordinal(13) == "13th"


@pytest.mark.parametrize("old,new,key,problem", [
    ("  holiday: {en:", "  holiday_season: {en:", "holiday", "missing entry of periods"),
    ("    en: [January, February, March, April, May, June, July, August, September, October, November, December]",
     "    en: [January, February]", "en", "needs the twelve month names, January first"),
    ('  day_in_year: {en: "{day} {month_name}", zh: "{month}月{day}日"}',
     '  day_in_year: {en: "{day} {month_name}"}', "zh", "'day_in_year' needs its words in en and zh"),
])
def test_a_vocabulary_without_date_or_period_words_is_refused_in_one_line(data_copy, old, new, key, problem):
    edit_vocabulary(data_copy, old, new)
    with pytest.raises(DataFileError) as caught:
        load_ledger(data_copy)
    message = str(caught.value)
    assert message.startswith(f"{data_copy.parent / 'vocabulary.yaml'}:") and f"'{key}'" in message \
        and message.endswith(problem), message
    assert "\n" not in message
