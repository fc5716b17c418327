"""Numbers in Chinese, as the source writes them: ``超774家``, ``39.41亿元``, ``2025年8月``.

A fact keeps the source's qualifier words (超, 超过, 不到, 余, 多 ...), its numeral (Arabic digits,
or Chinese numerals in set forms: 六大, 三届) and a measure word: its unit's word in
``data/vocabulary.yaml``, or, for a unit with none (a plain count), the source's own measure word.
"""

from __future__ import annotations

from decimal import Decimal

from ..facts.model import Fact
from ..facts.numbers import ParsedNumber
from .number_writer import NumberWriter, plain_number


class ChineseNumbers(NumberWriter):
    lang = "zh"

    def number(self, value: Decimal, unit: str, in_sentence: bool = True) -> str:
        before, after = self.vocabulary.unit_words(unit, self.lang)
        scaled, magnitude = value, ""
        if self.vocabulary.value_type(unit) != "share":  # 250万元, but 83.5%
            for power, word in self.vocabulary.magnitudes(self.lang):
                if abs(value) >= power:
                    scaled, magnitude = value / power, word
                    break
        return before + plain_number(scaled, self.decimals).replace(",", "") + magnitude + after

    def share(self, fact: Fact, parsed: ParsedNumber) -> str:
        return fact.as_written  # 1/4, 每8个人就有1人: the source's phrase is the Chinese reader's

    def written(self, fact: Fact, parsed: ParsedNumber, standalone: bool) -> str:
        """The source's number and measure word.

        ``100个海外商会`` -> ``100个``; ``超百个`` stays; ``三届`` is ``第三届``, as the source writes it, so
        a link never covers half a word; a set form is the source's whole phrase (``六大``, ``五大洲``);
        ``三者`` -> ``3个``; ``百亿`` stays in a sentence (百亿 + 级) and is ``百亿级`` in a cell (a size
        class: no 约).
        """
        words = self.vocabulary
        value_type = words.value_type(fact.unit)
        measure_word = self._measure_word(fact.unit, parsed.counter)
        number = parsed.numeral
        if value_type == "ordinal":  # 三届: the third session
            return str(words.number_words("ordinal", self.lang)).format(number=number + measure_word)
        if value_type == "size_class":  # 百亿: an order of magnitude
            return str(words.number_words("size_class", self.lang)).format(written=number) if standalone else number
        if parsed.in_chinese_numerals:
            if measure_word in words.number_words("set_forms", self.lang):
                return fact.as_written  # 六大, 五大洲: the source's set phrase, whole
            if not measure_word:  # 三者: a number with no measure word is written in digits, with 个
                number = plain_number(parsed.value, 0).replace(",", "")
                measure_word = str(words.number_words("default_measure_word", self.lang))
        before, _ = words.unit_words(fact.unit, self.lang)
        return parsed.prefix + before + number + parsed.suffix + measure_word

    def _measure_word(self, unit: str, counter: str) -> str:
        """The unit's Chinese word; for a unit without one, the source's measure word if it is one."""
        _, word = self.vocabulary.unit_words(unit, self.lang)
        if word:
            return word
        known = {*self.vocabulary.number_words("measure_words", self.lang),
                 *(entry[self.lang] for entry in self.vocabulary.units.values() if entry[self.lang])}
        return next((w for w in sorted(known, key=len, reverse=True) if counter.startswith(w)), "")
