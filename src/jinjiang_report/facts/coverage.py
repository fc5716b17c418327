"""Which numerals of a source the ledger accounts for.

A numeral, for this check, is every run of Arabic digits (with a decimal part) and every
run of Chinese numeral characters (零〇一二三四五六七八九十百千万亿两), wherever it
stands: in a quantity (超774家), a date, a name (上海六院, 第二医院), a set phrase (一企一策)
or an ordinary word (一流, 百姓). No judgement decides what "looks like a number": each such
run must be part of a fact's ``as_written`` (where it stands inside that fact's quote) or
inside an exclusion's quote, whose ``kind`` says why it is not a fact. ``unaccounted``
lists the rest; ``excluded_facts`` lists a fact's number that an exclusion also covers (a numeral
is one or the other: a forgotten exclusion would say the chapter leaves out what it shows). An
exclusion whose quote needs a fact's number around its own (第三届 around the year 2025) names
that fact's id in its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Ledger
from .numbers import CHINESE_NUMERAL_CHARS
from .sources import Source, squeeze

NUMERAL_RE = re.compile(rf"\d+(?:\.\d+)?|[{CHINESE_NUMERAL_CHARS}]+")


@dataclass(frozen=True)
class Numeral:
    """A numeral found in the squeezed source: its text, position and a little context."""

    text: str
    start: int
    end: int
    context: str


def find_numerals(source: Source) -> list[Numeral]:
    """Every run of Arabic digits and every run of Chinese numeral characters in the source."""
    text = source.squeezed
    return [Numeral(m.group(), m.start(), m.end(), text[max(0, m.start() - 8):m.end() + 8])
            for m in NUMERAL_RE.finditer(text)]


def fact_spans(ledger: Ledger, source: Source) -> list[tuple[int, int, str]]:
    """Spans of the squeezed source holding a fact's number (as written, within its quote), with the fact's id."""
    spans = []
    for fact in ledger.facts.values():
        if fact.source_id != source.id:
            continue
        offset_in_quote = [m.start() for m in re.finditer(re.escape(fact.as_written), fact.quote)]
        for quote_start, _ in source.spans(fact.quote):
            for offset in offset_in_quote:
                start = quote_start + len(squeeze(fact.quote[:offset]))
                spans.append((start, start + len(squeeze(fact.as_written)), fact.id))
    return spans


def accounted_spans(ledger: Ledger, source: Source) -> list[tuple[int, int]]:
    """Spans of the squeezed source covered by a fact's number or an exclusion's quote."""
    spans = [(start, end) for start, end, _ in fact_spans(ledger, source)]
    for exclusion in ledger.exclusions:
        if exclusion.source_id == source.id:
            spans.extend(source.spans(exclusion.quote))
    return spans


def excluded_facts(ledger: Ledger) -> list[tuple[str, int]]:
    """(fact id, index of the exclusion in exclusions.csv) for each fact's number inside an exclusion's quote."""
    found = []
    for index, exclusion in enumerate(ledger.exclusions):
        source = ledger.sources.get(exclusion.source_id)
        if source is None:
            continue
        facts = fact_spans(ledger, source)
        for excluded_start, excluded_end in source.spans(exclusion.quote):
            found += [(fact_id, index) for start, end, fact_id in facts
                      if start < excluded_end and excluded_start < end and fact_id not in exclusion.reason_en]
    return list(dict.fromkeys(found))


def unaccounted(ledger: Ledger) -> list[Numeral]:
    """Numerals of any source that neither a fact nor an exclusion accounts for."""
    missing = []
    for source in ledger.sources.values():
        spans = accounted_spans(ledger, source)
        missing += [n for n in find_numerals(source)
                    if not any(start <= n.start and n.end <= end for start, end in spans)]
    return missing


def check_coverage(ledger: Ledger) -> None:
    """Raise a DataFileError naming the first exclusion that covers a fact's number, or else the first
    numeral of a source that no fact or exclusion accounts for."""
    from ..errors import DataFileError
    from ..project import display

    for fact_id, index in excluded_facts(ledger):
        raise DataFileError(display(ledger.folder / "exclusions.csv"), index + 2, "quote",
                            f"quote covers {ledger.facts[fact_id].as_written!r}, the number of fact {fact_id}; "
                            "a numeral is a fact or an exclusion, not both: remove this row, cut its quote "
                            "to the numerals that are not facts, or name the fact in reason_en if the quote "
                            "needs it around the excluded numeral")
    missing = unaccounted(ledger)
    if missing:
        first = missing[0]
        raise DataFileError(display(ledger.source.path), 0, "",
                            f"numeral {first.text!r} (…{first.context}…) is neither a fact nor an "
                            f"exclusion; add it to facts.csv or exclusions.csv ({len(missing)} unaccounted)")
