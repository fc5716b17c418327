"""Jupyter Book's warnings named in the sources the analyst edits, never in the gathered copy.

Sphinx names a gathered file: ``build/editions/en/book-src/hospital.ipynb:110002``. For a
notebook, myst-nb starts each cell's lines at ``(cell index + 1) * 10000 + 1`` and the parser
counts a block's first line from 1 on top of that, so ``110002`` is the first line of the cell
at index 10 (measured: a role on a cell's third line is reported as ``...0004``). The index
counts the cells of the gathered notebook, which holds one language's cells and papermill's
injected cell; the cell's id finds it in ``notebooks/``. For a page, the line is mapped back through the
blocks the edition kept to ``book/NAME.md``.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..house_rules.findings import cell_location
from ..editions import page_line_map
from ..files import read_notebook_json
from ..project import Project
from ..runs.locate import stored_position

_WARNING = re.compile(r"^(?P<path>[^:\s]+\.(?P<suffix>ipynb|md)):(?P<line>\d+): (?:(?:WARNING|ERROR|CRITICAL): )?"
                      r"(?P<message>.*)$")
MYST_NB_CELL_LINES = 10000


def notebook_place(gathered: Path, stored: Path, shown: str, line: int) -> str:
    """``notebooks/x.ipynb: cell N (id ID), line L`` for myst-nb's ``line`` in the ``gathered`` notebook."""
    index, within = line // MYST_NB_CELL_LINES - 1, max(1, line % MYST_NB_CELL_LINES - 1)
    try:
        cell_id = read_notebook_json(gathered)["cells"][index].get("id")
        found = stored_position(read_notebook_json(stored)["cells"], cell_id, None)
    except (OSError, ValueError, IndexError, KeyError):
        found = None
    if found is None:
        return shown
    return cell_location(shown, found[0], found[1], within)


def page_place(gathered: Path, stored: Path, shown: str, line: int, lang: str) -> str:
    """``book/x.md: line L`` for Sphinx's ``line`` in the ``gathered`` page of edition ``lang``."""
    try:
        lines = page_line_map(stored.read_text(encoding="utf-8"), lang)
    except OSError:
        return shown
    return f"{shown}: line {lines[line - 1]}" if 0 < line <= len(lines) else shown


def source_warning(text: str, book_src: Path, project: Project, lang: str) -> str:
    """A Sphinx warning line with its gathered place replaced by the source's (as it is when not gathered)."""
    match = _WARNING.match(text.strip())
    if not match:
        return text.strip()
    gathered = Path(match["path"])
    try:
        relative = gathered.resolve().relative_to(book_src.resolve())
    except ValueError:
        return text.strip()
    line = int(match["line"])
    if match["suffix"] == "ipynb":
        stored = project.notebooks / relative.name
        if not stored.is_file():
            return text.strip()
        place = notebook_place(gathered, stored, project.display(stored), line)
    else:
        stored = project.book / relative
        if not stored.is_file():  # a page the build writes (the annotated source, the appendix)
            return text.strip()
        place = page_place(gathered, stored, project.display(stored), line, lang)
    return f"{place}: {match['message']}"
