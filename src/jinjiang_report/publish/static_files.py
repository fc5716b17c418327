"""Static files (stylesheets, scripts, images) reach the site even when no page changed.

Sphinx copies ``html_static_path`` after it writes the pages, and an update in which no page is
outdated stops before that ("no targets are out of date"): an edit to a stylesheet alone would
never be published. The build environment keeps a digest of the static files; when it changes,
the root page is marked outdated, so the build goes on and copies them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..files import file_digests


def static_digest(confdir: str, static_path: list[str]) -> str:
    """One digest of every file under the folders (or of the files) of ``html_static_path``."""
    digests = {}
    for entry in static_path:
        root = Path(confdir, entry)
        if root.is_dir():
            digests[entry] = file_digests(root)
        elif root.is_file():
            digests[entry] = {root.name: hashlib.sha256(root.read_bytes()).hexdigest()}
    return hashlib.sha256(json.dumps(digests, sort_keys=True).encode()).hexdigest()


def _root_outdated_when_static_files_change(app: Any, env: Any, added: set, changed: set, removed: set) -> list[str]:
    digest = static_digest(app.confdir, list(app.config.html_static_path))
    if getattr(env, "jinjiang_static_digest", None) == digest:
        return []
    env.jinjiang_static_digest = digest
    root = app.config.root_doc
    return [root] if root in env.found_docs and root not in added else []


def setup(app: Any) -> None:
    app.connect("env-get-outdated", _root_outdated_when_static_files_change)
