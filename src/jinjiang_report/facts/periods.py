"""Periods: when a fact holds, coded in the ledger and written in words.

Codes (the page's own phrase in brackets):

- ``2024``: a calendar year (``2024年``, ``去年``)
- ``2025-H1``: the first half of a year (``上半年``)
- ``2025-08``: a month; ``2025-09-25``: a day
- ``2025-09-22/2025-10-08``: a window between two days, both included
- ``since-2025``: from the start of a year to the page's date (``今年以来``)
- ``past-year``: the year between the October 2024 visit and the page (``一年来``)
- ``as-of-2025-07``: a count at the end of a month (``截至今年7月``)
- ``current``: a count at the page's date (``目前``)
- ``page-day``: the page's own day (``今天``, ``今日``); ``page-day-minus-1``: the day before it
  (``昨天``, ``昨日``), ``page-day-minus-2`` two days before (``前天``), and so on: days said
  relative to a page that does not print its date
- ``holiday-2025``: the National Day and Mid-Autumn holiday of that year (``双节``, ``国庆中秋假期``)
- ``none``: the page gives no date
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")

_PATTERNS = {
    "year": re.compile(r"^(?P<year>\d{4})$"),
    "half": re.compile(r"^(?P<year>\d{4})-H(?P<half>[12])$"),
    "month": re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$"),
    "day": re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2})$"),
    "window": re.compile(r"^(?P<start>\d{4}-\d{2}-\d{2})/(?P<end>\d{4}-\d{2}-\d{2})$"),
    "since": re.compile(r"^since-(?P<year>\d{4})$"),
    "past_year": re.compile(r"^past-year$"),
    "as_of": re.compile(r"^as-of-(?P<year>\d{4})-(?P<month>\d{2})$"),
    "current": re.compile(r"^current$"),
    "page_day": re.compile(r"^page-day(?:-minus-(?P<days_before>[1-9]\d*))?$"),
    "holiday": re.compile(r"^holiday-(?P<year>\d{4})$"),
    "none": re.compile(r"^none$"),
}
GIVEN_BY_PAGE = ("year", "half", "month", "day", "window", "since", "past_year", "as_of", "holiday", "page_day")


class PeriodError(ValueError):
    """A period code outside the list in this module's docstring."""


def kind_of(code: str) -> str:
    """The kind of a period code (``year``, ``window``, ...), or PeriodError."""
    for kind, pattern in _PATTERNS.items():
        match = pattern.match(code)
        if match:
            for value in match.groupdict().values():
                if value and "-" in value and len(value) == 10:
                    try:
                        dt.date.fromisoformat(value)
                    except ValueError:
                        raise PeriodError(f"{code!r} holds an impossible date") from None
            return kind
    raise PeriodError(f"{code!r} is not a period code (see facts/periods.py: 2024, 2025-H1, 2025-08, "
                      "2025-09-25, 2025-09-22/2025-10-08, since-2025, past-year, as-of-2025-07, current, "
                      "page-day, page-day-minus-1, holiday-2025, none)")


def window(start: dt.date, end: dt.date) -> str:
    """The code of the window from ``start`` to ``end``."""
    return f"{start.isoformat()}/{end.isoformat()}"


def _day(text: str, lang: str, with_year: bool = True) -> str:
    day = dt.date.fromisoformat(text)
    if lang == "zh":
        return (f"{day.year}年" if with_year else "") + f"{day.month}月{day.day}日"
    return f"{day.day} {_MONTHS[day.month - 1]}" + (f" {day.year}" if with_year else "")


def words(code: str, lang: str) -> str:
    """The period in words, as the book writes it: ``in the first half of 2025``, ``2025年上半年``."""
    kind = kind_of(code)
    match = _PATTERNS[kind].match(code)
    assert match is not None
    g = match.groupdict()
    zh = lang == "zh"
    if kind == "year":
        return f"{g['year']}年" if zh else f"in {g['year']}"
    if kind == "half":
        half_zh, half_en = ("上半年", "first") if g["half"] == "1" else ("下半年", "second")
        return f"{g['year']}年{half_zh}" if zh else f"in the {half_en} half of {g['year']}"
    if kind == "month":
        month = int(g["month"])
        return f"{g['year']}年{month}月" if zh else f"in {_MONTHS[month - 1]} {g['year']}"
    if kind == "day":
        return _day(g["day"], lang) if zh else f"on {_day(g['day'], lang)}"
    if kind == "window":
        start, end = dt.date.fromisoformat(g["start"]), dt.date.fromisoformat(g["end"])
        same_year = start.year == end.year
        if zh:
            return f"{_day(g['start'], lang)}至{_day(g['end'], lang, not same_year)}"
        return f"from {_day(g['start'], lang, not same_year)} to {_day(g['end'], lang)}"
    if kind == "since":
        return f"{g['year']}年以来" if zh else f"since the start of {g['year']}"
    if kind == "past_year":
        return "2024年10月以来的一年间" if zh else "in the year since October 2024"
    if kind == "as_of":
        month = int(g["month"])
        return f"截至{g['year']}年{month}月" if zh else f"as of {_MONTHS[month - 1]} {g['year']}"
    if kind == "current":
        return "目前（见报时）" if zh else "at the time of the page"
    if kind == "page_day":
        return _page_day(int(g["days_before"] or 0), zh)
    if kind == "holiday":
        return f"{g['year']}年国庆中秋假期" if zh else f"in the {g['year']} National Day and Mid-Autumn holiday"
    return "未注明时间" if zh else "no date given"


def _page_day(days_before: int, zh: bool) -> str:
    if days_before == 0:
        return "见报当天" if zh else "on the day of the page"
    if days_before == 1:
        return "见报前一天（昨日）" if zh else "on the day before the page (\u201cyesterday\u201d)"
    return f"见报前{days_before}天" if zh else f"{days_before} days before the page"
