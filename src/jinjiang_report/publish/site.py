"""Publish the built editions so that readers see the old site or the new one, never a mix.

The site holds one folder per edition (``en/``, ``zh/``) and a root page offering both. It
is assembled complete beside the target and the two are swapped atomically (Linux
``renameat2``; two renames elsewhere). The execution report's table is filled in here, from
the run report, so a rebuild that changes only timings does not rebuild the book; and the
Chinese font is cut to the characters of the assembled site (``fonts.py``), so the site ships
that subset and never the full font.
"""

from __future__ import annotations

import ctypes
import fnmatch
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from ..chapters.html import escape
from ..editions import Edition
from ..errors import BookBuildFailed
from ..files import file_stats, sealed_json, stat_fingerprint, unsealed_json, write_atomically
from ..runs.report import RunReport
from .fonts import LOADER_FILE, ship_font
from .pages import REPORT_PLACEHOLDER, execution_report_table
from .review import Review

# Left out of the published copy (patterns on paths within an edition): Sphinx's build record; the
# themes' source maps (3.5 MB of each edition's 8.5, read only by a developer's browser tools); the
# book theme's message catalogs, which it copies into _static/ though only the build reads them;
# a full font an older build may have left (Sphinx never deletes a static file).
NOT_PUBLISHED = (".buildinfo", "*.map", "_static/locales/*", "*.otf")
REWRITTEN = {"execution-report.html"}  # filled in after copying: never linked
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


def publish(htmls: dict[str, Path], editions: dict[str, Edition], out: Path, report: RunReport,
            build_dir: Path, font: Path, review: Review | None = None) -> Path:
    """Publish each edition's HTML (``htmls``: edition code -> built folder) under ``out/<code>/``,
    with a root page offering the editions and the execution reports filled in from ``report``.

    font: the full Chinese font, cut here to the characters of the site (the cut is cached
    under ``build_dir``). A site already published from the same HTML and font (same digest,
    recorded in ``build_dir`` and checked against the published copy) is left alone when the
    report is the same too, or when no notebook ran: its execution reports still describe the
    runs that made its notebooks. Otherwise the new site is assembled beside the old one; a file
    Sphinx has not rewritten since the last publish is hard-linked from the published copy (which
    is never written to: what is filled in after copying is written to a new file), the others
    are copied.
    """
    out = out.resolve()
    tables = {code: execution_report_table(report, code) for code in htmls}
    root_page = chooser_page(editions)
    record = build_dir / "published" / hashlib.sha256(str(out).encode()).hexdigest()
    built = {code: _published_files(html) for code, html in htmls.items()}
    # Sphinx rewrites what it rebuilds, so paths, sizes and times tell a changed book from the last one.
    font_step = f"{font.name} {font.stat().st_size} " + hashlib.sha256(
        Path(__file__).with_name("fonts.py").read_bytes()).hexdigest()
    pages = hashlib.sha256(json.dumps([built, root_page, font_step, review.digest if review else ""]).encode()).hexdigest()
    reports = hashlib.sha256("".join(tables.values()).encode()).hexdigest()
    last = _read_record(record)
    # As the last publish left it: the same files, sizes, times and permissions.
    intact = out.is_dir() and last.get("site") == stat_fingerprint(out)
    nothing_ran = all(run.get("status") != "executed" for run in report.notebooks)
    if intact and last.get("pages") == pages and (last.get("reports") == reports or nothing_ran):
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    verbatim = {code: {name: stat for name, stat in files.items() if name not in REWRITTEN}
                for code, files in built.items()}
    try:
        for code, html in htmls.items():
            unchanged = _unchanged(verbatim[code], last.get("files", {}).get(code, {}) if intact else {})
            _assemble(html, fresh / code, built[code], out / code, unchanged)
            _fill_execution_report(fresh / code / "execution-report.html", tables[code])
        (fresh / "index.html").write_text(root_page, encoding="utf-8")
        if review:  # the version on every page, the manifest, the "What changed" page (review.py)
            review.apply(fresh)
        ship_font(fresh, htmls, font, build_dir / "fonts")
        _make_world_readable(fresh)
        site = stat_fingerprint(fresh)  # moving the folder changes no file in it
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
    write_atomically(record, sealed_json({"pages": pages, "reports": reports, "site": site, "files": verbatim}))
    return out


def _published_files(html: Path) -> dict[str, list[int]]:
    """The files of a built edition that are published: relative path -> [size, modification time,
    permission bits]."""
    return {name: list(stat) for name, stat in file_stats(html).items()
            if not any(fnmatch.fnmatch(name, pattern) for pattern in NOT_PUBLISHED)}


def _read_record(record: Path) -> dict:
    """What the last publish to this place recorded ({} if nothing readable, or if the record was cut
    short or edited: then nothing is trusted, every file is copied afresh)."""
    try:
        return unsealed_json(record.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError):
        return {}


def _unchanged(files: dict[str, list[int]], published: dict[str, list[int]]) -> set[str]:
    """The files whose size, time and permissions are those they had when they were last published."""
    return {name for name, stat in files.items() if published.get(name) == stat}


def _assemble(html: Path, target: Path, files: dict[str, list[int]], published: Path, unchanged: set[str]) -> None:
    """Put ``files`` of ``html`` under ``target``: hard links to ``published`` for the ``unchanged``
    ones (copies where the file system cannot link), copies for the rest."""
    made: set[Path] = set()
    for name in files:
        source, destination = html / name, target / name
        if destination.parent not in made:
            destination.parent.mkdir(parents=True, exist_ok=True)
            made.add(destination.parent)
        if name in unchanged:
            try:
                os.link(published / name, destination)
                continue
            except OSError:
                pass
        shutil.copy2(source, destination)


def chooser_page(editions: dict[str, Edition]) -> str:
    """The site's root page: the book's title in each edition's language, each a link to that edition."""
    links = "".join(
        f'<li><a href="{code}/intro.html" hreflang="{e.html_lang}" lang="{e.html_lang}">'
        f'<span class="title">{escape(e.title)}</span><span class="name">{escape(e.name)}</span></a></li>'
        for code, e in editions.items())
    titles = " / ".join(escape(e.title) for e in editions.values())
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{titles}</title>
<link rel="icon" href="en/_static/favicon.png">
<script src="en/_static/{LOADER_FILE}"></script>
<link rel="stylesheet" href="en/_static/report.css">
</head>
<body class="edition-chooser">
<main>
<h1>{escape(next(iter(editions.values())).title)}</h1>
<p>Choose an edition. <span lang="zh-Hans">请选择版本。</span></p>
<ul class="editions">{links}</ul>
</main>
</body>
</html>
"""


def _fill_execution_report(page: Path, table: str) -> None:
    text = page.read_text(encoding="utf-8")
    if REPORT_PLACEHOLDER not in text:
        raise BookBuildFailed(f"{page.name} lacks the execution report placeholder; the site was not published")
    write_atomically(page, text.replace(REPORT_PLACEHOLDER, table))


def _make_world_readable(folder: Path) -> None:
    """Folders 755, files 644; a file that has them already (every file linked from the published
    site, which is only linked while it is exactly as published) is not touched."""
    folder.chmod(0o755)
    for path in folder.rglob("*"):
        wanted = 0o755 if path.is_dir() else 0o644
        if path.stat().st_mode & 0o7777 != wanted:
            path.chmod(wanted)
