"""When a notebook must run again: a key over everything its output depends on.

The key covers the notebook's cells (type, source, tags; not papermill's timestamps or
other metadata), its parameter values, the slice of the data it reads (its own theme's
facts, derived figures and entities, and the source texts), the package's code, the
pinned environment and the Python version. jupyter-cache is not used: it keys on all
cell metadata and does not see data files.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pandas as pd

from .files import cell_source, read_notebook_json
from .paths import LOCKFILE, PACKAGE, resolve

KEY_VERSION = "1"


def _digest(*parts: bytes) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(hashlib.sha256(part).digest())
    return hasher.hexdigest()


def _cells_digest(notebook: Path) -> bytes:
    nb = read_notebook_json(notebook)
    cells = [(c["cell_type"], cell_source(c), sorted(c.get("metadata", {}).get("tags", [])))
             for c in nb["cells"]]
    return json.dumps(cells, ensure_ascii=False).encode()


def _theme_rows(csv_path: Path, theme: str) -> bytes:
    """The rows of one theme in a ledger CSV, so other themes' edits do not touch the key."""
    if not csv_path.exists():
        return b"missing"
    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    if "theme" in frame.columns:
        frame = frame[frame["theme"] == theme]
    return frame.to_csv(index=False).encode()


def data_digest(theme: str, parameters: dict) -> bytes:
    """What the theme's notebook reads from data: its rows, its entities, the sources."""
    ledger = resolve(parameters.get("ledger", "data/facts.csv"))
    folder = ledger.parent
    parts = [_theme_rows(ledger, theme), _theme_rows(folder / "derived.csv", theme)]
    entities = folder / "entities" / f"{theme}.yaml"
    parts.append(entities.read_bytes() if entities.exists() else b"missing")
    sources = folder / "sources"
    for path in sorted(sources.glob("*")) if sources.is_dir() else []:
        parts.append(path.name.encode() + path.read_bytes())
    if parameters.get("source"):
        override = resolve(parameters["source"])
        parts.append(override.read_bytes() if override.exists() else b"missing")
    return b"".join(hashlib.sha256(p).digest() for p in parts)


def code_digest() -> bytes:
    """The package's own code and the pinned environment."""
    parts = [path.relative_to(PACKAGE).as_posix().encode() + path.read_bytes()
             for path in sorted(PACKAGE.rglob("*.py"))]
    parts.append(LOCKFILE.read_bytes() if LOCKFILE.exists() else b"no lockfile")
    parts.append(sys.version.encode())
    return b"".join(hashlib.sha256(p).digest() for p in parts)


def cache_key(notebook: Path, theme: str, parameters: dict, code: bytes | None = None) -> str:
    """The cache key of one run of a notebook."""
    return _digest(
        KEY_VERSION.encode(),
        _cells_digest(notebook),
        json.dumps(parameters, sort_keys=True, ensure_ascii=False, default=str).encode(),
        data_digest(theme, parameters),
        code if code is not None else code_digest(),
    )
