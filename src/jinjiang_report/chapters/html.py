"""Small pieces of HTML the chapters and the generated pages share: escaping and accessible tables."""

from __future__ import annotations

import html
import re
from typing import Iterable


class Markup(str):
    """Text that is already safe HTML (built by the package, never taken from data)."""


def escape(text: object) -> str:
    """Data text made safe for HTML, as text and inside attribute values."""
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def cell(content: object) -> str:
    """A cell's HTML: Markup as it is, anything else escaped."""
    return content if isinstance(content, Markup) else escape(content)


_TAG = re.compile(r"<[^>]+>")


def table(head: Iterable[object], rows: Iterable[Iterable[object]], *, caption: str,
          classes: str = "table report-table") -> Markup:
    """An accessible table: a caption, column headers with scope, the first cell of each row a row header.

    Every cell carries its column's heading as ``data-label``: on a phone the stylesheet stacks each
    row into a card and shows the heading above each cell, so no column is hidden off-screen.
    """
    heads = list(head)
    head_html = "".join(f'<th scope="col">{cell(h)}</th>' for h in heads)
    labels = [escape(html.unescape(_TAG.sub("", cell(h)))) for h in heads]
    body = []
    for row in rows:
        cells = []
        for i, c in enumerate(row):
            label = f' data-label="{labels[i]}"' if i < len(labels) else ""
            cells.append(f'<th scope="row"{label}>{cell(c)}</th>' if i == 0 else f"<td{label}>{cell(c)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return Markup(f'<table class="{classes}"><caption>{escape(caption)}</caption>'
                  f"<thead><tr>{head_html}</tr></thead><tbody>{''.join(body)}</tbody></table>")
