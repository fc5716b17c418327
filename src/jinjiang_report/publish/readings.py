"""The Sources appendix's section "How the report reads each figure": per theme, folded, the ledger's
classification of every figure (kind, period, stage, how checkable, what it lacks, the question to
ask) and the goals the page names with the measures it lists under them.

This is the analyst's apparatus the chapters leave out of their reading line; nothing the ledger
records about a figure is shown only in a chapter.
"""

from __future__ import annotations

from ..chapters import analysis
from ..chapters.html import escape
from ..chapters.presentation import Presentation
from ..facts.model import Ledger
from ..themes import Theme


def readings_section(show: Presentation, ledger: Ledger, themes: dict[str, Theme]) -> str:
    """The section's Markdown: a heading, what it holds, one folded block per theme."""
    label = show.label
    parts = [f"## {label('How the report reads each figure', '本报告对各数字的审读')}", "",
             label("For analysts: the report's classification of every figure of each theme (what kind of claim "
                   "it is, for which period, whether it is an input, an output, an outcome or context, how a "
                   "reviewer could check it and what it lacks) and the question to ask about it, then the goals "
                   "the page names with the measures it lists under them. Select a column heading to sort.",
                   "供分析者参考：本报告对每个主题各数字的分类（属于何种表述、对应什么时段、属于投入、产出、成效还是背景、"
                   "审阅者如何核对、缺少什么）及应追问的问题，以及版面提出的目标和列于其下的举措。点击列标题可排序。"), ""]
    for theme in themes.values():
        facts = [f for f in ledger.facts.values() if f.theme == theme.name]
        goals = ledger.entities.get(theme.name, {}).get("goals", [])
        if not facts and not goals:
            continue
        title = theme.title[show.lang]
        summary = label(f"{title}: {len(facts)} figures", f"{title}：{len(facts)}个数字")
        if goals:
            summary += label(f", {len(goals)} goals", f"，{len(goals)}项目标")
        body = []
        if facts:
            body.append(analysis.reading_table(show, facts, label(f"{title}: the figures, read one by one",
                                                                  f"{title}：逐条审读版面数字")))
        if goals:
            body.append(analysis.goals_table(show, goals))
        parts += ["```{raw} html", f'<details class="analyst-block" id="reading-{escape(theme.name)}">'
                  f"<summary>{escape(summary)}</summary>{''.join(body)}</details>", "```", ""]
    return "\n".join(parts)
