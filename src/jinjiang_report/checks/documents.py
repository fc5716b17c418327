"""Notebooks and book pages as lint reads them: cells and blocks, each passage of prose with its place.

A passage is what a reader sees as one piece of prose: a Markdown cell of a notebook, or a
block of a book page between two MyST block breaks (``+++ {"tags": ["lang-en"]}``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..editions import LANGUAGE_TAGS
from ..files import cell_source
from .findings import Finding

_BLOCK_BREAK = re.compile(r"^\+\+\+[ \t]*(?P<meta>\{.*\})?[ \t]*$")


@dataclass(frozen=True)
class Passage:
    """A piece of prose and where it is.

    file: the notebook or page as shown. text: the Markdown. language: ``en``/``zh`` from its
    tags, None when untagged. languages: every language tag it carries. first_line: the
    file's line of the text's first line (1 for a cell: lines count within the cell).
    cell, cell_id: the cell's 1-based position among all cells and its id (None for a page).
    """

    file: str
    text: str
    language: str | None
    languages: tuple[str, ...]
    first_line: int = 1
    cell: int | None = None
    cell_id: str = ""

    def finding(self, line: int, message: str) -> Finding:
        """A finding at ``line`` (1-based, counted within this passage's text)."""
        return Finding(self.file, self.cell, self.first_line + line - 1 if line else 0, message, self.cell_id)


@dataclass(frozen=True)
class Cell:
    """A notebook cell as stored: position (1-based, all cells counted), id, type, source and JSON."""

    position: int
    id: str
    kind: str
    source: str
    raw: dict[str, Any] = field(repr=False)

    @property
    def tags(self) -> list[str]:
        return list(self.raw.get("metadata", {}).get("tags", []))


@dataclass(frozen=True)
class Notebook:
    """A stored notebook: its file as shown, the theme it belongs to (None if unregistered), its cells."""

    path: Path
    shown: str
    theme: str | None
    cells: list[Cell]
    metadata: dict[str, Any]

    def passages(self) -> list[Passage | None]:
        """One passage per Markdown cell, None for each other cell (it breaks a pair)."""
        return [_cell_passage(self.shown, cell) if cell.kind == "markdown" else None for cell in self.cells]


@dataclass(frozen=True)
class Page:
    """A book page (``book/NAME.md``) split into blocks at its block breaks."""

    path: Path
    shown: str
    blocks: list[Passage]


def _languages(tags: list[str]) -> tuple[str, ...]:
    return tuple(code for code, tag in LANGUAGE_TAGS.items() if tag in tags)


def _cell_passage(shown: str, cell: Cell) -> Passage:
    languages = _languages(cell.tags)
    return Passage(shown, cell.source, languages[0] if len(languages) == 1 else None, languages,
                   1, cell.position, cell.id)


def read_notebook(path: Path, shown: str, theme: str | None) -> Notebook:
    """The notebook at ``path``; ``shown`` names it in findings, ``theme`` is its registry entry."""
    return parse_notebook(path.read_text(encoding="utf-8"), path, shown, theme)


def parse_notebook(text: str, path: Path, shown: str, theme: str | None) -> Notebook:
    """The notebook whose JSON is ``text`` (read from ``path`` or from what git stores for it)."""
    nb = json.loads(text)
    cells = [Cell(position, str(raw.get("id", "")), raw.get("cell_type", ""), cell_source(raw), raw)
             for position, raw in enumerate(nb.get("cells", []), start=1)]
    return Notebook(path, shown, theme, cells, dict(nb.get("metadata", {})))


def read_page(path: Path, shown: str) -> Page:
    """A page's blocks: text before the first block break is shared by both editions (language None)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[Passage] = []
    start = 0
    languages: tuple[str, ...] = ()
    for number, line in enumerate(lines):
        match = _BLOCK_BREAK.match(line)
        if not match:
            continue
        blocks.append(_block(shown, lines, start, number, languages))
        try:
            meta = json.loads(match["meta"]) if match["meta"] else {}
        except json.JSONDecodeError:
            meta = {}
        languages = _languages(list(meta.get("tags", [])) if isinstance(meta, dict) else [])
        start = number + 1
    blocks.append(_block(shown, lines, start, len(lines), languages))
    return Page(path, shown, [b for b in blocks if b.text.strip() or b.languages])


def _block(shown: str, lines: list[str], start: int, end: int, languages: tuple[str, ...]) -> Passage:
    return Passage(shown, "\n".join(lines[start:end]), languages[0] if len(languages) == 1 else None,
                   languages, start + 1)
