"""Notebooks as they are stored: no run leftovers, in the form JupyterLab writes.

Clean means: no outputs, no execution counts, cell metadata reduced to ``tags`` (so
JupyterLab's ``user_expressions``, papermill's timings and the like go), notebook metadata
reduced to ``kernelspec`` and the language's name (JupyterLab adds the kernel's Python version
and editor modes to ``language_info`` on every save; they are the analyst's machine, not the
notebook). The form is what JupyterLab saves (through
nbformat): JSON with one-space indent and sorted keys, each cell's source as a list of lines,
and a final newline, so a save in JupyterLab changes only the lines that were edited.

This file is also git's clean filter: ``tools/git-notebook-filter.sh`` copies it into the
repository's git folder and git runs that copy as a script (standard input to standard output).
So it imports nothing outside the standard library at load time (any supported Python runs it,
installed environment or not), and the filter does not depend on the commit checked out: an older
commit's code must never be what cleans the next commit's notebooks.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

CELL_METADATA = ("tags",)
NOTEBOOK_METADATA = {"kernelspec": None, "language_info": ("name",)}  # key -> the sub-keys kept (None: all)


def clean_notebook(nb: dict[str, Any]) -> dict[str, Any]:
    """A copy of the notebook JSON ``nb`` without outputs, counts and extra metadata."""
    cells = []
    for cell in nb.get("cells", []):
        cell = {**cell, "metadata": {k: v for k, v in cell.get("metadata", {}).items() if k in CELL_METADATA}}
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
        else:  # only code cells may hold these at all
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
        source = cell.get("source", "")
        cell["source"] = source.splitlines(True) if isinstance(source, str) else list(source)
        cells.append(cell)
    metadata = {key: _kept(value, NOTEBOOK_METADATA[key])
                for key, value in nb.get("metadata", {}).items() if key in NOTEBOOK_METADATA}
    return {**nb, "cells": cells, "metadata": metadata}


def _kept(value: Any, keys: tuple[str, ...] | None) -> Any:
    if keys is None or not isinstance(value, dict):
        return value
    return {k: v for k, v in value.items() if k in keys}


def stored_text(nb: dict[str, Any]) -> str:
    """The notebook JSON as JupyterLab writes it (nbformat's ``writes`` plus a final newline)."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def clean_text(text: str) -> str:
    """A notebook's text cleaned; text that is not a notebook's JSON is returned as it is
    (as a git filter, this must never lose a file, for instance one with merge conflict markers)."""
    try:
        nb = json.loads(text)
    except json.JSONDecodeError:
        return text
    if not isinstance(nb, dict) or "cells" not in nb:
        return text
    return stored_text(clean_notebook(nb))


def clean_file(path: Path) -> bool:
    """Clean the notebook at ``path`` in place; False when it was already clean (file untouched)."""
    from .files import write_atomically  # not at load time: the git filter runs this file alone

    return write_atomically(path, clean_text(path.read_text(encoding="utf-8")))


def filter_stream() -> None:
    """Standard input to standard output, cleaned: git's clean filter. Notebooks are UTF-8
    whatever the locale says."""
    sys.stdout.buffer.write(clean_text(sys.stdin.buffer.read().decode("utf-8")).encode("utf-8"))


if __name__ == "__main__":
    filter_stream()
