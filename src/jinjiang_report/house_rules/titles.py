"""A chapter's title is the registry's: the notebook's first heading in each language is its title there.

The book's navigation shows the notebook's own heading, while the annotated source, the appendix
and the PDF name the chapter by its title in ``notebooks/themes.yaml``; when the two differ the
reader meets two names for one chapter.
"""

from __future__ import annotations

import re

from ..themes import Theme
from .documents import Notebook
from .findings import Finding

_TITLE = re.compile(r"^#\s+(?P<title>.+?)\s*#*\s*$", re.M)


def check_titles(notebook: Notebook, theme: Theme, registry: str) -> list[Finding]:
    """Findings for a language whose first level-1 heading is not ``theme``'s title in ``registry``."""
    findings = []
    for language, title in theme.title.items():
        for passage in notebook.passages():
            if passage is None or passage.language != language:
                continue
            match = _TITLE.search(passage.text)
            if match is None:
                continue
            if match["title"] != title:
                line = passage.text.count("\n", 0, match.start()) + 1
                findings.append(passage.finding(line, f"title {match['title']!r} is not the registry's "
                                                f"{title!r} ({registry}); make them the same"))
            break
    return findings
