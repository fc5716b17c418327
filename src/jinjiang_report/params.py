"""What notebooks declare as parameters, and checking a user's values against them.

papermill only logs an unknown parameter; here an unknown name, a wrong type or a
malformed ``NAME=VALUE`` is a UsageError before any kernel starts.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import papermill

from .errors import UsageError


@dataclass(frozen=True)
class Declared:
    """A parameter as the notebook's ``parameters`` cell declares it."""

    name: str
    type: str
    default: object
    help: str


def declared_parameters(notebook: Path) -> dict[str, Declared]:
    """The parameters a notebook declares, in order, with their defaults read as literals."""
    declared = {}
    for name, info in papermill.inspect_notebook(str(notebook)).items():
        try:
            default = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError):
            default = info["default"]
        type_name = info["inferred_type_name"]
        if type_name in ("None", "", None):
            type_name = type(default).__name__
        declared[name] = Declared(name, type_name, default, info["help"])
    return declared


def parse_assignments(assignments: list[str]) -> dict[str, str]:
    """Split ``NAME=VALUE`` strings; the values stay text until checked against a notebook."""
    values = {}
    for item in assignments:
        name, sep, value = item.partition("=")
        if not sep or not name.strip().isidentifier():
            raise UsageError(f"parameter {item!r} is not NAME=VALUE (for example -p lang=zh)")
        values[name.strip()] = value
    return values


def _convert(text: str, declared: Declared, notebook: str):
    """Turn the text given on the command line into the declared type, never running it."""
    kind = declared.type
    if kind == "str":
        return text
    if kind == "bool":
        lowered = text.strip().lower()
        if lowered in ("true", "1", "yes"):
            return True
        if lowered in ("false", "0", "no"):
            return False
    else:
        try:
            value = ast.literal_eval(text.strip())
        except (ValueError, SyntaxError):
            value = None
        if kind == "float" and isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
            return value
        if kind in ("list", "dict") and type(value).__name__ == kind:
            return value
    raise UsageError(f"parameter {declared.name}={text!r} for {notebook}: expected {kind} "
                     f"(default {declared.default!r})")


def check_parameters(declared_by_notebook: dict[str, dict[str, Declared]],
                     given: dict[str, str]) -> dict[str, dict[str, object]]:
    """The full parameter set of each notebook: its declared defaults, overridden by ``given``.

    declared_by_notebook: notebook name -> its declared parameters.
    given: NAME -> text from the command line; each applies to the notebooks declaring it.
    Raises UsageError when a name is declared by none of them, listing what they declare.
    """
    for name in given:
        if not any(name in declared for declared in declared_by_notebook.values()):
            listing = "; ".join(
                f"{d.name}: {d.type} = {d.default!r}"
                for d in {d.name: d for declared in declared_by_notebook.values()
                          for d in declared.values()}.values())
            notebooks = ", ".join(declared_by_notebook)
            raise UsageError(f"unknown parameter {name!r} (not declared by {notebooks}); declared: {listing}")
    values = {}
    for notebook, declared in declared_by_notebook.items():
        values[notebook] = {name: d.default for name, d in declared.items()}
        for name, text in given.items():
            if name in declared:
                values[notebook][name] = _convert(text, declared[name], notebook)
    return values
