"""Where a failed run failed, named in the stored notebook: the cell as JupyterLab counts it, and the line.

Papermill runs a copy with a cell of its own injected after the parameters cell, so its cell
index is not the analyst's; the cell's id is the same in both, and the traceback gives the line
(``Cell In[7], line 3``).
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from ..house_rules.findings import cell_location
from ..files import cell_source

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_CELL_FRAME = re.compile(r"Cell In\[(?P<count>\d*)\], line (?P<line>\d+)")


def traceback_line(traceback: Sequence[str], exec_count: int | None) -> int | None:
    """The line of the failing cell that was running, from IPython's traceback lines.

    The first frame of the cell itself (``Cell In[<exec_count>]``) is the line the analyst wrote;
    deeper frames are in functions it called.
    """
    frames = [match for text in traceback for match in _CELL_FRAME.finditer(_ANSI.sub("", text))]
    for match in frames:
        if exec_count is not None and match["count"] == str(exec_count):
            return int(match["line"])
    return int(frames[0]["line"]) if frames else None


def stored_position(stored_cells: list[dict[str, Any]], cell_id: str | None, source: str | None) -> tuple[int, str] | None:
    """The 1-based position and id, in the stored notebook, of the cell with ``cell_id``
    (or, failing that, the code cell whose source is ``source``)."""
    for position, cell in enumerate(stored_cells, start=1):
        if cell_id and cell.get("id") == cell_id:
            return position, cell_id
    for position, cell in enumerate(stored_cells, start=1):
        if source is not None and cell.get("cell_type") == "code" and cell_source(cell) == source:
            return position, str(cell.get("id", ""))
    return None


def failure_place(shown: str, stored_cells: list[dict[str, Any]], cell_id: str | None, source: str | None,
                  line: int | None) -> str:
    """``notebooks/x.ipynb: cell 12 (id ab12), line 3`` for a failure in the cell with ``cell_id``.

    shown: the stored notebook as shown to the user. stored_cells: its cells (JSON).
    """
    found = stored_position(stored_cells, cell_id, source)
    if found is None:
        return f"{shown}: a cell papermill added"
    return cell_location(shown, found[0], found[1], line)
