"""What notebooks declare as parameters, and checking a user's values against them.

papermill only logs an unknown parameter; here an unknown name, a wrong type, a value
outside the declared ones or a malformed ``NAME=VALUE`` is a UsageError before any kernel starts.

A parameter declares its allowed values at the end of its comment, after ``one of:``::

    lang: str = "en"  # language of the edition; one of: en, zh
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..files import cell_source, read_notebook_json


_ALLOWED = re.compile(r"(?:^|;)\s*one of:\s*(?P<values>[^;]+?)\s*$")


@dataclass(frozen=True)
class Declared:
    """A parameter as the notebook's ``parameters`` cell declares it.

    name, type, default: as declared (``type`` is the annotation's name, or the default's type).
    help: the line's comment. allowed: the values listed after ``one of:`` in the comment
    (empty when any value of the type is allowed).
    """

    name: str
    type: str
    default: object
    help: str
    allowed: tuple[str, ...] = ()


def allowed_values(help_text: str) -> tuple[str, ...]:
    """The values a parameter's comment allows: ``...; one of: en, zh`` -> ``("en", "zh")``."""
    match = _ALLOWED.search(help_text)
    if not match:
        return ()
    return tuple(value.strip() for value in match["values"].split(",") if value.strip())


def declared_parameters(notebook: Path) -> dict[str, Declared]:
    """The parameters a notebook's ``parameters`` cell declares, in order.

    Reads ``name: type = literal  # help`` lines as papermill's ``--help-notebook`` does,
    without importing papermill or nbformat (a no-op build should not pay for them).
    """
    nb = read_notebook_json(notebook)
    cell = next((c for c in nb["cells"] if c["cell_type"] == "code"
                 and "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if cell is None:
        return {}
    source = cell_source(cell)
    comments = {token.start[0]: token.string.lstrip("#").strip()
                for token in tokenize.generate_tokens(io.StringIO(source).readline)
                if token.type == tokenize.COMMENT}
    declared = {}
    for node in ast.parse(source).body:
        annotation: ast.expr | None
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            name, annotation, value = node.target.id, node.annotation, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name, annotation, value = node.targets[0].id, None, node.value
        else:
            continue
        try:
            default = ast.literal_eval(value)
        except ValueError:
            default = ast.get_source_segment(source, value)
        type_name = annotation.id if isinstance(annotation, ast.Name) else type(default).__name__
        help_text = comments.get(node.end_lineno or node.lineno, "")
        declared[name] = Declared(name, type_name, default, help_text, allowed_values(help_text))
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


def _convert(text: str, declared: Declared, notebook: str) -> object:
    """Turn the text given on the command line into the declared type and check it is allowed,
    never running it."""
    value = _typed(text, declared, notebook)
    if declared.allowed and str(value) not in declared.allowed:
        raise UsageError(f"parameter {declared.name}={text!r} for {notebook}: must be one of "
                         f"{', '.join(declared.allowed)}")
    return value


def _typed(text: str, declared: Declared, notebook: str) -> object:
    """The text given on the command line as a value of the declared type."""
    type_name = declared.type
    if type_name == "str":
        return text
    if type_name == "bool":
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
        if type_name == "float" and isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if type_name == "int" and isinstance(value, int) and not isinstance(value, bool):
            return value
        if type_name in ("list", "dict") and type(value).__name__ == type_name:
            return value
    raise UsageError(f"parameter {declared.name}={text!r} for {notebook}: expected {type_name} "
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
