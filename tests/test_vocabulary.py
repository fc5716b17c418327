"""Units and their words come only from data/vocabulary.yaml: a new unit is written in both editions, and a unit
without a word in each language is refused with one line naming the place."""

from decimal import Decimal

import pytest

from conftest import ledger as load_ledger, run_cli
from jinjiang_report.chapters.present import Writer
from jinjiang_report.errors import DataFileError

WEATHER_QUOTE = "以安海镇的34.5℃为最高"
HOTTEST = ("weather_hottest_town,livelihood,Highest temperature of the day (Anhai),当日最高气温（安海镇）,"
           f"Anhai town,安海镇,34.5,celsius,exact,descriptive,none,jinjiang-page-2025-10,34.5℃,{WEATHER_QUOTE}\n")


def add_unit(data_copy, entry):
    """Add ``celsius`` to the copy's vocabulary after ``km``; return the line it is on."""
    path = data_copy.parent / "vocabulary.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("km:")) + 1
    lines.insert(at, f"  celsius: {entry}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return at + 1


def add_weather_fact(data_copy):
    """The weather column's 34.5℃ as a fact (its numeral no longer among the exclusions)."""
    with open(data_copy, "a", encoding="utf-8") as facts:
        facts.write(HOTTEST)
    with open(data_copy.parent / "assessments.csv", "a", encoding="utf-8") as assessments:
        assessments.write("weather_hottest_town,context,documented,,,\n")
    exclusions = data_copy.parent / "exclusions.csv"
    text = exclusions.read_text(encoding="utf-8")
    assert "，以安海镇的34.5℃为最高," in text
    exclusions.write_text(text.replace("，以安海镇的34.5℃为最高,", ","), encoding="utf-8")


def test_a_new_unit_is_written_with_its_words_in_both_editions(data_copy):
    add_unit(data_copy, '{en: " °C", zh: ℃, kind: measure}')
    add_weather_fact(data_copy)
    ledger = load_ledger(data_copy)
    hottest = ledger.fact("weather_hottest_town")
    en, zh = Writer("en", ledger.vocabulary), Writer("zh", ledger.vocabulary)
    assert (en.fact(hottest), zh.fact(hottest)) == ("34.5 °C", "34.5℃")  # prose
    assert (en.fact(hottest, standalone=True), zh.fact(hottest, standalone=True)) == ("34.5 °C", "34.5℃")  # tables
    assert (en.quantity(Decimal("34.5"), "celsius", "exact"), zh.quantity(Decimal("34.5"), "celsius", "exact")) == (
        "34.5 °C", "34.5℃")  # computed figures


def test_a_chapter_shows_a_new_unit_in_both_editions(data_copy):
    """What a notebook glues for its prose and puts in its tables: the chapter's own writer, one per language."""
    from jinjiang_report.chapters.chapter import Chapter

    add_unit(data_copy, '{en: " °C", zh: ℃, kind: measure}')
    add_weather_fact(data_copy)
    for lang, shown in (("en", "34.5 °C"), ("zh", "34.5℃")):
        chapter = Chapter("livelihood", ledger=str(data_copy), lang=lang)
        assert chapter.text("weather_hottest_town") == chapter.text("weather_hottest_town", standalone=True) == shown


@pytest.mark.parametrize("entry,problem", [
    ('{en: " °C", kind: measure}', "column 'zh': unit 'celsius' has no Chinese word; add `zh:` with the word "
                                   "written after the number"),
    ('{en: " °C", zh: "", kind: measure}', "column 'zh': unit 'celsius' has no Chinese word (a unit of kind measure "
                                           "is never written bare); add `zh:` with the word written after the number"),
    ('{zh: ℃, kind: measure}', "column 'en': unit 'celsius' has no English word; add `en:` with the word written "
                               "after the number"),
    ('{en: " °C", zh: ℃}', "column 'kind': unit 'celsius' needs a kind, one of count, money, share, measure, date, "
                           "ordinal, size_class"),
])
def test_a_unit_without_a_word_in_each_language_is_refused(data_copy, entry, problem):
    line = add_unit(data_copy, entry)
    add_weather_fact(data_copy)
    with pytest.raises(DataFileError) as caught:
        load_ledger(data_copy)
    assert str(caught.value) == f"{data_copy.parent / 'vocabulary.yaml'}:{line}: {problem}"



@pytest.mark.slow
def test_check_names_a_unit_without_its_chinese_word_in_one_line(data_copy, tmp_path):
    line = add_unit(data_copy, '{en: " °C", kind: measure}')
    add_weather_fact(data_copy)
    result = run_cli("check", "--ledger", str(data_copy), build_dir=tmp_path / "build")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"error: {data_copy.parent / 'vocabulary.yaml'}:{line}: column 'zh': unit 'celsius' has no Chinese word; "
        "add `zh:` with the word written after the number"]
