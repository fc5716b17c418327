"""One parser of a number phrase, two writers: every qualifier verification accepts is written in both editions.

The cases are generated from the parser's own tables (``PREFIX_QUALIFIERS``, ``SUFFIX_QUALIFIERS``), so a
qualifier added there is covered here; the English words each meaning must read as are this test's own.
"""

from dataclasses import asdict, replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ledger as load_ledger
from jinjiang_report.chapters.present import Writer
from jinjiang_report.facts.numbers import (APPROXIMATELY, EXACT, FRACTION, LESS_THAN, MORE_THAN, PER, PREFIX_QUALIFIERS,
                                           SUFFIX_QUALIFIERS, parse_number)
from jinjiang_report.facts.verify import fact_from_row

# What each meaning reads as in English, before a count of firms and before an amount of money.
ENGLISH = {MORE_THAN: ("more than 500 firms", "more than CNY 3.941 billion"),
           LESS_THAN: ("fewer than 500 firms", "less than CNY 3.941 billion"),
           APPROXIMATELY: ("about 500 firms", "about CNY 3.941 billion")}

CASES = [*((f"{word}500家", f"{word}39.41亿元", meaning) for word, meaning in PREFIX_QUALIFIERS.items()),
         *((f"500{word}家", f"39.41亿{word}元", meaning) for word, meaning in SUFFIX_QUALIFIERS.items())]


@pytest.fixture(scope="module")
def ledger():
    return load_ledger()


def as_fact(ledger, template_id, as_written):
    """The ledger's fact ``template_id`` as if the source had written ``as_written``, through verification.

    Its value and qualifier are what the parser reads (as an analyst fills them in); the row must pass
    ``fact_from_row`` against a source holding the phrase.
    """
    template = ledger.fact(template_id)
    parsed = parse_number(as_written)
    row = {**{key: str(value) for key, value in asdict(template).items()}, "as_written": as_written,
           "quote": f"据统计，{as_written}。", "value": f"{parsed.value:f}", "qualifier": parsed.qualifier}
    source = replace(ledger.source, text=row["quote"], squeezed=row["quote"])
    return fact_from_row(row, 2, "facts.csv", {template.source_id: source}, ledger.vocabulary.value_type(template.unit))


@pytest.mark.parametrize("firms,money,meaning", CASES, ids=[case[0] for case in CASES])
def test_every_qualifier_is_written_in_both_editions(ledger, firms, money, meaning):
    en, zh = Writer("en", ledger.vocabulary), Writer("zh", ledger.vocabulary)
    count_fact = as_fact(ledger, "exp_firms_h1", firms)  # unit: firms (家)
    money_fact = as_fact(ledger, "inno_whitelist_credit", money)  # unit: CNY (元)
    assert (en.fact(count_fact), en.fact(money_fact)) == ENGLISH[meaning]
    for fact in (count_fact, money_fact):  # Chinese keeps the source's own qualifier word and measure word
        assert zh.fact(fact) == zh.fact(fact, standalone=True) == fact.as_written


@pytest.mark.parametrize("text,prefix,numeral,suffix,counter,meaning", [
    ("超76万人次", "超", "76万", "", "人次", MORE_THAN),
    ("6万多个", "", "6万", "多", "个", MORE_THAN),
    ("不到500家", "不到", "500", "", "家", LESS_THAN),
    ("大约500家", "大约", "500", "", "家", APPROXIMATELY),
    ("多于500家", "多于", "500", "", "家", MORE_THAN),
    ("约3万", "约", "3万", "", "", APPROXIMATELY),
    ("12.08万名", "", "12.08万", "", "名", EXACT),
    ("百亿", "", "百亿", "", "", APPROXIMATELY),
    ("三届", "", "三", "", "届", EXACT),
    ("30余家", "", "30", "余", "家", MORE_THAN),
])
def test_a_phrase_is_read_into_its_parts(text, prefix, numeral, suffix, counter, meaning):
    parsed = parse_number(text)
    assert (parsed.prefix, parsed.numeral, parsed.suffix, parsed.counter, parsed.qualifier) == (
        prefix, numeral, suffix, counter, meaning)


@pytest.mark.parametrize("text,form,part,whole", [("1/4", FRACTION, 1, 4), ("每100件泳装中，30件", PER, 30, 100),
                                                  ("每八个人就有一人", PER, 1, 8)])
def test_a_share_is_read_into_its_two_numbers(text, form, part, whole):
    parsed = parse_number(text)
    assert (parsed.share_form, parsed.part, parsed.whole) == (form, part, whole)


def test_shares_are_written_from_their_parts(ledger):
    """A share in Chinese numerals is written in English from its parts (the English writer once re-read digits)."""
    en = Writer("en", ledger.vocabulary)
    slippers = ledger.fact("exp_slipper_share")
    assert en.fact(replace(slippers, as_written="每八个人就有一人")) == "one in every eight"
    assert en.fact(replace(slippers, as_written="每十二个人就有一人")) == "one in every 12"
    assert en.fact(replace(ledger.fact("exp_umbrella_share"), as_written="3/4", value=Decimal(75))) == "three quarters"


def test_a_stated_approximation_is_not_rounded_again(ledger):
    """约537家 says 537: only a computed value is cut to two significant digits."""
    en = Writer("en", ledger.vocabulary)
    assert en.fact(as_fact(ledger, "exp_firms_h1", "约537家")) == "about 537 firms"
    assert en.quantity(Decimal(537), "firms", APPROXIMATELY) == "about 540 firms"


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999.99"), places=2),
       st.sampled_from(["", "万", "亿"]),
       st.sampled_from([("", ""), *((word, "") for word in PREFIX_QUALIFIERS),
                        *(("", word) for word in SUFFIX_QUALIFIERS)]))
def test_chinese_writes_any_verified_phrase_as_the_source_does(ledger, value, magnitude, qualifier):
    prefix, suffix = qualifier
    as_written = f"{prefix}{value}{magnitude}{suffix}人次"
    fact = as_fact(ledger, "liv_holiday_visits", as_written)  # unit: person-visits (人次)
    assert Writer("zh", ledger.vocabulary).fact(fact) == as_written
    english = Writer("en", ledger.vocabulary).fact(fact)
    meaning = PREFIX_QUALIFIERS.get(prefix) or SUFFIX_QUALIFIERS.get(suffix)
    assert english.endswith(" visits") and english.startswith(ENGLISH[meaning][0].split("500")[0] if meaning else "")
