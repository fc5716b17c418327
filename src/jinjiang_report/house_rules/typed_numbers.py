"""Numbers typed into prose: every number a reader sees comes from the ledger through a role.

- Any Arabic digit in prose is a finding: a number belongs in the ledger and reaches the page
  through ``{eval}`key``` (notebooks) or ``{glue}`notebook.ipynb::key``` (book pages).
- A number word (``twelve``, ``a dozen``, ``half``) or a Chinese numeral before a measure word
  (``十四个``, ``两项``) is a finding only when its value is the value of a fact of the ledger:
  ordinary words (``one of``, ``两者``) are left alone.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable

from ..facts.model import Ledger
from ..facts.numbers import CHINESE_NUMERAL_CHARS, NumberFormatError, parse_chinese_numeral
from .documents import Passage
from .findings import Finding
from .prose import prose_lines

_ONES = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
         "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
_TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
NUMBER_WORDS: dict[str, tuple[Decimal, ...]] = {
    **{word: (Decimal(value),) for value, word in enumerate(_ONES, start=2)},
    **{word: (Decimal(value),) for word, value in _TENS.items()},
    "dozen": (Decimal(12),), "hundred": (Decimal(100),), "thousand": (Decimal(1000),),
    "million": (Decimal(10) ** 6,), "billion": (Decimal(10) ** 9,),
    # shares are kept in percent in the ledger (1/4 -> 25), and as fractions elsewhere
    "half": (Decimal(50), Decimal("0.5")), "quarter": (Decimal(25), Decimal("0.25")),
}
MEASURE_WORDS = "个家条份名人套项次届大所座批类位件户元"

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*%?")
_WORD = re.compile(r"[A-Za-z]+")
_CHINESE_COUNT = re.compile(rf"[{CHINESE_NUMERAL_CHARS}]+(?=[{MEASURE_WORDS}])")


def ledger_values(ledger: Ledger) -> set[Decimal]:
    """The values of the ledger's facts (dates left out), normalised so 25 == 25.0."""
    return {fact.value.normalize() for fact in ledger.facts.values() if isinstance(fact.value, Decimal)}


def check_typed_numbers(passages: Iterable[Passage], values: set[Decimal], role_hint: str) -> list[Finding]:
    """Findings for numbers typed into ``passages``.

    values: the ledger's fact values (``ledger_values``). role_hint: how a file of this type shows a
    value (``{eval}`key``` or ``{glue}`notebook.ipynb::key```), for the message.
    """
    findings = []
    for passage in passages:
        for number, line in enumerate(prose_lines(passage.text), start=1):
            for match in _DIGITS.finditer(line):
                findings.append(passage.finding(number, f"number {match.group(0)!r} typed into prose; "
                                                f"give it through {role_hint}"))
            for match in _WORD.finditer(line):
                word = match.group(0).lower()
                if any(value in values for value in NUMBER_WORDS.get(word, ())):
                    findings.append(passage.finding(number, f"number word {match.group(0)!r} is the value of a "
                                                    f"fact; give it through {role_hint}"))
            for match in _CHINESE_COUNT.finditer(line):
                try:
                    value = parse_chinese_numeral(match.group(0))
                except NumberFormatError:
                    continue
                if value.normalize() in values:
                    findings.append(passage.finding(number, f"number {match.group(0)!r} before a measure word is "
                                                    f"the value of a fact; give it through {role_hint}"))
    return findings
