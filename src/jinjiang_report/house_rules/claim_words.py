"""The kind of a claim is said next to it: a fact that is intended, a target or an estimate is not a result.

``data/vocabulary.yaml`` lists, for each claim kind that is not a plain result, the words the
prose must use (``claims.<kind>.says``). A passage that shows such a fact must contain one of
them, in the passage's language (English compared without case).
"""

from __future__ import annotations

from typing import Iterable

from ..facts.model import Ledger
from .documents import Passage
from .findings import Finding
from .prose import Role, eval_keys, glue_refs


def _unsaid(passage: Passage, role: Role, fact_id: str, ledger: Ledger) -> Finding | None:
    fact = ledger.facts.get(fact_id)
    if fact is None or passage.language is None:
        return None
    words = ledger.vocabulary.required_words(fact.claim, passage.language)
    text = passage.text.lower() if passage.language == "en" else passage.text
    if not words or any((word.lower() if passage.language == "en" else word) in text for word in words):
        return None
    return passage.finding(role.line, f"{fact_id} is a claim of kind {fact.claim!r}; say so in this "
                           f"{'cell' if passage.cell else 'block'} with one of: {', '.join(words)}")


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
