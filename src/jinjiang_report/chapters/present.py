"""How a number, a fact, a period or a claim kind is written on a page, in English or in Chinese.

English follows the house style (``more than 774 firms``, ``CNY 3.941 billion``); Chinese
follows the source (``超774家``, ``39.41亿元``, ``2025年8月``), keeping its own qualifier words
(超, 超过, 余, 多, 约) and measure words, and Arabic digits except in set forms (六大, 第三届).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_EVEN, Decimal

from ..facts import periods
from ..facts.model import Derived, Fact
from ..facts.numbers import APPROXIMATELY, CHINESE_NUMERAL_CHARS, LESS_THAN, MORE_THAN, parse_number
from ..facts.vocabulary import SIZE_CLASSES, Vocabulary

LANGUAGES = ("en", "zh")

_QUALIFIER_WORDS = {
    "en": {MORE_THAN: "more than ", LESS_THAN: "less than ", APPROXIMATELY: "about "},
    "zh": {MORE_THAN: "超", LESS_THAN: "不足", APPROXIMATELY: "约"},
}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_FRACTION_WORDS = {(1, 2): "half", (1, 3): "a third", (1, 4): "a quarter", (3, 4): "three quarters"}
# Measure words kept after a number in Chinese (and 大, 届 of the source's set forms 六大, 三届).
_MEASURE_WORDS = ("%", "人次", "公里", "亿元", "万元", "元", "个", "家", "条", "份", "套", "名", "人", "项", "座", "所",
                  "批", "大", "届")


def plain_number(value: Decimal, decimals: int) -> str:
    """Digits with thousands separators, rounded to ``decimals`` places, trailing zeros dropped."""
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)
    text = f"{rounded:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _significant(value: Decimal, digits: int) -> Decimal:
    """``value`` rounded to ``digits`` significant digits: 5092000 -> 5100000."""
    exponent = value.adjusted() - digits + 1
    return value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_EVEN)


def ordinal(number: int) -> str:
    """``3`` -> ``3rd``."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def magnitude_words(value: int) -> str:
    """``10**10`` -> ``ten-billion``: a size class in English (the ledger admits no other value)."""
    return SIZE_CLASSES[value]


def date_words(value: dt.date, with_day: bool, lang: str) -> str:
    if lang == "zh":
        return f"{value.year}年{value.month}月" + (f"{value.day}日" if with_day else "")
    month = _MONTHS[value.month - 1]
    return f"{value.day} {month} {value.year}" if with_day else f"{month} {value.year}"


class Writer:
    """Writes values and vocabulary words in one language.

    lang: ``en`` or ``zh``. vocabulary: the ledger's vocabulary (unit and claim words).
    decimals: decimal places of amounts and shares that are not whole.
    """

    def __init__(self, lang: str, vocabulary: Vocabulary, decimals: int = 2):
        if lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
        self.lang, self.vocabulary, self.decimals = lang, vocabulary, decimals

    # --- numbers ---------------------------------------------------------------------
    def quantity(self, value: Decimal, unit: str, qualifier: str) -> str:
        """A computed value with its qualifier: ``more than 774 firms``, ``约509万元``.

        A count is never shown with a fraction: it is rounded, and marked ``about`` when
        rounding changed it.
        """
        if self.vocabulary.unit_kind(unit) == "count" and value != value.to_integral_value():
            value = value.to_integral_value(rounding=ROUND_HALF_EVEN)
            qualifier = APPROXIMATELY
        elif qualifier == APPROXIMATELY and value:
            value = _significant(value, 2)  # an order of magnitude is not shown to four digits
        return _QUALIFIER_WORDS[self.lang].get(qualifier, "") + self.number(value, unit)

    def number(self, value: Decimal, unit: str) -> str:
        """A value in base units as a reader expects it: ``CNY 74.038 billion``, ``740.38亿元``."""
        words = self.vocabulary.units[unit][self.lang]
        if self.lang == "zh":
            scaled, magnitude = value, ""
            if unit != "percent" and abs(value) >= Decimal(10) ** 8:
                scaled, magnitude = value / Decimal(10) ** 8, "亿"
            elif unit != "percent" and abs(value) >= Decimal(10) ** 4:
                scaled, magnitude = value / Decimal(10) ** 4, "万"
            return plain_number(scaled, self.decimals).replace(",", "") + magnitude + words
        if unit == "CNY":
            for power, word in ((9, " billion"), (6, " million")):
                if abs(value) >= Decimal(10) ** power:
                    return f"CNY {plain_number(value / Decimal(10) ** power, max(self.decimals, 3))}{word}"
            return f"CNY {plain_number(value, self.decimals)}"
        return plain_number(value, self.decimals) + words

    def fact(self, fact: Fact, standalone: bool = False) -> str:
        """A fact as the text shows it.

        standalone: for a table cell rather than a sentence. In Chinese a sentence keeps the
        source's set forms, which lean on the next word (六大 + 特色产业带, 第 + 三届); a cell
        shows the number on its own (第三届; 六大 stays as written).
        """
        if isinstance(fact.value, dt.date):
            return date_words(fact.value, len(fact.period) == 10 or fact.as_written.endswith("日"), self.lang)
        share_phrase = "/" in fact.as_written or fact.as_written.startswith("每")
        if share_phrase:
            return fact.as_written if self.lang == "zh" else self._share_words(fact.as_written)
        if self.lang == "zh":
            return self._as_chinese_reader_expects(fact, standalone)
        kind = self.vocabulary.unit_kind(fact.unit)
        if kind == "ordinal":  # an edition: the 3rd conference
            return ordinal(int(fact.value))
        if kind == "size_class":  # not an amount: 百亿产业 is an industry of that class
            return f"of the {fact.as_written} ({magnitude_words(int(fact.value))}) size class"
        return self.quantity(fact.value, fact.unit, fact.qualifier)

    def derived(self, item: Derived) -> str:
        return self.quantity(item.value, item.unit, item.qualifier)

    def _share_words(self, as_written: str) -> str:
        """``1/4`` -> ``a quarter``; ``每8个人就有1人`` -> ``1 in every 8``."""
        numbers = [int(n) for n in re.findall(r"\d+", as_written)]
        if "/" in as_written:
            part, whole = numbers
            return _FRACTION_WORDS.get((part, whole), f"{part}/{whole}")
        whole, part = numbers
        return f"{part} in every {whole}"

    def _as_chinese_reader_expects(self, fact: Fact, standalone: bool) -> str:
        """The source's own phrase, trimmed to the number and its measure word.

        ``100个海外商会`` -> ``100个``; ``超百个`` stays; ``三届`` stays (第三届 in a cell); ``六大``
        stays as written in a sentence (六大 + 特色产业带) and in a cell; ``三者`` -> ``3个``;
        ``百亿`` stays in a sentence (百亿 + 级) and is ``百亿级`` in a cell (a size class: no 约, and
        the source names no unit).
        """
        written = re.sub(r"\s+", "", fact.as_written)
        match = re.match(rf"^(?P<prefix>超过|超|逾|约|近|不足)?(?P<digits>\d+(?:\.\d+)?)?"
                         rf"(?P<chinese>[{CHINESE_NUMERAL_CHARS}]+)?(?P<suffix>[余多])?(?P<rest>.*)$", written)
        assert match is not None
        counter = next((w for w in _MEASURE_WORDS if match["rest"].startswith(w)), "")
        number = (match["digits"] or "") + (match["chinese"] or "")
        if not match["digits"]:  # Chinese numerals, as the source wrote them
            kind = self.vocabulary.unit_kind(fact.unit)
            if kind == "ordinal":  # 三届: the third edition
                return f"第{number}{counter}" if standalone else number + counter
            if kind == "size_class":  # 百亿: an order of magnitude
                return f"{number}级" if standalone else number
            if counter == "大" and standalone:  # 六大, 五大洲: the source's set phrase reads right on its own
                return fact.as_written
            if counter not in _MEASURE_WORDS:
                number, counter = plain_number(parse_number(number).value, 0).replace(",", ""), "个"
        return (match["prefix"] or "") + number + (match["suffix"] or "") + counter

    # --- words -----------------------------------------------------------------------
    def claim(self, kind: str) -> str:
        return self.vocabulary.words("claims", kind, self.lang)

    def period(self, code: str) -> str:
        return periods.words(code, self.lang)

    def stage(self, stage: str) -> str:
        return self.vocabulary.words("stages", stage, self.lang)

    def checkable(self, level: str) -> str:
        return self.vocabulary.words("checkable", level, self.lang)

    def lack(self, gap: str) -> str:
        return self.vocabulary.words("lacks", gap, self.lang)

    def explain(self, section: str, value: str) -> str:
        return self.vocabulary.explain(section, value, self.lang)

    def label(self, en: str, zh: str) -> str:
        return zh if self.lang == "zh" else en

    def colon(self) -> str:
        return "：" if self.lang == "zh" else ": "

    def semicolon(self) -> str:
        return "；" if self.lang == "zh" else "; "

    def parenthesis(self, text: str) -> str:
        return f"（{text}）" if self.lang == "zh" else f" ({text})"

    def join(self, items: list[str]) -> str:
        """Names side by side: ``a, b, c``; ``甲、乙、丙``."""
        return ("、" if self.lang == "zh" else ", ").join(items)

    def list(self, items: list[str]) -> str:
        """Items joined as a reader of the language expects: ``a, b and c``; ``甲、乙和丙``."""
        if self.lang == "zh":
            return "、".join(items)
        if len(items) < 3:
            return " and ".join(items)
        return ", ".join(items[:-1]) + " and " + items[-1]


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$:=^\"'])")


def md_escape(text: str) -> str:
    """Data text made safe for MyST: markup characters escaped, HTML shown as text."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", " ")
