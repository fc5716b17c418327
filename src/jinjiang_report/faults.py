"""Faults of the machine a command meets, each said in one line: what happened, where, what to do.

The build raises what the system raises: an ``OSError`` with its errno (no space left, a
read-only or forbidden folder, too many open files), ``MemoryError``, a connection to a helper
process that stopped. ``reported`` turns each into a ``MachineFault`` naming the folder it
happened in (the build folder, the output folder or the temporary folder), the path, and what to
do; it says too whether the published site is as it was. Anything else that escapes is a bug:
one line as well, asking for ``--debug``, which shows every traceback.
"""

from __future__ import annotations

import errno
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import InternalError, MachineFault, ReportError

DEBUG_VARIABLE = "JINJIANG_DEBUG"
_NEARLY_FULL = 16 << 20  # bytes: a disk with less free is the likely full one when the error names no file
_WRITES = {errno.ENOSPC: "no space left on device in {where}: free some space there{alt}, then build again",
           errno.EDQUOT: "disk quota exceeded in {where}: free some space there{alt}, then build again",
           errno.EROFS: "{where} is on a read-only file system: make it writable{alt}, then build again",
           errno.EACCES: "permission denied in {where}: give this user write access there{alt}, then build again",
           errno.EPERM: "operation not permitted in {where}: give this user write access there{alt}, "
                        "then build again",
           errno.EIO: "input/output error in {where}: the disk or its file system failed (see dmesg); "
                      "repair it{alt}, then build again"}
_HELPER = {errno.ECONNREFUSED, errno.ECONNRESET, errno.EPIPE}
_OUT_OF_MEMORY = "out of memory: close other programs or run fewer notebooks at once (-j 1), then build again"
_HELPER_DIED = ("a helper process of the build (the Jupyter Book process or the kernel template) stopped "
                "unexpectedly ({reason}): it was killed or ran out of memory; build again "
                "(--debug shows where the build noticed)")
_BUG = ("internal error: {kind}: {exc}; run again with --debug (or {variable}=1) for the full traceback "
        "and report it")


@dataclass(frozen=True)
class Places:
    """The folders a command writes to. out: the output folder (None when the command publishes nothing)."""

    build: Path
    out: Path | None = None
    temp: Path = Path(tempfile.gettempdir())

    def named(self) -> list[tuple[str, Path, str]]:
        """(how a message names it, the folder, another way out) for each folder, output first."""
        found = [("the output folder", self.out, ", or publish elsewhere with --out DIR")] if self.out else []
        return found + [("the build folder", self.build, ", or move it with JINJIANG_REPORT_BUILD=DIR"),
                        ("the temporary folder", self.temp, ", or point TMPDIR at a folder with room")]

    def holding(self, path: Path) -> tuple[str, Path, str] | None:
        """The folder ``path`` is in (the innermost one: the build folder may lie in the temporary
        one); the output folder holds the site being assembled beside it too."""
        path = Path(os.path.abspath(path))
        candidates = []
        for label, folder, alt in self.named():
            folder = Path(os.path.abspath(folder))
            beside = label == "the output folder" and any(
                p.parent == folder.parent and p.name.startswith(f".{folder.name}.") for p in [path, *path.parents])
            if beside or path == folder or folder in path.parents or (label == "the output folder" and
                                                                         path == folder.parent):
                candidates.append((len(folder.parts), (label, folder, alt)))
        return max(candidates, key=lambda c: c[0])[1] if candidates else None

    def likely(self, code: int) -> tuple[str, Path, str] | None:
        """For an error that names no file: the folder on a read-only file system (EROFS), or the one
        with the least room left, if that is nearly none (ENOSPC, EDQUOT)."""
        rooms = []
        for place in self.named():
            try:
                stat = os.statvfs(_existing(place[1]))
            except OSError:
                continue
            if code == errno.EROFS and stat.f_flag & os.ST_RDONLY:
                return place
            rooms.append((stat.f_bavail * stat.f_frsize, place))
        if code in (errno.ENOSPC, errno.EDQUOT) and rooms:
            room, place = min(rooms, key=lambda r: r[0])
            return place if room < _NEARLY_FULL else None
        return None


def _existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def explain(exc: BaseException, places: Places) -> str:
    """One line for ``exc``: what happened, where (one of ``places``), what to do."""
    if isinstance(exc, MemoryError) or (isinstance(exc, OSError) and exc.errno == errno.ENOMEM):
        return _OUT_OF_MEMORY
    if isinstance(exc, ConnectionError) or (isinstance(exc, OSError) and exc.errno in _HELPER):
        return _HELPER_DIED.format(reason=exc.strerror or type(exc).__name__)
    if isinstance(exc, OSError) and exc.errno in (errno.EMFILE, errno.ENFILE):
        return "too many open files: raise the limit (ulimit -n 4096), then build again"
    if isinstance(exc, OSError) and exc.errno in _WRITES:
        named = exc.filename2 or exc.filename  # a copy names its source first, then where it writes
        path = Path(os.fsdecode(named)) if isinstance(named, (str, bytes, os.PathLike)) else None
        place = places.holding(path) if path else places.likely(exc.errno)
        if place is None:
            where = f"{path}" if path else "a folder the build writes to (the build, output or temporary folder)"
            return _WRITES[exc.errno].format(where=where, alt="")
        label, folder, alt = place
        at = f" (at {path})" if path and path != folder else ""
        return _WRITES[exc.errno].format(where=f"{label} {folder}{at}", alt=alt)
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc} at {exc.filename or 'an unnamed file'}: fix it, then build again"
    return _BUG.format(kind=type(exc).__name__, exc=exc, variable=DEBUG_VARIABLE)


def debugging(flag: bool = False) -> bool:
    """Whether to show full tracebacks: ``--debug`` or ``JINJIANG_DEBUG=1``."""
    return flag or os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def _identity(folder: Path | None) -> tuple[int, int] | None:
    try:
        stat = os.stat(folder) if folder else None
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino) if stat else None


@contextmanager
def reported(places: Places) -> Iterator[None]:
    """Turn a fault escaping the block into a ``MachineFault``, anything else into an
    ``InternalError`` (raised from it, so ``--debug`` shows both), saying whether the output folder still holds the site it held before the block: a
    publish swaps a new folder in, so the folder's identity tells."""
    before = _identity(places.out)
    try:
        yield
    except (ReportError, KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # noqa: BLE001 - every fault gets one line; --debug shows the traceback
        # Runs still going in other threads fail too as the command ends (their kernels are stopped):
        # what they log would only bury the line that says why.
        logging.disable(logging.CRITICAL)
        message = explain(exc, places)
        if places.out is not None:
            after = _identity(places.out)
            message += ("; nothing was published" if after is None and before is None else
                        "; the published site was not touched" if after == before else
                        "; the new site had been published before this happened" if after else
                        f"; no site is published at {places.out} now: build again")
        raise (MachineFault if _is_fault(exc) else InternalError)(message) from exc


def _is_fault(exc: BaseException) -> bool:
    """Whether ``exc`` is a fault of the machine (else a bug)."""
    return isinstance(exc, (OSError, MemoryError))
