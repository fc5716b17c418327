"""How a number, a fact, a period or a claim kind is written on a page, in English or in Chinese.

English follows the house style (``more than 774 firms``, ``CNY 3.941 billion``); Chinese
follows the source (``超774家``, ``39.41亿元``, ``2025年8月``), keeping its own qualifier words
(超, 超过, 不到, 余, 多, 约) and measure words, and Arabic digits except in set forms (六大, 第三届).
Numbers are written by one writer per language (``present_en``, ``present_zh``) with the words
and punctuation of ``data/vocabulary.yaml``, and so are dates, periods and the English ordinal
suffixes (3rd).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from ..facts import periods
from ..facts.model import Derived, Fact
from ..facts.vocabulary import Vocabulary
from .number_writer import NumberWriter, plain_number
from .present_en import EnglishNumbers
from .present_zh import ChineseNumbers

__all__ = ["LANGUAGES", "Writer", "md_escape", "plain_number"]

_NUMBER_WRITERS: dict[str, type[NumberWriter]] = {"en": EnglishNumbers, "zh": ChineseNumbers}
LANGUAGES = tuple(_NUMBER_WRITERS)


class Writer:
    """Writes values and vocabulary words in one language.

    lang: ``en`` or ``zh``. vocabulary: the ledger's vocabulary (unit, number and claim words).
    decimals: decimal places of amounts and shares that are not whole. Numbers are written by
    the language's own writer (``present_en``, ``present_zh``).
    """

    def __init__(self, lang: str, vocabulary: Vocabulary, decimals: int = 2):
        if lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
        self.lang, self.vocabulary, self.decimals = lang, vocabulary, decimals
        self.numbers = _NUMBER_WRITERS[lang](vocabulary, decimals)

    # --- numbers ---------------------------------------------------------------------
    def quantity(self, value: Decimal, unit: str, qualifier: str) -> str:
        """A computed value with its qualifier: ``more than 774 firms``, ``约509万元``."""
        return self.numbers.quantity(value, unit, qualifier)

    def number(self, value: Decimal, unit: str) -> str:
        """A value in base units as a reader expects it: ``CNY 74.038 billion``, ``740.38亿元``."""
        return self.numbers.number(value, unit)

    def fact(self, fact: Fact, standalone: bool = False) -> str:
        """A fact as the text shows it.

        standalone: for a table cell rather than a sentence. In Chinese a sentence keeps the
        source's set forms, which lean on the next word (六大 + 特色产业带, 第 + 三届); a cell
        shows the number on its own (第三届; 六大 stays as written).
        """
        return self.numbers.fact(fact, standalone)

    def derived(self, item: Derived) -> str:
        return self.numbers.derived(item)

    # --- words -----------------------------------------------------------------------
    def claim(self, kind: str) -> str:
        return self.vocabulary.words("claims", kind, self.lang)

    def period(self, code: str) -> str:
        return periods.words(code, self.lang, self.vocabulary)

    def date(self, value: dt.date, with_day: bool = True) -> str:
        return self.numbers.date(value, with_day)

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
        return self._punctuation("colon")

    def semicolon(self) -> str:
        return self._punctuation("semicolon")

    def parenthesis(self, text: str) -> str:
        return self._punctuation("parenthesis").format(text)

    def join(self, items: list[str]) -> str:
        """Names side by side: ``a, b, c``; ``甲、乙、丙``."""
        return self._punctuation("side_by_side").join(items)

    def list(self, items: list[str]) -> str:
        """Items joined as a reader of the language expects: ``a, b and c``; ``甲、乙、丙``."""
        if len(items) < 2:
            return "".join(items)
        return self._punctuation("list_between").join(items[:-1]) + self._punctuation("list_last") + items[-1]

    def _punctuation(self, name: str) -> str:
        return self.vocabulary.words("punctuation", name, self.lang)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$:=^\"'])")


def md_escape(text: str) -> str:
    """Data text made safe for MyST: markup characters escaped, HTML shown as text."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", " ")
