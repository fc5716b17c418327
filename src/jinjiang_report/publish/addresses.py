"""Addresses: a stable anchor for every heading, paragraph, list item, table row and figure of a page.

An address is made of what does not move when text elsewhere changes: the notebook cell's id
and the element's position within that cell, counted per element: ``{cell}-p2`` (second paragraph),
``{cell}-li3`` (third list item), ``{cell}-t1r4`` (fourth row of the cell's first table),
``{cell}-fig1`` (first figure), ``{cell}-h1`` (first heading). A ``lang-en``/``lang-zh`` pair of cells (adjacent, as lint's
pairing rule defines them) shares one address, taken from the English cell's id, so the same
passage has the same address in both editions. A book page's blocks have no ids: a block is
named by its position among the page's blocks of its edition (``b3-p1``), which moves when a
block is added above it.

The gathering step writes each cell's address into the gathered notebook's cell metadata
(``with_addresses``), and a page's block map into a comment at its end (``with_block_map``);
the book's Sphinx extension gives the elements their ids and their ¶ links (``assign``).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from docutils import nodes

from ..editions import cell_language, page_blocks
from ..files import notebook_text

ADDRESS_KEY = "jinjiang_address"
BLOCK_MAP = "jinjiang-block-map:"
LINK_CLASS = "address-link"
LINK_LABELS = {"en": "Link to this passage", "zh": "本段的链接"}
_CELL_LINES = 10000


def pair_bases(cells: list[dict[str, Any]]) -> dict[str, str]:
    """Cell id -> the base of its addresses: a cell's own id, or for a pair of adjacent Markdown cells
    of the two languages, the English cell's id for both."""
    bases: dict[str, str] = {}
    index = 0
    while index < len(cells):
        cell, following = cells[index], cells[index + 1] if index + 1 < len(cells) else None
        language = cell_language(cell) if cell.get("cell_type") == "markdown" else None
        partner = (cell_language(following) if following is not None
                   and following.get("cell_type") == "markdown" else None)
        if language and partner and partner != language and following is not None:
            english = cell if language == "en" else following
            bases[str(cell.get("id", ""))] = bases[str(following.get("id", ""))] = str(english.get("id", ""))
            index += 2
            continue
        bases[str(cell.get("id", ""))] = str(cell.get("id", ""))
        index += 1
    return bases


def with_addresses(executed_text: str, stored: Path) -> str:
    """An executed notebook (one language's cells) with each cell's address base in its metadata,
    the pairs read from the stored notebook (both languages)."""
    stored_cells = json.loads(stored.read_text(encoding="utf-8")).get("cells", [])
    bases = pair_bases(stored_cells)
    notebook = json.loads(executed_text)
    for cell in notebook.get("cells", []):
        cell_id = str(cell.get("id", ""))
        cell.setdefault("metadata", {})[ADDRESS_KEY] = bases.get(cell_id, cell_id)
    return notebook_text(notebook)


def with_block_map(text: str, gathered: str, lang: str) -> str:
    """A gathered book page (``gathered``, the edition's blocks of ``text``) with a closing comment that
    maps its lines to blocks: [first line, block name] per block, named by position among the
    edition's blocks (shared blocks count in both). Appended at the end, so no line moves."""
    blocks, line, position = [], 1, 0
    for block_lang, block in page_blocks(text):
        if block_lang not in (None, lang) or not block.strip():
            continue
        position += 1
        blocks.append([line, f"b{position}"])
        line += len((block if block.endswith("\n") else block + "\n").splitlines())
    return gathered + f"\n% {BLOCK_MAP} {json.dumps(blocks)}\n"


def link_html(address: str, lang: str) -> str:
    """The ¶ link that copies an element's address, as Sphinx offers one for a heading."""
    label = LINK_LABELS.get(lang, LINK_LABELS["en"])
    return f'<a class="{LINK_CLASS}" href="#{address}" title="{label}" aria-label="{label}">¶</a>'


class address_link(nodes.Inline, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """The ¶ link of an addressed element (``address``, ``lang``)."""


def visit_address_link(translator: Any, node: address_link) -> None:
    translator.body.append(link_html(node["address"], node["lang"]))
    raise nodes.SkipNode


_OWN = (nodes.paragraph, nodes.list_item, nodes.figure, nodes.table)
_INSIDE = (nodes.list_item, nodes.table, nodes.figure, nodes.footnote, nodes.citation, nodes.caption)


def _line(node: nodes.Node) -> int | None:
    for candidate in node.findall(lambda n: getattr(n, "line", None) is not None):
        return int(candidate.line)
    return None


def _inside_addressed(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, _INSIDE) or (isinstance(parent, nodes.container) and parent.get("nb_element")):
            return True
        parent = parent.parent
    return False


def _cell_bases(source: Path) -> list[str]:
    """A gathered notebook's address base per cell, in order."""
    cells = json.loads(source.read_text(encoding="utf-8")).get("cells", [])
    return [str(c.get("metadata", {}).get(ADDRESS_KEY) or c.get("id", "")) for c in cells]


def _block_starts(doctree: nodes.document) -> list[tuple[int, str]] | None:
    """A gathered book page's block map (first line, block name), taken out of the page; None without one."""
    comment = next((c for c in doctree.findall(nodes.comment) if c.astext().startswith(BLOCK_MAP)), None)
    if comment is None:
        return None
    comment.parent.remove(comment)
    return [(int(first), str(name)) for first, name in json.loads(comment.astext()[len(BLOCK_MAP):])]


def assign(doctree: nodes.document, source: Path, lang: str) -> None:
    """Give every heading, paragraph, list item, table row and figure of a chapter or book page its
    address, and each but a heading its ¶ link; rewrite the HTML a notebook's code cells show the same way."""
    bases = _cell_bases(source) if source.suffix == ".ipynb" else []
    starts = None if bases else _block_starts(doctree)
    if not bases and starts is None:
        return

    def base_of(line: int) -> str | None:
        if bases:  # myst-nb numbers a cell's lines from (index + 1) * 10000 + 1
            index = (line - 1) // _CELL_LINES - 1
            return bases[index] if 0 <= index < len(bases) else None
        found = [name for first, name in starts or [] if first <= line]
        return found[-1] if found else None

    counts: Counter[tuple[str, str]] = Counter()

    def next_address(base: str, element: str) -> str:
        counts[(base, element)] += 1
        return f"{base}-{element}{counts[(base, element)]}"

    for node in list(doctree.findall(lambda n: isinstance(n, _OWN) or _is_heading(n) or (
            isinstance(n, nodes.container) and n.get("nb_element") == "cell_code"))):
        if isinstance(node, nodes.container):
            if 0 <= node["cell_index"] < len(bases):
                _rewrite_outputs(node, bases[node["cell_index"]], lang, next_address)
            continue
        line = _line(node)
        base = base_of(line) if line is not None and not _inside_addressed(node) else None
        if not base:
            continue
        if _is_heading(node):  # the address becomes its section's first id, so Sphinx's own link copies it
            node.parent["ids"].insert(0, next_address(base, "h"))
            node["classes"].append("addressed")
            continue
        if isinstance(node, nodes.table):
            table = next_address(base, "t")
            rows = [row for row in node.findall(nodes.row) if isinstance(row.parent, nodes.tbody)]
            for number, row in enumerate(rows, start=1):
                _mark(row, f"{table}r{number}", lang)
            continue
        _mark(node, next_address(base, {nodes.paragraph: "p", nodes.list_item: "li"}.get(type(node), "fig")), lang)


def _is_heading(node: nodes.Node) -> bool:
    return isinstance(node, nodes.title) and isinstance(node.parent, nodes.section)


def _mark(node: nodes.Element, address: str, lang: str) -> None:
    node["ids"].insert(0, address)
    node["classes"].append("addressed")
    holder = node
    if not isinstance(node, nodes.paragraph):  # the link goes into the element's first paragraph or cell
        holder = next(iter(node.findall(lambda n: isinstance(n, (nodes.paragraph, nodes.entry))
                                        and n is not node)), node)
        if isinstance(holder, nodes.entry):
            holder = next(iter(holder.findall(nodes.paragraph)), holder)
    holder += address_link(address=address, lang=lang)


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*?)(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_KINDS = {"p": "p", "li": "li", "figure": "fig"}
_HOLDERS = {"tr": ("th", "td"), "figure": ("figcaption",)}  # where an element's link goes, if it has one


class _Frame:
    """An open element while HTML is rewritten: its tag, its address if it has one, whether its link
    is written, and for a table its address and the rows counted so far."""

    def __init__(self, tag: str, address: str | None = None):
        self.tag, self.address, self.linked = tag, address, False
        self.table, self.rows = "", 0


def address_html(html: str, base: str, lang: str, next_address: Any) -> str:
    """HTML a code cell shows, with an address and a ¶ link on each outermost paragraph, list item,
    table row (not a header row) and figure. An element's own id is kept: its address goes on an
    anchor just before it."""
    out: list[str] = []
    stack: list[_Frame] = []
    position = 0
    for match in _TAG.finditer(html):
        out.append(html[position:match.start()])
        position = match.end()
        closing, tag, attributes = match[1], match[2].lower(), match[3]
        if closing:
            while stack:
                frame = stack.pop()
                holder = next((f for f in reversed(stack) if f.address and not f.linked), None)
                if holder and frame.tag in _HOLDERS.get(holder.tag, ()):
                    out.append(link_html(holder.address or "", lang))
                    holder.linked = True
                elif frame.address and not frame.linked:
                    out.append(link_html(frame.address, lang))
                    frame.linked = True
                if frame.tag == tag:
                    break
            out.append(match[0])
            continue
        frame = _Frame(tag)
        addressed = any(f.address for f in stack)
        if tag == "table" and not addressed:
            frame.table = next_address(base, "t")
        elif not addressed and (tag in _KINDS or (tag == "tr" and not any(f.tag == "thead" for f in stack))):
            if tag == "tr":
                table = next((f for f in reversed(stack) if f.tag == "table"), None)
                if table is not None and table.table:
                    table.rows += 1
                    frame.address = f"{table.table}r{table.rows}"
            else:
                frame.address = next_address(base, _KINDS[tag])
        out.append(_with_address(match[0], frame.address, " id=" in f" {attributes}") if frame.address else match[0])
        if tag not in _VOID and not match[4]:
            stack.append(frame)
    out.append(html[position:])
    return "".join(out)


def _with_address(tag: str, address: str, has_id: bool) -> str:
    """An opening tag with the class ``addressed`` and ``address`` as its id, or, when it has an id of
    its own, as ``data-address`` and the id of an anchor just before it."""
    tag = tag.replace('class="', 'class="addressed ', 1) if 'class="' in tag else tag[:-1] + ' class="addressed">'
    if has_id:
        return f'<span id="{address}" class="address-anchor"></span>' + tag[:-1] + f' data-address="{address}">'
    return tag[:-1] + f' id="{address}">'


def _rewrite_outputs(container: nodes.container, base: str, lang: str, next_address: Any) -> None:
    for raw in list(container.findall(nodes.raw)):
        if "html" not in raw.get("format", "").split():
            continue
        text = raw.astext()
        changed = address_html(text, base, lang, next_address)
        if changed != text:
            raw.replace_self(nodes.raw(changed, changed, format="html"))
