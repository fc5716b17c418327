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

The grammar of the codes lives here; their words, in both languages, are ``periods`` and ``dates``
in ``data/vocabulary.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .vocabulary import Vocabulary

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


def form_of(code: str) -> str:
    """The form of a period code (``year``, ``window``, ...), or PeriodError."""
    for form, pattern in _PATTERNS.items():
        match = pattern.match(code)
        if match:
            for value in match.groupdict().values():
                if value and "-" in value and len(value) == 10:
                    try:
                        dt.date.fromisoformat(value)
                    except ValueError:
                        raise PeriodError(f"{code!r} holds an impossible date") from None
            return form
    raise PeriodError(f"{code!r} is not a period code (see facts/periods.py: 2024, 2025-H1, 2025-08, "
                      "2025-09-25, 2025-09-22/2025-10-08, since-2025, past-year, as-of-2025-07, current, "
                      "page-day, page-day-minus-1, holiday-2025, none)")


def window(start: dt.date, end: dt.date) -> str:
    """The code of the window from ``start`` to ``end``."""
    return f"{start.isoformat()}/{end.isoformat()}"


def words(code: str, lang: str, vocabulary: Vocabulary) -> str:
    """The period in words, as the book writes it: ``in the first half of 2025``, ``2025年上半年``."""
    form = form_of(code)
    match = _PATTERNS[form].match(code)
    assert match is not None
    g = match.groupdict()

    def say(name: str, **fields: object) -> str:
        return str(vocabulary.periods[name][lang]).format(**fields)

    def day(text: str, with_year: bool = True) -> str:
        return vocabulary.date_words(dt.date.fromisoformat(text), lang, "day" if with_year else "day_in_year")

    if form == "half":
        return say("first_half" if g["half"] == "1" else "second_half", year=g["year"])
    if form in ("month", "as_of"):
        month = vocabulary.date_words(dt.date(int(g["year"]), int(g["month"]), 1), lang, "month")
        return say(form, month=month)
    if form == "day":
        return say("day", day=day(g["day"]))
    if form == "window":
        same_year = g["start"][:4] == g["end"][:4]
        year_once_on = vocabulary.periods["window"]["year_once_on"][lang]
        return say("window", start=day(g["start"], not same_year or year_once_on == "start"),
                   end=day(g["end"], not same_year or year_once_on == "end"))
    if form == "page_day":
        days = int(g["days_before"] or 0)
        return say(("page_day", "day_before_page")[days] if days < 2 else "days_before_page", days=days)
    return say(form, year=g.get("year"))
