"""Shared fixtures and helpers: the CLI as a user runs it, one published site per test session."""

from __future__ import annotations

import base64
import functools
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from jinjiang_report.editions import load_editions
from jinjiang_report.facts.load import load_ledger
from jinjiang_report.facts.model import Ledger
from jinjiang_report.files import file_digests
from jinjiang_report.project import Project
from jinjiang_report.themes import load_themes

ROOT = Path(__file__).resolve().parents[1]
PROJECT = Project.at(ROOT)
THEMES = load_themes(PROJECT.theme_registry)
EDITIONS = load_editions(ROOT / "book" / "editions.yml")

__all__ = ["ROOT", "PROJECT", "THEMES", "EDITIONS", "file_digests", "ledger", "need", "run_cli", "chart_images",
           "glued", "chapter_html"]


def ledger(facts: Path | None = None) -> Ledger:
    """The verified ledger at ``facts`` (default: the project's own, verified once per session;
    treat it as read-only)."""
    return load_ledger(facts, THEMES) if facts else _project_ledger()


@functools.lru_cache(maxsize=1)
def _project_ledger() -> Ledger:
    return load_ledger(PROJECT.ledger, THEMES)


def need(available: bool, message: str) -> None:
    """Skip the test when something it needs is missing; under CI a missing tool is a failure."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=True)


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, build_dir: Path, cwd: Path = ROOT, env: dict | None = None,
            timeout: float = 900) -> Result:
    """Run ``jinjiang-report`` in a subprocess with its own build folder."""
    environment = {**os.environ, "JINJIANG_REPORT_BUILD": str(build_dir), "CI": "true", **(env or {})}
    done = subprocess.run([sys.executable, "-m", "jinjiang_report.cli", *args], cwd=cwd,
                          capture_output=True, text=True, env=environment, timeout=timeout)
    return Result(done.returncode, done.stdout, done.stderr)


def chart_images(executed: Path) -> dict[str, bytes]:
    """Chart name -> image bytes of every chart an executed notebook shows."""
    nb = json.loads(executed.read_text(encoding="utf-8"))
    html = "".join(output.get("data", {}).get("text/html", "") if isinstance(output.get("data", {}).get(
        "text/html", ""), str) else "".join(output["data"]["text/html"])
        for cell in nb["cells"] for output in cell.get("outputs", []))
    found = re.findall(r'<figure class="report-figure" id="figure-([^"]+)"><img src="data:image/[^;]+;base64,'
                       r'([^"]+)"', html)
    return {name: base64.b64decode(data) for name, data in found}


def glued(executed: Path) -> dict[str, str]:
    """key -> text/html of every value an executed notebook glued for its prose."""
    nb = json.loads(executed.read_text(encoding="utf-8"))
    values = {}
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            key = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if key:
                data = {k.rsplit("record/", 1)[-1]: v for k, v in output["data"].items()}
                html = data.get("text/html", data.get("text/plain", ""))
                values[key] = "".join(html) if isinstance(html, list) else html
    return values


def chapter_html(executed: Path) -> str:
    """The HTML a chapter shows (its tables, charts and notes), glued values left out."""
    nb = json.loads(executed.read_text(encoding="utf-8"))
    parts = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            if output.get("metadata", {}).get("scrapbook"):
                continue
            html = output.get("data", {}).get("text/html", "")
            parts.append("".join(html) if isinstance(html, list) else html)
    return "".join(parts)


@dataclass
class BuiltSite:
    build_dir: Path
    site: Path
    result: Result


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> BuiltSite:
    """The book built once, from the repository's own notebooks and data, shared by the session."""
    base = tmp_path_factory.mktemp("session-build")
    build_dir, site = base / "build", base / "site"
    result = run_cli("build", "--out", str(site), "--jobs", "2", build_dir=build_dir)  # 8 runs: forked kernels
    assert result.returncode == 0, result.stderr
    return BuiltSite(build_dir, site, result)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of data/ a test may break; returns its facts.csv."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data" / "facts.csv"


@pytest.fixture
def mounts():
    """Small real file systems a test mounts (``small_disks.Mounts``), unmounted when it ends."""
    from small_disks import Mounts

    made = Mounts()
    yield made
    made.undo()
