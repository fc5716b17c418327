"""The book's own Sphinx extension: two editions, prose values, number anchors, clean pages.

- ``{eval}`key```: the prose role that shows a notebook's value. JupyterLab (with
  jupyterlab-myst) evaluates ``key`` in the kernel; here it pastes the value the notebook
  glued under that name, as ``{glue}`` does. Only a plain name is allowed.
- Each page gets ``<html lang>`` of its edition, a link to the same page in the other
  edition (``edition-switch.html`` in the article header) and ``rel=alternate`` links.
- The first link to a fact (``data-fact``) or to a quote on a page gets the id the annotated
  source's "used in" links point to; the first statement of an outside-context entry, the id the
  appendix's "used in" links point to.
- The Chinese edition's search index is segmented with the cut dictionary of ``search_dictionary``.
- The site theme's own words missing from its translations (or in a usage the edition does not use)
  come from ``site-theme-words.yml`` beside the book's pages.
- Every page loads ``_static/report-font.js`` (the Chinese font, written when the site is
  published: ``publish/fonts.py``) with a plain synchronous ``<script>`` in ``<head>``, so the
  font is registered before the body is parsed.
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path
from typing import Any

from docutils import nodes

from ..chapters.links import context_use_anchor, use_anchor
from ..compat.jieba import use_dictionary
from ..compat.myst_nb import copy_stylesheet_before_pages
from ..compat.sphinx import put_translations_first
from ..files import load_yaml
from . import review_ext, static_files
from .fonts import LOADER_FILE
from .search_dictionary import prefix_dictionary

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_FACT_LINK = re.compile(r'<a class="fact-link" data-fact="([a-z0-9_]+)"')
_QUOTE_LINK = re.compile(r'<a class="quote-link" lang="zh-Hans" href="source\.html#(q-[0-9a-f]+)"')
_CONTEXT = re.compile(r'<span class="outside-context" data-context="([a-z0-9_]+)"')


def _eval_role() -> Any:
    from myst_nb.ext.glue.roles import PasteRoleAny

    class EvalRole(PasteRoleAny):
        """``{eval}`key```: the value glued under ``key`` in this notebook."""

        def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
            if not _NAME.match(self.text):
                message = self.inliner.reporter.warning(
                    f"{{eval}} takes the name of a glued value, not an expression: {self.text!r}",
                    line=self.lineno)
                return [], [message]
            return super().run()

    return EvalRole()


def _edition_context(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Runs before the site theme's own handler, which drops header templates that render empty."""
    edition = app.config.jinjiang_edition
    if not edition:
        return
    context["language"] = edition["html_lang"]  # the site theme writes it into <html lang>
    context["jinjiang_edition"] = edition
    alternate = (f'<link rel="alternate" hreflang="{edition["other_html_lang"]}" '
                 f'href="../{edition["other"]}/{pagename}.html">\n')
    context["metatags"] = context.get("metatags", "") + alternate


def _mark_first_uses(app: Any, doctree: nodes.document, docname: str) -> None:
    """Give the first link to each fact and each quote on the page the id the annotated source links to,
    and the first statement of each outside-context entry the id the appendix links to."""
    seen: set[str] = set()

    def mark(match: re.Match[str], anchor: str, tag: str = "a") -> str:
        if anchor in seen:
            return match.group(0)
        seen.add(anchor)
        return match.group(0).replace(f"<{tag} ", f'<{tag} id="{anchor}" ', 1)

    raws = [raw for raw in doctree.findall(nodes.raw) if raw.get("format") == "html"]
    in_prose = [raw for raw in raws if isinstance(raw.parent, nodes.paragraph)]
    # A fact's first mention in the prose wins over its first row in a table or chart caption.
    for raw in [*in_prose, *(raw for raw in raws if raw not in in_prose)]:
        text = raw.astext()
        changed = _FACT_LINK.sub(lambda m: mark(m, use_anchor(m.group(1))), text)
        changed = _QUOTE_LINK.sub(lambda m: mark(m, f"use-{m.group(1)}"), changed)
        changed = _CONTEXT.sub(lambda m: mark(m, context_use_anchor(m.group(1)), "span"), changed)
        if changed != text:
            raw.replace_self(nodes.raw(changed, changed, format="html"))


class _ThemeWords(gettext.NullTranslations):
    """Translations from a plain mapping, consulted before the catalog they are put in front of."""

    def __init__(self, words: dict[str, str]):
        super().__init__()
        self.words = words

    def gettext(self, message: str) -> str:
        if message in self.words:
            return self.words[message]
        fallback = getattr(self, "_fallback", None)
        return fallback.gettext(message) if fallback else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


def _site_theme_words(app: Any) -> dict[str, str]:
    """The edition's entries of ``site-theme-words.yml`` (none for an edition without any)."""
    edition = app.config.jinjiang_edition
    path = Path(app.srcdir) / "site-theme-words.yml"
    if not edition or not path.is_file():
        return {}
    return dict((load_yaml(path.read_text(encoding="utf-8")) or {}).get(edition["code"]) or {})


def _cache_compiled_templates(app: Any) -> None:
    """Keep the site theme's compiled Jinja templates beside the doctrees: compiling them is most of the
    cost of writing the few pages an incremental build rewrites."""
    from jinja2 import FileSystemBytecodeCache

    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is not None:
        folder = Path(app.doctreedir) / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def _use_search_dictionary(app: Any) -> None:
    """The Chinese search index segments with the edition's cut dictionary (``search_dictionary``),
    whose prefix dictionary is kept beside it."""
    path = app.config.jinjiang_search_dictionary
    if path:
        use_dictionary(Path(path), *prefix_dictionary(Path(path)))


def _add_site_theme_words(app: Any) -> None:
    """Put the edition's site theme words in front of Sphinx's and the site themes' own catalogs."""
    words = _site_theme_words(app)
    if not words:
        return
    put_translations_first(app, lambda: _ThemeWords(words))


def _translate_fixed_attributes(app: Any, exception: Exception | None) -> None:
    """Some site theme templates write English labels as fixed attributes (``title="Toggle primary sidebar"``),
    out of reach of translation; replace those exact attribute values in the written pages."""
    words = _site_theme_words(app)
    if exception is not None or not words or app.builder.format != "html":
        return
    pattern = re.compile(r'\b(title|aria-label)="(' + "|".join(re.escape(w) for w in words) + r')"')
    for page in Path(app.outdir).glob("*.html"):
        text = page.read_text(encoding="utf-8")
        changed = pattern.sub(lambda m: f'{m[1]}="{words[m[2]]}"', text)
        if changed != text:
            page.write_text(changed, encoding="utf-8")


def _add_templates(app: Any, config: Any) -> None:
    """The switcher's template ships with this package, found wherever the book is built."""
    config.templates_path.append(str(Path(__file__).with_name("templates")))


def setup(app: Any) -> dict[str, Any]:
    app.setup_extension("myst_nb")
    app.connect("config-inited", _add_templates)
    app.connect("builder-inited", _add_site_theme_words)
    app.connect("builder-inited", _cache_compiled_templates)
    app.connect("builder-inited", _use_search_dictionary)
    app.connect("builder-inited", copy_stylesheet_before_pages)
    app.connect("build-finished", _translate_fixed_attributes)
    app.add_role("eval", _eval_role(), override=True)
    app.add_config_value("jinjiang_edition", {}, "html")
    app.add_config_value("jinjiang_search_dictionary", "", "html")
    if "comments_config" not in app.config:
        # Jupyter Book always passes its comments setting; sphinx-comments, which would declare
        # it, is not among the book's extensions.
        app.add_config_value("comments_config", {}, "html")
    # No defer or async: the font must be in place before anything is laid out. Priority 100
    # puts it before Sphinx's own scripts. The file itself is written at publish time.
    app.add_js_file(LOADER_FILE, priority=100)
    app.connect("html-page-context", _edition_context, priority=100)
    app.connect("doctree-resolved", _mark_first_uses)
    review_ext.setup(app)  # addresses, their links, the version line
    static_files.setup(app)  # a changed stylesheet is published even when no page changed
    return {"parallel_read_safe": True, "parallel_write_safe": True}
