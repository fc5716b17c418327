"""What writing a number has in common in every language: rounding, dates, and which part of a phrase to write.

A fact is written from the parts the parser read from its ``as_written`` (``facts/numbers.py``:
qualifier words, numeral, measure word, the two numbers of a share), never from the phrase again;
each language's writer (``present_en``, ``present_zh``) says those parts with the words of
``data/vocabulary.yaml``.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal

from ..facts.model import Derived, Fact
from ..facts.numbers import APPROXIMATELY, ParsedNumber, parse_date, parse_number
from ..facts.vocabulary import Vocabulary


def plain_number(value: Decimal, decimals: int) -> str:
    """Digits with thousands separators, rounded to ``decimals`` places, trailing zeros dropped."""
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)
    text = f"{rounded:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def significant(value: Decimal, digits: int) -> Decimal:
    """``value`` rounded to ``digits`` significant digits: 5092000 -> 5100000."""
    exponent = value.adjusted() - digits + 1
    return value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_EVEN)


class NumberWriter:
    """Writes values in one language (``lang``); subclasses supply ``number``, ``written`` and ``share``.

    vocabulary: the ledger's vocabulary (unit and number words). decimals: decimal places of
    amounts and shares that are not whole.
    """

    lang = ""

    def __init__(self, vocabulary: Vocabulary, decimals: int = 2):
        self.vocabulary, self.decimals = vocabulary, decimals

    def quantity(self, value: Decimal, unit: str, qualifier: str) -> str:
        """A computed value with its qualifier: ``more than 774 firms``, ``约509万元``.

        A count is never shown with a fraction: it is rounded, and marked ``about`` when
        rounding changed it; an approximate value is shown to two significant digits.
        """
        if self.vocabulary.value_type(unit) == "count" and value != value.to_integral_value():
            value = value.to_integral_value(rounding=ROUND_HALF_EVEN)
            qualifier = APPROXIMATELY
        elif qualifier == APPROXIMATELY and value:
            value = significant(value, 2)  # an order of magnitude is not shown to four digits
        return self.qualified(value, unit, qualifier)

    def qualified(self, value: Decimal, unit: str, qualifier: str, in_sentence: bool = True) -> str:
        """``value`` as it stands, after the words of its qualifier."""
        value_type = self.vocabulary.value_type(unit)
        words = self.vocabulary.qualifier_words(qualifier, self.lang, value_type)
        return words + self.number(value, unit, in_sentence)

    def derived(self, item: Derived) -> str:
        return self.quantity(item.value, item.unit, item.qualifier)

    def fact(self, fact: Fact, standalone: bool = False) -> str:
        """A fact as the text shows it; standalone: for a table cell rather than a sentence."""
        if isinstance(fact.value, dt.date):
            with_day = len(fact.period) == 10 or parse_date(fact.as_written).day is not None
            return self.date(fact.value, with_day)
        parsed = parse_number(fact.as_written)
        if parsed.share_form:
            return self.share(fact, parsed)
        return self.written(fact, parsed, standalone)

    def date(self, value: dt.date, with_day: bool = True) -> str:
        """``25 September 2025``, ``2025年9月``: as ``dates`` in the vocabulary writes a day or a month."""
        return self.vocabulary.date_words(value, self.lang, "day" if with_day else "month")

    def number(self, value: Decimal, unit: str, in_sentence: bool = True) -> str:
        """A value in base units as a reader expects it: ``CNY 74.038 billion``, ``740.38亿元``.

        in_sentence: in running text rather than a table cell; a language may write a small
        count differently there (English: ``three hospitals``, but 3 in a cell).
        """
        raise NotImplementedError

    def written(self, fact: Fact, parsed: ParsedNumber, standalone: bool) -> str:
        """A fact that is a number (not a date, not a share written as parts)."""
        raise NotImplementedError

    def share(self, fact: Fact, parsed: ParsedNumber) -> str:
        """A share written as parts: ``1/4``, ``每8个人就有1人``."""
        raise NotImplementedError
