"""What in a passage of Markdown is prose a reader reads, and what is markup.

Markup is blanked out (replaced by spaces, so columns and line numbers stay put): code fences,
inline code, roles such as ``{eval}`key``` and ``{glue}`nb::key```, link targets, URLs, HTML
tags, MyST labels ``(name)=`` and heading anchors, and ordered-list markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ROLE = re.compile(r"\{(?P<name>[A-Za-z][\w:+-]*)\}`(?P<content>[^`]*)`")
_FENCE = re.compile(r"^\s*(?P<mark>`{3,}|~{3,})")
_MASKS = [
    ROLE,
    re.compile(r"(`+)[^`].*?\1"),                  # inline code
    re.compile(r"\]\([^)]*\)"),                     # link target: [text](target)
    re.compile(r"^\s*\[[^\]]+\]:\s*\S.*$"),         # reference definition
    re.compile(r"<!--.*?-->"),                      # HTML comment
    re.compile(r"</?[A-Za-z][^>]*>"),               # HTML tag (and autolinks)
    re.compile(r"https?://\S+"),                    # bare URL
    re.compile(r"^\s*\([^)\s]+\)=\s*$"),            # MyST label: (name)=
    re.compile(r"\{#[^}]*\}"),                      # heading anchor
    re.compile(r"^\s*\d+[.)](?=\s)"),               # ordered-list marker
    re.compile(r"^\s*:[\w-]+:.*$"),                 # directive option
]


@dataclass(frozen=True)
class Role:
    """A role in a passage: its 1-based line, name (``eval``, ``glue``, ``glue:text``) and content."""

    line: int
    name: str
    content: str


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def fenced_lines(lines: list[str]) -> set[int]:
    """0-based indexes of the lines that belong to code fences (openers and closers included)."""
    inside: str | None = None
    fenced = set()
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if inside is None and match:
            inside = match["mark"]
            fenced.add(index)
        elif inside is not None:
            fenced.add(index)
            if line.strip().startswith(inside) and not line.strip().strip(inside[0]):
                inside = None
    return fenced


def prose_lines(text: str) -> list[str]:
    """The passage's lines with every piece of markup blanked out."""
    lines = text.split("\n")
    fenced = fenced_lines(lines)
    shown = []
    for index, line in enumerate(lines):
        if index in fenced:
            shown.append(" " * len(line))
            continue
        for mask in _MASKS:
            line = mask.sub(_blank, line)
        shown.append(line)
    return shown


def roles(text: str) -> list[Role]:
    """Every role outside code fences, in order."""
    lines = text.split("\n")
    fenced = fenced_lines(lines)
    return [Role(index + 1, match["name"], match["content"])
            for index, line in enumerate(lines) if index not in fenced
            for match in ROLE.finditer(line)]


def eval_keys(text: str) -> list[Role]:
    """The ``{eval}`key``` roles of a passage."""
    return [role for role in roles(text) if role.name == "eval"]


def is_glue(name: str) -> bool:
    return name == "glue" or name.startswith("glue:")


def glue_target(content: str) -> tuple[str, str]:
    """A glue role's (notebook, key); a role naming no notebook gives ("", content)."""
    notebook, sep, key = content.partition("::")
    key = key.split(":", 1)[0]  # {glue:text}`nb::key:,.1f` carries a format after the key
    return (notebook, key) if sep else ("", notebook)


def glue_refs(text: str) -> list[tuple[Role, str, str]]:
    """The ``{glue}`notebook.ipynb::key``` roles (any glue variant): (role, notebook, key)."""
    return [(role, *glue_target(role.content)) for role in roles(text) if is_glue(role.name)]


def heading_levels(text: str) -> list[int]:
    """The levels of the passage's Markdown headings (``## x`` -> 2), outside code fences."""
    lines = text.split("\n")
    fenced = fenced_lines(lines)
    return [len(match[1]) for index, line in enumerate(lines) if index not in fenced
            for match in [re.match(r"^(#{1,6})\s", line)] if match]
