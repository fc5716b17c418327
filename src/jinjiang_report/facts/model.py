"""What the ledger holds once verified: facts, derived figures, exclusions, entities and sources.

Plain values only (no pandas): the verified ledger can be written as JSON and read back by
a notebook's kernel without checking it again (see ``snapshot``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .derive import Quantity
from .sources import Source
from .vocabulary import Vocabulary

CONTEXT_PREFIX = "ctx_"


@dataclass(frozen=True)
class Fact:
    """One row of the ledger, its value read into a number (or a date)."""

    id: str
    theme: str
    metric_en: str
    metric_zh: str
    scope_en: str
    scope_zh: str
    value: Decimal | dt.date
    unit: str
    qualifier: str
    claim: str
    period: str
    source_id: str
    as_written: str
    quote: str

    @property
    def quantity(self) -> Quantity:
        if isinstance(self.value, dt.date):
            raise TypeError(f"fact {self.id!r} is a date, not a quantity")
        return Quantity(self.value, self.qualifier)


@dataclass(frozen=True)
class Derived:
    """A derived figure: a formula over facts, the fact ids it reads and its computed quantity."""

    id: str
    theme: str
    metric_en: str
    metric_zh: str
    formula: str
    unit: str
    question_en: str
    question_zh: str
    note_en: str
    note_zh: str
    inputs: tuple[str, ...]
    value: Decimal
    qualifier: str


@dataclass(frozen=True)
class Exclusion:
    """A numeral of a source that is deliberately not a fact, with the reason."""

    source_id: str
    quote: str
    category: str
    reason_en: str
    reason_zh: str


@dataclass(frozen=True)
class Assessment:
    """The report's reading of one fact: where it sits, how it could be checked, what it lacks."""

    fact_id: str
    stage: str
    checkable: str
    lacks: tuple[str, ...]
    question_en: str
    question_zh: str


@dataclass(frozen=True)
class ContextEntry:
    """One statement from outside the page, in both languages, with what it rests on.

    file: the register file it is written in, as shown to the user (``data/context/export.yaml``).
    """

    id: str
    en: str
    zh: str
    basis_en: str
    basis_zh: str
    file: str
    page_en: str = ""  # the page's own words the statement explains, shown before it and not marked
    page_zh: str = ""
    brief_en: str = ""  # a short form of the statement, for a summary (the introduction's findings)
    brief_zh: str = ""
    title_en: str = ""  # the entry's name in the Sources appendix: 规上工业企业标准
    title_zh: str = ""

    @property
    def key(self) -> str:
        """The name a chapter publishes it under, for ``{eval}`ctx_<id>```."""
        return CONTEXT_PREFIX + self.id

    def statement(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def title(self, lang: str) -> str:
        """Its name in the Sources appendix (required of every entry by ``facts/context.py``)."""
        return self.title_zh if lang == "zh" else self.title_en

    def basis(self, lang: str) -> str:
        return self.basis_zh if lang == "zh" else self.basis_en

    def page_words(self, lang: str) -> str:
        return self.page_zh if lang == "zh" else self.page_en

    @property
    def brief_key(self) -> str | None:
        """The name of the short form, ``ctx_<id>_brief`` (None: the entry has none)."""
        return f"{self.key}_brief" if self.brief_en else None

    def brief(self, lang: str) -> str:
        return self.brief_zh if lang == "zh" else self.brief_en


@dataclass
class Ledger:
    """Everything the chapters may cite, verified against the sources.

    folder: where the ledger's files were read from. records: the rows of each CSV as read
    (file name -> list of column -> text), kept so a run's cache key can cover one theme's rows.
    """

    folder: Path
    facts: dict[str, Fact]
    derived: dict[str, Derived]
    exclusions: list[Exclusion]
    entities: dict[str, dict[str, Any]]
    sources: dict[str, Source]
    assessments: dict[str, Assessment]
    vocabulary: Vocabulary
    records: dict[str, list[dict[str, str]]] = field(default_factory=dict, repr=False)
    entity_texts: dict[str, str] = field(default_factory=dict, repr=False)
    context: dict[str, ContextEntry] = field(default_factory=dict)
    context_texts: dict[str, str] = field(default_factory=dict, repr=False)

    def fact(self, fact_id: str) -> Fact:
        try:
            return self.facts[fact_id]
        except KeyError:
            raise KeyError(f"no fact {fact_id!r} in the ledger") from None

    def derived_figure(self, derived_id: str) -> Derived:
        try:
            return self.derived[derived_id]
        except KeyError:
            raise KeyError(f"no derived figure {derived_id!r} in {self.folder / 'derived.csv'}") from None

    @property
    def source(self) -> Source:
        """The single source of this ledger."""
        return next(iter(self.sources.values()))

    def theme_inputs(self, theme: str) -> bytes:
        """What a theme's notebook reads, as bytes for a cache key: its rows of the ledger's CSV
        files, its entities file, the vocabulary and the source texts."""
        facts = {fact.id for fact in self.facts.values() if fact.theme == theme}
        parts: dict[str, Any] = {
            "facts": [row for row in self.records.get("facts.csv", []) if row["theme"] == theme],
            "derived": [row for row in self.records.get("derived.csv", []) if row["theme"] == theme],
            "assessments": [row for row in self.records.get("assessments.csv", []) if row["fact_id"] in facts],
            "vocabulary": repr(self.vocabulary),
            "entities": self.entity_texts.get(theme, ""),
            "context": self.context_texts,  # every chapter publishes every entry
            "sources": {s.id: [hashlib.sha256(s.text.encode()).hexdigest(), s.metadata]
                        for s in self.sources.values()},
        }
        return json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()
