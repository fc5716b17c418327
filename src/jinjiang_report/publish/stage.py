"""Gather the book's sources in one folder: its own pages, the executed notebooks, the generated pages.

Files are rewritten only when their content changes, so Sphinx rebuilds only what changed.
"""

from __future__ import annotations

from pathlib import Path

from pylopdf_fonts_zh_cn import sans_path

from ..errors import BookBuildFailed
from ..facts.model import Ledger
from ..files import copy_if_changed, write_atomically
from ..project import Project
from ..themes import Theme
from .pages import generated_pages


def stage_sources(project: Project, themes: dict[str, Theme], ledger: Ledger) -> Path:
    """Stage the book under ``build/book-src`` and return that folder.

    themes: the chapters, in order. ledger: the verified ledger the chapters read.
    """
    stage = project.build / "book-src"
    wanted: dict[str, str] = {}
    copies = {page.relative_to(project.book).as_posix(): page for page in sorted(project.book.rglob("*"))
              if page.is_file()}
    font = Path(sans_path())
    copies[f"_static/{font.name}"] = font
    for theme in themes.values():
        executed = project.build / "executed" / theme.notebook
        if not executed.exists():
            raise BookBuildFailed(f"executed notebook {project.display(executed)} is missing; "
                                  "run the notebooks first")
        wanted[theme.notebook] = executed.read_text(encoding="utf-8")
    wanted.update(generated_pages(ledger, themes))
    for name, text in wanted.items():
        write_atomically(stage / name, text)
    for name, original in copies.items():
        copy_if_changed(original, stage / name)
    keep = set(wanted) | set(copies)
    for path in sorted(stage.rglob("*"), reverse=True):
        if path.is_file() and path.relative_to(stage).as_posix() not in keep:
            path.unlink()
    return stage
