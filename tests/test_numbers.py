"""The Chinese-number parser: every form the source uses, and properties over generated numbers."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinjiang_report.facts.numbers import (APPROXIMATELY, EXACT, MORE_THAN, NumberFormatError,
                                     parse_chinese_numeral, parse_date, parse_number)

SOURCE_FORMS = [
    ("超过500家", Decimal(500), MORE_THAN, False),
    ("83.5%", Decimal("83.5"), EXACT, True),
    ("740.38亿元", Decimal("74038000000"), EXACT, False),
    ("12份", Decimal(12), EXACT, False),
    ("6万多个", Decimal(60000), MORE_THAN, False),
    ("百亿", Decimal(10) ** 10, APPROXIMATELY, False),
    ("六大", Decimal(6), EXACT, False),
    ("五大洲", Decimal(5), EXACT, False),
    ("超百个", Decimal(100), MORE_THAN, False),
    ("超70个", Decimal(70), MORE_THAN, False),
    ("2000万元", Decimal(20_000_000), EXACT, False),
    ("超774家", Decimal(774), MORE_THAN, False),
    ("超39.41亿元", Decimal("3941000000"), MORE_THAN, False),
    ("超76万人次", Decimal(760000), MORE_THAN, False),
    ("12.08万名", Decimal(120800), EXACT, False),
    ("32.93%", Decimal("32.93"), EXACT, True),
    ("超13.5万人", Decimal(135000), MORE_THAN, False),
    ("每100件泳装中，30件", Decimal(30), EXACT, True),
    ("每8个人就有1人", Decimal("12.5"), EXACT, True),
    ("1/4", Decimal(25), EXACT, True),
    ("30余家", Decimal(30), MORE_THAN, False),
    ("70余家", Decimal(70), MORE_THAN, False),
    ("三大医共体", Decimal(3), EXACT, False),
    ("约3万", Decimal(30000), APPROXIMATELY, False),
    ("76万余", Decimal(760000), MORE_THAN, False),
    ("12.08 万", Decimal(120800), EXACT, False),
    ("两千万", Decimal(20_000_000), EXACT, False),
]


@pytest.mark.parametrize("text,value,qualifier,is_share", SOURCE_FORMS)
def test_every_form_of_the_source(text, value, qualifier, is_share):
    parsed = parse_number(text)
    assert (parsed.value, parsed.qualifier, parsed.is_share) == (value, qualifier, is_share)


@pytest.mark.parametrize("text", ["", "家", "abc", "1/0", "5万6", "12.5.3亿", "超", "3个和4个"])
def test_malformed_phrases_are_refused(text):
    with pytest.raises(NumberFormatError):
        parse_number(text)


def test_dates():
    assert parse_date("9月25日") == parse_date(" 9月 25日 ")
    assert (parse_date("2025年8月").year, parse_date("2025年8月").month) == (2025, 8)
    with pytest.raises(NumberFormatError):
        parse_date("13月1日")


DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """Write 0 < n < 10**12 in standard Chinese numerals (independent of the parser)."""
    def below_10000(v: int, pad: bool) -> str:
        out, zero = "", False
        for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            digit = v // size % 10
            if digit:
                if zero or (pad and not out and size < 1000):
                    out += "零"
                out += DIGITS[digit] + unit
                zero = False
            elif out or pad:
                zero = True
        return out
    parts, result, first = [(n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")], "", True
    for value, unit in parts:
        if value:
            result += below_10000(value, pad=not first) + unit
            first = False
        elif not first:
            result += ""
    return result


@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_chinese_numerals_round_trip(n):
    assert parse_chinese_numeral(to_chinese(n)) == n


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2),
       st.sampled_from([("万", 10**4), ("亿", 10**8)]),
       st.sampled_from([("", EXACT), ("超", MORE_THAN), ("超过", MORE_THAN), ("约", APPROXIMATELY)]))
def test_digits_with_magnitude_and_prefix(value, magnitude, prefix):
    parsed = parse_number(f"{prefix[0]}{value}{magnitude[0]}元")
    assert parsed.value == value * magnitude[1]
    assert parsed.qualifier == prefix[1]
    assert parsed.counter == "元"


@given(st.integers(min_value=1, max_value=1000), st.integers(min_value=1, max_value=1000))
def test_per_phrases_are_shares(whole, part):
    parsed = parse_number(f"每{whole}个人就有{part}人")
    assert parsed.is_share and parsed.value == Decimal(part) / Decimal(whole) * 100
