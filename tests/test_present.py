"""How values are written (chapters/present.py): house style in English, the source's own forms in Chinese."""

from decimal import Decimal

import pytest

from conftest import ledger as load_ledger
from jinjiang_report.chapters.present import Writer, md_escape, plain_number


@pytest.fixture(scope="module")
def facts():
    return load_ledger().facts


@pytest.fixture(scope="module")
def write(facts):
    vocabulary = load_ledger().vocabulary
    return {"en": Writer("en", vocabulary), "zh": Writer("zh", vocabulary)}


@pytest.mark.parametrize("fact_id,en,zh", [
    ("inno_whitelist_firms", "more than 774 firms", "超774家"),
    ("exp_expo_deals", "CNY 74.038 billion", "740.38亿元"),
    ("liv_migrant_children", "120,800 children", "12.08万名"),
    ("exp_umbrella_share", "a quarter", "1/4"),
    ("exp_slipper_share", "one in every eight", "每8个人就有1人"),
    ("inno_shilei_edition", "third", "第三届"),  # the whole word, so its link covers it
    ("exp_continents", "five", "五大洲"),
    ("liv_housing_start", "22 September 2025", "2025年9月22日"),
    ("inno_nuclear_industry", "ten billion (百亿)", "百亿"),
    ("inno_parts_per_set", "more than 60,000", "6万多个"),
    ("liv_coastline", "102 km", "102公里"),
])
def test_facts_are_written_as_a_reader_of_each_language_expects(facts, write, fact_id, en, zh):
    assert (write["en"].fact(facts[fact_id]), write["zh"].fact(facts[fact_id])) == (en, zh)


def test_a_count_is_never_a_fraction(write):
    assert write["en"].quantity(Decimal("13.7"), "homes", "exact") == "about 14 homes"
    assert write["zh"].quantity(Decimal("13.7"), "homes", "exact") == "约14套"
    assert write["en"].quantity(Decimal("14"), "homes", "more_than") == "more than 14 homes"


def test_english_sentences_spell_out_one_to_nine_and_tables_keep_digits(facts, write):
    """House style: three hospitals, the third conference in a sentence; 3, 3rd in a table cell; 10 as digits."""
    assert write["en"].quantity(Decimal(3), "count", "exact") == "three"
    assert write["zh"].quantity(Decimal(3), "count", "exact") == "3"
    assert write["en"].quantity(Decimal(10), "count", "exact") == "10"
    assert write["en"].quantity(Decimal(9), "homes", "more_than") == "more than nine homes"
    assert write["en"].number(Decimal(5), "percent") == "5%"  # a share is never a word
    assert write["en"].fact(facts["exp_continents"], standalone=True) == "5"
    assert write["en"].fact(facts["inno_shilei_edition"], standalone=True) == "3rd"
    assert write["en"].fact(facts["exp_air_routes"]) == "10"


def test_amounts_scale_to_millions_and_wan(write):
    assert write["en"].number(Decimal(2_500_000), "CNY") == "CNY 2.5 million"
    assert write["zh"].number(Decimal(2_500_000), "CNY") == "250万元"
    assert write["en"].number(Decimal(950), "CNY") == "CNY 950"
    assert write["zh"].number(Decimal("83.5"), "percent") == "83.5%"


def test_plain_numbers_ordinals_and_lists(write):
    assert plain_number(Decimal("1234.5"), 2) == "1,234.5"
    assert plain_number(Decimal("2.005"), 2) == "2"  # half to even
    assert write["en"].list(["a", "b", "c"]) == "a, b and c"
    assert write["en"].list(["a", "b"]) == "a and b"
    assert write["zh"].list(["甲", "乙", "丙"]) == "甲、乙、丙"


def test_vocabulary_words_and_labels(write):
    assert write["en"].claim("intended") == "intended deals" and write["zh"].claim("intended") == "意向成交"
    assert write["zh"].period("2025-H1") == "2025年上半年"
    assert write["en"].label("yes", "是") == "yes" and write["zh"].label("yes", "是") == "是"


def test_data_text_is_escaped_for_myst():
    assert md_escape("<b>x_y</b> & [z]") == "&lt;b\\>x\\_y&lt;/b\\> &amp; \\[z\\]"


def test_an_unknown_language_is_refused(write):
    with pytest.raises(ValueError, match="lang must be one of en, zh, not 'fr'"):
        Writer("fr", write["en"].vocabulary)


def test_kinds_of_unit_not_the_wording_decide_ordinals_and_size_classes(facts, write):
    """Any edition is written as an ordinal and any size class as a class, whatever the source's words."""
    from dataclasses import replace

    fifth = replace(facts["inno_shilei_edition"], value=Decimal(5), as_written="五届")
    assert write["en"].fact(fifth) == "fifth" and write["en"].fact(fifth, standalone=True) == "5th"
    trillion = replace(facts["inno_nuclear_industry"], value=Decimal(10 ** 12), as_written="万亿")
    assert write["en"].fact(trillion) == "trillion (万亿)"
    assert write["zh"].fact(trillion, standalone=True) == "万亿级"
    assert write["en"].vocabulary.size_class_words(10 ** 8, "en") == "hundred million"
    assert write["zh"].fact(fifth, standalone=True) == "第五届" and write["zh"].fact(fifth) == "第五届"



def test_punctuation_and_list_words_come_from_the_vocabulary(write):
    """Joining words is the vocabulary's: change list_last there and the Chinese list says 和."""
    from dataclasses import replace

    vocabulary = write["zh"].vocabulary
    punctuation = {**vocabulary.punctuation, "list_last": {"en": " or ", "zh": "和"}}
    changed = {lang: Writer(lang, replace(vocabulary, punctuation=punctuation)) for lang in ("en", "zh")}
    assert changed["zh"].list(["甲", "乙", "丙"]) == "甲、乙和丙"
    assert changed["en"].list(["a", "b", "c"]) == "a, b or c" and changed["en"].list(["a"]) == "a"
    assert (write["zh"].parenthesis("注"), write["en"].parenthesis("note")) == ("（注）", " (note)")
    assert (write["zh"].colon(), write["en"].semicolon(), write["zh"].join(["甲", "乙"])) == ("：", "; ", "甲、乙")
