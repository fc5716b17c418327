"""Per-notebook progress: a live display on a terminal, plain log lines elsewhere or under CI."""

from __future__ import annotations

import os
import sys
import threading


def make_progress(names: list[str]):
    """A live rich display when stderr is a terminal and CI is unset; log lines otherwise."""
    if sys.stderr.isatty() and not os.environ.get("CI"):
        return LiveProgress(names)
    return LogProgress()


class LogProgress:
    """One line per event, whole lines only, so parallel runs stay readable."""

    def __init__(self):
        self._lock = threading.Lock()
        self._closed = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._closed = True  # runs still ending after a fault say nothing below the line that says why
        return False

    def _say(self, text: str) -> None:
        with self._lock:
            if not self._closed:
                print(text, file=sys.stderr, flush=True)

    def start(self, name: str) -> None:
        self._say(f"[{name}] executing")

    def finish(self, name: str, status: str, seconds: float) -> None:
        self._say(f"[{name}] {status}" + (f" in {seconds:.1f} s" if status != "cached" else " (unchanged)"))


class LiveProgress(LogProgress):
    """A rich table of notebooks with a spinner while each runs."""

    def __init__(self, names: list[str]):
        super().__init__()
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                  TextColumn("{task.fields[status]}"), TimeElapsedColumn(),
                                  transient=False)
        self._tasks = {n: self._progress.add_task(n, total=1, status="waiting", start=False)
                       for n in names}

    def __enter__(self):
        self._progress.start()
        return self

    def __exit__(self, *exc):
        self._progress.stop()
        return False

    def start(self, name: str) -> None:
        self._progress.start_task(self._tasks[name])
        self._progress.update(self._tasks[name], status="executing")

    def finish(self, name: str, status: str, seconds: float) -> None:
        self._progress.update(self._tasks[name], status=status, completed=1)
        self._progress.stop_task(self._tasks[name])
