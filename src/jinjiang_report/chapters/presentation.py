"""How a chapter shows the ledger in one language: values, links, quotes, tables, charts, the build detail.

``Presentation`` writes HTML; ``Chapter`` (the notebook's API) displays it. Nothing here reads
files or touches the kernel.
"""

from __future__ import annotations

import base64
from typing import Any

from ..facts.model import Derived, Fact, Ledger
from .html import Markup, escape, table
from .links import APPENDIX_PAGE, SOURCE_PAGE, appendix_anchor, fact_quote_anchor, quote_anchor
from .formula_words import formula_in_words
from .present import Writer

CHART_FORMATS = ("svg", "png")


class Prose:
    """A value the prose shows: plain text, and the HTML the book pastes (a link, for a fact)."""

    def __init__(self, text: str, html: str | None = None):
        self.text, self.html = text, html if html is not None else escape(text)

    def __repr__(self) -> str:  # the plain-text form stored in the notebook; no memory address
        return self.text

    def __str__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return self.html


class Presentation:
    """The ledger in one language (``lang``), amounts with ``decimals`` places, charts as ``chart_format``."""

    def __init__(self, ledger: Ledger, lang: str, decimals: int = 2, chart_format: str = "svg",
                 page_hrefs: dict[str, str] | None = None):
        """page_hrefs: where the book's pages are, page name -> href (JupyterLab links to the
        published site; the book to its own pages, the default)."""
        self.ledger, self.lang, self.chart_format = ledger, lang, chart_format
        self.page_hrefs = page_hrefs or {SOURCE_PAGE: SOURCE_PAGE, APPENDIX_PAGE: APPENDIX_PAGE}
        self.write = Writer(lang, ledger.vocabulary, decimals)

    # --- words ------------------------------------------------------------------------
    def text(self, item_id: str, standalone: bool = False) -> str:
        """A fact or derived figure written out in the language (``standalone``: for a table cell)."""
        if item_id in self.ledger.facts:
            return self.write.fact(self.ledger.facts[item_id], standalone)
        return self.write.derived(self.ledger.derived_figure(item_id))

    def label(self, en: str, zh: str) -> str:
        return self.write.label(en, zh)

    def name(self, entity: dict[str, Any], field: str = "name") -> str:
        """An entity's ``name_en`` or ``name_zh`` (or another ``field``) in the language."""
        return str(entity.get(f"{field}_{self.lang}") or entity.get(f"{field}_en") or "")

    def metric(self, item: Fact | Derived) -> str:
        return item.metric_zh if self.lang == "zh" else item.metric_en

    def link(self, item_id: str, text: str | None = None) -> Markup:
        """A fact's value linked to its quote in the annotated source; a derived figure's to its row
        in the Sources appendix. The title says what it counts, its kind and its period."""
        shown = escape(text if text is not None else self.text(item_id, standalone=True))
        if item_id in self.ledger.facts:
            fact = self.ledger.facts[item_id]
            title = f"{self.metric(fact)} · {self.write.claim(fact.claim)} · {self.write.period(fact.period)}"
            return Markup(f'<a class="fact-link" data-fact="{item_id}" href="{self.page_hrefs[SOURCE_PAGE]}#'
                          f'{fact_quote_anchor(item_id)}" title="{escape(title)}">{shown}</a>')
        item = self.ledger.derived_figure(item_id)
        return Markup(f'<a class="derived-link" data-derived="{item_id}" href="{self.page_hrefs[APPENDIX_PAGE]}#'
                      f'{appendix_anchor(item_id)}" title="{escape(self.metric(item))}">{shown}</a>')

    def fact_value(self, fact: Fact) -> Prose:
        """What ``{eval}`fact_id``` shows: the value in words, linked to its quote."""
        return Prose(self.text(fact.id), self.link(fact.id, self.text(fact.id)))

    def quote(self, text: str) -> Markup:
        """A verbatim quote, in Chinese, linked to its place in the annotated source."""
        return Markup(f'<a class="quote-link" lang="zh-Hans" href="{self.page_hrefs[SOURCE_PAGE]}#{quote_anchor(text)}">'
                      f"{escape(text)}</a>")

    def chinese(self, text: str) -> Markup:
        """Chinese text (a name) marked as such, so browsers and screen readers treat it right."""
        return Markup(f'<span lang="zh-Hans">{escape(text)}</span>')

    def table(self, head: list[str], rows: list[list[object]], *, caption: str) -> str:
        """An accessible table (caption, header cells with scope) that scrolls inside its own box."""
        return (f'<div class="table-scroll" role="region" tabindex="0" aria-label="{escape(caption)}">'
                f"{table(head, rows, caption=caption)}</div>")

    def chart(self, fig: Any, name: str, *, alt: str, caption: str, fact_ids: list[str]) -> str:
        """A chart, rendered deterministically, with alt text and a caption citing its facts."""
        from . import charts

        data = charts.render(fig, self.chart_format)
        mime = "image/svg+xml" if self.chart_format == "svg" else "image/png"
        source = f"data:{mime};base64,{base64.b64encode(data).decode()}"
        cited = ""
        if fact_ids:  # ids are build detail: folded away, one click from the caption
            ids = self.write.join([self.link(i, i) for i in fact_ids])
            cited = (f'<details class="fact-ids"><summary>{self.label("Facts:", "事实：")}</summary>'
                     f"{ids}</details>")
        return (f'<figure class="report-figure" id="figure-{escape(name)}">'
                f'<img src="{source}" alt="{escape(alt)}" data-min-font-pt="{charts.min_font_size(fig)}">'
                f"<figcaption>{escape(caption)}{cited}</figcaption></figure>")

    def computed(self, derived: list[Derived]) -> str:
        """The build detail, folded: each figure the chapter derives, with its formula in words (the
        inputs' ids stay in the links' attributes). Empty when the chapter derives nothing: its counts
        are said where the prose gives them. The run's parameters are in
        the execution report, the ledger's reading of each figure in the Sources appendix."""
        w = self.write
        parts: list[str] = []
        for item in derived:
            formula = formula_in_words(item.formula, self.lang, lambda i: escape(self.input_label(i)), self.link)
            note = item.note_zh if self.lang == "zh" else item.note_en
            parts.append(f'<p id="computed-{item.id.replace("_", "-")}"><strong>{escape(self.metric(item))}</strong>'
                         f"{w.colon()}{self.link(item.id)}{self.label(', that is ', '，即')}{formula}"
                         f"{self.label('. ', '。')}{escape(note)}</p>")
        if not parts:
            return ""
        summary = self.label("How this was computed", "计算说明")
        return f'<details class="computed"><summary>{summary}</summary>{"".join(parts)}</details>'

    def input_label(self, fact_id: str) -> str:
        """What an input counts, as it reads inside a sentence (English: lower-case first word)."""
        text = self.metric(self.ledger.facts[fact_id])
        if self.lang == "en" and text[:1].isupper() and text[1:2].islower():
            return text[0].lower() + text[1:]
        return text
