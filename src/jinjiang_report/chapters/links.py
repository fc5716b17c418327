"""Where the book's links point: the annotated source page, the Sources appendix and their anchors.

Chapters (inside their kernels) and the generated pages (at publish time) both use these,
so a link written by one always finds the anchor written by the other.
"""

from __future__ import annotations

import hashlib
import re

SOURCE_PAGE = "source.html"
# myst-nb finds a glued value by this prefix of its MIME types (see glue.py).
GLUE_PREFIX = "application/papermill.record/"
APPENDIX_PAGE = "sources.html"


def appendix_anchor(item_id: str) -> str:
    """The HTML id of a fact's or derived figure's row in the Sources appendix."""
    return f"fact-{item_id}".replace("_", "-")


def fact_quote_anchor(fact_id: str) -> str:
    """The HTML id of a fact's quote, highlighted in the annotated source."""
    return f"q-{fact_id}".replace("_", "-")


def quote_anchor(quote: str) -> str:
    """The HTML id of any quoted passage in the annotated source (whitespace ignored)."""
    return "q-" + hashlib.sha256(re.sub(r"\s+", "", quote).encode()).hexdigest()[:10]


def use_anchor(fact_id: str) -> str:
    """The HTML id of a fact's first use on a chapter page (set by the book's Sphinx extension)."""
    return f"use-{fact_id}".replace("_", "-")


def context_anchor(context_id: str) -> str:
    """The HTML id of an outside-context entry in the Sources appendix."""
    return f"ctx-{context_id}".replace("_", "-")


def context_use_anchor(context_id: str) -> str:
    """The HTML id of an outside-context entry's first use on a page (set by the book's Sphinx extension)."""
    return f"use-ctx-{context_id}".replace("_", "-")
