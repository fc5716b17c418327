"""When a notebook must run again: a key over everything its output depends on.

The key covers the notebook's cells (type, source, tags; not papermill's timestamps or
other metadata), its parameter values, the slice of the data it reads (its own theme's
facts, derived figures and entities, and the source texts, as the verified ledger gives
them), the package's code, the pinned environment and the Python version. jupyter-cache is
not used: it keys on all cell metadata and does not see data files. An entry's file name holds
the digest of its bytes as well, so an entry cut short or edited is never taken for a run.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..facts.model import Ledger
from ..files import cell_source, read_notebook_json, write_atomically

KEY_VERSION = "2"


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


def cache_key(notebook: Path, theme: str, parameters: dict[str, object], ledger: Ledger, code: bytes) -> str:
    """The cache key of one run of a notebook.

    notebook: the stored notebook. parameters: its full, checked parameter set.
    ledger: the verified ledger the run reads. code: ``project.package_digest()`` of this build.
    """
    return _digest(
        KEY_VERSION.encode(),
        _cells_digest(notebook),
        json.dumps(parameters, sort_keys=True, ensure_ascii=False, default=str).encode(),
        ledger.theme_inputs(theme),
        code,
    )


def _entry_name(key: str, data: bytes) -> str:
    """A cached run's file name: its key, and the digest of its bytes (checked when read)."""
    return f"{key}.{hashlib.sha256(data).hexdigest()}.ipynb"


def load_entry(folder: Path, key: str) -> bytes | None:
    """The executed notebook cached in ``folder`` under ``key``, or None: none cached, or one whose
    bytes no longer match the digest in its name (cut short, edited); that one is removed, so the
    run is redone."""
    for path in folder.glob(f"{key}.*.ipynb"):
        data = path.read_bytes()
        if path.name == _entry_name(key, data):
            return data
        path.unlink(missing_ok=True)
    return None


def store_entry(folder: Path, key: str, text: str, prune: bool = True) -> Path:
    """Cache an executed notebook under ``key`` in ``folder`` (one theme and edition), and drop the
    older entries there unless ``prune`` is false (a ``run`` with other parameters keeps the build's
    entry): the cache is a build product, not an archive."""
    data = text.encode("utf-8")
    path = folder / _entry_name(key, data)
    write_atomically(path, data)
    for stale in folder.glob("*.ipynb") if prune else ():
        if stale != path:
            stale.unlink(missing_ok=True)
    return path
