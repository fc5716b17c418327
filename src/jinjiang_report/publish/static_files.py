"""Static files (stylesheets, scripts, images) reach the site even when no page changed.

Sphinx copies ``html_static_path`` after it writes the pages, and an update in which no page is
outdated stops before that ("no targets are out of date"): an edit to a stylesheet alone would
never be published. And every page links a stylesheet with its checksum (``report.css?v=...``),
so a page Sphinx did not rewrite would link the old one: a browser that kept it would show old
styles, and the pages would not be those a build from nothing writes. The build environment keeps
a digest of the static files; when it changes, every page is marked outdated.
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


def _pages_outdated_when_static_files_change(app: Any, env: Any, added: set, changed: set, removed: set) -> list[str]:
    digest = static_digest(app.confdir, list(app.config.html_static_path))
    if getattr(env, "jinjiang_static_digest", None) == digest:
        return []
    env.jinjiang_static_digest = digest
    return sorted(env.found_docs - added - changed)


def setup(app: Any) -> None:
    app.connect("env-get-outdated", _pages_outdated_when_static_files_change)
