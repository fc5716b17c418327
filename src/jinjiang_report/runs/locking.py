"""One build at a time per checkout: a second build waits for the first, not for a killed one.

The lock is a file lock (``flock``), which the system releases when the process that took it
dies, unless a process that inherited it lives on: what is left of a killed build. The system
lists every lock with the process that took it (``/proc/locks``; 0 or a process id that no longer
runs once that process has died), so a build that finds the lock held only for processes that no
longer run takes a new lock file instead of waiting for leftovers that will never release it.
Taking over happens under a second, short-held lock, so two builds never both take over.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from filelock import FileLock, Timeout

from .processes import is_running


def holders(path: Path) -> list[int] | None:
    """The processes that took the locks held on ``path`` (0 for one that has ended), from
    ``/proc/locks``; None where that cannot be read."""
    try:
        stat = os.stat(path)
        listed = Path("/proc/locks").read_text()
    except OSError:
        return None
    file = f"{os.major(stat.st_dev):02x}:{os.minor(stat.st_dev):02x}:{stat.st_ino}"
    found = []
    for line in listed.splitlines():
        fields = line.split()  # "2: FLOCK  ADVISORY  WRITE 14067 fe:00:2147082 0 EOF"; waiters show "->"
        if len(fields) >= 6 and fields[1] == "FLOCK" and fields[5] == file:
            found.append(int(fields[4]))
    return found


def _stale(path: Path) -> bool:
    """Whether the lock on ``path`` is held only for processes that no longer run."""
    found = holders(path)
    return bool(found) and not any(is_running(pid) for pid in found or [])


@contextmanager
def build_lock(build_dir: Path) -> Iterator[None]:
    """Hold the checkout's build lock; say so when waiting for another build, and take over a lock
    whose taker was killed."""
    build_dir.mkdir(parents=True, exist_ok=True)
    path = build_dir / ".build.lock"
    lock = FileLock(path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        with FileLock(build_dir / ".build.lock.takeover"):
            if _stale(path):  # checked again here: another build may have taken over already
                killed = ", ".join(str(pid) for pid in holders(path) or [] if pid) or "unknown"
                print(f"note: the build that held {path} (pid {killed}) was killed; what is left of it still "
                      "holds the lock, so this build takes a new one", file=sys.stderr, flush=True)
                path.unlink(missing_ok=True)
                lock = FileLock(path)
                with suppress(Timeout):  # a build starting just now may take the new file first: wait for it
                    lock.acquire(timeout=0)
        if not lock.is_locked:
            waited_for = ", ".join(str(pid) for pid in holders(path) or [])
            print(f"waiting for another jinjiang-report build of this checkout{f' (pid {waited_for})' if waited_for else ''}"
                  " to finish ...", file=sys.stderr, flush=True)
            lock.acquire()
    try:
        yield
    finally:
        lock.release()
