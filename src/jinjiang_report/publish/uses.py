"""Where an executed chapter uses each fact and each quote: the page and the section around it.

The annotated source links every highlighted quote to these places; the book's Sphinx
extension marks the first use of each on its page with the anchor the link points to.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..chapters.links import GLUE_PREFIX
from ..files import cell_source

_EVAL_ROLE = re.compile(r"\{eval\}`([A-Za-z_][A-Za-z0-9_]*)`")
_FACT_LINK = re.compile(r'data-fact="([a-z0-9_]+)"')
_QUOTE_LINK = re.compile(r'class="quote-link"[^>]*href="source\.html#(q-[0-9a-f]+)"')
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$", re.M)
# the entry's id, whether the prose shows it in full or its short form (ctx_<id>_brief)
_CONTEXT_ROLE = re.compile(r"\{(?:eval\}`|glue\}`[^`:]+::)ctx_([a-z0-9_]+?)(?:_brief)?`")


@dataclass(frozen=True)
class Use:
    """A place in the book: a page (document name), its chapter title and the section heading."""

    page: str
    chapter: str
    section: str


def find_uses(executed: Path, page: str, fact_ids: set[str]) -> tuple[dict[str, Use], dict[str, Use]]:
    """The first use of each fact and of each quote anchor on one chapter page: for a fact, its first
    mention in the prose, else its first appearance in a table or chart (the book's Sphinx extension
    gives the same place the anchor)."""
    nb = json.loads(executed.read_text(encoding="utf-8"))
    facts: dict[str, Use] = {}
    shown: dict[str, Use] = {}  # facts in tables and captions
    quotes: dict[str, Use] = {}
    chapter = section = ""
    for cell in nb["cells"]:
        if "remove-cell" in cell.get("metadata", {}).get("tags", []):
            continue
        if cell["cell_type"] == "markdown":
            text = cell_source(cell)
            position = 0
            for match in _HEADING.finditer(text):
                _note_facts(_EVAL_ROLE.findall(text, position, match.start()), fact_ids, facts, page,
                            chapter, section)
                level, title = len(match[1]), _plain(match[2])
                chapter, section = (title, "") if level == 1 else (chapter, title)
                position = match.end()
            _note_facts(_EVAL_ROLE.findall(text, position), fact_ids, facts, page, chapter, section)
        elif cell["cell_type"] == "code":
            for output in cell.get("outputs", []):
                html = output.get("data", {}).get("text/html")
                if html is None or any(m.startswith(GLUE_PREFIX) for m in output.get("data", {})):
                    continue
                html = "".join(html) if isinstance(html, list) else html
                _note_facts(_FACT_LINK.findall(html), fact_ids, shown, page, chapter, section)
                for anchor in _QUOTE_LINK.findall(html):
                    quotes.setdefault(anchor, Use(page, chapter, section))
    return {**shown, **facts}, quotes


def _note_facts(ids: list[str], fact_ids: set[str], found: dict[str, Use], page: str, chapter: str,
                section: str) -> None:
    for fact_id in ids:
        if fact_id in fact_ids:
            found.setdefault(fact_id, Use(page, chapter, section))


def _plain(heading: str) -> str:
    """A Markdown heading's text without inline markup."""
    return re.sub(r"[*_`]", "", heading).strip()


def find_context_uses(texts: list[str], page: str) -> dict[str, list[Use]]:
    """Every section of one page (its Markdown ``texts``, in order) that shows each outside-context
    entry, through ``{eval}`ctx_<id>``` in a chapter or ``{glue}`notebook::ctx_<id>``` in a book page."""
    found: dict[str, list[Use]] = {}
    chapter = section = ""

    def note(ids: list[str]) -> None:
        for context_id in ids:
            use = Use(page, chapter, section)
            if use not in found.setdefault(context_id, []):
                found[context_id].append(use)

    for text in texts:
        position = 0
        for match in _HEADING.finditer(text):
            note(_CONTEXT_ROLE.findall(text, position, match.start()))
            level, title = len(match[1]), _plain(match[2])
            chapter, section = (title, "") if level == 1 else (chapter, title)
            position = match.end()
        note(_CONTEXT_ROLE.findall(text, position))
    return found


def markdown_cells(executed: Path) -> list[str]:
    """The Markdown of an executed chapter's shown cells, in order."""
    nb = json.loads(executed.read_text(encoding="utf-8"))
    return [cell_source(cell) for cell in nb["cells"] if cell["cell_type"] == "markdown"
            and "remove-cell" not in cell.get("metadata", {}).get("tags", [])]
