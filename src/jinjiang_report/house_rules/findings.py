"""How a problem in a notebook or a page is named: the file, the cell as JupyterLab counts it, the line."""

from __future__ import annotations

from dataclasses import dataclass


def cell_location(file: str, cell: int | None, cell_id: str = "", line: int | None = None) -> str:
    """``notebooks/x.ipynb: cell 5 (id ab12), line 3`` (the line only when known).

    file: the notebook as shown to the user. cell: the 1-based position of the cell among all
    cells of the stored notebook (what JupyterLab's cell counter shows), None for the whole file.
    cell_id: the cell's id. line: the 1-based line within the cell.
    """
    where = file
    if cell is not None:
        where += f": cell {cell}" + (f" (id {cell_id})" if cell_id else "")
        if line:
            where += f", line {line}"
    elif line:
        where += f": line {line}"
    return where


@dataclass(frozen=True)
class Finding:
    """One problem found by lint.

    file: the notebook or page as shown (``notebooks/export.ipynb``, ``book/intro.md``).
    cell: 1-based position among all cells (None for a page or the whole notebook).
    line: 1-based line within the cell (notebooks) or the file (pages); 0 when the whole is at fault.
    message: what is wrong and what to do.
    """

    file: str
    cell: int | None
    line: int
    message: str
    cell_id: str = ""

    def __str__(self) -> str:
        return f"{cell_location(self.file, self.cell, self.cell_id, self.line)}: {self.message}"
