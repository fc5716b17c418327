"""One build at a time per checkout: a second build waits for the first, not for a killed one.

The lock is a file lock (``flock``), which the system releases when the process holding it dies.
It stays held only while a process that inherited it lives on: what is left of a killed build.
So the holder writes its process id (and start time, against reused ids) beside the lock; a
build that finds the lock held by a process that no longer runs takes a new lock file instead of
waiting for leftovers that will never release it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout


def _started(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks since boot), or None if there is no such process."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def _holder(owner: Path) -> tuple[int, bool] | None:
    """The process id recorded as holding the lock and whether it still runs (None if none recorded)."""
    try:
        pid, started = owner.read_text(encoding="utf-8").split()
        return int(pid), _started(int(pid)) == started
    except (OSError, ValueError):
        return None


@contextmanager
def build_lock(build_dir: Path) -> Iterator[None]:
    """Hold the checkout's build lock; say so when waiting for another build, and take over a lock
    whose holder was killed."""
    build_dir.mkdir(parents=True, exist_ok=True)
    path, owner = build_dir / ".build.lock", build_dir / ".build.lock.owner"
    lock = FileLock(path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        holder = _holder(owner)
        if holder is not None and not holder[1]:
            print(f"note: the build that held {path} (pid {holder[0]}) was killed; what is left of it still holds "
                  "the lock, so this build takes a new one", file=sys.stderr, flush=True)
            path.unlink(missing_ok=True)
            lock = FileLock(path)
        else:
            who = f" (pid {holder[0]})" if holder else ""
            print(f"waiting for another jinjiang-report build of this checkout{who} to finish ...",
                  file=sys.stderr, flush=True)
        lock.acquire()
    owner.write_text(f"{os.getpid()} {_started(os.getpid())}", encoding="utf-8")
    try:
        yield
    finally:
        owner.unlink(missing_ok=True)
        lock.release()
