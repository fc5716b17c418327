"""A process that imports once and forks a child per request: both ends of it.

The kernel template (``runs/kernel_template``) and the Jupyter Book process
(``publish/sphinx_worker``) work the same way: the build starts ``python -m MODULE SOCKET`` in a
private folder, the process imports what its children need, listens on the Unix socket and prints
``ready``; each request is answered by a forked child. SIGTERM stops the children, then the process.
What differs between the two (the request, what a child does) stays in their modules.
"""

from __future__ import annotations

import gc
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from .lifeline import die_with_build, die_with_parent, helper_environment


class ServerProcess:
    """The build's side: start the process without waiting (``start``), wait for its ``ready``
    line (``ready``), stop it and remove its folder (``stop``)."""

    def __init__(self, module: str, prefix: str, env: dict[str, str] | None = None) -> None:
        self.module, self.prefix, self.env = module, prefix, env
        self.process: subprocess.Popen[str] | None = None
        self.folder: Path | None = None
        self.listening: bool | None = None  # None: not asked yet

    @property
    def address(self) -> str:
        assert self.folder is not None
        return str(self.folder / "server.sock")

    def start(self, *args: str) -> None:
        """Start the process (if not started yet), with ``args`` after the socket's address."""
        if self.process is None:
            self.folder = Path(tempfile.mkdtemp(prefix=self.prefix))  # private: mode 0700
            self.process = subprocess.Popen([sys.executable, "-m", self.module, self.address, *args],
                                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True,
                                            env=helper_environment(self.env))

    def ready(self) -> bool:
        """Start the process if need be and wait until it listens; False if it could not start."""
        self.start()
        if self.listening is None:
            assert self.process is not None and self.process.stdout is not None
            self.listening = self.process.stdout.readline().strip() == "ready"
        return self.listening

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # the process stops the children it forked, then itself
            self.process.wait()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def listen(address: str, backlog: int, children: set[int]) -> socket.socket:
    """The process's side: on SIGTERM kill ``children`` and exit; bind the socket and say ``ready``."""
    signal.signal(signal.SIGTERM, lambda signum, frame: _stop(children))
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(address)
    server.listen(backlog)
    print("ready", flush=True)
    return server


def before_imports(address: str) -> None:
    """Called first in the process: it ends when the build does (``lifeline``), removing the
    socket's folder; no garbage collection while it only imports (collections of objects
    that will live as long as the process are wasted work), as Python's ``gc`` documentation
    advises for a process that forks without exec; ``fork`` and ``in_child`` do the rest.

    Ctrl-C in the terminal reaches this process too; the build stops it (with SIGTERM) when it
    stops, so it ignores SIGINT rather than print a traceback of its own."""
    die_with_build(lambda: shutil.rmtree(Path(address).parent, ignore_errors=True))
    gc.disable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def fork() -> int:
    """``os.fork`` for a process that has imported what its children need.

    Everything imported so far is frozen out of the garbage collector first: the children's
    collections then skip the modules, classes and functions they inherited, which otherwise
    make each collection walk hundreds of thousands of objects, and the pages shared with the parent stay shared.
    """
    global _forked_by
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()
    _forked_by = os.getpid()
    return os.fork()


_forked_by = 0  # the process that forked, as the child learns it


def in_child() -> None:
    """Called first in a forked child: it ends with its parent and with the build (threads do not
    survive a fork: the build's watch starts again), by SIGTERM and Ctrl-C like any process, not by
    stopping siblings, and collects garbage like any process."""
    die_with_parent(_forked_by)
    die_with_build()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    gc.enable()


def reap(children: set[int]) -> None:
    """Forget the children that have ended (and collect them, so none stays a zombie)."""
    for pid in list(children):
        try:
            finished, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            finished = pid
        if finished:
            children.discard(pid)


def _stop(children: set[int]) -> None:
    for pid in children:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    os._exit(0)
