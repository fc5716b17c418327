"""The "What changed" page as gathered for Sphinx: a title, what the page is, and the place the changes
are written into when the site is published (``review.py``), so the comparison never makes Sphinx
rebuild a page."""

from __future__ import annotations

CHANGES_PAGE = "changes"
START, END = "<!--jinjiang-changes-->", "<!--/jinjiang-changes-->"


def changes_page(lang: str) -> str:
    if lang == "zh":
        title = "本版改动"
        intro = ("本页列出这一版与上一版相比有哪些改动：事实（新旧数值并列）、段落（逐字标出改动）和重绘的图表。"
                 "书中每个段落、列表项、表格行和图表都有固定的地址（悬停或聚焦时出现的 ¶ 链接），"
                 "它不因其他地方的文字改动而变化，评审意见可以引用这个地址。")
    else:
        title = "What changed"
        intro = ("What this version shows differently from the version it is compared with: facts (old and "
                 "new value side by side), passages (word by word) and charts redrawn. Every paragraph, list "
                 "item, table row and chart of the report has an address that does not move when text elsewhere "
                 "changes (the ¶ link shown on hover or focus); a review can cite it.")
    return (f"# {title}\n\n{intro}\n\n```{{raw}} html\n<div id=\"changes-report\">{START}{END}</div>\n```\n")
