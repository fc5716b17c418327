"""Code stays out of the book: every code cell carries a tag that keeps its source off the page.

The book is for readers of the report, not of its code; JupyterLab gives a new code cell no tags,
so without this rule a cell added for a table or a chart prints its code in both editions.
"""

from __future__ import annotations

from .documents import Notebook
from .findings import Finding

HIDING_TAGS = ("remove-input", "remove-cell", "hide-input")


def check_code_shown(notebook: Notebook) -> list[Finding]:
    """One finding per code cell whose source the book would print."""
    return [Finding(notebook.shown, cell.position, 1,
                    "code cell without a remove-input tag: the book would print its code; tag it remove-input "
                    "(its output stays), remove-cell (nothing shows) or hide-input (code folded)", cell.id)
            for cell in notebook.cells
            if cell.kind == "code" and cell.source.strip() and not set(HIDING_TAGS) & set(cell.tags)]
