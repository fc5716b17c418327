"""The book's editions (``book/editions.yml``) and what belongs to each: one language's prose.

Prose is written in both languages side by side. In a notebook, each Markdown cell is
tagged ``lang-en`` or ``lang-zh``, the two versions of a passage next to each other. In a
Markdown page, blocks start with a MyST block break carrying the same tag, for example
``+++ {"tags": ["lang-zh"]}``; text before the first such break belongs to both editions.
An edition keeps its own language's cells and blocks and drops the other's.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import DataFileError
from .files import load_yaml
from .project import display

LANGUAGE_TAGS = {"en": "lang-en", "zh": "lang-zh"}
_BLOCK_BREAK = re.compile(r"^\+\+\+[ \t]*(?P<meta>\{.*\})?[ \t]*$", re.M)


@dataclass(frozen=True)
class Edition:
    """One edition of the book.

    code: the language code notebooks take as ``lang`` (``en``, ``zh``); also the site folder.
    html_lang: the page's ``<html lang>``. sphinx_language: Sphinx's ``language`` (site theme words, search).
    parts: the table of contents' captions (``themes``, ``appendix``). switch_to: the switcher's words.
    """

    code: str
    name: str
    author: str
    html_lang: str
    sphinx_language: str
    title: str
    search_bar_text: str
    parts: dict[str, str]
    switch_to: str


def load_editions(path: Path) -> dict[str, Edition]:
    """The editions of ``book/editions.yml`` by code, in order."""
    shown = display(path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(shown, 0, "", "editions file not found") from None
    editions = {}
    for code, entry in (data or {}).items():
        if code not in LANGUAGE_TAGS:
            raise DataFileError(shown, 0, code, f"an edition's code must be one of {', '.join(LANGUAGE_TAGS)}")
        try:
            editions[code] = Edition(code=code, **entry)
        except TypeError as exc:
            raise DataFileError(shown, 0, code, f"edition settings: {exc}") from None
    return editions


def cell_language(cell: dict[str, Any]) -> str | None:
    """The language a cell is tagged with (``en``/``zh``), or None for a cell of every edition."""
    tags = cell.get("metadata", {}).get("tags", [])
    found = [code for code, tag in LANGUAGE_TAGS.items() if tag in tags]
    return found[0] if found else None


def keep_language(cells: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """The cells of one edition: untagged cells and the cells tagged with ``lang``."""
    return [cell for cell in cells if cell_language(cell) in (None, lang)]


def _blocks(text: str) -> list[tuple[str | None, str, int]]:
    """A Markdown page split at its block breaks: (language or None, text, offset of the text) in order."""
    blocks: list[tuple[str | None, str, int]] = []
    position, language = 0, None
    for match in _BLOCK_BREAK.finditer(text):
        blocks.append((language, text[position:match.start()], position))
        meta = json.loads(match["meta"]) if match["meta"] else {}
        language = next((code for code, tag in LANGUAGE_TAGS.items() if tag in meta.get("tags", [])), None)
        position = match.end() + 1
    blocks.append((language, text[position:], position))
    return [(lang, block, start) for lang, block, start in blocks if block.strip() or lang is None]


def page_blocks(text: str) -> list[tuple[str | None, str]]:
    """A Markdown page split at its block breaks: (language or None, text) in order."""
    return [(lang, block) for lang, block, _ in _blocks(text)]


def page_for(text: str, lang: str) -> str:
    """A Markdown page with only its shared blocks and the blocks of ``lang``."""
    return "".join(block if block.endswith("\n") else block + "\n"
                   for block_lang, block in page_blocks(text) if block_lang in (None, lang) and block.strip())


def page_line_map(text: str, lang: str) -> list[int]:
    """For each line of ``page_for(text, lang)``, the 1-based line of ``text`` it comes from."""
    lines: list[int] = []
    for block_lang, block, start in _blocks(text):
        if block_lang in (None, lang) and block.strip():
            first = text.count("\n", 0, start) + 1
            lines += range(first, first + len(block.splitlines()))
    return lines
