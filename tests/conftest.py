"""Shared fixtures: the CLI as a user runs it, and one published site per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


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
    result = run_cli("build", "--out", str(site), build_dir=build_dir)
    assert result.returncode == 0, result.stderr
    return BuiltSite(build_dir, site, result)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of data/ a test may break; returns its facts.csv."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data" / "facts.csv"
