"""The kind of a claim is said next to it: a fact that is intended, a target or an estimate is not a result.

``data/vocabulary.yaml`` lists, for each claim kind that is not a plain result, the words the
prose must use (``claims.<kind>.says``). The paragraph or list item that shows such a fact must
contain one of them, in the passage's language (English compared without case): a reader meets a
figure in its paragraph, not in its cell.
"""

from __future__ import annotations

import re

from typing import Iterable

from ..facts.model import Ledger
from .documents import Passage
from .findings import Finding
from .prose import Role, eval_keys, glue_refs


_ITEM = re.compile(r"^\s{0,3}(?:\d+[.)]|[-*+])\s")
_LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")


def paragraph_at(text: str, line: int) -> str:
    """The paragraph or list item of ``text`` that holds its 1-based ``line``."""
    lines = text.split("\n")
    start = line - 1
    while start > 0 and lines[start - 1].strip() and not _ITEM.match(lines[start]):
        start -= 1
    end = line
    while end < len(lines) and lines[end].strip() and not _ITEM.match(lines[end]):
        end += 1
    return "\n".join(lines[start:end])


def _unsaid(passage: Passage, role: Role, fact_id: str, ledger: Ledger) -> Finding | None:
    fact = ledger.facts.get(fact_id)
    if fact is None or passage.language is None:
        return None
    words = ledger.vocabulary.required_words(fact.claim, passage.language)
    paragraph = paragraph_at(passage.text, role.line)
    # a line break inside "under way" or 正在 is still the word
    text = _LINE_BREAK.sub(" ", paragraph).lower() if passage.language == "en" else _LINE_BREAK.sub("", paragraph)
    if not words or any((word.lower() if passage.language == "en" else word) in text for word in words):
        return None
    return passage.finding(role.line, f"{fact_id} is a claim of kind {fact.claim!r}; say so in its paragraph "
                           f"with one of: {', '.join(words)}")


def check_claim_words(passages: Iterable[Passage | None], ledger: Ledger, *, page: bool = False) -> list[Finding]:
    """Findings for facts shown without the words their claim kind requires.

    page: read ``{glue}`nb::key``` roles (book pages) instead of ``{eval}`key```.
    """
    findings = []
    for passage in passages:
        if passage is None:
            continue
        shown = [(role, key) for role, _, key in glue_refs(passage.text)] if page else \
            [(role, role.content) for role in eval_keys(passage.text)]
        for role, key in shown:
            finding = _unsaid(passage, role, key, ledger)
            if finding is not None:
                findings.append(finding)
    return findings
