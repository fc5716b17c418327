"""Outside knowledge stated in prose without the register: a gloss lint can recognise by its words.

What the page does not say (a threshold, what a term means in Chinese practice, what the law
requires) reaches the prose only as an entry of ``data/context`` shown through
``{eval}`ctx_<id>``` (``{glue}`notebook.ipynb::ctx_<id>``` in a book page), which marks it and
names its basis. A sentence that says "in common usage", "by law", 通常, 按规定 ... and shows no
such entry states outside knowledge unmarked; it is a finding. Phrases are matched in the
prose only (markup blanked), English ones as whole words, case ignored.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..facts.model import CONTEXT_PREFIX
from .documents import Passage
from .findings import Finding
from .prose import ROLE, prose_lines

GLOSS_PHRASES = (
    "in common usage", "commonly", "usually means", "generally understood", "in chinese practice", "by law",
    "under the rules", "under chinese law",
    "按一般理解", "一般理解", "通常理解", "通常", "一般而言", "按规定", "按照规定", "此为本报告的理解",
)
# Longest first, so 按一般理解 is named rather than 一般理解 inside it.
_GLOSS = re.compile("|".join(
    rf"\b{re.escape(p)}\b" if p.isascii() else re.escape(p)
    for p in sorted(GLOSS_PHRASES, key=len, reverse=True)), re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)|[。；！？]")


def _context_role(role: re.Match[str]) -> bool:
    content = role["content"]
    key = content.partition("::")[2] if "::" in content else content
    return role["name"].split(":")[0] in ("eval", "glue") and key.startswith(CONTEXT_PREFIX)


def _sentence(line: str, position: int) -> tuple[int, int]:
    """The span of the sentence of ``line`` around ``position``."""
    start = 0
    for end in _SENTENCE_END.finditer(line):
        if end.end() > position:
            return start, end.end()
        start = end.end()
    return start, len(line)


def check_glosses(passages: Iterable[Passage], register_file: str, role_hint: str) -> list[Finding]:
    """Findings for gloss phrases in a sentence that shows no entry of the register.

    register_file: where the entry belongs (``data/context/export.yaml``). role_hint: how this kind
    of file shows an entry (``{eval}`ctx_<id>``` or ``{glue}`notebook.ipynb::ctx_<id>```).
    """
    findings = []
    for passage in passages:
        raw_lines = passage.text.split("\n")
        for number, line in enumerate(prose_lines(passage.text), start=1):
            raw = raw_lines[number - 1]
            for match in _GLOSS.finditer(line):
                start, end = _sentence(raw, match.start())
                if any(_context_role(role) for role in ROLE.finditer(raw[start:end])):
                    continue
                findings.append(passage.finding(number, f"{match.group(0)!r} states knowledge from outside the "
                                                f"page without the register; put the statement in {register_file} "
                                                f"and show it with {role_hint}"))
    return findings
