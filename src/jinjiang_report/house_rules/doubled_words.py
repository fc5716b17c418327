"""A figure and the words after it do not say the same word twice.

A Chinese figure is written with the source's own words around its number (``三大医共体``,
``五大洲``, ``第三届``), so prose that adds the noun again prints it twice: ``三大医共体医共体``. The
check writes each fact as the edition shows it in a sentence and compares its end with the text
that follows the role. (English figures end in a unit the prose cannot repeat unnoticed as easily,
but the same comparison applies to them.)
"""

from __future__ import annotations

from typing import Iterable

from ..chapters.present import Writer
from ..facts.model import Ledger
from .documents import Passage
from .findings import Finding
from .prose import ROLE, fenced_lines, glue_target, is_glue

SHORTEST_REPEAT = 2  # one repeated character is ordinary (12.08万名 + 名额 is rare; 家 + 家 reads as a typo anyway)


def _key(name: str, content: str) -> str | None:
    if name == "eval":
        return content
    if is_glue(name):
        notebook, key = glue_target(content)
        return key if notebook else None
    return None


def repeated(shown: str, after: str) -> str:
    """The longest end of ``shown`` (at least SHORTEST_REPEAT characters) that ``after`` starts with."""
    for size in range(len(shown), SHORTEST_REPEAT - 1, -1):
        if after.startswith(shown[-size:]):
            return shown[-size:]
    return ""


def check_doubled_words(passages: Iterable[Passage | None], ledger: Ledger) -> list[Finding]:
    """Findings for a fact role whose written figure ends with the words that follow it."""
    writers: dict[str, Writer] = {}
    findings = []
    for passage in passages:
        if passage is None or passage.language is None:
            continue
        write = writers.setdefault(passage.language, Writer(passage.language, ledger.vocabulary))
        lines = passage.text.split("\n")
        fenced = fenced_lines(lines)
        for index, line in enumerate(lines):
            if index in fenced:
                continue
            for match in ROLE.finditer(line):
                key = _key(match["name"], match["content"])
                fact = ledger.facts.get(key or "")
                if fact is None:
                    continue
                shown = write.fact(fact)
                twice = repeated(shown, line[match.end():])
                if twice:
                    findings.append(passage.finding(index + 1, f"{key} is written {shown!r} and the text after it "
                                                    f"repeats {twice!r}; delete the repeated words"))
    return findings
