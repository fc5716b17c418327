"""Publishing: a new site is assembled beside the old one, unchanged files are hard links to the
published copy, and the published copy is never written to, even by a publish that fails."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jinjiang_report.editions import load_editions
from jinjiang_report.publish import site as site_module
from jinjiang_report.publish.pages import REPORT_PLACEHOLDER
from jinjiang_report.runs.report import RunReport

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = load_editions(ROOT / "book" / "editions.yml")


def run(status: str, edition: str, seconds: float = 1.0) -> dict:
    return {"theme": "hospital", "edition": edition, "notebook": "hospital.ipynb", "parameters": {"lang": edition},
            "status": status, "seconds": seconds, "kernel": "python3"}


def report(status: str, seconds: float = 1.0) -> RunReport:
    return RunReport("python3", {"python": "3.11"}, [run(status, code, seconds) for code in EDITIONS])


@pytest.fixture
def books(tmp_path, monkeypatch):
    """A built HTML folder per edition, and publish() with the font step left out (tested in test_fonts)."""
    monkeypatch.setattr(site_module, "ship_font", lambda *args: None)
    htmls = {}
    for code in EDITIONS:
        html = tmp_path / "built" / code
        (html / "_static").mkdir(parents=True)
        (html / "intro.html").write_text(f"intro {code}", encoding="utf-8")
        (html / "hospital.html").write_text(f"hospital {code}", encoding="utf-8")
        (html / "_static" / "theme.js").write_text("theme", encoding="utf-8")
        (html / "_static" / "theme.js.map").write_text("map", encoding="utf-8")
        (html / "_static" / "locales" / "de" / "LC_MESSAGES").mkdir(parents=True)
        (html / "_static" / "locales" / "de" / "LC_MESSAGES" / "booktheme.mo").write_bytes(b"catalog")
        (html / "execution-report.html").write_text(REPORT_PLACEHOLDER, encoding="utf-8")
        htmls[code] = html
    return htmls


def publish(htmls, tmp_path, run_report):
    return site_module.publish(htmls, EDITIONS, tmp_path / "public" / "site", run_report, tmp_path / "build",
                               ROOT / "book" / "editions.yml")  # any file stands in for the font


def contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_unchanged_files_are_linked_from_the_published_copy_and_changed_ones_copied(books, tmp_path):
    out = publish(books, tmp_path, report("executed"))
    assert (out / "en" / "_static" / "theme.js").exists()
    assert not (out / "en" / "_static" / "theme.js.map").exists()  # source maps are not published
    assert not (out / "en" / "_static" / "locales").exists()  # nor the site theme's message catalogs
    inode = {name: (out / "en" / name).stat().st_ino for name in ("intro.html", "hospital.html")}
    (books["en"] / "hospital.html").write_text("hospital en, edited", encoding="utf-8")
    publish(books, tmp_path, report("executed", seconds=2.0))
    assert (out / "en" / "intro.html").stat().st_ino == inode["intro.html"]
    assert (out / "en" / "hospital.html").stat().st_ino != inode["hospital.html"]
    assert (out / "en" / "hospital.html").read_text(encoding="utf-8") == "hospital en, edited"
    filled = (out / "en" / "execution-report.html").read_text(encoding="utf-8")
    assert REPORT_PLACEHOLDER not in filled and "2.00" in filled  # filled in again, from the new report


def test_a_site_edited_after_publishing_is_copied_afresh(books, tmp_path):
    out = publish(books, tmp_path, report("executed"))
    (out / "en" / "intro.html").write_text("changed by hand", encoding="utf-8")
    publish(books, tmp_path, report("executed", seconds=2.0))
    assert (out / "en" / "intro.html").read_text(encoding="utf-8") == "intro en"


def test_a_publish_that_fails_leaves_every_published_file_as_it_was(books, tmp_path, monkeypatch):
    out = publish(books, tmp_path, report("executed"))
    before = contents(out)
    (books["zh"] / "hospital.html").write_text("hospital zh, edited", encoding="utf-8")

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(site_module, "ship_font", fail)
    with pytest.raises(OSError):
        publish(books, tmp_path, report("executed", seconds=2.0))
    assert contents(out) == before
    assert [p.name for p in out.parent.iterdir()] == ["site"]  # no half-assembled folder left behind
    assert os.stat(out / "en" / "intro.html").st_nlink == 1  # its link in the abandoned copy is gone


def test_a_publish_that_fails_after_setting_permissions_leaves_the_published_files_alone(books, tmp_path, monkeypatch):
    out = publish(books, tmp_path, report("executed"))
    (out / "en" / "intro.html").chmod(0o600)  # changed by hand after publishing
    before = {p: (p.stat().st_ino, p.stat().st_mode, p.read_bytes()) for p in out.rglob("*") if p.is_file()}
    (books["zh"] / "hospital.html").write_text("hospital zh, edited", encoding="utf-8")

    def fail(*args):
        raise OSError("rename failed")

    monkeypatch.setattr(site_module, "_exchange", fail)  # fails at the swap, after the permissions
    with pytest.raises(OSError):
        publish(books, tmp_path, report("executed", seconds=2.0))
    assert {p: (p.stat().st_ino, p.stat().st_mode, p.read_bytes()) for p in out.rglob("*") if p.is_file()} == before


def test_a_site_whose_permissions_changed_by_hand_is_copied_afresh(books, tmp_path):
    out = publish(books, tmp_path, report("executed"))
    inode = (out / "en" / "intro.html").stat().st_ino
    (out / "en" / "intro.html").chmod(0o600)
    (books["en"] / "hospital.html").write_text("hospital en, edited", encoding="utf-8")
    publish(books, tmp_path, report("executed", seconds=2.0))
    assert (out / "en" / "intro.html").stat().st_ino != inode  # not linked: the published copy had changed
    assert {oct(p.stat().st_mode & 0o777) for p in out.rglob("*") if p.is_file()} == {"0o644"}
