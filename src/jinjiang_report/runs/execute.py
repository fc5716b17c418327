"""Run one notebook with papermill and make its output clean and deterministic."""

from __future__ import annotations

import copy
import tempfile
import time
from pathlib import Path

from ..clean import clean_text
from ..editions import keep_language
from ..errors import NotebookFailed, NotebookTimeout
from ..files import cell_source, notebook_text, read_notebook_json, write_atomically
from ..project import display
from .kernels import Kernels
from .locate import failure_place, traceback_line

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


def execute(notebook: Path, parameters: dict, output: Path, failed: Path, build_dir: Path, kernels: Kernels,
            timeout: float | None = None, shown: str | None = None):
    """Execute ``notebook`` with ``parameters`` and write the cleaned result to ``output``.

    notebook: the stored (clean) notebook; it runs in its own folder. parameters: the full,
    checked parameter set. output: where the executed, cleaned notebook goes. failed: where a
    failed run's notebook is kept. build_dir: where the kernelspec lives. kernels: how the kernel
    starts (the engine's). timeout: seconds a
    single cell may run (None: no limit). shown: how errors name the notebook (default: its path
    relative to the checkout).
    Returns the cleaned notebook and the run's seconds by phase (kernel start, groups of cells,
    papermill and shutdown). Raises NotebookFailed (or NotebookTimeout) naming the notebook,
    the cell and the line.
    """
    from jupyter_core.utils import run_sync  # with asyncio: imported only when a notebook runs

    shown = shown or display(notebook)
    called = time.perf_counter()
    kernel_manager = kernels.start(build_dir, notebook.parent, shown)
    try:
        return _execute(notebook, parameters, output, failed, kernel_manager, timeout, shown, called)
    finally:
        if kernel_manager.has_kernel:  # papermill stops it, unless it failed before taking it over
            run_sync(kernel_manager.shutdown_kernel)(now=True)


def _execute(notebook: Path, parameters: dict, output: Path, failed: Path, kernel_manager, timeout: float | None,
             shown: str, called: float):
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from ..compat.papermill import ENGINE_NAME, register

    register()

    stored = read_notebook_json(notebook)["cells"]
    running: dict[str, str | None] = {}  # the cell being executed, for a timeout's message
    clock: dict[str, float] = {"called": called}
    cell_seconds: list[tuple[str, float]] = []

    def kernel_ready(notebook: object) -> None:
        clock["ready"] = time.perf_counter()

    def note_cell(cell, cell_index):
        running["id"], running["source"] = cell.get("id"), cell.source
        clock["cell"] = time.perf_counter()

    def cell_done(cell, cell_index, execute_reply=None):
        cell_seconds.append((_cell_label(cell), time.perf_counter() - clock["cell"]))

    with tempfile.TemporaryDirectory(prefix="jinjiang-run-") as scratch:
        raw_output = Path(scratch) / notebook.name
        # the notebook's clean form runs: what JupyterLab left in the working copy (outputs,
        # user_expressions, widget state) is not the notebook's and must not reach the book
        clean_input = Path(scratch) / "input" / notebook.name
        write_atomically(clean_input, clean_text(notebook.read_text(encoding="utf-8")))
        try:
            executed = papermill.execute_notebook(
                str(clean_input), str(raw_output), parameters=parameters, kernel_name=kernel_manager.kernel_name,
                # No cwd=: papermill would chdir the whole process, from several threads at once; the
                # kernel already runs in the notebook's folder (_start_kernel).
                engine_name=ENGINE_NAME, km=kernel_manager, progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False, execution_timeout=timeout,
                on_notebook_start=kernel_ready, on_cell_start=note_cell, on_cell_executed=cell_done,
                shutdown_kernel="immediate",  # the outputs are in hand; a graceful stop costs most of a second
            )
        except PapermillExecutionError as exc:
            kept = _keep_failed(raw_output, failed)
            where = failure_place(shown, stored, _executed_cell_id(raw_output, exc.cell_index, exc.source), exc.source,
                                  traceback_line(exc.traceback, exc.exec_count))
            raise NotebookFailed(where, f"{exc.ename}: {exc.evalue}", kept) from None
        except TimeoutError:
            kept = _keep_failed(raw_output, failed)
            where = failure_place(shown, stored, running.get("id"), running.get("source"), None)
            raise NotebookTimeout(where, f"timed out after {timeout:g} s (raise it with --timeout)", kept) from None
        except RuntimeError as exc:  # kernel died or could not start
            kept = _keep_failed(raw_output, failed)
            raise NotebookFailed(f"{shown}: kernel start-up", f"{type(exc).__name__}: {exc}", kept) from None
    cleaned = clean_output(executed, str(parameters["lang"]) if "lang" in parameters else None)
    write_atomically(output, notebook_text(cleaned))
    finished = time.perf_counter()
    in_cells = sum(seconds for _, seconds in cell_seconds)
    ready = clock.get("ready", clock["called"])
    timings = {"kernel start": ready - clock["called"], **_grouped(cell_seconds),
               "papermill and shutdown": finished - ready - in_cells}
    return cleaned, {name: round(seconds, 3) for name, seconds in timings.items()}


def _cell_label(cell) -> str:
    """How the run's timings name a cell: by what it does, as far as its tags and first call say."""
    tags = cell.get("metadata", {}).get("tags", [])
    if "injected-parameters" in tags or "parameters" in tags:
        return "parameters"
    source = cell.get("source", "")
    if "Chapter(" in source:
        return "set-up (imports, ledger, values)"
    if "show_chart" in source or "_chart(" in source or "charts." in source:
        return "charts"
    return "tables and text"


def _grouped(cell_seconds: list[tuple[str, float]]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for label, seconds in cell_seconds:
        totals[label] = totals.get(label, 0.0) + seconds
    return totals


def _executed_cell_id(raw_output: Path, cell_index: int, source: str) -> str | None:
    """The id of the cell papermill names by index in the notebook it ran (parameters injected).

    Its output notebook also holds the error markers it adds on failure (tagged
    ``papermill-error-cell-tag``); without them, indexes are those of the run.
    """
    try:
        cells = [c for c in read_notebook_json(raw_output)["cells"]
                 if "papermill-error-cell-tag" not in c.get("metadata", {}).get("tags", [])]
        cell = cells[cell_index]
    except (OSError, ValueError, IndexError, KeyError):
        return None
    return cell.get("id") if cell_source(cell) == source else None


def _keep_failed(raw_output: Path, kept: Path) -> str:
    """Move a failed run's notebook (if papermill wrote one) where the user can open it."""
    if raw_output.exists():
        write_atomically(kept, raw_output.read_text(encoding="utf-8"))
    return display(kept)
