"""What git stores is clean: no outputs, no execution counts, no metadata but what the build reads.

A cell keeps only its ``tags``; the notebook only ``kernelspec`` and the language's name, in the
form JupyterLab writes (``clean.py`` defines it). A working copy may hold a run's leftovers:
lint reads past them, and git's filter (``bash tools/dev.sh setup``) stores notebooks clean.
This rule judges the stored form, which is what ``jinjiang-report lint --stored`` (and CI) reads
from git's index.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..clean import CELL_METADATA, NOTEBOOK_METADATA, clean_text
from ..errors import UsageError
from .documents import Notebook
from .findings import Finding

HINT = ("set up git's filter (bash tools/dev.sh setup) and git add it again, "
        "or run jinjiang-report clean on it and git add it")


def stored_in_git(path: Path, shown: str) -> str | None:
    """The text git's index holds for ``path`` (what the next commit stores), None if git has none.

    Raises UsageError when ``path`` is not in a git working tree or git is missing.
    """
    folder = str(path.parent)
    try:
        inside = subprocess.run(["git", "-C", folder, "rev-parse", "--is-inside-work-tree"],
                                capture_output=True, text=True)
        done = subprocess.run(["git", "-C", folder, "show", f":./{path.name}"], capture_output=True)
    except FileNotFoundError:
        raise UsageError("lint --stored reads what git stores, and git is not installed") from None
    if inside.stdout.strip() != "true":
        raise UsageError(f"lint --stored reads what git stores, and {shown} is not in a git working tree")
    return done.stdout.decode("utf-8") if done.returncode == 0 else None


def check_stored(notebook: Notebook, text: str) -> list[Finding]:
    """Findings for the notebook as git stores it (``text``; ``notebook`` is the same text, read):
    one per cell stored with a run's leftovers, one for extra notebook metadata, and one when
    nothing is left over but the form is not the one JupyterLab writes."""
    findings = []
    where = f"{notebook.shown} (as git stores it)"
    extra = [key for key in sorted(notebook.metadata) if key not in NOTEBOOK_METADATA]
    for key, kept in NOTEBOOK_METADATA.items():
        value = notebook.metadata.get(key)
        if kept is not None and isinstance(value, dict):
            extra += [f"{key}.{sub}" for sub in sorted(value) if sub not in kept]
    if extra:
        findings.append(Finding(where, None, 0, f"stored with notebook metadata {', '.join(extra)}; {HINT}"))
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
            findings.append(Finding(where, cell.position, 1, f"stored with {' and '.join(what)}; {HINT}", cell.id))
    if not findings and clean_text(text) != text:
        findings.append(Finding(where, None, 0, f"not stored in the form JupyterLab writes; {HINT}"))
    return findings
