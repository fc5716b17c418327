"""Small chapters and pages written for a test, so lint tests plant faults in text they own
rather than in the book's own notebooks (which change as the book is written)."""

from __future__ import annotations

import json

from jinjiang_report.project import Project
from jinjiang_report.themes import load_themes


def write_chapter(project: Project, theme: str, *items: tuple[str, str] | str, title: dict | None = None) -> list[str]:
    """Write ``theme``'s notebook: a code cell opening the chapter, the registry's title in both languages
    (or ``title``), then ``items``: an (English, Chinese) pair of Markdown cells, or a string, a code cell.
    Cells are 1: the opening code, 2-3: the titles, then the items in order. Returns the cells' ids."""
    title = title or load_themes(project.theme_registry)[theme].title
    cells = [_code("code0000", f'chapter = Chapter("{theme}", ledger=ledger, lang=lang)')]
    for number, item in enumerate([(f"# {title['en']}", f"# {title['zh']}"), *items]):
        if isinstance(item, str):
            cells.append(_code(f"code{number:04d}", item))
            continue
        for language, text in zip(("en", "zh"), item):
            cells.append({"cell_type": "markdown", "id": f"{language}{number:06d}",
                          "metadata": {"tags": [f"lang-{language}"]}, "source": text})
    notebook = project.notebooks / load_themes(project.theme_registry)[theme].notebook
    notebook.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5},
                                   ensure_ascii=False, indent=1), encoding="utf-8")
    return [cell["id"] for cell in cells]


def _code(cell_id: str, source: str) -> dict:
    return {"cell_type": "code", "id": cell_id, "metadata": {"tags": ["remove-input"]}, "execution_count": None,
            "outputs": [],
            "source": source}


def write_page(project: Project, name: str, *blocks: tuple[str, str]) -> str:
    """Write ``book/<name>.md`` as (English, Chinese) pairs of blocks; return its text."""
    parts = []
    for en, zh in blocks:
        parts += ['+++ {"tags": ["lang-en"]}', "", en, "", '+++ {"tags": ["lang-zh"]}', "", zh, ""]
    text = "\n".join(parts)
    (project.book / f"{name}.md").write_text(text, encoding="utf-8")
    return text
