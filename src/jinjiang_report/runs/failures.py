"""A run that failed for a reason of the machine, named in full: the notebook, the edition, the cell.

A cell that ran out of time, or a kernel that died under it (killed, or out of memory: the
kernel's own process ends without a word), is no fault of the notebook's code; the same
notebook runs once per edition, so the message names the edition too. ``execute`` reports a
dead kernel as a failure at start-up, since nbclient says only "Kernel died" and papermill
keeps no notebook then; nbclient logs each cell's source (at debug level) as it sends it to the
kernel, in the thread of the run, so the last one logged in that thread is the cell that was
running (``watching_cells``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import KernelDied, NotebookFailed, NotebookTimeout
from ..files import read_notebook_json
from .locate import failure_place

_DEAD_KERNEL = ("DeadKernelError", "RuntimeError: Kernel died")  # in a cell; before its first cell
_WHAT_TO_DO = "(killed, or out of memory): free some memory or run fewer notebooks at once (-j 1), then build again"
_DIED = f"the kernel died while this cell ran {_WHAT_TO_DO}"
_DIED_AT_START = f"the kernel died before its first cell {_WHAT_TO_DO}"


_LOGGER = "papermill"  # nbclient logs through papermill's logger when papermill runs it
_CELL_SENT = "Executing cell:\n%s"  # nbclient's debug message, its argument the cell's source
_RUN_STARTS = "Input Notebook:"  # papermill's first message of a run


class _CellWatch(logging.Handler):
    """Per thread, the source of the cell nbclient sent to the kernel last in the current run."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.running: dict[int, str] = {}

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg == _CELL_SENT and isinstance(record.args, tuple) and record.args:
            self.running[record.thread or 0] = str(record.args[0])
        elif isinstance(record.msg, str) and record.msg.startswith(_RUN_STARTS):
            self.running.pop(record.thread or 0, None)


_watch = _CellWatch()


@contextmanager
def watching_cells() -> Iterator[None]:
    """While runs execute, note the cell each thread's run sent to its kernel last."""
    logger = logging.getLogger(_LOGGER)
    level = logger.level
    logger.addHandler(_watch)
    logger.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        logger.setLevel(level)
        logger.removeHandler(_watch)
        _watch.running.clear()


def in_edition(failure: NotebookFailed, edition: str, notebook: Path, kept: Path, shown: str) -> NotebookFailed:
    """``failure`` of the run of ``notebook`` (shown as ``shown``) in ``edition``, in the run's
    thread: named with the edition when the machine is at fault (a time limit, a dead kernel: then
    with the cell it was running), and with the executed copy only if one was kept at ``kept``;
    other failures as they are."""
    named = f"{shown} ({edition} edition)"
    if isinstance(failure, NotebookTimeout):
        return NotebookTimeout(named + failure.where.removeprefix(shown), failure.exception,
                               failure.kept_at if kept.is_file() else None)
    if failure.exception.startswith(_DEAD_KERNEL):
        source = _watch.running.get(threading.get_ident())
        kept_at = failure.kept_at if kept.is_file() else None
        if source is None:
            return KernelDied(f"{named}: kernel start-up", _DIED_AT_START, kept_at)
        where = failure_place(shown, read_notebook_json(notebook)["cells"], None, source, None)
        return KernelDied(named + where.removeprefix(shown), _DIED, kept_at)
    return failure
