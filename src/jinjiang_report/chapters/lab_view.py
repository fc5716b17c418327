"""A chapter seen from JupyterLab: prose values in each cell's own language, links that open.

In JupyterLab, jupyterlab-myst evaluates each ``{eval}`key``` of a Markdown cell in the kernel and
draws the value's HTML in place. The request carries only the names, not the cell they come from,
and a kernel runs with one ``lang``; so each value the kernel holds for the prose carries both
languages, and a short script in it, run as JupyterLab draws the value (jupyterlab-myst trusts
the values it draws), keeps the language of the cell it stands in: Chinese when the cell's own
prose (the values left out) has more Chinese characters than Latin words. The book is not
concerned: papermill's kernels, which run the book, are not JupyterLab's (no ``JPY_SESSION_NAME``),
and the glued values stay in the edition's language.

Links: the book's pages sit beside each other, so a fact links to ``source.html#q-…``; from a
notebook that path names nothing. In JupyterLab (whose root ``tools/dev.sh lab`` makes the
repository) a fact links to the annotated source of the book a build published (``site/LANG/``),
or to the ledger when no book was built yet.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..project import Project
from .links import APPENDIX_PAGE, SOURCE_PAGE
from .present import LANGUAGES
from .presentation import Presentation

if TYPE_CHECKING:
    from .chapter import Chapter

# Runs where the value is drawn: finds its cell, weighs the cell's Chinese characters against its
# Latin words (its values left out), shows the value of that language and hides the other.
_CHOOSE = """(function (script) {
  function choose() {
    var value = script.parentNode, cell = value && value.closest('.jp-Cell');
    if (!cell) return;
    var copy = cell.cloneNode(true);
    copy.querySelectorAll('.jr-bilingual, script, .jp-InputPrompt').forEach(function (n) { n.remove(); });
    var text = copy.textContent, han = (text.match(/[\\u3400-\\u9fff]/g) || []).length;
    var words = (text.match(/[A-Za-z]+/g) || []).length, lang = han > words ? 'zh' : 'en';
    value.querySelectorAll('[data-jr-lang]').forEach(function (n) { n.hidden = n.dataset.jrLang !== lang; });
  }
  choose(); setTimeout(choose, 0);
})(document.currentScript);"""


def in_jupyterlab() -> bool:
    """Whether this kernel is one JupyterLab (jupyter_server) started for a notebook."""
    return "JPY_SESSION_NAME" in os.environ


def page_hrefs(project: Project, lang: str) -> dict[str, str]:
    """Where a link to a page of the book goes from a notebook: the published edition's page,
    relative to the notebooks' folder, or the ledger when the book was not built."""
    site = project.default_site / lang
    hrefs = {}
    for page in (SOURCE_PAGE, APPENDIX_PAGE):
        target = site / page if (site / page).is_file() else project.ledger
        hrefs[page] = Path(os.path.relpath(target, project.notebooks)).as_posix()
    return hrefs


class LabValue:
    """A value for the prose in every language: plain text in the kernel's, HTML with all of them."""

    def __init__(self, lang: str, texts: dict[str, str], htmls: dict[str, str]):
        self.lang, self.texts, self.htmls = lang, texts, htmls

    def __repr__(self) -> str:
        return self.texts[self.lang]

    __str__ = __repr__

    def _repr_html_(self) -> str:
        spans = "".join(f'<span data-jr-lang="{code}"{"" if code == self.lang else " hidden"}>{self.htmls[code]}</span>'
                        for code in self.htmls)
        return f'<span class="jr-bilingual">{spans}<script>{_CHOOSE}</script></span>'


def bilingual_values(chapter: Chapter) -> dict[str, LabValue]:
    """Every fact, fact period and derived figure of ``chapter``, in both languages."""
    views = {}
    for code in LANGUAGES:
        views[code] = Presentation(chapter.ledger, code, chapter.write.decimals, chapter.chart_format,
                                   page_hrefs=page_hrefs(Project.from_environment(), code))
    values = {}
    for fact in chapter.facts:
        texts = {code: view.text(fact.id) for code, view in views.items()}
        values[fact.id] = LabValue(chapter.lang, texts,
                                   {code: str(view.link(fact.id, texts[code])) for code, view in views.items()})
        periods = {code: view.write.period(fact.period) for code, view in views.items()}
        values[f"{fact.id}_period"] = LabValue(chapter.lang, periods,
                                               {code: html.escape(text) for code, text in periods.items()})
    for item in chapter.derived:
        texts = {code: view.text(item.id) for code, view in views.items()}
        values[item.id] = LabValue(chapter.lang, texts, {code: str(view.link(item.id)) for code, view in views.items()})
    return values


def show_in_jupyterlab(chapter: Chapter) -> None:
    """In JupyterLab, replace the prose's values in the kernel's namespace by their bilingual forms."""
    if not in_jupyterlab():
        return
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.user_ns.update(bilingual_values(chapter))

