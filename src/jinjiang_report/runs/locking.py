"""One build at a time per checkout: a second build waits for the first."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout


@contextmanager
def build_lock(build_dir: Path):
    """Hold the checkout's build lock; say so when waiting for another build."""
    build_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(build_dir / ".build.lock")
    try:
        lock.acquire(timeout=0)
    except Timeout:
        print("waiting for another jinjiang-report build of this checkout to finish ...",
              file=sys.stderr, flush=True)
        lock.acquire()
    try:
        yield
    finally:
        lock.release()
