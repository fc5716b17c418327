"""Small real file systems for fault tests: a size-limited tmpfs, a read-only bind mount (needs
root and the right to mount; tests skip, saying so, where the machine does not allow it)."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest


class Mounts:
    """Mounts made by one test, undone (innermost first) when it ends."""

    def __init__(self) -> None:
        self.made: list[Path] = []

    def _mount(self, *args: str) -> None:
        done = subprocess.run(["mount", *args], capture_output=True, text=True)
        if done.returncode != 0:
            self.undo()
            pytest.skip(f"cannot mount here (needs root and mount rights, e.g. not in an unprivileged "
                        f"container): mount {' '.join(args)}: {done.stderr.strip()}")

    def tmpfs(self, folder: Path, size: str) -> Path:
        """A tmpfs of ``size`` (e.g. 12m) at ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        self._mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
        self.made.append(folder)
        return folder

    def read_only(self, folder: Path) -> Path:
        """``folder`` made read-only where it is (a read-only bind mount onto itself)."""
        self._mount("--bind", str(folder), str(folder))
        self.made.append(folder)
        self._mount("-o", "remount,bind,ro", str(folder))
        return folder

    def undo(self) -> None:
        while self.made:
            subprocess.run(["umount", "-l", str(self.made.pop())], check=False)


def fill(folder: Path) -> Path:
    """Fill the file system of ``folder`` to the last byte with one file; returns it (remove it to
    free the space)."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        size = 1 << 20
        while size:
            try:
                os.write(fd, b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC, exc
                size //= 2
    finally:
        os.close(fd)
    return filler


def inodes(folder: Path) -> dict[str, int]:
    """Relative path -> inode of every file and folder under ``folder`` (a site swapped or rewritten
    in place changes them)."""
    return {os.path.relpath(os.path.join(d, n), folder): os.stat(os.path.join(d, n)).st_ino
            for d, dirs, files in os.walk(folder) for n in [*dirs, *files]} | {".": os.stat(folder).st_ino}
