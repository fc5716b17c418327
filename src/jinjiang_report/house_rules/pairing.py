"""Two languages side by side: every passage of prose has its partner in the other language next to it.

In a notebook, every Markdown cell is tagged with exactly one language, and cells come in
adjacent pairs (``lang-en`` then ``lang-zh``, or the other way round) that show the same
values (the same ``{eval}`` roles, as many times each) under the same heading levels. In a
book page, each language block is next to its partner, which shows the same ``{glue}`` values.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable

from ..editions import LANGUAGE_TAGS
from .documents import Passage
from .findings import Finding
from .prose import eval_keys, glue_refs, heading_levels


def _other(language: str) -> str:
    return next(code for code in LANGUAGE_TAGS if code != language)


def _name(passage: Passage) -> str:
    return f"cell {passage.cell}" if passage.cell is not None else f"the block at line {passage.first_line}"


def check_tags(passages: list[Passage | None]) -> list[Finding]:
    """Findings for Markdown cells tagged with no language or with both."""
    tags = " or ".join(LANGUAGE_TAGS.values())
    findings = []
    for passage in passages:
        if passage is None:
            continue
        if not passage.languages:
            findings.append(passage.finding(1, f"Markdown cell has no language tag; tag it {tags}"))
        elif len(passage.languages) > 1:
            findings.append(passage.finding(1, f"Markdown cell is tagged with both languages; keep one of {tags}"))
    return findings


def _compare(first: Passage, second: Passage, values: Callable[[str], Counter[str]], role: str) -> list[Finding]:
    findings = []
    for this, partner in ((first, second), (second, first)):
        missing = values(partner.text) - values(this.text)
        for key in sorted(missing):
            findings.append(this.finding(1, f"lang-{this.language} lacks {role}`{key}` that its "
                                         f"lang-{partner.language} partner ({_name(partner)}) shows"))
    if heading_levels(first.text) != heading_levels(second.text):
        findings.append(second.finding(1, f"heading levels {heading_levels(second.text)} differ from its "
                                       f"lang-{first.language} partner's ({_name(first)}: "
                                       f"{heading_levels(first.text)})"))
    return findings


def _eval_counts(text: str) -> Counter[str]:
    return Counter(role.content for role in eval_keys(text))


def _glue_counts(text: str) -> Counter[str]:
    return Counter(f"{notebook}::{key}" for _, notebook, key in glue_refs(text))


def check_pairs(passages: list[Passage | None], *, page: bool = False) -> list[Finding]:
    """Findings for passages without an adjacent partner, or whose partner shows other values.

    passages: a document's passages in order; None stands for anything between them (a code
    cell) and breaks adjacency. page: compare ``{glue}`` roles (book pages) instead of ``{eval}``.
    """
    findings = []
    index = 0
    while index < len(passages):
        passage = passages[index]
        if passage is None or passage.language is None:
            index += 1
            continue
        partner = passages[index + 1] if index + 1 < len(passages) else None
        wanted = _other(passage.language)
        if partner is not None and partner.language == wanted:
            findings += _compare(passage, partner, _glue_counts if page else _eval_counts,
                                 "{glue}" if page else "{eval}")
            index += 2
            continue
        passage_type = "block" if page else "cell"
        findings.append(passage.finding(1, f"lang-{passage.language} {passage_type} has no lang-{wanted} partner next to "
                                        f"it; write the {wanted} version right before or after it"))
        index += 1
    return findings

