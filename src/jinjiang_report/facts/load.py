"""Loading the ledger: every file beside ``facts.csv`` read, checked against the sources, in one pass.

Files, all beside the facts CSV (``data/facts.csv`` by default):

- ``facts.csv``: one row per quantitative claim of a source.
- ``derived.csv``: figures the chapters compute, each a formula over fact ids.
- ``exclusions.csv``: numerals of the source that are deliberately not facts, with the reason.
- ``entities/<theme>.yaml``: named things (projects, partners, hospitals ...), each with a quote.
- ``assessments.csv``: the report's reading of each fact (stage, how checkable, gaps, question).
- ``vocabulary.yaml``: the closed sets of units, claim kinds, stages ... and their words.
- ``sources/sources.yaml``: the source texts and their metadata.
- ``context/*.yaml``: the register of outside context (statements not on the page, with their basis).

Any problem is a DataFileError naming file, line and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..errors import DataFileError
from ..project import display
from . import schema
from .context import load_context
from .model import Assessment, Derived, Exclusion, Fact, Ledger
from .sources import load_sources
from .verify import derived_from_row, fact_from_row, load_entities
from .vocabulary import Vocabulary, load_vocabulary


def load_ledger(ledger: Path, themes: Iterable[str], source: Path | None = None) -> Ledger:
    """Load and verify the ledger and everything beside it.

    ledger: the facts CSV; derived figures, exclusions, entities and sources are read from
    its folder. themes: the theme names a row may name. source: a source text to check
    quotes against instead of the one named in ``sources/sources.yaml``.
    Raises DataFileError on the first problem found.
    """
    themes = tuple(themes)
    folder = ledger.parent
    sources = load_sources(folder / "sources" / "sources.yaml", source)
    vocabulary = load_vocabulary(folder / "vocabulary.yaml")

    shown = display(ledger)
    fact_rows = schema.read_csv(ledger, shown, schema.FACT_COLUMNS, schema.fact_schema(themes, vocabulary))
    facts: dict[str, Fact] = {}
    for index, row in enumerate(fact_rows):
        facts[row["id"]] = fact_from_row(row, index + 2, shown, sources, vocabulary.value_type(row["unit"]))

    derived_path = folder / "derived.csv"
    derived_shown = display(derived_path)
    derived_rows = schema.read_csv(derived_path, derived_shown, schema.DERIVED_COLUMNS,
                                   schema.derived_schema(themes, vocabulary))
    derived: dict[str, Derived] = {}
    for index, row in enumerate(derived_rows):
        derived[row["id"]] = derived_from_row(row, index + 2, derived_shown, facts)
    clash = sorted(set(derived) & set(facts))
    if clash:
        raise DataFileError(derived_shown, 0, "id", f"{clash[0]!r} is also a fact id")

    exclusions_path = folder / "exclusions.csv"
    exclusion_rows = schema.read_csv(exclusions_path, display(exclusions_path), schema.EXCLUSION_COLUMNS,
                                     schema.EXCLUSION_SCHEMA)
    exclusions = []
    for index, row in enumerate(exclusion_rows):
        source_text = sources.get(row["source_id"])
        if source_text is None or not source_text.contains(row["quote"]):
            raise DataFileError(display(exclusions_path), index + 2, "quote",
                                "quote not found in the source (whitespace ignored); copy it verbatim")
        exclusions.append(Exclusion(**row))

    assessment_rows, assessments = _load_assessments(folder / "assessments.csv", facts, vocabulary)
    entities, entity_texts = load_entities(folder, themes, sources, set(facts))
    context, context_texts = load_context(folder / "context", sources)
    records = {"facts.csv": fact_rows, "derived.csv": derived_rows, "assessments.csv": assessment_rows}
    return Ledger(folder, facts, derived, exclusions, entities, sources, assessments, vocabulary,
                  records, entity_texts, context, context_texts)


def _load_assessments(path: Path, facts: dict[str, Fact], vocabulary: Vocabulary
                      ) -> tuple[list[dict[str, str]], dict[str, Assessment]]:
    """One assessment per fact; every fact that is more than context carries a question in both languages."""
    shown = display(path)
    rows = schema.read_csv(path, shown, schema.ASSESSMENT_COLUMNS, schema.assessment_schema(vocabulary))
    assessments = {}
    for index, row in enumerate(rows):
        line = index + 2
        if row["fact_id"] not in facts:
            raise DataFileError(shown, line, "fact_id", f"unknown fact id {row['fact_id']!r}")
        if row["stage"] != "context" and not (row["question_en"] and row["question_zh"]):
            raise DataFileError(shown, line, "question_en", "a claim beyond context needs the question a "
                                "reviewer should ask, in English and Chinese")
        lacks = tuple(item for item in row["lacks"].split(";") if item)
        assessments[row["fact_id"]] = Assessment(row["fact_id"], row["stage"], row["checkable"], lacks,
                                                 row["question_en"], row["question_zh"])
    missing = [fact_id for fact_id in facts if fact_id not in assessments]
    if missing:
        raise DataFileError(shown, 0, "fact_id", f"no assessment for fact {missing[0]!r}; add a row for it")
    return rows, assessments
