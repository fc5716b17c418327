"""What a theme notebook calls: its facts, glued for the text, its tables and its charts.

A notebook opens its chapter once::

    chapter = Chapter("export", ledger=ledger, source=source, lang=lang, chart_format=chart_format)

which loads and verifies the ledger, glues every fact and derived figure of the theme
under its id (for ``{glue:md}`id:myst``` in the Markdown), and shows the parameters the
chapter was run with.
"""

from __future__ import annotations

import base64
from typing import Any

from IPython.display import HTML, Markdown, display
from myst_nb import glue

from ..facts.load import load_ledger
from ..facts.model import Derived, Fact, Ledger
from ..project import Project
from ..themes import load_themes
from . import charts
from .html import Markup, escape, table
from .present import LANGUAGES, format_fact, format_quantity, html_id, md_escape, ref

SOURCES_PAGE = "sources.html"


class LinkedNumber:
    """A number linked to its fact: MyST for the chapter's own text, HTML for other pages."""

    def __init__(self, text: str, markdown: str, html: str):
        self.text, self.markdown, self.html = text, markdown, html

    def __repr__(self) -> str:  # the plain-text form papermill stores; no memory address
        return self.text

    def _repr_markdown_(self) -> str:
        return self.markdown

    def _repr_html_(self) -> str:
        return self.html


class Chapter:
    """One theme's view of the ledger, in one language, with one chart format.

    theme: a theme name. ledger, source: paths as the notebook parameters give them.
    lang: ``en`` or ``zh``. chart_format: ``svg`` or ``png``.
    decimals: decimal places of derived figures. parameters: shown on the page.
    """

    def __init__(self, theme: str, *, ledger: str, source: str = "", lang: str = "en",
                 chart_format: str = "svg", decimals: int = 2, **parameters: Any):
        project = Project.from_environment()
        themes = load_themes(project.theme_registry)
        if theme not in themes:
            raise ValueError(f"unknown theme {theme!r}")
        if lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
        if chart_format not in charts.CHART_FORMATS:
            raise ValueError(f"chart_format must be one of {', '.join(charts.CHART_FORMATS)}")
        self.theme, self.lang, self.chart_format, self.decimals = theme, lang, chart_format, decimals
        self.ledger: Ledger = load_ledger(project.resolve(ledger), themes,
                                          project.resolve(source) if source else None)
        self.entities = self.ledger.entities[theme]
        self.parameters = {"ledger": ledger, "source": source, "lang": lang,
                           "chart_format": chart_format, "decimals": decimals, **parameters}
        charts.use_house_style()
        self._glue_theme()

    # --- numbers -------------------------------------------------------------
    def fact(self, fact_id: str) -> Fact:
        return self.ledger.fact(fact_id)

    def derived_figure(self, derived_id: str) -> Derived:
        return self.ledger.derived_figure(derived_id)

    def text(self, item_id: str) -> str:
        """A fact or derived figure written out in the chapter's language."""
        if item_id in self.ledger.facts:
            return format_fact(self.ledger.facts[item_id], self.lang, self.decimals)
        item = self.ledger.derived_figure(item_id)
        return format_quantity(item.value, item.unit, item.qualifier, self.lang, self.decimals)

    def label(self, en: str, zh: str) -> str:
        return zh if self.lang == "zh" else en

    def metric(self, item: Fact | Derived) -> str:
        return item.metric_zh if self.lang == "zh" else item.metric_en

    def _glue_theme(self) -> None:
        ids = [f.id for f in self.ledger.facts.values() if f.theme == self.theme]
        ids += [d.id for d in self.ledger.derived.values() if d.theme == self.theme]
        for item_id in ids:
            text = self.text(item_id)
            glue(item_id, LinkedNumber(text, ref(text, item_id), self.link(item_id, text)), display=False)

    def glue_count(self, key: str, items: Any) -> None:
        """Glue how many entries a list of entities has (a count of data, not a source figure)."""
        glue(key, len(items), display=False)

    def glue_text(self, key: str, text: str) -> None:
        """Glue a piece of data text (escaped) for the narrative."""
        glue(key, Markdown(md_escape(text)), display=False)

    # --- page elements -------------------------------------------------------
    def show_parameters(self) -> None:
        """One compact line: the values this chapter was run with."""
        items = ", ".join(f"`{name}` = `{value!r}`" for name, value in self.parameters.items())
        display(Markdown(f"<small>Run with {items}.</small>"))

    def link(self, item_id: str, text: str | None = None) -> str:
        """An HTML link to an item's entry in the Sources appendix."""
        shown = escape(text if text is not None else self.text(item_id))
        return f'<a href="{SOURCES_PAGE}#{html_id(item_id)}">{shown}</a>'

    def linked_facts(self, fact_ids: list[str], empty: str) -> Markup:
        """Several facts for one table cell, each as 'metric: linked value'."""
        if not fact_ids:
            return Markup(escape(empty))
        return Markup("; ".join(f"{escape(self.metric(self.fact(f)))}: {self.link(f)}" for f in fact_ids))

    def table(self, rows: list[dict[str, Any]], *, caption: str,
              link_columns: dict[str, str] | None = None) -> None:
        """An accessible HTML table: a caption, header cells with scope, data text escaped.

        rows: one dict per row (column -> text). link_columns: column -> key holding a fact id;
        those cells link to the fact.
        """
        link_columns = link_columns or {}
        columns = [c for c in rows[0] if not c.startswith("_")] if rows else []

        def content(row: dict[str, Any], column: str) -> object:
            id_key = link_columns.get(column)
            if id_key and row.get(id_key) and not isinstance(row[column], Markup):
                return Markup(self.link(row[id_key], str(row[column])))
            return row[column]

        display(HTML(table(columns, [[content(row, c) for c in columns] for row in rows], caption=caption)))

    def show_chart(self, fig: Any, name: str, *, alt: str, caption: str, fact_ids: list[str]) -> None:
        """Show a chart, rendered deterministically, with alt text and a caption citing its facts."""
        data = charts.render(fig, self.chart_format)
        mime = "image/svg+xml" if self.chart_format == "svg" else "image/png"
        source = f"data:{mime};base64,{base64.b64encode(data).decode()}"
        cited = ", ".join(self.link(i, i) for i in fact_ids) if fact_ids else "no ledger figures"
        display(HTML(
            f'<figure class="report-figure" id="figure-{escape(name)}">'
            f'<img src="{source}" alt="{escape(alt)}" style="max-width:100%">'
            f"<figcaption>{escape(caption)} Facts: {cited}.</figcaption></figure>"))

    def derivation(self, derived_id: str) -> None:
        """Show how a derived figure is computed: formula, inputs with links, result and its qualifier."""
        item = self.ledger.derived_figure(derived_id)
        inputs = "; ".join(f"{self.link(i, i)} = {escape(self.text(i))}" for i in item.inputs)
        note = f" {escape(item.note)}" if item.note else ""
        display(HTML(
            f'<div class="derivation"><strong>{escape(self.metric(item))}</strong> = '
            f"<code>{escape(item.formula)}</code> = {self.link(derived_id)} "
            f"(inputs: {inputs}).{note}</div>"))

    def not_reported(self, what: str) -> str:
        """How the chapter writes what the source does not say."""
        return self.label(f"not reported ({what})", f"未报道（{what}）")
