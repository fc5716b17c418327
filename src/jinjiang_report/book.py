"""Build the Jupyter Book from the executed notebooks and publish it without ever half-overwriting.

The book's sources are staged in ``build/book-src`` (files are rewritten only when their
content changes, so Sphinx rebuilds only what changed), Jupyter Book 1 builds HTML with
warnings as errors into ``build/jupyter-book``, and the HTML is published by building a
complete copy beside the target and swapping the two atomically.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pylopdf_fonts_zh_cn import sans_path

from .errors import BookBuildFailed
from .files import write_atomically
from .ledger import Ledger
from .pages import REPORT_PLACEHOLDER, execution_report_table, generated_pages
from .paths import BOOK, BUILD, CONFIG, display
from .themes import THEMES


def stage_sources(ledger: Ledger, build_dir: Path = BUILD, book_dir: Path = BOOK) -> Path:
    """Gather the book's pages, the executed notebooks and the generated pages in one folder."""
    stage = build_dir / "book-src"
    wanted = {}
    copies = {page.relative_to(book_dir).as_posix(): page for page in sorted(book_dir.rglob("*"))
              if page.is_file()}
    font = Path(sans_path())
    copies[f"_static/{font.name}"] = font
    for theme in THEMES.values():
        executed = build_dir / "executed" / theme.notebook
        if not executed.exists():
            raise BookBuildFailed(f"executed notebook {display(executed)} is missing; run the notebooks first")
        wanted[theme.notebook] = executed.read_text(encoding="utf-8")
    wanted.update(generated_pages(ledger))
    for name, text in wanted.items():
        write_atomically(stage / name, text)
    for name, original in copies.items():
        copy_if_changed(original, stage / name)
    wanted.update(copies)
    for path in sorted(stage.rglob("*"), reverse=True):
        relative = path.relative_to(stage).as_posix()
        if path.is_file() and relative not in wanted:
            path.unlink()
    return stage


def copy_if_changed(source: Path, target: Path) -> None:
    """Copy a binary file unless the target already holds the same bytes (keeps Sphinx incremental)."""
    if target.exists() and target.stat().st_size == source.stat().st_size and \
            target.read_bytes() == source.read_bytes():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    shutil.copyfile(source, tmp)
    os.replace(tmp, target)


def jupyter_book_command() -> list[str]:
    script = Path(sys.executable).with_name("jupyter-book")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from jupyter_book.cli.main import main; main()"]


def folder_digest(folder: Path, *extra: Path) -> str:
    """A digest of every file's path and bytes under ``folder`` (and of ``extra`` files)."""
    hasher = hashlib.sha256()
    for path in [*sorted(p for p in folder.rglob("*") if p.is_file()), *extra]:
        hasher.update(path.as_posix().encode())
        hasher.update(hashlib.sha256(path.read_bytes()).digest())
    return hasher.hexdigest()


def build_html(stage: Path, build_dir: Path = BUILD, config: Path = CONFIG) -> Path:
    """Run Jupyter Book 1 (warnings are errors) and return the HTML folder.

    When the staged sources and the configuration are exactly those of the last
    successful build, its HTML is reused and Jupyter Book is not started.
    """
    output = build_dir / "jupyter-book"
    html = output / "_build" / "html"
    digest = folder_digest(stage, config)
    marker = output / "sources.sha256"
    if html.is_dir() and marker.exists() and marker.read_text() == digest:
        return html
    command = [*jupyter_book_command(), "build", str(stage), "--config", str(config),
               "--toc", str((stage / "_toc.yml").resolve()), "--path-output", str(output),
               "--builder", "html", "-W", "-n", "--keep-going", "--quiet"]
    env = {**os.environ, "PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": "1760572800"}
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        log = build_dir / "jupyter-book.log"
        write_atomically(log, result.stdout + result.stderr)
        plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
        problems = [line for line in plain.splitlines()
                    if re.search(r"WARNING|ERROR|Error:|error:", line) and "Traceback" not in line]
        first = problems[0].strip() if problems else f"exit code {result.returncode}"
        raise BookBuildFailed(f"Jupyter Book failed: {first} (full log: {display(log)}; "
                              "the published site was not touched)")
    write_atomically(marker, digest)
    return html


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


def publish(html: Path, out: Path, build_dir: Path = BUILD) -> Path:
    """Copy the built HTML to ``out`` so that readers see the old site or the new one, never a mix.

    The execution report's table is filled in here, from ``build_dir/run-report.json``.
    A site already published from the same HTML and report (same digest, recorded in the
    build folder and checked against the published copy) is left alone.
    """
    out = out.resolve()
    report = json.loads((build_dir / "run-report.json").read_text(encoding="utf-8"))
    table = execution_report_table(report)
    record = build_dir / "published" / hashlib.sha256(str(out).encode()).hexdigest()
    digest = hashlib.sha256((folder_digest(html) + table).encode()).hexdigest()
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
