"""Run one notebook with papermill and make its output clean and deterministic."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

from ..editions import keep_language
from ..errors import NotebookFailed, NotebookTimeout
from ..files import notebook_text, write_atomically
from ..project import display
from .kernel import ensure_kernel

VOLATILE_NOTEBOOK_KEYS = ("start_time", "end_time", "duration", "exception", "input_path",
                          "output_path", "environment_variables", "version")


def clean_output(nb, lang: str | None = None):
    """Drop what changes from run to run (timestamps, durations, paths), hide the injected cell,
    and keep only the prose of the run's language (``lang``; all prose when None)."""
    nb = copy.deepcopy(nb)
    if lang is not None:
        nb.cells = keep_language(nb.cells, lang)
    for key in VOLATILE_NOTEBOOK_KEYS:
        nb.metadata.get("papermill", {}).pop(key, None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags:
            cell.id = "injected-parameters"  # papermill gives it a random id
            if "remove-cell" not in tags:
                cell.metadata["tags"] = [*tags, "remove-cell"]
    return nb


def _failing_cell(source_nb, cell_source: str | None) -> int | None:
    """The 1-based position of the failing cell in the notebook as the analyst sees it."""
    for position, cell in enumerate(source_nb.cells, start=1):
        if cell.cell_type == "code" and cell.source == cell_source:
            return position
    return None


def execute(notebook: Path, parameters: dict, output: Path, failed: Path, build_dir: Path,
            timeout: float | None = None):
    """Execute ``notebook`` with ``parameters`` and write the cleaned result to ``output``.

    notebook: the stored (clean) notebook; it runs in its own folder. parameters: the full,
    checked parameter set. output: where the executed, cleaned notebook goes. failed: where a
    failed run's notebook is kept. build_dir: where the kernelspec lives. timeout: seconds a
    single cell may run (None: no limit).
    Raises NotebookFailed (or NotebookTimeout) naming the notebook and cell.
    """
    import nbformat  # imported here: a run that executes nothing need not pay for it
    import papermill
    from papermill.exceptions import PapermillExecutionError

    kernel = ensure_kernel(build_dir)
    source_nb = nbformat.read(notebook, as_version=4)
    running = {}  # the cell being executed, for a timeout's message

    def note_cell(cell, cell_index):
        running["source"] = cell.source

    with tempfile.TemporaryDirectory(prefix="jinjiang-run-") as scratch:
        raw_output = Path(scratch) / notebook.name
        try:
            executed = papermill.execute_notebook(
                str(notebook), str(raw_output), parameters=parameters, kernel_name=kernel,
                cwd=str(notebook.parent), progress_bar=False, log_output=False,
                request_save_on_cell_execute=False, execution_timeout=timeout,
                on_cell_start=note_cell,
            )
        except PapermillExecutionError as exc:
            kept = _keep_failed(raw_output, failed)
            raise NotebookFailed(notebook.name, _failing_cell(source_nb, exc.source),
                                 f"{exc.ename}: {exc.evalue}", kept) from None
        except TimeoutError:
            kept = _keep_failed(raw_output, failed)
            cell = _failing_cell(source_nb, running.get("source"))
            raise NotebookTimeout(notebook.name, cell, f"timed out after {timeout:g} s "
                                  "(raise it with --timeout)", kept) from None
        except RuntimeError as exc:  # kernel died or could not start
            kept = _keep_failed(raw_output, failed)
            raise NotebookFailed(notebook.name, None, f"{type(exc).__name__}: {exc}", kept) from None
    cleaned = clean_output(executed, str(parameters["lang"]) if "lang" in parameters else None)
    write_atomically(output, notebook_text(cleaned))
    return cleaned


def _keep_failed(raw_output: Path, kept: Path) -> str:
    """Move a failed run's notebook (if papermill wrote one) where the user can open it."""
    if raw_output.exists():
        write_atomically(kept, raw_output.read_text(encoding="utf-8"))
    return display(kept)
