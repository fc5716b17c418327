"""The ledger's reading of a theme's figures and goals, as tables: kinds, stages, how checkable, gaps,
the question to ask, the measures the page lists under each goal.

This is analyst's apparatus: the Sources appendix shows it for every theme (``publish/readings.py``);
a chapter's reading line does not.
"""

from __future__ import annotations

from ..facts.model import Fact
from .html import Markup, escape, table
from .presentation import Presentation

GOAL_TYPES = {"directive": ("directive quoted from the visit", "考察时的指示"), "target": ("target", "目标"),
              "goal": ("goal the page states", "版面提出的目标"), "direction": ("ongoing direction", "持续推进的方向"),
              "method": ("method", "方法"), "promise": ("promise", "承诺")}
GOAL_LINKS = {"sentence": ("in the same sentence", "同一句中关联"),
              "paragraph": ("in the next paragraphs, as the answer to it", "在后续段落中作为回应"),
              "together": ("answered together by the paragraphs that follow; the page pairs no measure "
                           "with a directive", "由后续各段整体回应，版面未逐条对应"),
              "framed": ("the section is introduced as serving it (围绕…目标); no measure is paired with it",
                         "以“围绕……目标”统领这一部分，未逐项对应"),
              "section": ("only placed in the same section", "仅列于同一部分")}


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
        rows.append([first, show.label(*GOAL_TYPES[goal["goal_type"]]), measures, show.label(*GOAL_LINKS[goal["basis"]])])
    return show.table([show.label("Goal or directive", "目标或指示"), show.label("Kind", "类型"),
                       show.label("Measures the page lists with it", "版面列出的相关举措"),
                       show.label("How the page links them", "关联方式")], rows,
                      caption=show.label("Goals and the measures the page lists with them", "目标与版面列出的相关举措"))
