"""The facts ledger: every number of the report, each quoting the source verbatim.

Files, all beside the ledger CSV (``data/facts.csv`` by default):

- ``facts.csv``: one row per quantitative claim of a source.
- ``derived.csv``: figures the chapters compute, each a formula over fact ids.
- ``exclusions.csv``: numerals of the source that are deliberately not facts, with the reason.
- ``entities/<theme>.yaml``: named things (projects, partners, hospitals ...), each with a quote.
- ``sources/sources.yaml``: the source texts and their metadata.

``load_ledger`` reads all of them and verifies them against the source; any problem is a
``LedgerError`` naming file, line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import yaml

from . import derive
from .errors import LedgerError
from .numbers import QUALIFIERS, NumberFormatError, parse_date, parse_number, to_decimal
from .paths import LEDGER, display, resolve
from .sources import Source, load_sources, yaml_error
from .themes import THEME_NAMES

UNITS = ("CNY", "persons", "person-visits", "firms", "count", "percent", "km", "days", "date")
ID_PATTERN = r"^[a-z][a-z0-9_]*$"

FACT_COLUMNS = ("id", "theme", "metric_en", "metric_zh", "value", "unit", "qualifier",
                "period", "source_id", "as_written", "quote")
DERIVED_COLUMNS = ("id", "theme", "metric_en", "metric_zh", "formula", "unit", "note")
EXCLUSION_COLUMNS = ("source_id", "quote", "reason")


def _text(*checks: pa.Check, required_nonempty: bool = True) -> pa.Column:
    nonempty = [pa.Check.str_length(min_value=1, error="must not be empty")] if required_nonempty else []
    return pa.Column(str, checks=[*nonempty, *checks], nullable=False)


def _is_decimal_or_date(value: str) -> bool:
    try:
        to_decimal(value)
        return True
    except NumberFormatError:
        try:
            dt.date.fromisoformat(value) if len(value) == 10 else dt.date.fromisoformat(value + "-01")
            return True
        except ValueError:
            return False


_ID = pa.Check.str_matches(ID_PATTERN, error="must be lower-case letters, digits and _")
_THEME = pa.Check.isin(THEME_NAMES, error=f"must be one of {', '.join(THEME_NAMES)}")
_UNIT = pa.Check.isin(UNITS, error=f"must be one of {', '.join(UNITS)}")

FACT_SCHEMA = pa.DataFrameSchema(
    {
        "id": pa.Column(str, checks=[_ID], unique=True, nullable=False),
        "theme": _text(_THEME),
        "metric_en": _text(),
        "metric_zh": _text(),
        "value": _text(pa.Check(_is_decimal_or_date, element_wise=True,
                                error="must be a plain number (digits, optional decimals) or an ISO date")),
        "unit": _text(_UNIT),
        "qualifier": _text(pa.Check.isin(QUALIFIERS, error=f"must be one of {', '.join(QUALIFIERS)}")),
        "period": _text(),
        "source_id": _text(),
        "as_written": _text(),
        "quote": _text(),
    },
    strict=True,
    ordered=False,
)
DERIVED_SCHEMA = pa.DataFrameSchema(
    {
        "id": pa.Column(str, checks=[_ID], unique=True, nullable=False),
        "theme": _text(_THEME),
        "metric_en": _text(),
        "metric_zh": _text(),
        "formula": _text(),
        "unit": _text(_UNIT),
        "note": _text(required_nonempty=False),
    },
    strict=True,
)
EXCLUSION_SCHEMA = pa.DataFrameSchema(
    {"source_id": _text(), "quote": _text(), "reason": _text()},
    strict=True,
)


@dataclass(frozen=True)
class Fact:
    """One row of the ledger, its value read into a number (or a date)."""

    id: str
    theme: str
    metric_en: str
    metric_zh: str
    value: Decimal | dt.date
    unit: str
    qualifier: str
    period: str
    source_id: str
    as_written: str
    quote: str

    @property
    def quantity(self) -> derive.Quantity:
        return derive.Quantity(self.value, self.qualifier)


@dataclass(frozen=True)
class Derived:
    """A derived figure: its formula, the fact ids it reads and its computed quantity."""

    id: str
    theme: str
    metric_en: str
    metric_zh: str
    formula: str
    unit: str
    note: str
    inputs: tuple[str, ...]
    value: Decimal
    qualifier: str


@dataclass
class Ledger:
    """Everything the chapters may cite, verified against the sources."""

    folder: Path
    facts: dict[str, Fact]
    derived: dict[str, Derived]
    exclusions: pd.DataFrame
    entities: dict[str, dict]
    sources: dict[str, Source]

    def fact(self, fact_id: str) -> Fact:
        try:
            return self.facts[fact_id]
        except KeyError:
            raise KeyError(f"no fact {fact_id!r} in the ledger") from None

    def figure(self, derived_id: str) -> Derived:
        try:
            return self.derived[derived_id]
        except KeyError:
            raise KeyError(f"no derived figure {derived_id!r} in {self.folder / 'derived.csv'}") from None

    @property
    def source(self) -> Source:
        """The single source of this ledger."""
        return next(iter(self.sources.values()))


def _read_csv(path: Path, columns: tuple[str, ...], schema: pa.DataFrameSchema) -> pd.DataFrame:
    """Read a ledger CSV as text and validate it; errors name file, line and column."""
    shown = display(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise LedgerError(shown, 0, "", "file not found") from None
    except pd.errors.ParserError as exc:
        line = _line_from_parser_error(str(exc))
        detail = " ".join(str(exc).split())
        raise LedgerError(shown, line, "", f"not a valid CSV row ({detail}); quote fields holding commas") from None
    except UnicodeDecodeError:
        raise LedgerError(shown, 0, "", "not UTF-8 text") from None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise LedgerError(shown, 1, missing[0], f"missing column; the header must name {', '.join(columns)}")
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise _first_schema_error(shown, exc.failure_cases) from None
    return frame


def _line_from_parser_error(message: str) -> int:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else 0


def _first_schema_error(shown: str, cases: pd.DataFrame) -> LedgerError:
    """Turn pandera's failure cases into one error: the earliest line, then the column order."""
    cases = cases.copy()
    cases["line"] = cases["index"].map(lambda i: 1 if i is None or pd.isna(i) else int(i) + 2)
    duplicates = cases[cases["check"] == "field_uniqueness"]
    first_of = duplicates.groupby("failure_case")["line"].min().to_dict()
    cases = cases.drop(duplicates.index[duplicates["line"].isin(first_of.values())])  # blame the repeat
    case = cases.sort_values(["line"], kind="stable").iloc[0]
    column = case["column"] if isinstance(case["column"], str) else str(case["failure_case"])
    check = str(case["check"])
    if check == "field_uniqueness":
        problem = (f"duplicate {case['failure_case']!r} (first at line {first_of[case['failure_case']]}): "
                   "ids must be unique")
    elif check == "column_in_schema":
        problem = "unknown column; remove it or fix its name"
    elif check == "column_in_dataframe":
        problem = "missing column"
    else:
        problem = f"{case['failure_case']!r} {check}" if check.startswith("must") else (
            f"{case['failure_case']!r} fails {check}")
    return LedgerError(shown, int(case["line"]), column, problem)


def _fact_from_row(row: dict, line: int, shown: str, sources: dict[str, Source]) -> Fact:
    """Check one ledger row against its source and turn it into a Fact."""
    def fail(column: str, problem: str) -> LedgerError:
        return LedgerError(shown, line, column, problem)

    source = sources.get(row["source_id"])
    if source is None:
        raise fail("source_id", f"unknown source {row['source_id']!r}; known: {', '.join(sources)}")
    if not source.contains(row["quote"]):
        raise fail("quote", "quote not found in the source (whitespace ignored); copy it verbatim")
    if row["as_written"] not in row["quote"]:
        raise fail("as_written", f"{row['as_written']!r} is not part of the quote")
    if row["unit"] == "date":
        value = _check_date(row, source, fail)
    else:
        value = _check_number(row, fail)
    return Fact(**{**row, "value": value})


def _check_number(row: dict, fail) -> Decimal:
    try:
        parsed = parse_number(row["as_written"])
    except NumberFormatError as exc:
        raise fail("as_written", f"does not read as a number: {exc}") from None
    value = to_decimal(row["value"])
    if parsed.is_share != (row["unit"] == "percent"):
        raise fail("unit", f"{row['as_written']!r} is {'a share' if parsed.is_share else 'not a share'};"
                           f" unit must {'' if parsed.is_share else 'not '}be percent")
    expected = parsed.value
    if row["unit"] == "CNY" and not parsed.counter.endswith("元") and parsed.counter:
        raise fail("unit", f"{row['as_written']!r} is not an amount in 元")
    if value != expected:
        raise fail("value", f"{row['value']} does not match the quote: {row['as_written']!r} reads as "
                            f"{expected:f}")
    if row["qualifier"] != parsed.qualifier:
        raise fail("qualifier", f"{row['qualifier']!r} does not match the quote: {row['as_written']!r} "
                                f"reads as {parsed.qualifier!r}")
    return value


def _check_date(row: dict, source: Source, fail) -> dt.date:
    try:
        written = parse_date(row["as_written"])
    except NumberFormatError as exc:
        raise fail("as_written", f"does not read as a date: {exc}") from None
    year = written.year or source.publication_year
    expected = f"{year:04d}-{written.month:02d}" + (f"-{written.day:02d}" if written.day else "")
    if row["value"] != expected:
        raise fail("value", f"{row['value']} does not match the quote: {row['as_written']!r} reads as {expected}")
    if row["qualifier"] != "exact":
        raise fail("qualifier", "a date is exact")
    return dt.date.fromisoformat(expected if written.day else expected + "-01")


def _load_entities(folder: Path, sources: dict[str, Source], fact_ids) -> dict[str, dict]:
    """Read ``entities/<theme>.yaml`` and check that every ``quote`` occurs in the source."""
    entities = {}
    for theme in THEME_NAMES:
        path = folder / "entities" / f"{theme}.yaml"
        if not path.exists():
            entities[theme] = {}
            continue
        shown = display(path)
        try:
            document = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            raise yaml_error(shown, exc) from None
        _check_quotes_in_node(document, shown, sources, fact_ids)
        entities[theme] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return entities


FACT_REFERENCE_KEYS = ("fact", "facts", "count_fact")


def _check_quotes_in_node(node, shown: str, sources: dict[str, Source], fact_ids) -> None:
    """Walk a composed YAML tree: every quote occurs in a source, every fact reference exists."""
    if isinstance(node, yaml.MappingNode):
        keys = {k.value: v for k, v in node.value}
        for key, value in node.value:
            if key.value in FACT_REFERENCE_KEYS:
                refs = [v.value for v in value.value] if isinstance(value, yaml.SequenceNode) else [value.value]
                unknown = [r for r in refs if r not in ("null", "~", "") and r not in fact_ids]
                if unknown:
                    raise LedgerError(shown, value.start_mark.line + 1, key.value,
                                      f"unknown fact id {unknown[0]!r}")
            if key.value == "quote" or key.value.endswith("_quote"):
                if not isinstance(value, yaml.ScalarNode) or not any(
                        s.contains(value.value) for s in sources.values()):
                    raise LedgerError(shown, value.start_mark.line + 1, key.value,
                                      "quote not found in the source (whitespace ignored); copy it verbatim")
            else:
                _check_quotes_in_node(value, shown, sources, fact_ids)
        if "name_zh" in keys and "quote" not in keys:
            raise LedgerError(shown, node.start_mark.line + 1, "quote", "every named entity needs a quote")
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_quotes_in_node(item, shown, sources, fact_ids)


def _load_derived(path: Path, facts: dict[str, Fact]) -> dict[str, Derived]:
    frame = _read_csv(path, DERIVED_COLUMNS, DERIVED_SCHEMA)
    shown = display(path)

    def lookup(fact_id: str):
        fact = facts[fact_id]
        return fact.value if fact.unit == "date" else fact.quantity

    derived = {}
    for index, row in enumerate(frame.to_dict("records")):
        line = index + 2
        try:
            inputs = derive.formula_inputs(row["formula"])
            unknown = [name for name in inputs if name not in facts]
            if unknown:
                raise derive.FormulaError(f"unknown fact id {unknown[0]!r}")
            result = derive.evaluate(row["formula"], lookup)
        except derive.FormulaError as exc:
            raise LedgerError(shown, line, "formula", str(exc)) from None
        derived[row["id"]] = Derived(**row, inputs=tuple(inputs), value=result.value,
                                     qualifier=result.qualifier)
    return derived


def load_ledger(ledger: str | Path = LEDGER, source: str | Path | None = None) -> Ledger:
    """Load and verify the ledger and everything beside it.

    ledger: the facts CSV; derived figures, exclusions, entities and sources are read
    from its folder. source: a source text to check quotes against instead of the
    one named in ``sources/sources.yaml``.
    Raises LedgerError on the first problem found.
    """
    ledger_path = resolve(ledger)
    folder = ledger_path.parent
    metadata = folder / "sources" / "sources.yaml"
    sources = load_sources(metadata, resolve(source) if source else None)

    frame = _read_csv(ledger_path, FACT_COLUMNS, FACT_SCHEMA)
    shown = display(ledger_path)
    facts = {}
    for index, row in enumerate(frame.to_dict("records")):
        facts[row["id"]] = _fact_from_row(row, index + 2, shown, sources)

    derived = _load_derived(folder / "derived.csv", facts)
    clash = sorted(set(derived) & set(facts))
    if clash:
        raise LedgerError(display(folder / "derived.csv"), 0, "id", f"{clash[0]!r} is also a fact id")

    exclusions_path = folder / "exclusions.csv"
    exclusions = _read_csv(exclusions_path, EXCLUSION_COLUMNS, EXCLUSION_SCHEMA)
    for index, row in enumerate(exclusions.to_dict("records")):
        source_text = sources.get(row["source_id"])
        if source_text is None or not source_text.contains(row["quote"]):
            raise LedgerError(display(exclusions_path), index + 2, "quote",
                              "quote not found in the source (whitespace ignored); copy it verbatim")

    entities = _load_entities(folder, sources, set(facts))
    return Ledger(folder, facts, derived, exclusions, entities, sources)
