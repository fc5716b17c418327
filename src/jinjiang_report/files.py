"""Writing files so that nothing is half-written and unchanged files keep their timestamps."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, text: str) -> bool:
    """Write text to path through a temporary file; return False (and touch nothing) if unchanged."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(tmp, path)
    return True


def notebook_text(nb: dict) -> str:
    """A notebook as stored: its JSON with sorted keys and a final newline."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def read_notebook_json(path: Path) -> dict:
    """A notebook's JSON, read without nbformat (whose import costs about a second)."""
    return json.loads(path.read_text(encoding="utf-8"))


def cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source
