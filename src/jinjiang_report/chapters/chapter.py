"""What a theme notebook calls: its values for the prose, a table or chart of the page, the folded build detail.

A notebook opens its chapter once::

    chapter = Chapter("export", ledger=ledger, source=source, lang=lang, chart_format=chart_format)

which reads the verified ledger and publishes every fact and derived figure of the theme
under its id, and every entry of the outside-context register as ``ctx_<id>``, for the prose
to show with ``{eval}`exp_firms_h1```: in the book through the glue, and in JupyterLab (with
jupyterlab-myst) as a variable of the kernel. How things look is ``Presentation``'s job
(``presentation.py``); the ledger's reading of each figure is shown in the appendix, not here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable

from IPython import get_ipython
from IPython.display import HTML, display

from ..facts.model import Derived, Fact, Ledger
from ..facts.numbers import EXACT
from ..facts.snapshot import verified_ledger
from ..project import Project
from ..themes import load_themes
from .glue import glue
from .html import Markup, escape
from .lab_view import in_jupyterlab, page_hrefs, show_in_jupyterlab
from .links import APPENDIX_PAGE, SOURCE_PAGE
from .outside import context_html, context_text
from .present import LANGUAGES, Writer
from .presentation import CHART_FORMATS, Presentation, Prose

__all__ = ["Chapter", "Prose", "CHART_FORMATS"]


class Chapter:
    """One theme's view of the ledger, in one language, with one chart format.

    theme: a theme name. ledger, source: paths as the notebook parameters give them.
    lang: ``en`` or ``zh``. chart_format: ``svg`` or ``png``. decimals: decimal places of
    amounts. note: a remark shown under the title (for example "draft for review").
    """

    def __init__(self, theme: str, *, ledger: str, source: str = "", lang: str = "en",
                 chart_format: str = "svg", decimals: int = 2, note: str = ""):
        project = Project.from_environment()
        themes = load_themes(project.theme_registry)
        if theme not in themes:
            raise ValueError(f"unknown theme {theme!r}; themes are: {', '.join(themes)}")
        if lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
        if chart_format not in CHART_FORMATS:
            raise ValueError(f"chart_format must be one of {', '.join(CHART_FORMATS)}, not {chart_format!r}")
        self.theme, self.lang, self.chart_format = theme, lang, chart_format
        self.ledger: Ledger = verified_ledger(project, ledger, source, themes)
        hrefs = page_hrefs(project, lang) if in_jupyterlab() else {p: p for p in (SOURCE_PAGE, APPENDIX_PAGE)}
        self.show = Presentation(self.ledger, lang, decimals, chart_format, page_hrefs=hrefs)
        self.write: Writer = self.show.write
        self.entities = self.ledger.entities[theme]
        self.facts = [f for f in self.ledger.facts.values() if f.theme == theme]
        self.derived = [d for d in self.ledger.derived.values() if d.theme == theme]
        if note:
            display(HTML(f'<p class="draft-note">{escape(note)}</p>'))
        self._publish_values()
        show_in_jupyterlab(self)

    # --- values for the prose ---------------------------------------------------------
    def glue(self, key: str, value: Prose | str | int) -> Prose:
        """Make ``value`` the prose's ``{eval}`key```: glued for the book, a kernel variable for JupyterLab."""
        shown = value if isinstance(value, Prose) else Prose(str(value))
        glue(key, shown)
        shell = get_ipython()
        if shell is not None:  # in a script or a test there is no kernel namespace to fill
            shell.user_ns[key] = shown
        return shown

    def count(self, key: str, items: Iterable[Any]) -> Prose:
        """Glue how many entries a list of entities has (a count of the page's items, not a source figure),
        written as the language writes a count in a sentence (English: ``three``)."""
        return self.glue(key, self.write.quantity(Decimal(len(list(items))), "count", EXACT))

    def _publish_values(self) -> None:
        """Everything ``published.published_keys`` promises lint, and nothing else."""
        for fact in self.facts:
            self.glue(fact.id, self.show.fact_value(fact))
            self.glue(f"{fact.id}_period", self.write.period(fact.period))
        for item in self.derived:
            self.glue(item.id, Prose(self.show.text(item.id), self.show.link(item.id)))
        for entry in self.ledger.context.values():
            self.glue(entry.key, Prose(context_text(entry, self.lang), context_html(entry, self.lang)))
            if entry.brief_key:
                self.glue(entry.brief_key, Prose(context_text(entry, self.lang, brief=True),
                                                 context_html(entry, self.lang, brief=True)))

    # --- reading the ledger -----------------------------------------------------------
    def fact(self, fact_id: str) -> Fact:
        return self.ledger.fact(fact_id)

    def derived_figure(self, derived_id: str) -> Derived:
        return self.ledger.derived_figure(derived_id)

    def text(self, item_id: str, standalone: bool = False) -> str:
        return self.show.text(item_id, standalone)

    def label(self, en: str, zh: str) -> str:
        return self.show.label(en, zh)

    def name(self, entity: dict[str, Any], field: str = "name") -> str:
        return self.show.name(entity, field)

    def link(self, item_id: str, text: str | None = None) -> Markup:
        return self.show.link(item_id, text)

    def quote(self, text: str) -> Markup:
        return self.show.quote(text)

    def chinese(self, text: str) -> Markup:
        return self.show.chinese(text)

    # --- page elements ----------------------------------------------------------------
    def table(self, head: list[str], rows: list[list[object]], *, caption: str) -> None:
        """Show an accessible table (caption, header cells with scope) that scrolls inside its own box."""
        display(HTML(self.show.table(head, rows, caption=caption)))

    def show_chart(self, fig: Any, name: str, *, alt: str, caption: str, fact_ids: list[str]) -> None:
        """Show a chart of something on the page, with alt text and a caption citing its facts."""
        display(HTML(self.show.chart(fig, name, alt=alt, caption=caption, fact_ids=fact_ids)))

    def draft_readings(self) -> None:
        """A new chapter's starting point: each of its facts with the ledger's reading (kind, period,
        stage, how checkable, what it lacks, the question to ask). Finished chapters replace it with
        findings; the appendix keeps the same table for every theme."""
        from .analysis import reading_table

        caption = self.label("The chapter's figures as the ledger reads them (draft)", "本章数字的台账解读（草稿）")
        display(HTML(reading_table(self.show, self.facts, caption)))

    def computed(self) -> None:
        """The build detail, folded: derived figures with their formulas in words (nothing when there are none)."""
        block = self.show.computed(self.derived)
        if block:
            display(HTML(block))
