"""The book reads as an edited report: each chapter within its length, no caveat said more than twice,
no analyst detail (fact ids, run parameters) outside the folded blocks. Measured on the built site by
tools/editorial_counts.py, which also prints the counts for the editors."""

import importlib.util
import sys

import pytest

from conftest import ROOT

spec = importlib.util.spec_from_file_location("editorial_counts", ROOT / "tools" / "editorial_counts.py")
editorial = importlib.util.module_from_spec(spec)
sys.modules["editorial_counts"] = editorial  # dataclasses look their module up by name
spec.loader.exec_module(editorial)


def test_the_reading_line_leaves_out_folded_blocks_scripts_anchors_and_navigation():
    html = ('<nav>Menu words</nav><article class="bd-article"><h1>Title<a class="headerlink" href="#t">#</a></h1>'
            "<p>One two<br>three 四五。</p><details><summary>How this was computed</summary>exp_firms_h1</details>"
            "<script>var x = 1;</script><img alt=\"picture\"><p>six</p></article><footer>Next page</footer>")
    text = editorial.reading_line(html)
    assert text == "Title One two three 四五。 six"
    assert editorial.count(text, "en") == 5 and editorial.count(text, "zh") == 2


def test_caveats_are_counted_without_case():
    assert editorial.phrase_counts("Not reported. It was not reported; 未报道。", ("not reported", "未报道", "no base")) \
        == {"not reported": 2, "未报道": 1}


@pytest.mark.slow
def test_chapters_keep_their_length_say_each_caveat_at_most_twice_and_show_no_analyst_detail(built_site):
    counts = editorial.measure(built_site.site)
    assert len(counts) == 8
    problems = []
    for c in counts:
        if c.length > c.limit:
            problems.append(f"{c.edition}/{c.chapter}: {c.length} {editorial.UNITS[c.edition]}, limit {c.limit}")
        problems += [f"{c.edition}/{c.chapter}: {phrase!r} {n} times" for phrase, n in c.repeated.items()]
        problems += [f"{c.edition}/{c.chapter}: fact id {i} visible" for i in c.visible_ids]
        problems += [f"{c.edition}/{c.chapter}: parameter {p} visible" for p in c.visible_parameters]
    for edition, limit in editorial.TOTAL_LIMITS.items():
        total = sum(c.length for c in counts if c.edition == edition)
        if total > limit:
            problems.append(f"{edition}: chapters total {total} {editorial.UNITS[edition]}, limit {limit}")
    assert problems == []


def test_ids_and_parameters_are_flagged_only_outside_folded_blocks(tmp_path):
    for edition in ("en", "zh"):
        for chapter in editorial.CHAPTERS:
            page = tmp_path / edition / f"{chapter}.html"
            page.parent.mkdir(exist_ok=True)
            page.write_text('<article class="bd-article"><p>Words.</p>'
                            "<details><summary>x</summary>exp_firms_h1 chart_format='svg'</details></article>",
                            encoding="utf-8")
    (tmp_path / "en" / "export.html").write_text(
        '<article class="bd-article"><p>See exp_firms_h1 and ctx_logistics_5a, run with lang=\'en\' and '
        "chart_format; the source said so.</p></article>", encoding="utf-8")
    counts = {(c.edition, c.chapter): c for c in editorial.measure(tmp_path)}
    export = counts["en", "export"]
    assert (export.visible_ids, export.visible_parameters) == (["ctx_logistics_5a", "exp_firms_h1"],
                                                               ["chart_format", "lang"])
    assert all(not (c.visible_ids or c.visible_parameters) for key, c in counts.items() if key != ("en", "export"))
    text, ok = editorial.report(list(counts.values()))
    assert not ok and "export FACT IDS VISIBLE: ctx_logistics_5a, exp_firms_h1" in text
