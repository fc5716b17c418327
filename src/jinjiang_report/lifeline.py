"""Helper processes end with their build, however the build ends (SIGKILL and the OOM killer included).

A build starts helpers (the Jupyter Book process or the ``jupyter-book`` command, the kernel
template) and they fork more (an edition's build, kernels). Each calls ``die_with_build`` first:
it watches the build process named in its environment and exits the moment it is gone. (A kernel
that jupyter_client starts itself watches its parent already: ipykernel's parent poller.) Linux (5.3 and later) says so at
once through a pidfd; elsewhere a thread looks every half second whether the process is gone or
the helper's parent has changed (a helper whose parent died is adopted by another process).

The build process is watched rather than the parent with ``PR_SET_PDEATHSIG``: that signal fires
when the parent *thread* ends, and the build starts helpers from short-lived worker threads. A
forked child, whose parent is a helper's only thread, also asks for ``SIGKILL`` on its parent's
death (``die_with_parent``).
"""

from __future__ import annotations

import os
import select
import sys
import threading
import time
from typing import Callable

from .runs.processes import is_running

BUILD_VARIABLE = "JINJIANG_BUILD_PID"  # set by the build for the helpers it starts
POLL_SECONDS = 0.5
PR_SET_PDEATHSIG = 1


def helper_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a helper this process starts: its own, ``extra``, and this process as the build."""
    return {**os.environ, **(extra or {}), BUILD_VARIABLE: str(os.getpid())}


def build_pid() -> int | None:
    """The build process this helper belongs to, from its environment (None: not a helper)."""
    text = os.environ.get(BUILD_VARIABLE, "")
    return int(text) if text.isdigit() and int(text) > 1 and int(text) != os.getpid() else None


def die_with_build(before_exit: Callable[[], None] | None = None) -> None:
    """Exit (code 1) as soon as the build process is gone; ``before_exit`` first (e.g. remove a
    socket's folder). Does nothing in a process that is not a build's helper."""
    build = build_pid()
    if build is None:
        return
    try:
        watched: int | None = os.pidfd_open(build)
    except ProcessLookupError:
        _exit(before_exit)
    except (AttributeError, OSError):  # not Linux, or Linux before 5.3
        watched = None
    parent = os.getppid()

    def watch() -> None:
        if watched is not None:
            select.select([watched], [], [])
        else:
            while is_running(build) and os.getppid() == parent:
                time.sleep(POLL_SECONDS)
        _exit(before_exit)

    threading.Thread(target=watch, name="build-watch", daemon=True).start()


def die_with_parent(parent: int) -> None:
    """In a child forked by ``parent`` (from its only thread): SIGKILL when it ends (Linux);
    ``die_with_build`` covers other systems."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes  # only here: most processes that import this module never fork

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0)  # 9: SIGKILL
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent ended before the request took effect
        os._exit(1)


def _exit(before_exit: Callable[[], None] | None) -> None:
    try:
        if before_exit is not None:
            before_exit()
    finally:
        os._exit(1)
