"""Stopping the kernels this process started, so an interrupted build leaves none behind."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path


def is_running(pid: int) -> bool:
    """Whether a process ``pid`` exists (one of another user's counts: it runs, we may not signal it)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def child_pids(parent: int | None = None) -> list[int]:
    """Process ids whose parent is ``parent`` (default: this process), read from /proc."""
    parent = os.getpid() if parent is None else parent
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == parent:
            children.append(int(stat.parent.name))
    return children


def stop_children(grace: float = 3.0, quiet: float = 1.0, limit: float = 15.0) -> int:
    """Stop every child process: SIGTERM, then SIGKILL after ``grace`` s.

    Worker threads may still be launching a kernel when this runs, so children are looked
    up again until none has appeared for ``quiet`` s (``limit`` s at most in all).
    Returns how many processes were stopped.
    """
    stopped: set[int] = set()
    started = last_seen = time.monotonic()
    while time.monotonic() - last_seen < quiet and time.monotonic() - started < limit:
        pids = [pid for pid in child_pids() if _alive(pid)]
        if pids:
            _terminate(pids, grace)
            stopped.update(pids)
            last_seen = time.monotonic()
        else:
            time.sleep(0.05)
    return len(stopped)


def _terminate(pids: list[int], grace: float) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + grace
    alive = list(pids)
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in alive if _alive(pid)]
        if alive:
            time.sleep(0.05)
    for pid in alive:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    for pid in alive:
        _alive(pid)  # reap


def _alive(pid: int) -> bool:
    try:
        finished, _ = os.waitpid(pid, os.WNOHANG)
        return finished == 0
    except ChildProcessError:
        try:
            os.kill(pid, 0)
            return True
        except ProcessLookupError:
            return False
