"""Addresses, manifests and changes, without building the book."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from jinjiang_report.editions import page_for
from jinjiang_report.publish.addresses import address_html, pair_bases, with_block_map
from jinjiang_report.publish.changes import changes_html, changes_text, compare, count, diff_pieces
from jinjiang_report.publish.manifest import content, read_page
from jinjiang_report.publish.version import Version, read_version


def _cell(cell_id: str, cell_type: str = "markdown", lang: str | None = None) -> dict:
    return {"id": cell_id, "cell_type": cell_type, "metadata": {"tags": [f"lang-{lang}"] if lang else []}, "source": "x"}


def test_a_pair_takes_the_english_cells_id_whichever_comes_first():
    cells = [_cell("a", lang="en"), _cell("b", lang="zh"), _cell("c", "code"), _cell("d", lang="zh"),
             _cell("e", lang="en"), _cell("f", lang="en"), _cell("g", "code")]
    assert pair_bases(cells) == {"a": "a", "b": "a", "c": "c", "d": "e", "e": "e", "f": "f", "g": "g"}


def _counter():
    counts: Counter = Counter()

    def next_address(base: str, element: str) -> str:
        counts[(base, element)] += 1
        return f"{base}-{element}{counts[(base, element)]}"
    return next_address


def test_rows_figures_paragraphs_and_items_of_a_cells_html_get_addresses_and_links():
    html = ('<table><caption>c</caption><thead><tr><th>h</th></tr></thead><tbody><tr><th>a</th><td>b</td></tr>'
            '<tr><th>c</th><td>d</td></tr></tbody></table><figure class="report-figure" id="figure-x"><img src="i">'
            '<figcaption>cap</figcaption></figure><p>note</p><ol><li>one <p>inner</p></li><li>two</li></ol>')
    out = address_html(html, "c1", "en", _counter())
    assert '<tr><th>h</th></tr>' in out  # a header row is not a passage
    assert '<tr class="addressed" id="c1-t1r1"><th>a<a class="address-link" href="#c1-t1r1"' in out
    assert 'id="c1-t1r2"' in out
    assert '<span id="c1-fig1" class="address-anchor"></span><figure class="addressed report-figure" ' \
           'id="figure-x" data-address="c1-fig1">' in out
    assert '<p class="addressed" id="c1-p1">note<a class="address-link" href="#c1-p1"' in out
    assert 'id="c1-li1"' in out and 'id="c1-li2"' in out and "<p>inner</p>" in out  # only the outermost
    assert out.count("¶") == 6


def test_a_pages_block_map_counts_the_lines_of_the_staged_page():
    text = 'Shared.\n\n+++ {"tags": ["lang-en"]}\nEnglish one.\n\n+++ {"tags": ["lang-zh"]}\n中文一。\n\n' \
           '+++ {"tags": ["lang-en"]}\nTwo\nlines.\n+++ {"tags": ["lang-zh"]}\n两行。\n'
    gathered = page_for(text, "en")
    mapped = with_block_map(text, gathered, "en")
    assert mapped.startswith(gathered)
    assert mapped.rstrip().endswith('[[1, "b1"], [3, "b2"], [5, "b3"]]')
    assert gathered.splitlines()[4] == "Two"


def test_a_page_s_passages_are_read_with_what_they_cite(tmp_path):
    page = tmp_path / "p.html"
    page.write_text('<h1>Title<a class="headerlink" href="#t">#</a></h1><p class="addressed" id="c-p1">Some '
                    '<a class="fact-link" data-fact="f_one" href="source.html#q-f-one">12</a> and '
                    '<a class="quote-link" href="source.html#q-0123456789">引文</a>'
                    '<a class="address-link" href="#c-p1">¶</a></p>'
                    '<span id="c-fig1"></span><figure class="addressed" id="figure-x" data-address="c-fig1">'
                    '<img src="data:1"><figcaption>Cap</figcaption></figure>', encoding="utf-8")
    title, passages, charts = read_page(page)
    assert title == "Title"
    assert passages["c-p1"]["text"] == "Some 12 and 引文"
    assert passages["c-p1"]["facts"] == ["f_one"] and passages["c-p1"]["quotes"] == ["q-0123456789"]
    assert charts["c-fig1"]["digest"] and charts["c-fig1"]["caption"] == "Cap"


def test_a_renamed_heading_is_read_by_its_section_s_address_and_shows_as_changed(tmp_path):
    def page_titled(heading: str) -> dict:
        page = tmp_path / "p.html"
        page.write_text('<section id="c-h1"><span id="old-name"></span><h2 class="addressed">'
                        f'{heading}<a class="headerlink" href="#c-h1">#</a></h2>'
                        '<p class="addressed" id="c-p1">Body<a class="address-link" href="#c-p1">¶</a></p>'
                        '</section>', encoding="utf-8")
        _, passages, _ = read_page(page)
        return {"p#" + key: {"page": "p", **passage} for key, passage in passages.items()}

    before, after = page_titled("Partners, structures and the conference"), page_titled("Partners and the conference")
    assert after["p#c-h1"]["text"] == "Partners and the conference"
    manifest = {"facts": {}, "editions": {"en": {"pages": {"p": "P"}, "passages": before, "charts": {}}}}
    renamed = {**manifest, "editions": {"en": {"pages": {"p": "P"}, "passages": after, "charts": {}}}}
    changed = compare(manifest, renamed, "before")["editions"]["en"]["passages"]["changed"]
    assert [c["new"]["address"] for c in changed] == ["c-h1"]
    html = changes_html(compare(manifest, renamed, "before"), "en")
    assert "<del>" in html and "P, heading c-h1" in html


def test_a_heading_s_address_becomes_its_section_s_first_id(tmp_path):
    from docutils import nodes
    from docutils.core import publish_doctree

    from jinjiang_report.publish.addresses import assign

    doctree = publish_doctree("One\n===\n\nText.\n\nTwo\n===\n\nMore.\n\n"
                              '.. jinjiang-block-map: [[1, "b1"], [6, "b2"]]\n',
                              settings_overrides={"doctitle_xform": False})
    assign(doctree, tmp_path / "intro.md", "en")
    sections = list(doctree.findall(nodes.section))
    assert [s["ids"] for s in sections] == [["b1-h1", "one"], ["b2-h1", "two"]]
    assert all("addressed" in s[0]["classes"] for s in sections)


def _manifest(text: str, period: str, digest: str = "d") -> dict:
    fact = {"value": "1", "qualifier": "exact", "unit": "count", "quote": "q", "claim": "realised", "period": period,
            "shown": {code: {"metric": "m", "value": "1", "kind": "k", "period": period} for code in ("en", "zh")}}
    return {"format": 1, "version": {"commit": "abc", "date": "2026-01-01", "changed": False},
            "editions": {code: {"pages": {"p": "Page"},
                                "passages": {"p#c-p1": {"page": "p", "address": "c-p1", "text": text, "facts": []}},
                                "charts": {"p#c-fig1": {"page": "p", "address": "c-fig1", "digest": digest}}}
                         for code in ("en", "zh")},
            "facts": {"f": fact}}


def test_changes_list_the_passage_the_fact_and_the_chart_and_nothing_else():
    old, new = _manifest("The old words here.", "2025"), _manifest("The new words here.", "2025-H1", "e")
    changes = compare(old, new, "v1")
    assert count(changes) == 1 + 2 * 2
    assert changes["facts"]["changed"]["f"]["fields"] == ["period"]
    html = changes_html(changes, "en")
    assert '<a href="p.html#c-p1">' in html and "<del>" in html and "2025-H1" in html
    text = changes_text(changes)
    assert "[-old-]{+new+}" in text and "fact f changed (period)" in text and "chart p.html#c-fig1 redrawn" in text
    assert count(compare(new, new, "same")) == 0 and "Nothing the report shows changed." in changes_text(
        compare(new, new, "same"))
    assert content(new) == content({**new, "version": {"commit": "other"}})
    assert "nothing to compare" in changes_text(compare(None, new, ""))
    assert "本次构建所替换的站点" in changes_html(compare(old, new, "the site this build replaced"), "zh")


def test_an_edition_whose_own_pages_did_not_change_says_so_in_its_language():
    old = _manifest("The old words here.", "2025")
    new = _manifest("The new words here.", "2025")
    new["editions"]["zh"] = old["editions"]["zh"]  # only the English passage changed
    changes = compare(old, new, "the site this build replaced")
    assert count(changes, "en") == 1 and count(changes, "zh") == 0 and count(changes) == 1
    english, chinese = changes_html(changes, "en"), changes_html(changes, "zh")
    assert "<del>" in english and "Nothing this edition shows changed." not in english
    assert "中文版显示的内容没有变化。" in chinese and "<del>" not in chinese
    assert "本次构建所替换的站点，提交 abc" in chinese and ", " not in chinese


def test_english_is_compared_by_words_and_chinese_by_characters():
    assert diff_pieces("one two three", "one too three", "en") == [
        ("same", "one "), ("removed", "two"), ("added", "too"), ("same", " three")]
    assert diff_pieces("增长百分之八", "增长百分之九", "zh") == [("same", "增长百分之"), ("removed", "八"), ("added", "九")]


def test_outside_a_git_checkout_the_version_says_so(tmp_path: Path):
    assert read_version(tmp_path) == Version()
    assert Version().words("en") == "Built from: not a git checkout"
    assert "with uncommitted changes" in Version("a" * 40, "2026-01-02T03:04:05+00:00", True).words("en")


def test_a_book_pages_paragraphs_items_and_body_rows_get_addresses_by_block(tmp_path):
    from docutils import nodes
    from docutils.core import publish_doctree

    from jinjiang_report.publish.addresses import address_link, assign

    doctree = publish_doctree("First paragraph.\n\n- one\n- two\n\n"
                              "+-----+-----+\n| h   | k   |\n+=====+=====+\n| a   | b   |\n+-----+-----+\n\n"
                              "Second block.\n\n"
                              '.. jinjiang-block-map: [[1, "b1"], [12, "b2"]]\n')
    assign(doctree, tmp_path / "intro.md", "zh")
    ids = [node["ids"][0] for node in doctree.findall(nodes.Element) if "addressed" in node.get("classes", [])]
    assert ids == ["b1-p1", "b1-li1", "b1-li2", "b1-t1r1", "b2-p1"]
    assert not list(doctree.findall(nodes.comment))  # the block map is taken out of the page
    links = list(doctree.findall(address_link))
    assert [link["address"] for link in links] == ids and {link["lang"] for link in links} == {"zh"}
