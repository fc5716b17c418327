"""Where things are: every path the package uses, resolved from the repository root."""

from __future__ import annotations

import os
from pathlib import Path


def _find_root() -> Path:
    """The repository root: ``JINJIANG_REPORT_ROOT`` if set, else the folder holding _config.yml."""
    if os.environ.get("JINJIANG_REPORT_ROOT"):
        return Path(os.environ["JINJIANG_REPORT_ROOT"]).resolve()
    here = Path(__file__).resolve()
    for folder in here.parents:
        if (folder / "_config.yml").is_file() and (folder / "notebooks").is_dir():
            return folder
    return Path.cwd().resolve()


ROOT = _find_root()
DATA = ROOT / "data"
NOTEBOOKS = Path(os.environ.get("JINJIANG_REPORT_NOTEBOOKS") or ROOT / "notebooks").resolve()
BOOK = ROOT / "book"
CONFIG = ROOT / "_config.yml"
LOCKFILE = ROOT / "requirements.lock"
PACKAGE = Path(__file__).resolve().parent
BUILD = Path(os.environ.get("JINJIANG_REPORT_BUILD") or ROOT / "build").resolve()
DEFAULT_SITE = ROOT / "site"
DEFAULT_PDF = BUILD / "jinjiang-report.pdf"

LEDGER = DATA / "facts.csv"
SOURCE = DATA / "sources" / "000_a8f4d2176e64930d.txt"


def resolve(path: str | os.PathLike) -> Path:
    """A path as given by a user or a notebook parameter: relative paths are from the repository root."""
    path = Path(path)
    return path if path.is_absolute() else ROOT / path


def display(path: Path) -> str:
    """A path as shown to the user: relative to the repository root where possible."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
