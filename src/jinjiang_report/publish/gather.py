"""Gather one edition's sources in one folder: its pages, its executed notebooks, the generated pages.

Files are rewritten only when their content changes, so Sphinx rebuilds only what changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..editions import Edition, page_for
from ..errors import BookBuildFailed
from ..facts.model import Ledger
from ..files import copy_if_changed, load_yaml, write_atomically
from ..project import Project
from ..themes import Theme
from .addresses import with_addresses, with_block_map
from .changes_page import CHANGES_PAGE, changes_page
from .pages import appendix_page, execution_report_page, source_page
from .search_dictionary import DICTIONARY_NAME, write_search_dictionary
from .toc import toc_yaml
from .uses import Use, find_context_uses, find_uses, markdown_cells


def edition_dir(project: Project, edition: Edition) -> Path:
    return project.build / "editions" / edition.code


def gather_edition(project: Project, themes: dict[str, Theme], ledger: Ledger, edition: Edition,
                  other: Edition) -> Path:
    """Gather one edition under ``build/editions/<code>/book-src`` and write its configuration beside it.

    themes: the chapters, in order. ledger: the verified ledger the chapters read.
    other: the edition the language switcher leads to.
    """
    book_src = edition_dir(project, edition) / "book-src"
    wanted: dict[str, str] = {}
    copies: dict[str, Path] = {}
    for page in sorted(project.book.rglob("*")):
        relative = page.relative_to(project.book).as_posix()
        if not page.is_file() or relative == "editions.yml":
            continue
        if page.suffix == ".md":
            text = page.read_text(encoding="utf-8")
            wanted[relative] = with_block_map(text, page_for(text, edition.code), edition.code)
        else:
            copies[relative] = page
    fact_uses: dict[str, Use] = {}
    quote_uses: dict[str, Use] = {}
    context_uses: dict[str, list[Use]] = {}
    pages = [(name.rsplit(".", 1)[0], [text]) for name, text in wanted.items()]
    for theme in themes.values():
        executed = project.build / "executed" / edition.code / theme.notebook
        if not executed.exists():
            raise BookBuildFailed(f"executed notebook {project.display(executed)} is missing; "
                                  "run the notebooks first")
        wanted[theme.notebook] = with_addresses(executed.read_text(encoding="utf-8"), project.notebooks / theme.notebook)
        facts, quotes = find_uses(executed, theme.notebook.rsplit(".", 1)[0], set(ledger.facts))
        for key, use in facts.items():
            fact_uses.setdefault(key, use)
        for key, use in quotes.items():
            quote_uses.setdefault(key, use)
        pages.append((theme.notebook.rsplit(".", 1)[0], markdown_cells(executed)))
    for name, texts in pages:
        for key, places in find_context_uses(texts, name).items():
            context_uses.setdefault(key, []).extend(places)
    wanted["source.md"] = source_page(edition, ledger, themes, fact_uses, quote_uses)
    wanted["sources.md"] = appendix_page(edition, ledger, themes, context_uses)
    wanted["execution-report.md"] = execution_report_page(edition)
    wanted[f"{CHANGES_PAGE}.md"] = changes_page(edition.code)
    wanted["_toc.yml"] = toc_yaml(themes, edition)
    for name, text in wanted.items():
        write_atomically(book_src / name, text)
    for name, original in copies.items():
        copy_if_changed(original, book_src / name)
    keep = set(wanted) | set(copies)
    for path in sorted(book_src.rglob("*"), reverse=True):
        if path.is_file() and path.relative_to(book_src).as_posix() not in keep:
            path.unlink()
    if edition.code == "zh":
        write_search_dictionary(book_src, search_dictionary_path(project, edition))
    write_atomically(edition_dir(project, edition) / "_config.yml", edition_config(project, edition, other))
    return book_src


def search_dictionary_path(project: Project, edition: Edition) -> Path:
    return edition_dir(project, edition) / DICTIONARY_NAME


def edition_config(project: Project, edition: Edition, other: Edition) -> str:
    """The project's ``_config.yml`` with one edition's title, language and switcher settings."""
    config: dict[str, Any] = load_yaml(project.config.read_text(encoding="utf-8"))
    config["title"], config["author"] = edition.title, edition.author
    sphinx = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx["language"] = edition.sphinx_language
    sphinx.setdefault("html_theme_options", {})["search_bar_text"] = edition.search_bar_text
    sphinx["jinjiang_edition"] = {"code": edition.code, "html_lang": edition.html_lang,
                                  "other": other.code, "other_name": other.name,
                                  "other_html_lang": other.html_lang, "switch_to": other.switch_to}
    if edition.code == "zh":
        # jieba reads its word list from the path as given: absolute, whatever the working folder
        words = edition_dir(project, edition) / "book-src" / "_static" / "search-words-zh.txt"
        sphinx["html_search_options"] = {"dict": str(words.resolve())}
        sphinx["jinjiang_search_dictionary"] = str(search_dictionary_path(project, edition).resolve())
    return "# Generated by the build from _config.yml and book/editions.yml.\n" + yaml.safe_dump(
        config, sort_keys=False, allow_unicode=True)
