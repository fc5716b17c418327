"""Checking the ledger against its sources: every quote verbatim, every value what its quote says."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml

from ..errors import DataFileError
from ..files import load_yaml
from ..project import display
from . import derive, periods
from .model import Derived, Fact
from .numbers import NumberFormatError, parse_date, parse_number, to_decimal
from .sources import Source, yaml_error
from .vocabulary import SIZE_CLASSES

Fail = Callable[[str, str], DataFileError]


def fact_from_row(row: dict[str, str], line: int, shown: str, sources: dict[str, Source],
                  value_type: str = "count") -> Fact:
    """Check one ledger row against its source and turn it into a Fact.

    value_type: the value type of the row's unit in the vocabulary (a size class takes only some values)."""
    def fail(column: str, problem: str) -> DataFileError:
        return DataFileError(shown, line, column, problem)

    source = sources.get(row["source_id"])
    if source is None:
        raise fail("source_id", f"unknown source {row['source_id']!r}; known: {', '.join(sources)}")
    if not source.contains(row["quote"]):
        raise fail("quote", "quote not found in the source (whitespace ignored); copy it verbatim")
    if row["as_written"] not in row["quote"]:
        raise fail("as_written", f"{row['as_written']!r} is not part of the quote")
    value: Decimal | dt.date
    if row["unit"] == "date":
        value = _check_date(row, source, fail)
    else:
        value = _check_number(row, fail)
        if value_type == "size_class" and value not in SIZE_CLASSES:
            raise fail("value", f"{row['value']} is not a size class: one of 1e8 to 1e12 (亿, 十亿, 百亿, 千亿, 万亿)")
    return Fact(**{**row, "value": value})  # type: ignore[arg-type]


def _check_number(row: dict[str, str], fail: Fail) -> Decimal:
    try:
        parsed = parse_number(row["as_written"])
    except NumberFormatError as exc:
        raise fail("as_written", f"does not read as a number: {exc}") from None
    value = to_decimal(row["value"])
    if parsed.is_share != (row["unit"] == "percent"):
        raise fail("unit", f"{row['as_written']!r} is {'a share' if parsed.is_share else 'not a share'};"
                           f" unit must {'' if parsed.is_share else 'not '}be percent")
    if row["unit"] == "CNY" and not parsed.counter.endswith("元") and parsed.counter:
        raise fail("unit", f"{row['as_written']!r} is not an amount in 元")
    if value != parsed.value:
        raise fail("value", f"{row['value']} does not match the quote: {row['as_written']!r} reads as "
                            f"{parsed.value:f}")
    if row["qualifier"] != parsed.qualifier:
        raise fail("qualifier", f"{row['qualifier']!r} does not match the quote: {row['as_written']!r} "
                                f"reads as {parsed.qualifier!r}")
    return value


def _check_date(row: dict[str, str], source: Source, fail: Fail) -> dt.date:
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


def derived_from_row(row: dict[str, str], line: int, shown: str, facts: dict[str, Fact]) -> Derived:
    """Check a derived figure's formula against the facts and compute it."""
    def lookup(fact_id: str) -> derive.Quantity | dt.date:
        fact = facts[fact_id]
        return fact.value if isinstance(fact.value, dt.date) else fact.quantity

    try:
        inputs = derive.formula_inputs(row["formula"])
        unknown = [name for name in inputs if name not in facts]
        if unknown:
            raise derive.FormulaError(f"unknown fact id {unknown[0]!r}")
        _check_same_population(row["formula"], [facts[name] for name in inputs])
        result = derive.evaluate(row["formula"], lookup)
    except derive.FormulaError as exc:
        raise DataFileError(shown, line, "formula", str(exc)) from None
    return Derived(**row, inputs=tuple(inputs), value=result.value,
                   qualifier=result.qualifier)


def _check_same_population(formula: str, inputs: list[Fact]) -> None:
    """Refuse arithmetic over facts that count different things or hold for different periods.

    Dates only delimit a window; every other input must share one scope and one period,
    and a ``days_inclusive(start, end)`` window must be the period of those inputs.
    """
    quantities = [fact for fact in inputs if not isinstance(fact.value, dt.date)]
    for first, other in zip(quantities, quantities[1:]):
        if other.scope_en != first.scope_en:
            raise derive.FormulaError(
                f"{first.id} counts {first.scope_en!r} but {other.id} counts {other.scope_en!r}; "
                "a derived figure needs inputs that count the same population")
        if other.period != first.period:
            raise derive.FormulaError(
                f"{first.id} holds for period {first.period!r} but {other.id} for {other.period!r}; "
                "a derived figure needs inputs of one period")
    by_id = {fact.id: fact for fact in inputs}
    for start, end in derive.date_windows(formula):
        start_day, end_day = by_id[start].value, by_id[end].value
        assert isinstance(start_day, dt.date) and isinstance(end_day, dt.date)
        window = periods.window(start_day, end_day)
        for fact in quantities:
            if fact.period != window:
                raise derive.FormulaError(
                    f"{fact.id} holds for period {fact.period!r}, not the window {window!r} of "
                    f"days_inclusive({start}, {end})")


FACT_REFERENCE_KEYS = ("fact", "facts", "count_fact")


def load_entities(folder: Path, themes: Iterable[str], sources: dict[str, Source],
                  fact_ids: set[str]) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Read ``entities/<theme>.yaml``: every quote must occur in a source, every fact reference exist.

    Returns the entities by theme and each file's text (for the cache key).
    """
    entities: dict[str, dict[str, Any]] = {}
    texts: dict[str, str] = {}
    for theme in themes:
        path = folder / "entities" / f"{theme}.yaml"
        if not path.exists():
            entities[theme], texts[theme] = {}, ""
            continue
        shown = display(path)
        text = path.read_text(encoding="utf-8")
        try:
            document = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            raise yaml_error(shown, exc) from None
        _check_node(document, shown, sources, fact_ids)
        entities[theme], texts[theme] = load_yaml(text) or {}, text
    return entities, texts


def _check_node(node: yaml.Node | None, shown: str, sources: dict[str, Source], fact_ids: set[str]) -> None:
    """Walk a composed YAML tree: every quote occurs in a source, every fact reference exists."""
    if isinstance(node, yaml.MappingNode):
        keys = {k.value: v for k, v in node.value}
        for key, value in node.value:
            if key.value in FACT_REFERENCE_KEYS:
                refs = [v.value for v in value.value] if isinstance(value, yaml.SequenceNode) else [value.value]
                unknown = [r for r in refs if r not in ("null", "~", "") and r not in fact_ids]
                if unknown:
                    raise DataFileError(shown, value.start_mark.line + 1, key.value,
                                        f"unknown fact id {unknown[0]!r}")
            if key.value == "quote" or key.value.endswith("_quote"):
                if not isinstance(value, yaml.ScalarNode) or not any(
                        s.contains(value.value) for s in sources.values()):
                    raise DataFileError(shown, value.start_mark.line + 1, key.value,
                                        "quote not found in the source (whitespace ignored); copy it verbatim")
            else:
                _check_node(value, shown, sources, fact_ids)
        if "name_zh" in keys and "quote" not in keys:
            raise DataFileError(shown, node.start_mark.line + 1, "quote", "every named entity needs a quote")
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_node(item, shown, sources, fact_ids)
