"""The Sources appendix's section "Context from outside the page": every entry of the register
(``data/context``), its statement and basis in the edition's language, and where the book uses it."""

from __future__ import annotations

from ..chapters.html import escape
from ..chapters.links import context_anchor, context_use_anchor
from ..chapters.outside import statement_html
from ..chapters.present import Writer
from ..facts.model import Ledger
from .uses import Use


def context_section(write: Writer, ledger: Ledger, uses: dict[str, list[Use]]) -> str:
    """The section's Markdown: a heading, a sentence, and the entries as a definition list (raw HTML)."""
    label = write.label
    heading = f"## {label('Context from outside the page', '版面外的背景信息')}"
    if not ledger.context:
        return f"{heading}\n\n{label('The chapters state nothing from outside the page.', '各章没有引用版面以外的信息。')}\n"
    items = []
    for entry in sorted(ledger.context.values(), key=lambda e: e.id):
        places = uses.get(entry.id, [])
        links, pages = [], set()
        for use in places:  # the first use on a page carries the anchor; later sections link the page
            anchor = "" if use.page in pages else f"#{context_use_anchor(entry.id)}"
            pages.add(use.page)
            links.append(f'<a href="{escape(use.page)}.html{anchor}">{escape(use.chapter)}'
                         f'{escape(label(", ", "：") + use.section) if use.section else ""}</a>')
        where = write.semicolon().join(links)
        used = (f"{label('Used in', '用于')}{write.colon()}{where}" if places
                else label("Not used in this edition.", "本版未使用。"))
        brief = (f'<span class="context-basis">{label("Short form, in summaries", "简述（用于摘要）")}{write.colon()}'
                 f"{statement_html(entry.brief(write.lang), write.lang)}</span>" if entry.brief_key else "")
        items.append(f'<dt id="{context_anchor(entry.id)}">{escape(entry.title(write.lang))} '
                     f'<code class="context-id">ctx_{entry.id}</code></dt>'
                     f"<dd>{statement_html(entry.statement(write.lang), write.lang)}{brief}"
                     f'<span class="context-basis">{label("Basis", "依据")}{write.colon()}'
                     f"{statement_html(entry.basis(write.lang), write.lang)}</span>"
                     f'<span class="context-uses">{used}</span></dd>')
    intro = label(
        "What the report says that is not on the page: a statistical threshold, what a term or a register means "
        "in Chinese practice, what an institution is. In the chapters each such statement is marked "
        "\"outside the page\" and links here; each rests on the basis named under it.",
        "本报告所述但版面上没有的信息，例如统计标准、某一术语或名录在中国实践中的含义、某一机构是什么。"
        "各章中此类表述都标有“版面外”，并链接到此处；每条所依据的来源列于其下。")
    return (f"{heading}\n\n{intro}\n\n```{{raw}} html\n<dl class=\"context-register\">{''.join(items)}</dl>\n```\n")
