"""How a number written in Chinese news prose is read.

The source writes numbers as Arabic digits with Chinese magnitudes (``740.38亿元``),
as Chinese numerals (``六大``, ``百亿``), with qualifiers before or after
(``超过500家``, ``30余家``, ``6万多个``), as percentages (``83.5%``) and as
fractions (``1/4``, ``每8个人就有1人``, ``每100件泳装中，30件``).

``parse_number`` turns such a phrase into a :class:`ParsedNumber` holding an exact
``Decimal`` in base units (yuan, persons, items; a share as a percentage), the qualifier the
phrase carries, and the parts it was read from (qualifier words, numeral, measure word, a
share's two numbers). Nothing is rounded and nothing is dropped. This is the only reader of a
number phrase: verification checks values with it, and both editions are written from its parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

EXACT = "exact"
MORE_THAN = "more_than"
LESS_THAN = "less_than"
APPROXIMATELY = "approximately"
QUALIFIERS = (EXACT, MORE_THAN, LESS_THAN, APPROXIMATELY)

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)

# The qualifier words the parser reads, and what each means. Writers render from these parts, never
# from the phrase again, so a word added here is written in both editions (tests cover every entry).
PREFIX_QUALIFIERS = {"超过": MORE_THAN, "超": MORE_THAN, "逾": MORE_THAN, "多于": MORE_THAN,
                     "约": APPROXIMATELY, "近": APPROXIMATELY, "大约": APPROXIMATELY,
                     "不足": LESS_THAN, "不到": LESS_THAN}
SUFFIX_QUALIFIERS = {"余": MORE_THAN, "多": MORE_THAN}

_ARABIC = r"\d+(?:\.\d+)?"
_CHINESE = f"[{CHINESE_NUMERAL_CHARS}]+"
_NUMBER_RE = re.compile(
    rf"^(?P<prefix>{'|'.join(sorted(PREFIX_QUALIFIERS, key=len, reverse=True))})?"
    rf"(?P<digits>{_ARABIC})?(?P<chinese>{_CHINESE})?"
    rf"(?P<suffix>{'|'.join(sorted(SUFFIX_QUALIFIERS, key=len, reverse=True))})?(?P<rest>.*)$",
    re.DOTALL,
)
_PER_RE = re.compile(rf"^每(?P<whole>{_ARABIC}|{_CHINESE})\D*?(?P<part>{_ARABIC}|{_CHINESE})\D*$")
_FRACTION_RE = re.compile(rf"^(?P<part>{_ARABIC})/(?P<whole>{_ARABIC})$")
_DATE_RE = re.compile(r"^(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?$")

# How a share was written: ``1/4`` or ``每8个人就有1人``.
FRACTION = "fraction"
PER = "per"


class NumberFormatError(ValueError):
    """A phrase that does not read as a number."""


@dataclass(frozen=True)
class ParsedNumber:
    """A number read from prose.

    value: the exact value in base units; a share is a percentage (25 for 1/4).
    qualifier: one of QUALIFIERS, what the phrase's qualifier words mean.
    is_share: True when the phrase was a percentage or a fraction.
    counter: what follows the number (``家``, ``元``, ``万名`` minus its magnitude).
    prefix, suffix: the qualifier words as written before and after the number (``超``, ``余``), or "".
    numeral: the number as written, magnitude included (``76万``, ``12.08万``, ``百``, ``三``).
    share_form: FRACTION or PER for a share written as parts, else "" (a percentage, or no share).
    part, whole: the two numbers of such a share (1 and 4 for ``1/4``, 1 and 8 for ``每8个人就有1人``).
    """

    value: Decimal
    qualifier: str
    is_share: bool
    counter: str
    prefix: str = ""
    suffix: str = ""
    numeral: str = ""
    share_form: str = ""
    part: Decimal | None = None
    whole: Decimal | None = None

    @property
    def in_chinese_numerals(self) -> bool:
        """True when the number is written in Chinese numerals only (``三``, ``百``), not digits."""
        return bool(self.numeral) and not self.numeral[0].isdigit()


@dataclass(frozen=True)
class ParsedDate:
    """A calendar date or month read from ``2025年9月25日``, ``9月25日`` or ``8月``."""

    year: int | None
    month: int
    day: int | None


def parse_chinese_numeral(text: str) -> Decimal:
    """Read a run of Chinese numerals (``十四``, ``九十九``, ``两千``, ``百亿``) as an integer."""
    if not text or any(ch not in CHINESE_NUMERAL_CHARS for ch in text):
        raise NumberFormatError(f"not a Chinese numeral: {text!r}")
    total = 0  # sum of completed 万/亿 sections
    section = 0  # value below the current big unit
    digit = None
    for ch in text:
        if ch in "零〇":
            continue  # a placeholder between units: 一百零一
        if ch in DIGITS:
            if digit is not None:
                raise NumberFormatError(f"two digits in a row in {text!r}")
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        else:
            section += digit or 0
            digit = None
            if ch == "万":
                total += (section or 1) * BIG_UNITS[ch]
            else:  # 亿 scales everything before it: 一万亿, 五千万亿
                total = ((total + section) or 1) * BIG_UNITS[ch]
            section = 0
    return Decimal(total + section + (digit or 0))


def _read_magnitude(digits: str | None, chinese: str) -> tuple[Decimal, bool]:
    """Combine ``12.08`` + ``万`` (or Chinese numerals alone); also say if it is a bare magnitude."""
    if digits is None:
        value = parse_chinese_numeral(chinese)
        bare_magnitude = chinese[0] in SMALL_UNITS and chinese[0] != "十" or chinese[0] in BIG_UNITS
        return value, bare_magnitude
    value = Decimal(digits)
    if chinese:
        if any(ch not in BIG_UNITS for ch in chinese):
            raise NumberFormatError(f"digits followed by {chinese!r}: only 万 and 亿 may follow digits")
        for ch in chinese:
            value *= BIG_UNITS[ch]
    return value, False


def _read_part(text: str) -> Decimal:
    return Decimal(text) if text[0].isdigit() else parse_chinese_numeral(text)


def parse_number(text: str) -> ParsedNumber:
    """Read one number phrase as written in the source.

    text: the phrase, e.g. ``超过500家``, ``740.38亿元``, ``6万多个``, ``83.5%``, ``1/4``,
    ``每8个人就有1人``, ``百亿``. Whitespace is ignored.
    Raises NumberFormatError when the phrase holds no number.
    """
    phrase = re.sub(r"\s+", "", text)
    if not phrase:
        raise NumberFormatError("empty number phrase")

    fraction, per = _FRACTION_RE.match(phrase), _PER_RE.match(phrase)
    share_match = fraction or per
    if share_match:
        part, whole = _read_part(share_match["part"]), _read_part(share_match["whole"])
        if whole == 0:
            raise NumberFormatError(f"division by zero in {text!r}")
        share = part / whole * 100
        return ParsedNumber(share.normalize(), EXACT, True, "", share_form=FRACTION if fraction else PER,
                            part=part, whole=whole)

    match = _NUMBER_RE.match(phrase)
    if not match or not (match["digits"] or match["chinese"]):
        raise NumberFormatError(f"no number in {text!r}")
    value, bare_magnitude = _read_magnitude(match["digits"], match["chinese"] or "")
    rest = match["rest"]
    if re.search(rf"\d|[{''.join(DIGITS)}]", rest):
        raise NumberFormatError(f"more than one number in {text!r}")

    qualifier = EXACT
    if bare_magnitude:
        qualifier = APPROXIMATELY  # 百亿 names an order of magnitude, not a count
    if match["prefix"]:
        qualifier = PREFIX_QUALIFIERS[match["prefix"]]
    if match["suffix"]:
        qualifier = SUFFIX_QUALIFIERS[match["suffix"]]

    is_share = rest.startswith("%")
    counter = rest[1:] if is_share else rest
    numeral = (match["digits"] or "") + (match["chinese"] or "")
    return ParsedNumber(value.normalize(), qualifier, is_share, counter, match["prefix"] or "",
                        match["suffix"] or "", numeral)


def parse_date(text: str) -> ParsedDate:
    """Read ``2025年9月25日``, ``9月25日`` or ``8月`` (whitespace ignored)."""
    match = _DATE_RE.match(re.sub(r"\s+", "", text))
    if not match:
        raise NumberFormatError(f"not a date: {text!r}")
    year = int(match["year"]) if match["year"] else None
    day = int(match["day"]) if match["day"] else None
    month = int(match["month"])
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        raise NumberFormatError(f"not a calendar date: {text!r}")
    return ParsedDate(year, month, day)


def to_decimal(text: str) -> Decimal:
    """Read a ledger value written in plain digits (``74038000000``, ``83.5``)."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise NumberFormatError(f"not a plain decimal number: {text!r}") from None
    if not value.is_finite():
        raise NumberFormatError(f"not a finite number: {text!r}")
    return value
