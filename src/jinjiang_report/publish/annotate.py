"""The annotated source: the whole page, line by line, every quoted passage highlighted and anchored.

Each fact's quote carries the anchor its numbers link to (``q-<fact id>``), every quoted
passage the anchor quote cells link to (``q-<digest>``); the number itself is emphasised
inside its quote. After each line comes a note per passage that starts on it: what it
states, its kind and period, and where the book uses it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from ..chapters.html import escape
from ..chapters.links import APPENDIX_PAGE, appendix_anchor, fact_quote_anchor, quote_anchor, use_anchor
from ..chapters.present import Writer
from ..facts.model import Fact, Ledger
from ..facts.sources import Source, squeeze
from .uses import Use


@dataclass
class Passage:
    """A quoted passage: its text, where it occurs in the source, and who quotes it."""

    text: str
    occurrences: list[tuple[int, int]]  # (start, end) offsets in the original text
    facts: list[Fact] = field(default_factory=list)
    themes: set[str] = field(default_factory=set)

    @property
    def anchor(self) -> str:
        return quote_anchor(self.text)


def entity_quotes(entities: Any) -> Iterator[str]:
    """Every ``quote`` and ``*_quote`` string in an entities document."""
    if isinstance(entities, dict):
        for key, value in entities.items():
            if isinstance(value, str) and (key == "quote" or key.endswith("_quote")):
                yield value
            else:
                yield from entity_quotes(value)
    elif isinstance(entities, list):
        for item in entities:
            yield from entity_quotes(item)


def _original_offsets(text: str) -> list[int]:
    """For each character of the squeezed text, its offset in the original text."""
    return [i for i, ch in enumerate(text) if not ch.isspace()]


def passages(source: Source, ledger: Ledger) -> dict[str, Passage]:
    """Every quoted passage of ``source`` (from facts and entities) by its squeezed text."""
    offsets = _original_offsets(source.text)
    found: dict[str, Passage] = {}

    def passage(quote: str) -> Passage:
        key = squeeze(quote)
        if key not in found:
            spans = [(offsets[start], offsets[end - 1] + 1) for start, end in source.spans(quote)]
            found[key] = Passage(quote, spans)
        return found[key]

    for fact in ledger.facts.values():
        if fact.source_id == source.id:
            item = passage(fact.quote)
            item.facts.append(fact)
            item.themes.add(fact.theme)
    for theme, document in ledger.entities.items():
        for quote in entity_quotes(document):
            if source.contains(quote):
                passage(quote).themes.add(theme)
    return found


def _number_spans(fact: Fact, source: Source, occurrences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where the fact's number (its ``as_written``) stands inside each occurrence of its quote."""
    spans = []
    for start, end in occurrences:
        window = source.text[start:end]
        squeezed_window = squeeze(window)
        written = squeeze(fact.as_written)
        position = squeezed_window.find(written)
        if position < 0:
            continue
        inner = _original_offsets(window)
        spans.append((start + inner[position], start + inner[position + len(written) - 1] + 1))
    return spans


def annotated_source_html(source: Source, ledger: Ledger, write: Writer, fact_uses: dict[str, Use],
                          quote_uses: dict[str, Use], chapter_titles: dict[str, str]) -> str:
    """The annotated source as HTML, in the language of ``write`` (notes) around the Chinese text."""
    found = passages(source, ledger)
    quoted: list[tuple[int, int, bool]] = []  # (start, end, is a fact's quote)
    numbers: list[tuple[int, int]] = []
    anchors: dict[int, list[str]] = {}
    starts: dict[int, list[Passage]] = {}
    for item in found.values():
        for start, end in item.occurrences:
            quoted.append((start, end, bool(item.facts)))
        first = item.occurrences[0][0]
        anchors.setdefault(first, []).append(item.anchor)
        starts.setdefault(first, []).append(item)
        for fact in item.facts:
            anchors[first].append(fact_quote_anchor(fact.id))
            numbers += _number_spans(fact, source, item.occurrences)

    lines = []
    position = 0
    for number, line in enumerate(source.text.split("\n"), start=1):
        line_start, line_end = position, position + len(line)
        position = line_end + 1
        if not line.strip():
            continue
        line_quoted = [(start, end, is_fact) for start, end, is_fact in quoted if start < line_end and end > line_start]
        line_numbers = [(start, end) for start, end in numbers if start < line_end and end > line_start]
        cuts = {line_start, line_end}
        for start, end, _ in line_quoted:
            cuts.update(p for p in (start, end) if line_start < p < line_end)
        for start, end in line_numbers:
            cuts.update(p for p in (start, end) if line_start < p < line_end)
        cuts.update(p for p in anchors if line_start <= p < line_end)
        ordered = sorted(cuts)
        pieces = []
        for start, end in zip(ordered, ordered[1:]):
            for anchor in anchors.get(start, []):
                pieces.append(f'<span class="anchor" id="{anchor}"></span>')
            text = escape(source.text[start:end])
            covering = [is_fact for q_start, q_end, is_fact in line_quoted if q_start <= start and end <= q_end]
            in_number = any(n_start <= start and end <= n_end for n_start, n_end in line_numbers)
            if covering:
                classes = "quoted fact" if any(covering) else "quoted"
                text = f'<mark class="{classes}">{f"<strong>{text}</strong>" if in_number else text}</mark>'
            pieces.append(text)
            note_here = [item for item in starts.get(start, [])]
            for item in note_here:
                pieces.append(f'<sup class="note-ref"><a href="#note-{item.anchor}" '
                              f'aria-label="{escape(write.label("note", "注释"))}">※</a></sup>')
        notes = [_note(item, source, write, fact_uses, quote_uses, chapter_titles)
                 for start in sorted(s for s in starts if line_start <= s < line_end) for item in starts[start]]
        lines.append(f'<div class="source-line" id="line-{number}"><span class="line-number" '
                     f'aria-hidden="true">{number}</span><p lang="zh-Hans">{"".join(pieces)}</p>'
                     + (f'<ul class="source-notes">{"".join(notes)}</ul>' if notes else "") + "</div>")
    return '<div class="annotated-source">' + "".join(lines) + "</div>"


def _use_link(use: Use, anchor: str, chapter_titles: dict[str, str]) -> str:
    title = chapter_titles.get(use.page, use.chapter)
    where = f"{title} › {use.section}" if use.section else title
    return f'<a href="{use.page}.html#{anchor}">{escape(where)}</a>'


def _note(item: Passage, source: Source, write: Writer, fact_uses: dict[str, Use],
          quote_uses: dict[str, Use], chapter_titles: dict[str, str]) -> str:
    """The note under a line for one passage: its facts (value, kind, period) and where they are used."""
    parts = [f'<a href="#{item.anchor}" class="note-back" aria-label="{escape(write.label("back to the passage", "回到原文"))}">'
             f"↑</a>"]
    excerpt = item.text if len(item.text) <= 24 else item.text[:22] + "…"
    parts.append(f'<span lang="zh-Hans">“{escape(excerpt)}”</span>')
    for fact in item.facts:
        metric = fact.metric_zh if write.lang == "zh" else fact.metric_en
        use = fact_uses.get(fact.id)
        used = (write.label("used in ", "见于") + _use_link(use, use_anchor(fact.id), chapter_titles)) if use \
            else write.label("not shown in a chapter", "未在各章中使用")
        details = write.semicolon().join([f"{escape(write.claim(fact.claim))}, {escape(write.period(fact.period))}"
                                          if write.lang == "en" else
                                          f"{escape(write.claim(fact.claim))}，{escape(write.period(fact.period))}",
                                          f'<a href="{APPENDIX_PAGE}#{appendix_anchor(fact.id)}"><code>{fact.id}</code></a>'])
        parts.append(f'<span class="note-fact"><strong>{escape(write.fact(fact, standalone=True))}</strong> '
                     f"{escape(metric)}{write.parenthesis(details)}{write.semicolon()}{used}</span>")
    use = quote_uses.get(item.anchor)
    if use is not None:
        parts.append(write.label("quoted in ", "引用于") + _use_link(use, f"use-{item.anchor}", chapter_titles))
    elif not item.facts:
        titles = write.list([chapter_titles.get(t, t) for t in sorted(item.themes)])
        parts.append(write.label(f"recorded in the report's data for {titles}", f"本报告数据中收录（{titles}）"))
    return f'<li id="note-{item.anchor}">{" ".join(parts)}</li>'
