"""Notebooks are stored clean: no outputs, no execution counts, no metadata but what the build reads.

A cell keeps only its ``tags``; the notebook only ``kernelspec`` and ``language_info``.
Everything else (outputs, counts, JupyterLab's ``user_expressions``, papermill's timings) is
what a run leaves behind, and ``jinjiang-report clean`` removes it.
"""

from __future__ import annotations

from .documents import Notebook
from .findings import Finding

CELL_METADATA = ("tags",)
NOTEBOOK_METADATA = ("kernelspec", "language_info")
HINT = "run jinjiang-report clean"


def check_stored(notebook: Notebook) -> list[Finding]:
    """One finding per cell stored with a run's leftovers, and one for extra notebook metadata."""
    findings = []
    extra = sorted(set(notebook.metadata) - set(NOTEBOOK_METADATA))
    if extra:
        findings.append(Finding(notebook.shown, None, 0,
                                f"stored with notebook metadata {', '.join(extra)}; {HINT}"))
    for cell in notebook.cells:
        what = []
        if cell.raw.get("outputs"):
            what.append("outputs")
        if cell.raw.get("execution_count") is not None:
            what.append("an execution count")
        if cell.kind == "markdown" and cell.raw.get("attachments"):
            what.append("attachments")
        extra = sorted(set(cell.raw.get("metadata", {})) - set(CELL_METADATA))
        if extra:
            what.append(f"metadata {', '.join(extra)}")
        if what:
            findings.append(Finding(notebook.shown, cell.position, 1,
                                    f"stored with {' and '.join(what)}; {HINT}", cell.id))
    return findings
