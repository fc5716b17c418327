"""What a published site showed, as JSON (``manifest.json`` at the site's root).

Per edition: every addressed passage (``page#address``: its text, and the facts, derived figures,
quotes and context entries it cites) and every chart (its address, name and a digest of the image
drawn), read from the built pages themselves, so what is recorded is what a reader saw. Per fact of
the ledger: its value, qualifier, unit, quote, claim kind and period, and how each edition words
them.
"""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..chapters.present import Writer
from ..facts.model import Ledger
from ..files import write_atomically
from .addresses import LINK_CLASS
from .version import Version

FORMAT = 1
MANIFEST_FILE = "manifest.json"
_CITES = {"data-fact": "facts", "data-derived": "derived", "data-context": "context"}
_QUOTE_HREF = re.compile(r"(?:^|/)source\.html#(q-[0-9a-f]+)$")
_BLOCKS = {"p", "li", "td", "th", "br", "div", "figcaption", "summary", "details", "tr", "caption"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Pages the build writes itself from the ledger: what they show is recorded as facts, not passages.
GENERATED = {"source", "sources", "execution-report", "changes", "genindex", "search", "index"}


class _Passages(HTMLParser):
    """Collects the addressed elements of one page (outermost only) and the page's first heading."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.current: dict[str, Any] | None = None
        self.depth = 0
        self.skip = 0  # inside a ¶ link
        self.passages: dict[str, dict[str, Any]] = {}
        self.charts: dict[str, dict[str, str]] = {}
        self.heading: list[str] | None = None
        self.title = ""
        self.section = ""  # the id of the section last opened

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        classes = values.get("class", "").split()
        if tag == "section":
            self.section = values.get("id", "")
        if self.current is None and "addressed" in classes:
            # a heading's address is its section's id
            address = values.get("data-address") or values.get("id", "") or (self.section if tag in _HEADINGS else "")
            self.current = {"address": address, "text": [], "facts": [], "derived": [], "quotes": [],
                            "context": [], "figure": tag == "figure", "image": ""}
            self.depth = len(self.stack)
        elif self.current is not None:
            if tag in _BLOCKS:
                self.current["text"].append(" ")
            if LINK_CLASS in classes or "headerlink" in classes:
                self.skip += 1
            for attribute, cited in _CITES.items():
                if values.get(attribute) and values[attribute] not in self.current[cited]:
                    self.current[cited].append(values[attribute])
            quote = _QUOTE_HREF.search(values.get("href", "")) if tag == "a" else None
            if quote and quote[1] not in self.current["quotes"]:
                self.current["quotes"].append(quote[1])
            if tag == "img" and not self.current["image"]:
                self.current["image"] = hashlib.sha256(values.get("src", "").encode()).hexdigest()
        if tag == "h1" and not self.title and self.heading is None:
            self.heading = []
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self.stack:
            return
        while self.stack:
            closed = self.stack.pop()
            if self.current is not None and self.skip and closed == "a":
                self.skip -= 1
            if self.current is not None and len(self.stack) == self.depth:
                self._finish()
            if closed == "h1" and self.heading is not None:
                self.title, self.heading = " ".join("".join(self.heading).split()).rstrip("#¶ "), None
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.heading is not None:
            self.heading.append(data)
        if self.current is not None and not self.skip:
            self.current["text"].append(data)

    def _finish(self) -> None:
        current, self.current = self.current, None
        if current is None or not current["address"]:
            return
        text = " ".join("".join(current.pop("text")).split())
        figure, image = current.pop("figure"), current.pop("image")
        if figure:
            self.charts[current["address"]] = {"address": current["address"], "digest": image, "caption": text}
        self.passages[current["address"]] = {"text": text, **current}


def read_page(html: Path) -> tuple[str, dict[str, dict[str, Any]], dict[str, dict[str, str]]]:
    """A built page's title, its addressed passages and its charts, by address."""
    parser = _Passages()
    parser.feed(html.read_text(encoding="utf-8"))
    parser.close()
    return parser.title, parser.passages, parser.charts


def edition_manifest(html: Path, pages: list[str], cache: dict[str, Any] | None = None) -> dict[str, Any]:
    """The passages and charts of one built edition's ``pages`` (document names, reading order).

    cache: what earlier calls read, by path, kept while a page's size and time are the same (Sphinx
    rewrites what it rebuilds); updated in place.
    """
    cache = {} if cache is None else cache
    titles: dict[str, str] = {}
    passages: dict[str, Any] = {}
    charts: dict[str, Any] = {}
    for page in pages:
        path = html / f"{page}.html"
        if page in GENERATED or not path.is_file():
            continue
        stat = path.stat()
        key, seen = str(path.resolve()), [stat.st_size, stat.st_mtime_ns]
        if cache.get(key, {}).get("stat") != seen:
            cache[key] = {"stat": seen, "read": read_page(path)}
        titles[page], found, drawn = cache[key]["read"]
        passages.update({f"{page}#{address}": {"page": page, **entry} for address, entry in found.items()})
        charts.update({f"{page}#{address}": {"page": page, **entry} for address, entry in drawn.items()})
    return {"pages": titles, "passages": passages, "charts": charts}


def fact_records(ledger: Ledger, editions: list[str]) -> dict[str, Any]:
    """Every fact of the ledger: what identifies its reading, and how each edition words it."""
    writers = {code: Writer(code, ledger.vocabulary) for code in editions}
    records = {}
    for fact in ledger.facts.values():
        value = fact.value.isoformat() if hasattr(fact.value, "isoformat") else str(fact.value)
        shown = {code: {"metric": fact.metric_zh if code == "zh" else fact.metric_en,
                        "value": write.fact(fact, standalone=True), "kind": write.claim(fact.claim),
                        "period": write.period(fact.period)} for code, write in writers.items()}
        records[fact.id] = {"value": value, "qualifier": fact.qualifier, "unit": fact.unit, "quote": fact.quote,
                            "as_written": fact.as_written, "claim": fact.claim, "period": fact.period,
                            "shown": shown}
    return records


def build_manifest(htmls: dict[str, Path], pages: list[str], ledger: Ledger, version: Version,
                   cache_file: Path | None = None) -> dict[str, Any]:
    """The manifest of a site about to be published from ``htmls`` (edition code -> built folder);
    ``cache_file`` keeps what was read from pages that have not been rebuilt since."""
    cache: dict[str, Any] = {}
    if cache_file is not None:
        try:
            cache = json.loads(cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            cache = {}
    editions = {code: edition_manifest(html, pages, cache) for code, html in htmls.items()}
    if cache_file is not None:
        write_atomically(cache_file, json.dumps(cache, sort_keys=True, ensure_ascii=False))
    return {"format": FORMAT, "version": version.as_dict(), "editions": editions,
            "facts": fact_records(ledger, list(htmls))}


def content(manifest: dict[str, Any]) -> str:
    """What a manifest says a site showed, without the version it was built from (a digest)."""
    shown = {key: manifest.get(key) for key in ("editions", "facts")}
    return hashlib.sha256(json.dumps(shown, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def manifest_json(manifest: dict[str, Any]) -> str:
    return json.dumps(manifest, sort_keys=True, ensure_ascii=False, indent=1) + "\n"


def read_manifest(path: Path) -> dict[str, Any] | None:
    """A manifest file's contents, or None when it is missing or not a manifest of this format."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(found, dict) or found.get("format") != FORMAT or "editions" not in found:
        return None
    return found
