"""What a theme notebook calls: its facts as values for the prose, its tables, charts and analysis.

A notebook opens its chapter once::

    chapter = Chapter("export", ledger=ledger, source=source, lang=lang, chart_format=chart_format)

which reads the verified ledger and publishes every fact and derived figure of the theme
under its id, for the prose to show with ``{eval}`exp_firms_h1```: in the book through
myst-nb's glue, and in JupyterLab (with jupyterlab-myst) as a variable of the kernel.
"""

from __future__ import annotations

import base64
from collections import Counter
from typing import Any, Iterable

from IPython import get_ipython
from IPython.display import HTML, display

from ..facts.model import Derived, Fact, Ledger
from ..facts.snapshot import verified_ledger
from ..project import Project
from ..themes import load_themes
from .glue import glue
from .html import Markup, escape, table
from .links import APPENDIX_PAGE, SOURCE_PAGE, appendix_anchor, fact_quote_anchor, quote_anchor
from .outside import context_html, context_text
from .present import LANGUAGES, Writer

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


class Chapter:
    """One theme's view of the ledger, in one language, with one chart format.

    theme: a theme name. ledger, source: paths as the notebook parameters give them.
    lang: ``en`` or ``zh``. chart_format: ``svg`` or ``png``. decimals: decimal places of
    amounts. note: a remark shown under the title (for example "draft for review").
    parameters: the notebook's other parameters, listed in "How this was computed".
    """

    def __init__(self, theme: str, *, ledger: str, source: str = "", lang: str = "en",
                 chart_format: str = "svg", decimals: int = 2, note: str = "", **parameters: Any):
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
        self.write = Writer(lang, self.ledger.vocabulary, decimals)
        self.entities = self.ledger.entities[theme]
        self.facts = [f for f in self.ledger.facts.values() if f.theme == theme]
        # What the chapter's counts and its evidence chart weigh: dates, ordinals (第三届) and the
        # thresholds that define a population measure nothing, so counting them would make the page
        # look better documented than it is.
        self.quantities = [f for f in self.facts if f.claim != "definition"
                           and self.ledger.vocabulary.unit_kind(f.unit) not in ("date", "ordinal")]
        self.derived = [d for d in self.ledger.derived.values() if d.theme == theme]
        self.parameters = {"ledger": ledger, "source": source, "lang": lang, "chart_format": chart_format,
                           "decimals": decimals, "note": note, **parameters}
        if note:
            display(HTML(f'<p class="draft-note">{escape(note)}</p>'))
        self._publish_values()

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
        """Glue how many entries a list of entities has (a count of the page's items, not a source figure)."""
        return self.glue(key, len(list(items)))

    def _publish_values(self) -> None:
        for fact in self.facts:
            self.glue(fact.id, Prose(self.text(fact.id), self.link(fact.id, self.text(fact.id))))
            self.glue(f"{fact.id}_period", self.write.period(fact.period))
        for item in self.derived:
            self.glue(item.id, Prose(self.text(item.id), self.link(item.id)))
        for entry in self.ledger.context.values():
            self.glue(entry.key, Prose(context_text(entry, self.lang), context_html(entry, self.lang)))
        assessments = [self.ledger.assessments[f.id] for f in self.quantities]
        self.glue("claims_total", len(self.quantities))
        for section, values in (("stage", self.ledger.vocabulary.stages), ("checkable", self.ledger.vocabulary.checkable)):
            counts = Counter(getattr(a, section) for a in assessments)
            for value in values:
                self.glue(f"claims_{value}", counts[value])
        kinds = Counter(f.claim for f in self.quantities)
        for kind in self.ledger.vocabulary.claims:
            self.glue(f"claims_{kind}", kinds[kind])
        gaps = Counter(gap for a in assessments for gap in a.lacks)
        for gap in self.ledger.vocabulary.lacks:
            self.glue(f"claims_lacking_{gap}", gaps[gap])

    # --- reading the ledger -----------------------------------------------------------
    def fact(self, fact_id: str) -> Fact:
        return self.ledger.fact(fact_id)

    def derived_figure(self, derived_id: str) -> Derived:
        return self.ledger.derived_figure(derived_id)

    def text(self, item_id: str, standalone: bool = False) -> str:
        """A fact or derived figure written out in the chapter's language (``standalone``: for a table cell)."""
        if item_id in self.ledger.facts:
            return self.write.fact(self.ledger.facts[item_id], standalone)
        return self.write.derived(self.ledger.derived_figure(item_id))

    def label(self, en: str, zh: str) -> str:
        return self.write.label(en, zh)

    def name(self, entity: dict[str, Any], field: str = "name") -> str:
        """An entity's ``name_en`` or ``name_zh`` (or another ``field``) in the chapter's language."""
        return str(entity.get(f"{field}_{self.lang}") or entity.get(f"{field}_en") or "")

    def metric(self, item: Fact | Derived) -> str:
        return item.metric_zh if self.lang == "zh" else item.metric_en

    # --- links ------------------------------------------------------------------------
    def link(self, item_id: str, text: str | None = None) -> Markup:
        """A fact's value linked to its quote in the annotated source; a derived figure's to its row
        in the Sources appendix. The title says what it counts, its kind and its period."""
        shown = escape(text if text is not None else self.text(item_id, standalone=True))
        if item_id in self.ledger.facts:
            fact = self.ledger.facts[item_id]
            title = f"{self.metric(fact)} · {self.write.claim(fact.claim)} · {self.write.period(fact.period)}"
            return Markup(f'<a class="fact-link" data-fact="{item_id}" href="{SOURCE_PAGE}#'
                          f'{fact_quote_anchor(item_id)}" title="{escape(title)}">{shown}</a>')
        item = self.ledger.derived_figure(item_id)
        return Markup(f'<a class="derived-link" data-derived="{item_id}" href="{APPENDIX_PAGE}#'
                      f'{appendix_anchor(item_id)}" title="{escape(self.metric(item))}">{shown}</a>')

    def quote(self, text: str) -> Markup:
        """A verbatim quote, in Chinese, linked to its place in the annotated source."""
        return Markup(f'<a class="quote-link" lang="zh-Hans" href="{SOURCE_PAGE}#{quote_anchor(text)}">'
                      f"{escape(text)}</a>")

    def chinese(self, text: str) -> Markup:
        """Chinese text (a name) marked as such, so browsers and screen readers treat it right."""
        return Markup(f'<span lang="zh-Hans">{escape(text)}</span>')

    def linked_facts(self, fact_ids: list[str], empty: str) -> Markup:
        """Several facts for one table cell, each as 'metric: linked value'."""
        if not fact_ids:
            return Markup(escape(empty))
        w = self.write
        return Markup(w.semicolon().join(f"{escape(self.metric(self.fact(f)))}{w.colon()}{self.link(f)}"
                                         for f in fact_ids))

    def not_reported(self, what: str = "") -> str:
        """How the chapter writes what the source does not say."""
        if not what:
            return self.label("not reported", "未报道")
        return self.label(f"not reported ({what})", f"未报道（{what}）")

    # --- page elements ----------------------------------------------------------------
    def table(self, head: list[str], rows: list[list[object]], *, caption: str) -> None:
        """An accessible table (caption, header cells with scope) that scrolls inside its own box."""
        html = table(head, rows, caption=caption)
        display(HTML(f'<div class="table-scroll" role="region" tabindex="0" aria-label="{escape(caption)}">'
                     f"{html}</div>"))

    def show_chart(self, fig: Any, name: str, *, alt: str, caption: str, fact_ids: list[str]) -> None:
        """Show a chart, rendered deterministically, with alt text and a caption citing its facts."""
        from . import charts

        data = charts.render(fig, self.chart_format)
        mime = "image/svg+xml" if self.chart_format == "svg" else "image/png"
        source = f"data:{mime};base64,{base64.b64encode(data).decode()}"
        cited = ""
        if fact_ids:  # ids are build detail: folded away, one click from the caption
            ids = self.write.join([self.link(i, i) for i in fact_ids])
            cited = (f'<details class="fact-ids"><summary>{self.label("Facts:", "事实：")}</summary>'
                     f"{ids}</details>")
        display(HTML(
            f'<figure class="report-figure" id="figure-{escape(name)}">'
            f'<img src="{source}" alt="{escape(alt)}" data-min-font-pt="{charts.min_font_size(fig)}">'
            f"<figcaption>{escape(caption)}{cited}</figcaption></figure>"))

    # --- analysis ---------------------------------------------------------------------
    def evidence_table(self, order: str = "stage") -> None:
        """Every claim of the theme: what it counts, its kind and period, how checkable, what it lacks.

        order: ``stage`` (inputs, outputs, outcomes, context), ``kind`` (claim kind) or ``ledger``.
        """
        vocabulary = self.ledger.vocabulary
        positions = {"stage": list(vocabulary.stages), "kind": list(vocabulary.claims)}
        facts = list(self.facts)
        if order in positions:
            def key(fact: Fact) -> int:
                value = self.ledger.assessments[fact.id].stage if order == "stage" else fact.claim
                return positions[order].index(value)
            facts.sort(key=key)
        elif order != "ledger":
            raise ValueError(f"order must be one of stage, kind, ledger, not {order!r}")
        rows: list[list[object]] = []
        w = self.write
        for fact in facts:
            assessment = self.ledger.assessments[fact.id]
            gaps = w.semicolon().join(w.lack(gap) for gap in assessment.lacks) or "—"
            rows.append([Markup(f"{escape(self.metric(fact))}{w.colon()}{self.link(fact.id)}"),
                         w.claim(fact.claim), w.period(fact.period),
                         fact.scope_zh if self.lang == "zh" else fact.scope_en,
                         w.stage(assessment.stage), w.checkable(assessment.checkable), gaps])
        self.table([self.label("Figure", "数字"), self.label("Kind", "类型"), self.label("Period", "时段"),
                    self.label("Population", "统计对象"), self.label("Stage", "环节"),
                    self.label("Checkable", "可核对性"), self.label("What it lacks", "缺少什么")], rows,
                   caption=self.label("The page's figures, read one by one", "逐条审读版面数字"))

    def evidence_chart(self) -> None:
        """Claims by kind, split by how checkable they are: where the page's weight rests."""
        from . import charts

        vocabulary = self.ledger.vocabulary
        kinds = [k for k in vocabulary.claims if any(f.claim == k for f in self.quantities)]
        levels = list(vocabulary.checkable)
        counts = {level: [sum(1 for f in self.quantities if f.claim == kind
                              and self.ledger.assessments[f.id].checkable == level) for kind in kinds]
                  for level in levels}
        w = self.write
        fig = charts.evidence_chart([w.claim(k) for k in kinds],
                                    {w.checkable(level): counts[level] for level in levels},
                                    title=self.label("How could a reviewer check each figure?", "版面数字能否核对？"),
                                    xlabel=self.label("number of figures", "数字个数"))
        if self.lang == "zh":
            described = "；".join(
                f"{w.claim(kind)}{sum(counts[level][i] for level in levels)}个：" + "、".join(
                    f"{w.checkable(level)}{counts[level][i]}个" for level in levels if counts[level][i])
                for i, kind in enumerate(kinds))
            alt = f"条形图：本章{len(self.quantities)}个数字（不含日期、届次和界定统计对象的门槛）按表述类型统计，每条按可核对性分段。{described}。"
        else:
            described = "; ".join(
                f"{w.claim(kind)}: " + ", ".join(
                    f"{counts[level][i]} {w.checkable(level)}" for level in levels if counts[level][i])
                for i, kind in enumerate(kinds))
            alt = (f"Bar chart of the chapter's {len(self.quantities)} figures (dates, ordinals and defining thresholds aside) by kind, each bar split by how "
                   f"checkable the figures are. {described}.")
        self.show_chart(fig, f"evidence-{self.theme}", alt=alt,
                        caption=self.label("The chapter's figures (dates, ordinals and defining thresholds aside) by kind and by how a reviewer "
                                           "could check them.", "本章数字（不含日期、届次和界定统计对象的门槛）按表述类型及可核对性统计。"),
                        fact_ids=[f.id for f in self.quantities])

    def goals_table(self) -> None:
        """The goals and directives the page names, with the measures it ties to each."""
        kinds = {"directive": ("directive quoted from the visit", "考察时的指示"), "target": ("target", "目标"),
                 "goal": ("goal the page states", "版面提出的目标"), "direction": ("ongoing direction", "持续推进的方向"),
                 "method": ("method", "方法"),
                 "promise": ("promise", "承诺")}
        basis = {"sentence": ("in the same sentence", "同一句中关联"),
                 "paragraph": ("in the next paragraphs, as the answer to it", "在后续段落中作为回应"),
                 "together": ("answered together by the paragraphs that follow; the page pairs no measure "
                              "with a directive", "由后续各段整体回应，版面未逐条对应"),
                 "framed": ("the section is introduced as serving it (围绕…目标); no measure is paired with it",
                            "以“围绕……目标”统领这一部分，未逐项对应"),
                 "section": ("only placed in the same section", "仅列于同一部分")}
        rows: list[list[object]] = []
        w = self.write
        for goal in self.entities.get("goals", []):
            if self.lang == "zh":  # the Chinese name would repeat the quote
                first = self.quote(goal["quote"])
                measures = Markup("<br>".join(str(self.quote(m["quote"])) for m in goal["measures"]))
            else:
                first = Markup(f"{escape(self.name(goal))}<br>{self.quote(goal['quote'])}")
                measures = Markup("<br>".join(f"{escape(self.name(m))}{w.colon()}{self.quote(m['quote'])}"
                                              for m in goal["measures"]))
            rows.append([first, self.label(*kinds[goal["kind"]]), measures, self.label(*basis[goal["basis"]])])
        self.table([self.label("Goal or directive", "目标或指示"), self.label("Kind", "类型"),
                    self.label("Measures the page lists with it", "版面列出的相关举措"),
                    self.label("How the page links them", "关联方式")], rows,
                   caption=self.label("Goals and the measures the page lists with them", "目标与版面列出的相关举措"))

    def questions(self) -> None:
        """For every claim beyond context: what a reviewer should ask for at the next inspection."""
        items = []
        for fact in self.facts:
            assessment = self.ledger.assessments[fact.id]
            question = assessment.question_zh if self.lang == "zh" else assessment.question_en
            if question:
                items.append(f"<li><strong>{escape(self.metric(fact))}</strong>"
                             f"{self.write.parenthesis(self.link(fact.id))}{self.write.colon()}{escape(question)}</li>")
        display(HTML(f'<ol class="questions">{"".join(items)}</ol>'))

    def computed(self) -> None:
        """The build detail, collapsed: parameters, derived figures with formulas, the facts cited."""
        w = self.write
        summary = self.label("How this was computed", "计算说明")
        run = w.join([f"<code>{escape(k)}={escape(repr(v))}</code>" for k, v in self.parameters.items()])
        parts = [f"<p>{self.label('Run with', '运行参数')}{w.colon()}{run}{self.label('.', '。')}</p>"]
        for item in self.derived:
            inputs = w.semicolon().join(f"<code>{i}</code> = {self.link(i)}" for i in item.inputs)
            question = item.question_zh if self.lang == "zh" else item.question_en
            note = item.note_zh if self.lang == "zh" else item.note_en
            parts.append(f'<p id="computed-{item.id.replace("_", "-")}"><strong>{escape(self.metric(item))}</strong>'
                         f"{w.parenthesis(escape(question))} = <code>{escape(item.formula)}</code> = "
                         f"{self.link(item.id)}{w.semicolon()}{self.label('inputs', '输入')}{w.colon()}{inputs}"
                         f"{self.label('. ', '。')}{escape(note)}</p>")
        if self.facts:
            cited = w.join([f'<a href="{APPENDIX_PAGE}#{appendix_anchor(f.id)}"><code>{f.id}</code></a>'
                            for f in self.facts])
            parts.append(f"<p>{self.label('Facts of this chapter', '本章事实')}{w.colon()}{cited}"
                         f"{self.label('.', '。')}</p>")
        display(HTML(f'<details class="computed"><summary>{summary}</summary>{"".join(parts)}</details>'))
