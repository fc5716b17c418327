"""The ledger's reading of a theme's figures, as tables and a chart: kinds, stages, how checkable, gaps.

This is analyst's apparatus: the Sources appendix shows all of it for every theme
(``publish/readings.py``); a chapter's reading line does not.
"""

from __future__ import annotations

from ..facts.model import Fact, Ledger
from .html import Markup, escape, table
from .presentation import Presentation

ORDERS = ("stage", "kind", "ledger")
GOAL_KINDS = {"directive": ("directive quoted from the visit", "考察时的指示"), "target": ("target", "目标"),
              "goal": ("goal the page states", "版面提出的目标"), "direction": ("ongoing direction", "持续推进的方向"),
              "method": ("method", "方法"), "promise": ("promise", "承诺")}
GOAL_LINKS = {"sentence": ("in the same sentence", "同一句中关联"),
              "paragraph": ("in the next paragraphs, as the answer to it", "在后续段落中作为回应"),
              "together": ("answered together by the paragraphs that follow; the page pairs no measure "
                           "with a directive", "由后续各段整体回应，版面未逐条对应"),
              "framed": ("the section is introduced as serving it (围绕…目标); no measure is paired with it",
                         "以“围绕……目标”统领这一部分，未逐项对应"),
              "section": ("only placed in the same section", "仅列于同一部分")}


def quantities(ledger: Ledger, theme: str) -> list[Fact]:
    """The theme's facts that measure something: dates, ordinals (第三届) and the thresholds that define
    a population measure nothing, so counting them would make the page look better documented than it is."""
    return [f for f in ledger.facts.values() if f.theme == theme and f.claim != "definition"
            and ledger.vocabulary.unit_kind(f.unit) not in ("date", "ordinal")]


def ordered(ledger: Ledger, facts: list[Fact], order: str) -> list[Fact]:
    """``facts`` by stage (inputs, outputs, outcomes, context), by claim kind, or as in the ledger."""
    vocabulary = ledger.vocabulary
    if order == "ledger":
        return list(facts)
    if order == "stage":
        return sorted(facts, key=lambda f: list(vocabulary.stages).index(ledger.assessments[f.id].stage))
    if order == "kind":
        return sorted(facts, key=lambda f: list(vocabulary.claims).index(f.claim))
    raise ValueError(f"order must be one of {', '.join(ORDERS)}, not {order!r}")


def evidence_table(show: Presentation, facts: list[Fact], order: str = "stage") -> str:
    """Every claim: what it counts, its kind and period, population, stage, how checkable, what it lacks."""
    rows: list[list[object]] = []
    w = show.write
    for fact in ordered(show.ledger, facts, order):
        assessment = show.ledger.assessments[fact.id]
        gaps = w.semicolon().join(w.lack(gap) for gap in assessment.lacks) or "—"
        rows.append([Markup(f"{escape(show.metric(fact))}{w.colon()}{show.link(fact.id)}"),
                     w.claim(fact.claim), w.period(fact.period),
                     fact.scope_zh if show.lang == "zh" else fact.scope_en,
                     w.stage(assessment.stage), w.checkable(assessment.checkable), gaps])
    return show.table([show.label("Figure", "数字"), show.label("Kind", "类型"), show.label("Period", "时段"),
                       show.label("Population", "统计对象"), show.label("Stage", "环节"),
                       show.label("Checkable", "可核对性"), show.label("What it lacks", "缺少什么")], rows,
                      caption=show.label("The page's figures, read one by one", "逐条审读版面数字"))


def reading_table(show: Presentation, facts: list[Fact], caption: str) -> str:
    """The ledger's reading of each figure, one sortable row each: id, figure, kind, period, stage,
    how checkable, what it lacks and the question a reviewer should ask."""
    rows: list[list[object]] = []
    w = show.write
    for fact in facts:
        assessment = show.ledger.assessments[fact.id]
        rows.append([Markup(f"<code>{fact.id}</code>"),
                     Markup(f"{escape(show.metric(fact))}{w.colon()}{show.link(fact.id)}"),
                     w.claim(fact.claim), w.period(fact.period), w.stage(assessment.stage),
                     w.checkable(assessment.checkable),
                     w.semicolon().join(w.lack(gap) for gap in assessment.lacks) or "—",
                     (assessment.question_zh if show.lang == "zh" else assessment.question_en) or "—"])
    head = [show.label("Id", "编号"), show.label("Figure", "数字"), show.label("Kind", "类型"),
            show.label("Period", "时段"), show.label("Stage", "环节"), show.label("How checkable", "可核对性"),
            show.label("What it lacks", "缺少什么"), show.label("Question to ask", "应追问的问题")]
    return (f'<div class="table-scroll" role="region" tabindex="0" aria-label="{escape(caption)}">'
            f'{table(head, rows, caption=caption, classes="table report-table sortable")}</div>')


def evidence_chart(show: Presentation, theme: str) -> str:
    """Claims by kind, split by how checkable they are: where the page's weight rests."""
    from . import charts

    ledger, w = show.ledger, show.write
    counted = quantities(ledger, theme)
    kinds = [k for k in ledger.vocabulary.claims if any(f.claim == k for f in counted)]
    levels = list(ledger.vocabulary.checkable)
    counts = {level: [sum(1 for f in counted if f.claim == kind and ledger.assessments[f.id].checkable == level)
                      for kind in kinds] for level in levels}
    fig = charts.evidence_chart([w.claim(k) for k in kinds],
                                {w.checkable(level): counts[level] for level in levels},
                                title=show.label("How could a reviewer check each figure?", "版面数字能否核对？"),
                                xlabel=show.label("number of figures", "数字个数"))
    if show.lang == "zh":
        described = "；".join(
            f"{w.claim(kind)}{sum(counts[level][i] for level in levels)}个：" + "、".join(
                f"{w.checkable(level)}{counts[level][i]}个" for level in levels if counts[level][i])
            for i, kind in enumerate(kinds))
        alt = (f"条形图：本章{len(counted)}个数字（不含日期、届次和界定统计对象的门槛）按表述类型统计，"
               f"每条按可核对性分段。{described}。")
    else:
        described = "; ".join(
            f"{w.claim(kind)}: " + ", ".join(
                f"{counts[level][i]} {w.checkable(level)}" for level in levels if counts[level][i])
            for i, kind in enumerate(kinds))
        alt = (f"Bar chart of the chapter's {len(counted)} figures (dates, ordinals and defining thresholds aside) "
               f"by kind, each bar split by how checkable the figures are. {described}.")
    caption = show.label("The chapter's figures (dates, ordinals and defining thresholds aside) by kind and by how "
                         "a reviewer could check them.",
                         "本章数字（不含日期、届次和界定统计对象的门槛）按表述类型及可核对性统计。")
    return show.chart(fig, f"evidence-{theme}", alt=alt, caption=caption, fact_ids=[f.id for f in counted])


def goals_table(show: Presentation, goals: list[dict]) -> str:
    """The goals and directives the page names, with the measures it ties to each."""
    rows: list[list[object]] = []
    w = show.write
    for goal in goals:
        if show.lang == "zh":  # the Chinese name would repeat the quote
            first = show.quote(goal["quote"])
            measures = Markup("<br>".join(str(show.quote(m["quote"])) for m in goal["measures"]))
        else:
            first = Markup(f"{escape(show.name(goal))}<br>{show.quote(goal['quote'])}")
            measures = Markup("<br>".join(f"{escape(show.name(m))}{w.colon()}{show.quote(m['quote'])}"
                                          for m in goal["measures"]))
        rows.append([first, show.label(*GOAL_KINDS[goal["kind"]]), measures, show.label(*GOAL_LINKS[goal["basis"]])])
    return show.table([show.label("Goal or directive", "目标或指示"), show.label("Kind", "类型"),
                       show.label("Measures the page lists with it", "版面列出的相关举措"),
                       show.label("How the page links them", "关联方式")], rows,
                      caption=show.label("Goals and the measures the page lists with them", "目标与版面列出的相关举措"))


def questions(show: Presentation, facts: list[Fact]) -> str:
    """For every claim beyond context: what a reviewer should ask for at the next inspection."""
    items = []
    for fact in facts:
        assessment = show.ledger.assessments[fact.id]
        question = assessment.question_zh if show.lang == "zh" else assessment.question_en
        if question:
            items.append(f"<li><strong>{escape(show.metric(fact))}</strong>"
                         f"{show.write.parenthesis(show.link(fact.id))}{show.write.colon()}{escape(question)}</li>")
    return f'<ol class="questions">{"".join(items)}</ol>'
