"""The register of outside context (data/context): loaded with the ledger, each fault named in one line,
every entry published by every chapter and shown with its marker and basis."""

import dataclasses
import html
import re

import pytest

from conftest import THEMES, ledger as load_ledger
from jinjiang_report.chapters.outside import context_html, context_text, statement_html
from jinjiang_report.chapters.published import published_keys
from jinjiang_report.errors import DataFileError
from jinjiang_report.facts.context import load_context
from jinjiang_report.facts.model import ContextEntry

GOOD = """\
# a comment
above_designated_size:
  en: >-
    an industrial firm counts as "above designated size" when its annual
    revenue is CNY 20 million or more
  zh: >-
    年主营业务收入2000万元及以上的
    工业企业为规模以上工业企业
  basis_en: National Bureau of Statistics of China
  basis_zh: 国家统计局
  title_en: Threshold for industrial firms
  title_zh: 规上工业企业标准
"""


def register(tmp_path, **files):
    folder = tmp_path / "context"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


SOURCES = load_ledger().sources


def fault(folder):
    with pytest.raises(DataFileError) as caught:
        load_context(folder, SOURCES)
    return str(caught.value)


def test_an_entry_reads_as_one_line_in_each_language(tmp_path):
    entries, texts = load_context(register(tmp_path, innovation=GOOD), SOURCES)
    entry = entries["above_designated_size"]
    assert entry.en == ('an industrial firm counts as "above designated size" when its annual revenue is '
                        "CNY 20 million or more")
    assert entry.zh == "年主营业务收入2000万元及以上的工业企业为规模以上工业企业"  # no space where the line folded
    assert (entry.basis_en, entry.basis_zh, entry.key) == ("National Bureau of Statistics of China", "国家统计局",
                                                          "ctx_above_designated_size")
    assert entry.file.endswith("context/innovation.yaml") and texts == {"innovation.yaml": GOOD}


def test_no_register_folder_is_an_empty_register(tmp_path):
    assert load_context(tmp_path / "context", SOURCES) == ({}, {})


def test_an_id_used_twice_across_files_is_refused(tmp_path):
    folder = register(tmp_path, export=GOOD, innovation="\n" + GOOD)
    assert fault(folder) == (f"{folder / 'innovation.yaml'}:3: context id 'above_designated_size' is already used "
                             f"in {folder / 'export.yaml'}; ids are unique across all files of data/context")


def test_a_missing_basis_is_refused_with_its_line(tmp_path):
    folder = register(tmp_path, hospital=GOOD.replace("  basis_zh: 国家统计局\n", ""))
    assert fault(folder) == (f"{folder / 'hospital.yaml'}:2: column 'basis_zh': context entry "
                             "'above_designated_size' lacks basis_zh; every entry has en, zh, basis_en, basis_zh, title_en, "
                             "title_zh")


def test_an_empty_or_unknown_field_and_a_bad_id_are_refused(tmp_path):
    folder = register(tmp_path, a=GOOD.replace("basis_en: National Bureau of Statistics of China", "basis_en: ''"))
    assert fault(folder) == (f"{folder / 'a.yaml'}:9: column 'basis_en': context entry 'above_designated_size' "
                             "needs basis_en as non-empty text")
    (folder / "a.yaml").write_text(GOOD.replace("  basis_zh:", "  source:"), encoding="utf-8")
    assert fault(folder) == (f"{folder / 'a.yaml'}:10: column 'source': unknown field of context entry "
                             "'above_designated_size'; the fields are en, zh, basis_en, basis_zh, title_en, title_zh, "
                             "page_en, page_zh, "
                             "brief_en, brief_zh")
    (folder / "a.yaml").write_text(GOOD.replace("above_designated_size:", "Above-Size:"), encoding="utf-8")
    assert fault(folder) == (f"{folder / 'a.yaml'}:2: context id 'Above-Size' is not lower_snake_case "
                             "(letters, digits and single underscores, starting with a letter), and does not end in _brief "
                             "(the name of an entry's short form)")


def test_a_yaml_syntax_error_is_one_line(tmp_path):
    folder = register(tmp_path, a="x:\n  en: [unclosed\n")
    message = fault(folder)
    assert message.startswith(f"{folder / 'a.yaml'}:3: not valid YAML at column 1") and "\n" not in message


def test_the_check_of_the_ledger_reads_the_register(data_copy):
    path = data_copy.parent / "context" / "zz.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text("broken_entry: just a string\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_ledger(data_copy)
    assert str(caught.value) == (f"{path}:1: context entry 'broken_entry' needs the fields en, zh, basis_en, "
                                 "basis_zh, title_en, title_zh")


def test_every_chapter_publishes_every_entry_before_it_runs():
    ledger = load_ledger()
    for theme in THEMES:
        assert {entry.key for entry in ledger.context.values()} <= published_keys(ledger, theme)


def test_an_entry_shows_its_statement_a_marker_and_its_basis_in_each_language():
    entry = ContextEntry("above_size", 'revenue of "CNY 20 million" or more', "2000万元及以上", "NBS <2011>",
                         "国家统计局", "data/context/x.yaml")
    html = context_html(entry, "en")
    assert html == ('<span class="outside-context" data-context="above_size">revenue of &quot;CNY 20 million&quot; '
                    'or more<a class="outside-mark" href="sources.html#ctx-above-size" '
                    'title="outside the page; basis: NBS &lt;2011&gt;" aria-label="outside the page; basis: NBS '
                    '&lt;2011&gt;">outside the page</a></span>')
    zh = context_html(entry, "zh")
    assert re.search(r">2000万元及以上<a [^>]*title=\"版面外；依据：国家统计局\"[^>]*>版面外</a></span>$", zh)
    assert context_text(entry, "en") == 'revenue of "CNY 20 million" or more [outside the page; basis: NBS <2011>]'
    assert context_text(entry, "zh") == "2000万元及以上〔版面外；依据：国家统计局〕"


PAGE_WORDS = GOOD.replace("  en: >-", "  page_en: reporting online (联网直报)\n  page_zh: 联网直报\n  en: >-", 1)


def test_the_page_words_an_entry_explains_come_first_unmarked_and_must_be_on_the_page(tmp_path):
    entries, _ = load_context(register(tmp_path, a=PAGE_WORDS), SOURCES)
    entry = entries["above_designated_size"]
    assert context_html(entry, "en").startswith('reporting online (<span lang="zh-Hans">联网直报</span>). '
                                                '<span class="outside-context"')
    assert context_html(entry, "zh").startswith('联网直报。<span class="outside-context"')
    assert context_text(entry, "zh").startswith("联网直报。年主营业务收入")
    folder = register(tmp_path, a=PAGE_WORDS.replace("page_zh: 联网直报", "page_zh: 联网填报"))
    assert fault(folder) == (f"{folder / 'a.yaml'}:2: column 'page_zh': context entry 'above_designated_size': "
                             "page_zh is not in the source (whitespace ignored); copy the page's words verbatim")
    (folder / "a.yaml").write_text(PAGE_WORDS.replace("  page_zh: 联网直报\n", ""), encoding="utf-8")
    assert fault(folder) == (f"{folder / 'a.yaml'}:2: column 'page_zh': context entry 'above_designated_size' has "
                             "page_en but lacks page_zh; give the page's words in both languages or in neither")


BRIEF = PAGE_WORDS.replace("  basis_en:", "  brief_en: the CNY 20 million threshold\n  brief_zh: 2000万元门槛\n  basis_en:", 1)


def test_a_short_form_is_published_alone_with_the_same_badge_and_needs_both_languages(tmp_path):
    entries, _ = load_context(register(tmp_path, a=BRIEF), SOURCES)
    entry = entries["above_designated_size"]
    assert entry.brief_key == "ctx_above_designated_size_brief"
    full, brief = context_html(entry, "zh"), context_html(entry, "zh", brief=True)
    assert brief.startswith('<span class="outside-context" data-context="above_designated_size">2000万元门槛<a ')
    assert brief[brief.index("<a "):] == full[full.index("<a "):]  # the same badge, basis and link
    assert context_text(entry, "en", brief=True) == ("the CNY 20 million threshold [outside the page; basis: "
                                                     "National Bureau of Statistics of China]")
    assert entries["above_designated_size"].brief_key in published_keys_with(entries)
    folder = register(tmp_path, a=BRIEF.replace("  brief_zh: 2000万元门槛\n", ""))
    assert fault(folder) == (f"{folder / 'a.yaml'}:2: column 'brief_zh': context entry 'above_designated_size' has "
                             "brief_en but lacks brief_zh; give the short form in both languages or in neither")
    assert load_context(register(tmp_path, a=GOOD), SOURCES)[0]["above_designated_size"].brief_key is None


def published_keys_with(entries):
    """What a chapter publishes when the register holds ``entries``."""
    ledger = load_ledger()
    return published_keys(dataclasses.replace(ledger, context=entries), next(iter(THEMES)))


def test_chinese_inside_an_english_statement_is_marked_as_chinese():
    entry = ContextEntry("a", "a ward (无陪护病房, no escort) here", "无陪护病房", "b", "b", "f")
    assert ('a ward (<span lang="zh-Hans">无陪护病房</span>, no escort) here<a'
            in context_html(entry, "en"))
    assert '<span lang="zh-Hans">' not in context_html(entry, "zh")


@pytest.mark.slow
def test_the_appendix_lists_every_entry_with_its_basis_and_links_to_each_use(built_site):
    ledger = load_ledger()
    linked = 0
    for edition in ("en", "zh"):
        appendix = (built_site.site / edition / "sources.html").read_text(encoding="utf-8")
        register = appendix[appendix.index('<dl class="context-register">'):]
        for entry in ledger.context.values():
            item = re.search(rf'<dt id="ctx-{entry.id.replace("_", "-")}">.*?</dd>', register, re.S)
            assert item, (edition, entry.id)
            title = entry.title(edition)
            assert title and item[0].startswith(f'<dt id="ctx-{entry.id.replace("_", "-")}">{html.escape(title)} ')
            assert statement_html(entry.statement(edition), edition) in item[0]
            assert not entry.brief_key or statement_html(entry.brief(edition), edition) in item[0]
            assert "依据" in item[0] if edition == "zh" else "Basis" in item[0]
            for page, anchor in re.findall(r'<a href="([a-z]+)\.html#([a-z0-9-]+)"', item[0]):
                shown = (built_site.site / edition / f"{page}.html").read_text(encoding="utf-8")
                assert re.search(rf'<span id="{anchor}" class="outside-context" data-context="{entry.id}">', shown), \
                    (edition, entry.id, page)
                assert f'href="sources.html#ctx-{entry.id.replace("_", "-")}"' in shown
                linked += 1
    assert linked > 0  # the book does use its register, so the links above were checked


def test_uses_are_found_by_section_in_chapters_and_book_pages():
    from jinjiang_report.publish.uses import Use, find_context_uses

    chapter = ["# Export channels\n\nIntro {eval}`ctx_intended_deals`.",
               "## Findings\n\nAgain {eval}`ctx_intended_deals` and {eval}`ctx_logistics_5a`.\n\n"
               "## What to ask next\n\n{eval}`ctx_logistics_5a`, {eval}`exp_firms_h1`."]
    assert find_context_uses(chapter, "export") == {
        "intended_deals": [Use("export", "Export channels", ""), Use("export", "Export channels", "Findings")],
        "logistics_5a": [Use("export", "Export channels", "Findings"),
                         Use("export", "Export channels", "What to ask next")]}
    page = ['# Intro\n\n+++ {"tags": ["lang-en"]}\n\n## Main findings\n\n{glue}`export.ipynb::ctx_logistics_5a`']
    assert find_context_uses(page, "intro") == {"logistics_5a": [Use("intro", "Intro", "Main findings")]}
    brief = ["# Intro\n\n## Main findings\n\n{glue}`innovation.ipynb::ctx_credit_line_brief`"]
    assert find_context_uses(brief, "intro") == {"credit_line": [Use("intro", "Intro", "Main findings")]}
