"""Internal links and anchors of a built site, checked from the files themselves.

Every page is parsed once: its ids (and a-names) are the anchors others may point at, and its
``href``/``src`` references are resolved against its own path. A reference is broken when the file
it names does not exist, or when it names an anchor the target page does not have. Links that
leave the site (http:, https:, mailto:) and inline data are not followed: the book must work
offline, and its external links are checked by their absence from the reader's path, not here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_REFERENCES = {"a": "href", "link": "href", "area": "href", "img": "src", "script": "src", "iframe": "src"}
_OUTSIDE = ("http:", "https:", "mailto:", "data:", "javascript:", "tel:")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: set[str] = set()
        self.references: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name" if tag == "a" else ""):
            if name and values.get(name):
                self.anchors.add(str(values[name]))
        attribute = _REFERENCES.get(tag)
        if attribute and values.get(attribute):
            self.references.append(str(values[attribute]))


@dataclass
class LinkReport:
    pages: int = 0
    links: int = 0
    broken: list[str] = field(default_factory=list)


def check_links(site: Path, start: str = "index.html") -> LinkReport:
    """Every internal reference of every HTML page a reader can reach from ``start``, resolved and
    checked (pages nothing links to, such as the site theme's template fragments in _static, are not
    pages of the book)."""
    parsed: dict[Path, _Page] = {}

    def page(path: Path) -> _Page:
        if path not in parsed:
            parser = _Page()
            parser.feed(path.read_text(encoding="utf-8", errors="replace"))
            parsed[path] = parser
        return parsed[path]

    report = LinkReport()
    queue, seen = [(site / start).resolve()], {(site / start).resolve()}
    while queue:
        path = queue.pop(0)
        report.pages += 1
        for reference in page(path).references:
            if reference.lower().startswith(_OUTSIDE):
                continue
            report.links += 1
            parts = urlsplit(reference)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            where = f"{path.relative_to(site.resolve())}: {reference}"
            if not target.is_file():
                report.broken.append(f"{where}: no such file")
                continue
            if target.suffix == ".html" and target not in seen:
                seen.add(target)
                queue.append(target)
            if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in page(target).anchors:
                report.broken.append(f"{where}: no anchor '{unquote(parts.fragment)}' in {target.name}")
    return report
