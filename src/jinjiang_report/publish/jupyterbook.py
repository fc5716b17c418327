"""Build the gathered book with Jupyter Book 1, warnings as errors; reuse the last HTML when nothing changed.

How an edition is built, one class per engine (``engines.py`` chooses): ``PlainBookBuilder`` runs
the ``jupyter-book`` command, one process per edition; ``BookBuilder`` runs Jupyter Book in the
build's book process (``sphinx_worker``), started early by ``warm`` so its imports overlap the
notebook runs, each edition in a child forked from it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Callable

from ..errors import BookBuildFailed
from ..files import stat_fingerprint, tree_digest, write_atomically
from ..forkserver import ServerProcess
from ..lifeline import helper_environment
from ..project import display


MACHINE_FAULTS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO}

# Sphinx's output must not depend on the process: hash order and the build date are fixed.
BUILD_ENV = {"PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": "1760572800"}


class BookBuilder:
    """The build's Jupyter Book process (``sphinx_worker``): started ahead of need by ``warm`` or
    on the first ``run``; each ``run`` builds in a child forked from it, so editions build side
    by side after importing once."""

    def __init__(self) -> None:
        self.server = ServerProcess("jinjiang_report.publish.sphinx_worker", "jinjiang-book-", BUILD_ENV)
        self.lock = threading.Lock()  # the editions' threads ask at once; one reads the "ready" line

    def warm(self, build: Path | None = None) -> None:
        """Start the process now, to import while other work goes on; given the build folder, it
        also takes from it what an earlier build kept for it (``sphinx_worker``)."""
        self.server.start(*([str(build)] if build is not None else []))

    def run(self, args: list[str]) -> tuple[int, str]:
        """Run ``jupyter-book`` with ``args``; return its exit code and everything it printed."""
        with self.lock:
            listening = self.server.ready()
        if not listening:
            return 1, "error: the Jupyter Book process did not start"
        with tempfile.NamedTemporaryFile("r", suffix=".log", encoding="utf-8") as log, \
                socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(self.server.address)
            connection.sendall(json.dumps({"args": args, "log": log.name}).encode())
            connection.shutdown(socket.SHUT_WR)
            answer = connection.makefile().readline().strip()
            if not answer:  # the child answers even when Jupyter Book raises: it was killed
                raise ConnectionResetError(errno.ECONNRESET, "the build of an edition ended without an answer")
            return (int(answer) if answer.lstrip("-").isdigit() else 1), log.read()

    def close(self) -> None:
        self.server.stop()


# The jupyter-book command, ending with the build however the build ends (``lifeline``).
PLAIN_COMMAND = ("from jinjiang_report.lifeline import die_with_build; die_with_build(); "
                 "from jupyter_book.cli.main import main; main()")


class PlainBookBuilder:
    """The ``jupyter-book`` command, in a process of its own per edition."""

    def warm(self, build: Path | None = None) -> None:
        pass

    def run(self, args: list[str]) -> tuple[int, str]:
        """Run ``jupyter-book`` with ``args``; return its exit code and everything it printed."""
        done = subprocess.run([sys.executable, "-c", PLAIN_COMMAND, *args],
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, encoding="utf-8", errors="replace", env=helper_environment(BUILD_ENV))
        return done.returncode, done.stdout

    def close(self) -> None:
        pass


def run_once(args: list[str]) -> tuple[int, str]:
    """Run ``jupyter-book`` with ``args`` in a process of its own."""
    return PlainBookBuilder().run(args)


def build_html(book_src: Path, config: Path, output: Path, code: str,
               place: Callable[[str], str] = str.strip,
               run: Callable[[list[str]], tuple[int, str]] = run_once) -> Path:
    """Run Jupyter Book 1 on ``book_src`` with ``config`` into ``output``; return the HTML folder.

    code: a digest of the package's code (its Sphinx extension shapes every page).
    place: rewrites a warning line so it names the source the analyst edits (``publish.locate``).
    run: runs Jupyter Book with the given arguments (called only when something changed).
    When the gathered sources, the configuration and the code are exactly those of the last
    successful build, and its HTML is as that build left it, the HTML is reused and Jupyter Book
    is not started. When only the
    sources changed, Sphinx rebuilds the pages that changed; when the code or the configuration
    changed, or the HTML is not as the last build left it (a build interrupted while writing, a
    page edited), all of them, from an empty folder (Sphinx cannot see a change in an extension's
    code, and keeps static files of extensions no longer used).
    """
    html = output / "_build" / "html"
    digest = tree_digest(book_src, config) + code
    marker, code_marker = output / "sources.sha256", output / "code.sha256"
    setup = code + hashlib.sha256(config.read_bytes()).hexdigest()
    # The HTML as the last successful build left it (every file's size and time): pages cut short
    # or edited since are not reused, all are built again.
    intact = html.is_dir() and code_marker.exists() and code_marker.read_text() == _recorded(setup, html)
    if intact and marker.exists() and marker.read_text() == digest:
        return html
    rebuild_all = not intact
    if rebuild_all and html.parent.is_dir():
        # A new configuration may drop extensions; their old static files must not stay behind.
        shutil.rmtree(html.parent)
    args = ["build", str(book_src), "--config", str(config), "--toc", str((book_src / "_toc.yml").resolve()),
            "--path-output", str(output), "--builder", "html", "-W", "-n", "--keep-going", "--quiet",
            *(["--all"] if rebuild_all else [])]
    # Until Sphinx finishes, its output is not to be trusted: a build killed while it wrote pages
    # leaves pages Sphinx's own record calls current. No marker, so the next build starts afresh.
    code_marker.unlink(missing_ok=True)
    returncode, printed = run(args)
    if returncode != 0:
        log = output.parent / "jupyter-book.log"
        write_atomically(log, printed)
        plain = re.sub(r"\x1b\[[0-9;]*m", "", printed)
        fault = _machine_fault(plain)
        if fault is not None:  # not the book's fault: said as the machine's (faults.py), with where it wrote
            raise OSError(fault, os.strerror(fault), str(output))
        problems = [line for line in plain.splitlines()
                    if re.search(r"WARNING|ERROR|Error:|error:", line) and "Traceback" not in line]
        first = place(problems[0]) if problems else f"exit code {returncode}"
        raise BookBuildFailed(f"Jupyter Book failed: {first} (full log: {display(log)}; "
                              "the published site was not touched)")
    write_atomically(marker, digest)
    write_atomically(code_marker, _recorded(setup, html))
    return html


def _machine_fault(printed: str) -> int | None:
    """The errno of a fault of the machine (no space, read-only, forbidden, failing disk) that Sphinx
    reports in ``printed``, as ``OSError(28, ...)`` or ``[Errno 28]``; None if it reports none."""
    for match in re.finditer(r"OSError\((\d+), |\[Errno (\d+)\]", printed):
        code = int(match[1] or match[2])
        if code in MACHINE_FAULTS:
            return code
    return None


def _recorded(setup: str, html: Path) -> str:
    """What the code marker holds: the code and configuration built with, and the HTML's fingerprint."""
    return f"{setup}\n{stat_fingerprint(html)}"
