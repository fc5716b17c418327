"""The book's table of contents, made from the theme registry: introduction, chapters, appendices."""

from __future__ import annotations

import yaml

from ..themes import Theme

ROOT_PAGE = "intro"
APPENDIX_PAGES = ("methods", "sources", "execution-report")


def reading_order(themes: dict[str, Theme]) -> list[str]:
    """Every page of the book in reading order, as document names (no suffix)."""
    return [ROOT_PAGE, *(t.notebook.rsplit(".", 1)[0] for t in themes.values()), *APPENDIX_PAGES]


def toc_yaml(themes: dict[str, Theme]) -> str:
    """The Jupyter Book ``_toc.yml`` for ``themes``."""
    toc = {
        "format": "jb-book",
        "root": ROOT_PAGE,
        "parts": [
            {"caption": "Themes",
             "chapters": [{"file": t.notebook.rsplit(".", 1)[0]} for t in themes.values()]},
            {"caption": "How this book is made", "chapters": [{"file": page} for page in APPENDIX_PAGES]},
        ],
    }
    return "# Generated from notebooks/themes.yaml by the build.\n" + yaml.safe_dump(
        toc, sort_keys=False, allow_unicode=True)
