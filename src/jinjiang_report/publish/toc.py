"""The book's table of contents, made from the theme registry: introduction, chapters, appendices."""

from __future__ import annotations

import yaml

from ..editions import Edition
from ..themes import Theme

ROOT_PAGE = "intro"
APPENDIX_PAGES = ("methods", "source", "sources", "changes", "execution-report")


def chapter_pages(themes: dict[str, Theme]) -> list[str]:
    """The chapters' document names (their notebooks' names without the suffix), in order."""
    return [t.notebook.rsplit(".", 1)[0] for t in themes.values()]


def reading_order(themes: dict[str, Theme]) -> list[str]:
    """Every page of the book in reading order, as document names (no suffix)."""
    return [ROOT_PAGE, *chapter_pages(themes), *APPENDIX_PAGES]


def toc_yaml(themes: dict[str, Theme], edition: Edition) -> str:
    """The Jupyter Book ``_toc.yml`` of one edition."""
    toc = {
        "format": "jb-book",
        "root": ROOT_PAGE,
        "parts": [
            {"caption": edition.parts["themes"], "chapters": [{"file": page} for page in chapter_pages(themes)]},
            {"caption": edition.parts["appendix"], "chapters": [{"file": page} for page in APPENDIX_PAGES]},
        ],
    }
    return "# Generated from notebooks/themes.yaml by the build.\n" + yaml.safe_dump(
        toc, sort_keys=False, allow_unicode=True)
