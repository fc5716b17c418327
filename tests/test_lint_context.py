"""Lint and outside knowledge: an unmarked gloss is refused, the register's entries pass, and two
partner cells must show the same facts and the same context entries.

Each test writes its own small chapter (the export theme's notebook, in a copy of the project),
so what it plants is all the prose lint sees in that notebook.
"""

import dataclasses
import shutil

import pytest

from conftest import ROOT, ledger as load_ledger
from jinjiang_report.house_rules.lint import lint
from jinjiang_report.facts.model import ContextEntry
from jinjiang_report.project import Project
from jinjiang_report.themes import load_themes
from planted import write_chapter

HINT = "put the statement in data/context/export.yaml and show it with {eval}`ctx_<id>`"


@pytest.fixture(scope="module")
def verified():
    """The project's ledger with a register of two entries this module controls."""
    entries = {key: ContextEntry(key, f"{key} in English", f"{key}中文", "basis", "依据", "data/context/export.yaml")
               for key in ("intended_deals", "logistics_rating")}
    return dataclasses.replace(load_ledger(), context=entries)


@pytest.fixture
def project(tmp_path) -> Project:
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    shutil.copytree(ROOT / "book", tmp_path / "book")
    for page in (tmp_path / "book").glob("*.md"):  # the book's pages are not under test here
        page.unlink()
    return Project.at(tmp_path)


def chapter(project: Project, *pairs: tuple[str, str]) -> list[str]:
    return write_chapter(project, "export", *pairs)


def export_findings(project: Project, verified) -> list[str]:
    return [str(f) for f in lint(project, load_themes(project.theme_registry), verified, selected=["export"])]


def test_an_unmarked_gloss_is_refused_in_either_language(project, verified):
    chapter(project, ("The page lists service centres.\nIn common usage, a service centre is an office abroad.",
                      "版面列出了服务中心。\n服务中心通常理解为设在海外的办事处。"))
    assert export_findings(project, verified) == [
        "notebooks/export.ipynb: cell 4 (id en000001), line 2: 'In common usage' states knowledge from outside "
        f"the page without the register; {HINT}",
        "notebooks/export.ipynb: cell 5 (id zh000001), line 2: '通常理解' states knowledge from outside the page "
        f"without the register; {HINT}"]


def test_each_recognised_phrase_is_refused(project, verified):
    phrases = ["commonly", "usually means", "generally understood", "in Chinese practice", "by law",
               "under the rules", "按一般理解", "通常", "一般而言", "按规定"]
    chapter(project, *((f"It is so {p}.", f"如此{p}。") if p.isascii() else ("It is so.", f"{p}如此。")
                       for p in phrases))
    found = export_findings(project, verified)
    assert [line.split(": ", 2)[2].split(" states")[0] for line in found] == [repr(p) for p in phrases]


def test_a_gloss_through_the_register_passes(project, verified):
    chapter(project, ("At a fair, by law or not, {eval}`ctx_intended_deals`.",
                      "按规定，{eval}`ctx_intended_deals`。"),
                     ("Words like commonplace and byline are not glosses.", "常规和通用不是说明。"))
    assert export_findings(project, verified) == []


def test_the_register_must_go_with_the_gloss_in_its_own_sentence(project, verified):
    chapter(project, ("Usually means nothing. {eval}`ctx_intended_deals`.",
                      "{eval}`ctx_intended_deals`。一般而言如此。"))
    assert export_findings(project, verified) == [
        "notebooks/export.ipynb: cell 4 (id en000001), line 1: 'Usually means' states knowledge from outside "
        f"the page without the register; {HINT}",
        "notebooks/export.ipynb: cell 5 (id zh000001), line 1: '一般而言' states knowledge from outside the page "
        f"without the register; {HINT}"]


def test_a_gloss_in_a_book_page_names_the_books_register(project, verified):
    (project.book / "intro.md").write_text(
        '# Intro\n\n+++ {"tags": ["lang-en"]}\n\nBy law it is so.\n\n+++ {"tags": ["lang-zh"]}\n\n依法如此。\n',
        encoding="utf-8")
    assert [str(f) for f in lint(project, load_themes(project.theme_registry), verified, selected=["export"])
            if f.file == "book/intro.md"] == [
        "book/intro.md: line 5: 'By law' states knowledge from outside the page without the register; put the "
        "statement in data/context/book.yaml and show it with {glue}`notebook.ipynb::ctx_<id>`"]


def test_partners_citing_different_facts_or_context_entries_are_refused(project, verified):
    chapter(project, ("Firms: {eval}`exp_firms_h1`; {eval}`ctx_intended_deals`.",
                      "企业：{eval}`exp_consolidation_warehouses`；{eval}`ctx_logistics_rating`。"))
    lacks = "that its lang-{} partner (cell {}) shows"
    assert export_findings(project, verified) == [
        f"notebooks/export.ipynb: cell 4 (id en000001), line 1: lang-en lacks {{eval}}`ctx_logistics_rating` "
        + lacks.format("zh", 5),
        f"notebooks/export.ipynb: cell 4 (id en000001), line 1: lang-en lacks {{eval}}`exp_consolidation_warehouses` "
        + lacks.format("zh", 5),
        f"notebooks/export.ipynb: cell 5 (id zh000001), line 1: lang-zh lacks {{eval}}`ctx_intended_deals` "
        + lacks.format("en", 4),
        f"notebooks/export.ipynb: cell 5 (id zh000001), line 1: lang-zh lacks {{eval}}`exp_firms_h1` "
        + lacks.format("en", 4)]


def test_partners_citing_the_same_facts_and_entries_pass(project, verified):
    chapter(project, ("Firms: {eval}`exp_firms_h1`; {eval}`ctx_intended_deals`.",
                      "{eval}`ctx_intended_deals`；企业：{eval}`exp_firms_h1`。"))
    assert export_findings(project, verified) == []


def test_an_unknown_context_entry_says_where_to_add_it(project, verified):
    chapter(project, ("A {eval}`ctx_no_such_entry`.", "{eval}`ctx_no_such_entry`。"))
    message = ("{eval}`ctx_no_such_entry` names no entry of the outside-context register; add 'no_such_entry' to "
               "data/context/export.yaml (en, zh, basis_en, basis_zh, title_en, title_zh)")
    assert export_findings(project, verified) == [
        f"notebooks/export.ipynb: cell 4 (id en000001), line 1: {message}",
        f"notebooks/export.ipynb: cell 5 (id zh000001), line 1: {message}"]
