"""How a number, a fact or a piece of data text is written on a page, in English or Chinese."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_EVEN, Decimal

from ..facts.numbers import APPROXIMATELY, LESS_THAN, MORE_THAN

LANGUAGES = ("en", "zh")

_QUALIFIER_WORDS = {
    "en": {MORE_THAN: "more than ", LESS_THAN: "less than ", APPROXIMATELY: "about "},
    "zh": {MORE_THAN: "超", LESS_THAN: "不足", APPROXIMATELY: "约"},
}
_UNIT_WORDS = {
    "en": {"persons": " people", "person-visits": " visits", "firms": " firms", "count": "",
           "km": " km", "days": " days", "percent": "%", "CNY": ""},
    "zh": {"persons": "人", "person-visits": "人次", "firms": "家", "count": "", "km": "公里",
           "days": "天", "percent": "%", "CNY": "元"},
}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def anchor(item_id: str) -> str:
    """The MyST label of a fact or derived figure in the Sources appendix."""
    return f"fact-{item_id}"


def html_id(item_id: str) -> str:
    """The HTML id Sphinx gives that label (docutils turns ``_`` into ``-``)."""
    return anchor(item_id).replace("_", "-")


def _plain(value: Decimal, decimals: int) -> str:
    """Digits with thousands separators, rounded to ``decimals`` places, trailing zeros dropped."""
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)
    text = f"{rounded:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_number(value: Decimal, unit: str, lang: str = "en", decimals: int = 2) -> str:
    """A value in base units as a reader expects it: ``CNY 74.038 billion``, ``740.38亿元``."""
    if lang == "zh":
        scaled, magnitude = value, ""
        if unit != "percent" and abs(value) >= Decimal(10) ** 8:
            scaled, magnitude = value / Decimal(10) ** 8, "亿"
        elif unit != "percent" and abs(value) >= Decimal(10) ** 4:
            scaled, magnitude = value / Decimal(10) ** 4, "万"
        return _plain(scaled, decimals).replace(",", "") + magnitude + _UNIT_WORDS["zh"][unit]
    if unit == "CNY":
        for power, word in ((9, " billion"), (6, " million")):
            if abs(value) >= Decimal(10) ** power:
                return f"CNY {_plain(value / Decimal(10) ** power, max(decimals, 3))}{word}"
        return f"CNY {_plain(value, decimals)}"
    return _plain(value, decimals) + _UNIT_WORDS["en"][unit]


def format_date(value: dt.date, precision_day: bool, lang: str = "en") -> str:
    if lang == "zh":
        return f"{value.year}年{value.month}月" + (f"{value.day}日" if precision_day else "")
    month = _MONTHS[value.month - 1]
    return f"{value.day} {month} {value.year}" if precision_day else f"{month} {value.year}"


def format_quantity(value, unit: str, qualifier: str, lang: str = "en", decimals: int = 2) -> str:
    """A value with its qualifier: ``more than 774 firms``, ``超774家``."""
    if unit == "date":
        return format_date(value, True, lang)
    return _QUALIFIER_WORDS[lang].get(qualifier, "") + format_number(value, unit, lang, decimals)


def format_fact(fact, lang: str = "en", decimals: int = 2) -> str:
    """A fact as shown in the text; in Chinese, exactly as the source writes it."""
    if lang == "zh":
        return fact.as_written
    if fact.unit == "date":
        return format_date(fact.value, len(str(fact.period)) == 10 or fact.as_written.endswith("日"), lang)
    return format_quantity(fact.value, fact.unit, fact.qualifier, lang, decimals)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$:=^\"'])")


def md_escape(text: str) -> str:
    """Data text made safe for MyST: markup characters escaped, HTML shown as text."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def ref(text: str, item_id: str) -> str:
    """A MyST cross-reference to a fact's entry in the Sources appendix."""
    safe = md_escape(text).replace("`", "")
    return f"{{ref}}`{safe} <{anchor(item_id)}>`"
