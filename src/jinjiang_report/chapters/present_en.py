"""Numbers in English, in the house style: ``more than 774 firms``, ``CNY 3.941 billion``, ``a quarter``."""

from __future__ import annotations

from decimal import Decimal

from ..facts.model import Fact
from ..facts.numbers import FRACTION, ParsedNumber
from .number_writer import NumberWriter, plain_number


class EnglishNumbers(NumberWriter):
    lang = "en"

    def ordinal(self, number: int) -> str:
        """``3`` -> ``3rd``, with the vocabulary's suffixes."""
        return f"{number}{self.vocabulary.ordinal_suffix(number, self.lang)}"

    def small(self, number: Decimal, words: str) -> str | None:
        """A whole number from one to nine in words (``small_counts`` or ``small_ordinals``), else None."""
        if number != number.to_integral_value() or not 1 <= number <= 9:
            return None
        return str(self.vocabulary.number_words(words, self.lang)[int(number)])

    def number(self, value: Decimal, unit: str, in_sentence: bool = True) -> str:
        """As the base class; in a sentence a whole count from one to nine is a word: ``three hospitals``."""
        before, after = self.vocabulary.unit_words(unit, self.lang)
        spelled = self.small(value, "small_counts") if in_sentence else None
        if spelled and self.vocabulary.value_type(unit) == "count":
            return before + spelled + after
        if self.vocabulary.value_type(unit) == "money":  # amounts of money scale: CNY 74.038 billion
            for power, word in self.vocabulary.magnitudes(self.lang):
                if abs(value) >= power:
                    return f"{before}{plain_number(value / power, max(self.decimals, 3))}{word}{after}"
        return before + plain_number(value, self.decimals) + after

    def written(self, fact: Fact, parsed: ParsedNumber, standalone: bool) -> str:
        value_type = self.vocabulary.value_type(fact.unit)
        if value_type == "ordinal":  # a session: the third conference (a table: 3rd)
            spelled = None if standalone else self.small(parsed.value, "small_ordinals")
            return spelled or self.ordinal(int(parsed.value))
        if value_type == "size_class":  # not an amount: 百亿产业 is an industry of that class
            return str(self.vocabulary.number_words("size_class", self.lang)).format(
                written=parsed.numeral, magnitude=self.vocabulary.size_class_words(int(parsed.value), self.lang))
        return self.qualified(parsed.value, fact.unit, parsed.qualifier, in_sentence=not standalone)

    def share(self, fact: Fact, parsed: ParsedNumber) -> str:
        """``1/4`` -> ``a quarter``; ``每8个人就有1人`` -> ``one in every eight``."""
        assert parsed.part is not None and parsed.whole is not None
        part, whole = plain_number(parsed.part, self.decimals), plain_number(parsed.whole, self.decimals)
        if parsed.share_form == FRACTION:
            return str(self.vocabulary.number_words("fractions", self.lang).get(f"{part}/{whole}", f"{part}/{whole}"))
        part = self.small(parsed.part, "small_counts") or part  # one in every eight
        whole = self.small(parsed.whole, "small_counts") or whole
        return str(self.vocabulary.number_words("per", self.lang)).format(part=part, whole=whole)
