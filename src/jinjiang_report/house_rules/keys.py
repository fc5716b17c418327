"""Names in prose that nothing publishes: ``{eval}`key``` in notebooks, ``{glue}`nb::key``` in book pages.

A notebook's prose may show what its chapter publishes (``chapters/published.py``): its
theme's facts, their periods, its derived figures, every entry of the
outside-context register (``ctx_<id>``), and the names its code cells glue. A book page names the notebook too, which must be a registered theme's.
"""

from __future__ import annotations

from ..chapters.published import glued_in_code, published_keys
from ..facts.context import CONTEXT_FIELDS
from ..facts.model import CONTEXT_PREFIX, Ledger
from ..themes import Theme
from .documents import Notebook, Page
from .findings import Finding
from .prose import eval_keys, glue_refs


def notebook_keys(notebook: Notebook, ledger: Ledger) -> set[str]:
    """The names ``notebook`` publishes for its prose (none from the ledger if it has no theme)."""
    from_ledger = published_keys(ledger, notebook.theme) if notebook.theme else set()
    return from_ledger | glued_in_code(cell.source for cell in notebook.cells if cell.cell_type == "code")


def check_eval_keys(notebook: Notebook, known: set[str]) -> list[Finding]:
    """Findings for ``{eval}`` roles naming what ``notebook`` does not publish (``known``)."""
    findings = []
    for passage in notebook.passages():
        if passage is None:
            continue
        for role in eval_keys(passage.text):
            if role.content in known:
                continue
            if role.content.startswith(CONTEXT_PREFIX):
                findings.append(passage.finding(role.line, f"{{eval}}`{role.content}` names no entry of the "
                                                "outside-context register; add "
                                                f"{role.content[len(CONTEXT_PREFIX):]!r} to data/context/"
                                                f"{notebook.theme or 'book'}.yaml ({', '.join(CONTEXT_FIELDS)})"))
            else:
                findings.append(passage.finding(role.line, f"{{eval}}`{role.content}` names nothing the chapter "
                                                "publishes (a fact or derived id of the theme, <fact>_period, "
                                                "ctx_<id>, or a name glued by chapter.count/chapter.glue)"))
    return findings


def check_glue_keys(page: Page, themes: dict[str, Theme], known: dict[str, set[str]]) -> list[Finding]:
    """Findings for ``{glue}`nb::key``` roles of a page naming an unknown notebook or key.

    known: notebook file name -> the names it publishes.
    """
    notebooks = {theme.notebook for theme in themes.values()}
    findings = []
    for block in page.blocks:
        for role, notebook, key in glue_refs(block.text):
            if notebook not in notebooks:
                findings.append(block.finding(role.line, f"{{{role.name}}}`{role.content}` names notebook "
                                              f"{notebook or '(none)'!r}, not one of the registered themes' "
                                              f"({', '.join(sorted(notebooks))})"))
            elif key not in known.get(notebook, set()):
                findings.append(block.finding(role.line, f"{{{role.name}}}`{role.content}`: {notebook} publishes "
                                              f"no {key!r}"))
    return findings
