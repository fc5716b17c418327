"""How the prose shows a statement from outside the page (an entry of ``data/context``).

The statement reads as part of its sentence, tinted, followed by a small badge, "outside the
page" / "版面外", that links to the entry in the Sources appendix. The badge's title (on hover)
and its accessible name (for screen readers) give the basis; the appendix gives it too, and
where the book uses the entry.
"""

from __future__ import annotations

import re

from ..facts.model import ContextEntry
from .html import escape
from .links import APPENDIX_PAGE, context_anchor

MARK = {"en": "outside the page", "zh": "版面外"}
# The accessible name starts with the badge's visible words (WCAG 2.5.3, label in name).
_BASIS = {"en": "outside the page; basis: {}", "zh": "版面外；依据：{}"}
_CHINESE_RUN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+(?:[\s\u3000-\u303f\u3400-\u9fff\uff00-\uffef]*[\u3400-\u9fff])?")
_PLAIN = {"en": "{} [outside the page; basis: {}]", "zh": "{}〔版面外；依据：{}〕"}
_AFTER_PAGE_WORDS = {"en": ". ", "zh": "。"}  # the page's words end a sentence; the statement starts the next


def _page_words(entry: ContextEntry, lang: str) -> str:
    words = entry.page_words(lang)
    return words + _AFTER_PAGE_WORDS[lang] if words else ""


def _shown(entry: ContextEntry, lang: str, brief: bool) -> tuple[str, str]:
    """The page's words before the statement, and the statement: the short form alone, if ``brief``."""
    if brief:
        return "", entry.brief(lang)
    return _page_words(entry, lang), entry.statement(lang)


def context_text(entry: ContextEntry, lang: str, brief: bool = False) -> str:
    """The plain-text form (a kernel's text output, JupyterLab without HTML)."""
    before, statement = _shown(entry, lang, brief)
    return before + _PLAIN[lang].format(statement, entry.basis(lang))


def statement_html(text: str, lang: str) -> str:
    """Escaped text; in English, each run of Chinese in it marked ``lang="zh-Hans"`` for browsers and screen readers."""
    if lang == "zh":
        return escape(text)
    parts, position = [], 0
    for match in _CHINESE_RUN.finditer(text):
        parts += [escape(text[position:match.start()]), f'<span lang="zh-Hans">{escape(match[0])}</span>']
        position = match.end()
    return "".join(parts) + escape(text[position:])


def context_html(entry: ContextEntry, lang: str, brief: bool = False) -> str:
    """The page's words it explains (unmarked), the statement (or its short form, alone), then its badge
    linking to the appendix; the basis is the badge's title and name."""
    basis = escape(_BASIS[lang].format(entry.basis(lang)))
    before, statement = _shown(entry, lang, brief)
    return (f'{statement_html(before, lang)}<span class="outside-context" data-context="{entry.id}">{statement_html(statement, lang)}'
            f'<a class="outside-mark" href="{APPENDIX_PAGE}#{context_anchor(entry.id)}" title="{basis}" '
            f'aria-label="{basis}">{MARK[lang]}</a></span>')
