#!/usr/bin/env python3
"""Editorial counts of a built site: how long each chapter's reading line is, how often it repeats a caveat,
and whether analyst detail (fact ids, run parameters, ledger jargon) shows outside the folded blocks.

Usage: python tools/editorial_counts.py SITE_DIR [--check]

SITE_DIR is a published site (``site``: ``en/`` and ``zh/`` beside ``index.html``). The reading line
of a chapter page is its article as a reader sees it, without the folded ``<details>`` blocks (the
"How this was computed" block among them), scripts, heading anchors and navigation. Counted:
Chinese characters in the Chinese edition, English words in the English edition. With ``--check``
the exit status is 1 when a length limit is exceeded, a caveat phrase appears more than twice in
a chapter, or a fact id or parameter name is visible. Standard library only.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ("innovation", "export", "livelihood", "hospital")
# The totals are the (1.5 times the page's 4,031 Chinese characters; about 4,500 English words) and
# the hospital chapter is 1.5 times its item's 430 characters; the rest is shared among the other chapters
# by how many of the page's claims each weighs (innovation's outside context is the heaviest).
LIMITS = {"zh": {"innovation": 1700, "export": 1650, "livelihood": 1700, "hospital": 650},
          "en": {"innovation": 1250, "export": 1150, "livelihood": 1250, "hospital": 500}}
TOTAL_LIMITS = {"zh": 6000, "en": 4500}
UNITS = {"zh": "Chinese characters", "en": "English words"}
MAX_CAVEAT_REPEATS = 2
CAVEATS = {
    "en": ("not reported", "does not say", "no outcome", "not stated", "speaker not named", "checkable against",
           "does not give", "gives no", "not given", "not named", "no base", "no period", "self-reported",
           "unsourced"),
    "zh": ("未报道", "没有说明", "未说明", "未注明", "没有给出", "未给出", "没有交代", "未交代", "未提供",
           "没有提供", "未署名", "自报", "未列出"),
}
# Words of the ledger's vocabulary that mean nothing to a reader outside the appendix.
JARGON = {"en": ("size class", "claim kind", "checkable against records", "needs data", "not checkable"),
          "zh": ("表述类型", "可对照文件核对", "需补充数据", "无法核对", "环节")}
PARAMETERS = ("ledger", "source", "lang", "chart_format", "decimals", "note", "evidence_order", "show_indicators",
              "show_landmarks")

_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.,-][A-Za-z0-9]+)*")
_SKIPPED = {"details", "script", "style", "template", "noscript"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _ReadingLine(HTMLParser):
    """The text of ``<article class="bd-article">`` minus folded blocks, scripts and heading anchors."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0          # open elements inside the article (0: outside it)
        self.skip_at = 0        # depth at which a skipped element opened (0: none)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        if self.depth == 0:
            if tag == "article" and "bd-article" in classes:
                self.depth = 1
            return
        self.depth += 1
        if not self.skip_at and (tag in _SKIPPED or "headerlink" in classes or "visually-hidden" in classes):
            self.skip_at = self.depth

    def handle_endtag(self, tag: str) -> None:
        if self.depth == 0 or tag in _VOID:
            return
        if self.skip_at == self.depth:
            self.skip_at = 0
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip_at:
            self.parts.append(data)


def reading_line(html: str) -> str:
    parser = _ReadingLine()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()


def count(text: str, edition: str) -> int:
    return len(_CHINESE.findall(text)) if edition == "zh" else len(_WORD.findall(_CHINESE.sub(" ", text)))


def phrase_counts(text: str, phrases: tuple[str, ...]) -> dict[str, int]:
    lowered = text.lower()
    found = {phrase: lowered.count(phrase.lower()) for phrase in phrases}
    return {phrase: n for phrase, n in found.items() if n}


def ledger_ids(root: Path) -> set[str]:
    """Fact and derived-figure ids of the ledger, and the outside-context names (ctx_<id>)."""
    ids: set[str] = set()
    for name in ("facts.csv", "derived.csv"):
        path = root / "data" / name
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as stream:
                ids |= {row["id"] for row in csv.DictReader(stream)}
    return ids


@dataclass
class ChapterCount:
    edition: str
    chapter: str
    length: int
    limit: int
    caveats: dict[str, int] = field(default_factory=dict)
    jargon: dict[str, int] = field(default_factory=dict)
    visible_ids: list[str] = field(default_factory=list)
    visible_parameters: list[str] = field(default_factory=list)

    @property
    def repeated(self) -> dict[str, int]:
        return {phrase: n for phrase, n in self.caveats.items() if n > MAX_CAVEAT_REPEATS}


def measure(site: Path, root: Path = ROOT) -> list[ChapterCount]:
    """The counts of every chapter page of both editions of ``site``."""
    ids = ledger_ids(root)
    id_pattern = re.compile(r"\b(?:ctx_[a-z0-9_]+|" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True)))
                            + r")\b") if ids else re.compile(r"\bctx_[a-z0-9_]+\b")
    parameter_pattern = re.compile(r"\b(" + "|".join(PARAMETERS) + r")\s*=|\b(" +
                                   "|".join(p for p in PARAMETERS if "_" in p) + r")\b")
    counts = []
    for edition in ("en", "zh"):
        for chapter in CHAPTERS:
            page = site / edition / f"{chapter}.html"
            if not page.is_file():
                raise FileNotFoundError(f"{page}: no such chapter page; build the site first")
            text = reading_line(page.read_text(encoding="utf-8"))
            parameters = [m.group(1) or m.group(2) for m in parameter_pattern.finditer(text)]
            counts.append(ChapterCount(edition, chapter, count(text, edition), LIMITS[edition][chapter],
                                       phrase_counts(text, CAVEATS[edition]), phrase_counts(text, JARGON[edition]),
                                       sorted(set(id_pattern.findall(text))), sorted(set(parameters))))
    return counts


def report(counts: list[ChapterCount]) -> tuple[str, bool]:
    """The printed report and whether every check holds."""
    lines, ok = [], True
    for edition in ("en", "zh"):
        rows = [c for c in counts if c.edition == edition]
        lines.append(f"{edition} edition ({UNITS[edition]})")
        for c in rows:
            over = c.length > c.limit
            ok &= not over
            lines.append(f"  {c.chapter:<11}{c.length:>6} / {c.limit:<6}{'OVER' if over else 'ok'}")
        total = sum(c.length for c in rows)
        ok &= total <= TOTAL_LIMITS[edition]
        lines.append(f"  {'total':<11}{total:>6} / {TOTAL_LIMITS[edition]:<6}"
                     f"{'OVER' if total > TOTAL_LIMITS[edition] else 'ok'}")
        for c in rows:
            caveats = ", ".join(f"{p!r} {n}{' (more than twice)' if n > MAX_CAVEAT_REPEATS else ''}"
                                for p, n in sorted(c.caveats.items(), key=lambda item: -item[1]))
            lines.append(f"  {c.chapter} caveats: {caveats or 'none'}")
            if c.jargon:
                lines.append(f"  {c.chapter} jargon: " + ", ".join(f"{p!r} {n}" for p, n in c.jargon.items()))
            if c.visible_ids:
                lines.append(f"  {c.chapter} FACT IDS VISIBLE: {', '.join(c.visible_ids)}")
            if c.visible_parameters:
                lines.append(f"  {c.chapter} PARAMETERS VISIBLE: {', '.join(c.visible_parameters)}")
            ok &= not (c.repeated or c.visible_ids or c.visible_parameters)
    return "\n".join(lines), ok


def main(argv: list[str]) -> int:
    args = [a for a in argv if a != "--check"]
    if len(args) != 1:
        print("usage: python tools/editorial_counts.py SITE_DIR [--check]", file=sys.stderr)
        return 2
    try:
        counts = measure(Path(args[0]))
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    text, ok = report(counts)
    print(text)
    return 1 if "--check" in argv and not ok else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
