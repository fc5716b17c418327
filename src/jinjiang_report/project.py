"""Where the project's files are: one value, made once by the command line and passed down.

A checkout holds the source texts and the ledger (``data/``), the notebooks and their
theme registry (``notebooks/``), the book's own pages (``book/``), the Jupyter Book
configuration (``_config.yml``) and the pinned environment (``requirements.lock``).
Builds write into ``build/`` and publish to ``site/`` unless told otherwise.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def is_package_file(relative: Path) -> bool:
    """Whether a file under the package folder is part of the package (its code, the stylesheets and
    templates it publishes), not bytecode Python writes beside the code."""
    return "__pycache__" not in relative.parts and relative.suffix != ".pyc"


def package_digest(lockfile: Path) -> bytes:
    """The package's own code and the files it publishes (stylesheets, templates), the pinned
    environment and the Python version, as one value (not the bytecode Python writes beside the code)."""
    files = [path for path in sorted(PACKAGE_DIR.rglob("*"))
             if path.is_file() and is_package_file(path.relative_to(PACKAGE_DIR))]
    parts = [path.relative_to(PACKAGE_DIR).as_posix().encode() + path.read_bytes() for path in files]
    parts.append(lockfile.read_bytes() if lockfile.exists() else b"no lockfile")
    parts.append(sys.version.encode())
    return b"".join(hashlib.sha256(p).digest() for p in parts)


def find_root(start: Path | None = None) -> Path:
    """The checkout holding ``start`` (default: this package): the folder with _config.yml and notebooks/."""
    for folder in [(start or PACKAGE_DIR).resolve(), *(start or PACKAGE_DIR).resolve().parents]:
        if (folder / "_config.yml").is_file() and (folder / "notebooks").is_dir():
            return folder
    return Path.cwd().resolve()


@dataclass(frozen=True)
class Project:
    """The folders and files of one checkout, and where a build writes.

    root: the repository root. notebooks: the theme notebooks (tests point it at a copy).
    build: intermediate products (executed notebooks, gathered book, caches).
    """

    root: Path
    notebooks: Path
    build: Path

    @classmethod
    def at(cls, root: Path, *, notebooks: Path | None = None, build: Path | None = None) -> Project:
        root = root.resolve()
        return cls(root, (notebooks or root / "notebooks").resolve(), (build or root / "build").resolve())

    @classmethod
    def from_environment(cls) -> Project:
        """The checkout of this package; ``JINJIANG_REPORT_BUILD`` / ``_NOTEBOOKS`` move those folders."""
        notebooks = os.environ.get("JINJIANG_REPORT_NOTEBOOKS")
        build = os.environ.get("JINJIANG_REPORT_BUILD")
        return cls.at(Path(os.environ.get("JINJIANG_REPORT_ROOT") or find_root()),
                      notebooks=Path(notebooks) if notebooks else None,
                      build=Path(build) if build else None)

    def with_build(self, build: Path) -> Project:
        return replace(self, build=build.resolve())

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def ledger(self) -> Path:
        """The default facts ledger; derived figures, entities and sources are read beside it."""
        return self.data / "facts.csv"

    @property
    def book(self) -> Path:
        return self.root / "book"

    @property
    def config(self) -> Path:
        return self.root / "_config.yml"

    @property
    def lockfile(self) -> Path:
        return self.root / "requirements.lock"

    @property
    def theme_registry(self) -> Path:
        return self.notebooks / "themes.yaml"

    @property
    def default_site(self) -> Path:
        return self.root / "site"

    @property
    def default_pdf_dir(self) -> Path:
        return self.build / "pdf"

    def resolve(self, path: str | os.PathLike) -> Path:
        """A path as a user or a notebook parameter gives it: relative paths are from the root."""
        path = Path(path)
        return path if path.is_absolute() else self.root / path

    def display(self, path: Path) -> str:
        """A path as shown to the user: relative to the root where possible."""
        return display(path, self.root)


def display(path: str | os.PathLike, root: Path | None = None) -> str:
    """``path`` relative to ``root`` (default: this package's checkout) where possible."""
    try:
        return str(Path(path).resolve().relative_to(root or find_root()))
    except ValueError:
        return str(path)
