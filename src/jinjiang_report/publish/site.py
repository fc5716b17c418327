"""Publish the built HTML so that readers see the old site or the new one, never a mix.

The new site is built complete beside the target and the two are swapped atomically
(Linux ``renameat2``; two renames elsewhere). The execution report's table is filled in
here, from the run report, so a rebuild that changes only timings does not rebuild the book.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from ..errors import BookBuildFailed
from ..files import tree_digest, write_atomically
from ..runs.report import RunReport
from .pages import REPORT_PLACEHOLDER, execution_report_table

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def publish(html: Path, out: Path, report: RunReport, build_dir: Path) -> Path:
    """Copy the built HTML to ``out`` atomically, with the execution report filled in from ``report``.

    A site already published from the same HTML and report (same digest, recorded in
    ``build_dir`` and checked against the published copy) is left alone.
    """
    out = out.resolve()
    table = execution_report_table(report)
    record = build_dir / "published" / hashlib.sha256(str(out).encode()).hexdigest()
    digest = hashlib.sha256((tree_digest(html) + table).encode()).hexdigest()
    if out.is_dir() and record.exists() and record.read_text() == f"{digest} {_site_digest(out)}":
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        shutil.copytree(html, fresh, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".buildinfo"))
        _fill_execution_report(fresh / "execution-report.html", table)
        _make_world_readable(fresh)
        if not out.exists():
            os.rename(fresh, out)
        elif _exchange(fresh, out):
            shutil.rmtree(fresh)  # now holds the previous site
        else:
            previous = out.with_name(f".{out.name}.old")
            shutil.rmtree(previous, ignore_errors=True)
            os.rename(out, previous)
            os.rename(fresh, out)
            shutil.rmtree(previous)
    finally:
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)
    write_atomically(record, f"{digest} {_site_digest(out)}")
    return out


def _fill_execution_report(page: Path, table: str) -> None:
    text = page.read_text(encoding="utf-8")
    if REPORT_PLACEHOLDER not in text:
        raise BookBuildFailed(f"{page.name} lacks the execution report placeholder; the site was not published")
    page.write_text(text.replace(REPORT_PLACEHOLDER, table), encoding="utf-8")


def _site_digest(site: Path) -> str:
    """A cheap fingerprint of a published site: every file's path, size and mtime."""
    hasher = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        stat = path.stat()
        hasher.update(f"{path.relative_to(site)} {stat.st_size} {stat.st_mtime_ns}".encode())
    return hasher.hexdigest()


def _make_world_readable(folder: Path) -> None:
    folder.chmod(0o755)
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
