"""The columns of the ledger's CSV files, and reading them with errors that name file, line and column."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd
import pandera.pandas as pa

from ..errors import DataFileError
from .numbers import QUALIFIERS, NumberFormatError, to_decimal
from .periods import PeriodError, form_of
from .vocabulary import Vocabulary

ID_PATTERN = r"^[a-z][a-z0-9_]*$"

FACT_COLUMNS = ("id", "theme", "metric_en", "metric_zh", "scope_en", "scope_zh", "value", "unit",
                "qualifier", "claim", "period", "source_id", "as_written", "quote")
DERIVED_COLUMNS = ("id", "theme", "metric_en", "metric_zh", "formula", "unit", "question_en",
                   "question_zh", "note_en", "note_zh")
EXCLUSION_COLUMNS = ("source_id", "quote", "category", "reason_en", "reason_zh")
EXCLUSION_CATEGORIES = ("masthead", "date", "repeat", "name", "ordinal", "phrase", "word", "weather")
ASSESSMENT_COLUMNS = ("fact_id", "stage", "checkable", "lacks", "question_en", "question_zh")


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


def _is_period(value: str) -> bool:
    try:
        form_of(value)
        return True
    except PeriodError:
        return False


def _one_of(values: Iterable[str]) -> pa.Check:
    allowed = tuple(values)
    return pa.Check.isin(allowed, error=f"must be one of {', '.join(allowed)}")


def fact_schema(themes: tuple[str, ...], vocabulary: Vocabulary) -> pa.DataFrameSchema:
    """The facts CSV: one row per quantitative claim; ``themes`` are the allowed theme names."""
    return pa.DataFrameSchema(
        {
            "id": pa.Column(str, checks=[_id()], unique=True, nullable=False),
            "theme": _text(_theme(themes)),
            "metric_en": _text(),
            "metric_zh": _text(),
            "scope_en": _text(),
            "scope_zh": _text(),
            "value": _text(pa.Check(_is_decimal_or_date, element_wise=True,
                                    error="must be a plain number (digits, optional decimals) or an ISO date")),
            "unit": _text(_one_of(vocabulary.units)),
            "qualifier": _text(pa.Check.isin(QUALIFIERS, error=f"must be one of {', '.join(QUALIFIERS)}")),
            "claim": _text(_one_of(vocabulary.claims)),
            "period": _text(pa.Check(_is_period, element_wise=True,
                                     error="must be a period code (see src/jinjiang_report/facts/periods.py)")),
            "source_id": _text(),
            "as_written": _text(),
            "quote": _text(),
        },
        strict=True,
        ordered=False,
    )


def derived_schema(themes: tuple[str, ...], vocabulary: Vocabulary) -> pa.DataFrameSchema:
    """The derived-figures CSV: one formula over fact ids per row, and the question it answers."""
    return pa.DataFrameSchema(
        {
            "id": pa.Column(str, checks=[_id()], unique=True, nullable=False),
            "theme": _text(_theme(themes)),
            "metric_en": _text(),
            "metric_zh": _text(),
            "formula": _text(),
            "unit": _text(_one_of(vocabulary.units)),
            "question_en": _text(),
            "question_zh": _text(),
            "note_en": _text(required_nonempty=False),
            "note_zh": _text(required_nonempty=False),
        },
        strict=True,
    )


EXCLUSION_SCHEMA = pa.DataFrameSchema(
    {"source_id": _text(), "quote": _text(), "category": _text(_one_of(EXCLUSION_CATEGORIES)), "reason_en": _text(),
     "reason_zh": _text()},
    strict=True,
)


def _is_lacks_list(allowed: tuple[str, ...]) -> Callable[[str], bool]:
    def check(value: str) -> bool:
        return all(item in allowed for item in value.split(";")) if value else True
    return check


def assessment_schema(vocabulary: Vocabulary) -> pa.DataFrameSchema:
    """The assessments CSV: the report's reading of each fact (stage, how checkable, gaps, question)."""
    lacks = tuple(vocabulary.lacks)
    return pa.DataFrameSchema(
        {
            "fact_id": pa.Column(str, checks=[_id()], unique=True, nullable=False),
            "stage": _text(_one_of(vocabulary.stages)),
            "checkable": _text(_one_of(vocabulary.checkable)),
            "lacks": _text(pa.Check(_is_lacks_list(lacks), element_wise=True,
                                    error=f"must be ;-separated values of {', '.join(lacks)}"),
                           required_nonempty=False),
            "question_en": _text(required_nonempty=False),
            "question_zh": _text(required_nonempty=False),
        },
        strict=True,
    )


def _id() -> pa.Check:
    return pa.Check.str_matches(ID_PATTERN, error="must be lower-case letters, digits and _")


def _theme(themes: tuple[str, ...]) -> pa.Check:
    return pa.Check.isin(themes, error=f"must be one of {', '.join(themes)}")


def read_csv(path: Path, shown: str, columns: tuple[str, ...],
             schema: pa.DataFrameSchema) -> list[dict[str, str]]:
    """Read a ledger CSV as text and validate it; return its rows. Errors name file, line and column."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(shown, 0, "", "file not found") from None
    except pd.errors.ParserError as exc:
        line = _line_from_parser_error(str(exc))
        detail = " ".join(str(exc).split())
        raise DataFileError(shown, line, "", f"not a valid CSV row ({detail}); quote fields holding commas") from None
    except UnicodeDecodeError:
        raise DataFileError(shown, 0, "", "not UTF-8 text") from None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataFileError(shown, 1, missing[0], f"missing column; the header must name {', '.join(columns)}")
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise _first_schema_error(shown, exc.failure_cases) from None
    return [{str(k): str(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _line_from_parser_error(message: str) -> int:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else 0


def _first_schema_error(shown: str, cases: pd.DataFrame) -> DataFileError:
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
    return DataFileError(shown, int(case["line"]), column, problem)
