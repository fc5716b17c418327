"""Review rounds at publish time: the version on every page, the site's manifest, and the "What
changed" page, compared with the site being replaced or with a version named by ``--since``.

Which baseline, and why the page is reproducible: the baseline is an input. With ``--since`` it is
the version named. Otherwise it is the site being replaced; when that site showed exactly what the
new one shows (a rebuild with no change, or a new commit of the same content), the page keeps the
comparison it had, so a rebuild never hides from a reviewer what changed since the version before.
Given the same inputs and the same baseline, the same bytes are written.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..facts.model import Ledger
from ..files import write_atomically
from ..project import Project
from ..themes import Theme
from . import version as version_line
from .changes import CHANGES_FILE, REPLACED, changes_html, compare, count
from .changes_page import CHANGES_PAGE, END, START
from .manifest import MANIFEST_FILE, build_manifest, content, manifest_json, read_manifest
from .toc import reading_order

# What a build says when its site already shows its inputs (and the page of changes is kept).
NOTHING_CHANGED = "what changed: nothing since the site it replaces (its \"What changed\" page is kept)"



@dataclass
class Review:
    """What publishing adds to a site: ``manifest`` (what it shows), ``changes`` (from the baseline),
    ``version``; ``summary`` is the build's one line about it."""

    manifest: dict[str, Any]
    changes: dict[str, Any]
    version: version_line.Version
    summary: str
    files: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.files = {MANIFEST_FILE: manifest_json(self.manifest),
                      CHANGES_FILE: json.dumps(self.changes, sort_keys=True, ensure_ascii=False, indent=1) + "\n"}

    @property
    def digest(self) -> str:
        """Changes whenever what publishing adds changes."""
        return hashlib.sha256(json.dumps(self.files, sort_keys=True).encode()).hexdigest()

    def apply(self, site: Path) -> None:
        """Write the manifest and the changes into an assembled site, the changes into each edition's
        page, the version into every page (in place of what an earlier publish wrote there: a page
        may be linked from the previous site; it is replaced, never written through)."""
        for name, text in self.files.items():
            write_atomically(site / name, text)
        for code in self.manifest["editions"]:
            _fill(site / code / f"{CHANGES_PAGE}.html", START, END, changes_html(self.changes, code))
            for page in (site / code).glob("*.html"):
                _fill(page, version_line.START, version_line.END, self.version.html(code))
        root = site / "index.html"
        if root.is_file() and version_line.START not in root.read_text(encoding="utf-8"):
            text = root.read_text(encoding="utf-8").replace(
                "</main>", f'<p class="build-version">{version_line.PLACEHOLDER}</p></main>', 1)
            write_atomically(root, text)
        _fill(root, version_line.START, version_line.END, self.version.html("en"))


def _fill(page: Path, start: str, end: str, html: str) -> None:
    if not page.is_file():
        return
    text = page.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    changed = pattern.sub(lambda _: start + html + end, text)
    if changed != text:
        write_atomically(page, changed)


def review_for(project: Project, themes: dict[str, Theme], htmls: dict[str, Path], ledger: Ledger, out: Path,
               since: str | None) -> Review:
    """The review of the editions built into ``htmls`` (code -> folder), to be published to ``out``."""
    from .since import baseline

    manifest = build_manifest(htmls, reading_order(themes), ledger, version_line.read_version(project.root),
                              project.build / "review" / "pages.json")
    return prepare(manifest, out.resolve(), baseline(project, since) if since else None)


def prepare(new: dict[str, Any], published_site: Path, baseline: tuple[dict[str, Any], str] | None) -> Review:
    """The review of a site about to be published to ``published_site``.

    new: its manifest. baseline: the manifest named by ``--since`` and how to name it, or None to
    compare with the site being replaced (see the module's docstring).
    """
    version = version_line.Version.from_dict(new.get("version"))
    if baseline is not None:
        changes = compare(baseline[0], new, baseline[1])
        return Review(new, changes, version, _summary(changes))
    published = read_manifest(published_site / MANIFEST_FILE)
    if published is None:
        changes = compare(None, new, "")
        return Review(new, changes, version, "what changed: first build here, nothing to compare with")
    if content(published) == content(new):
        kept = _read_json(published_site / CHANGES_FILE)
        if kept is not None:
            return Review(new, kept, version, NOTHING_CHANGED)
    changes = compare(published, new, REPLACED)
    return Review(new, changes, version, _summary(changes))


def _summary(changes: dict[str, Any]) -> str:
    total = count(changes)
    label = changes["baseline"]["label"]
    return f"what changed: {total} change(s) since {label}" if total else f"what changed: nothing since {label}"


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) and "baseline" in found else None
