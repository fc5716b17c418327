"""No broken internal link or anchor in the built book (both editions, the switcher, the annotated source)."""

import pytest

from links import check_links


@pytest.mark.slow
def test_no_broken_internal_link_or_anchor(built_site):
    report = check_links(built_site.site)
    assert report.broken == []
    assert report.pages > 20 and report.links > 1000  # both editions were reached, with their fact links


def test_the_check_finds_a_broken_anchor_and_a_missing_page(tmp_path):
    (tmp_path / "a.html").write_text('<html><body><a href="b.html#here">ok</a><a href="b.html#nowhere">bad</a>'
                                     '<a href="missing.html">gone</a><a href="#top">top</a>'
                                     '<a href="https://example.org/x#y">outside</a>'
                                     '<img src="data:image/png;base64,AAAA"></body></html>')
    (tmp_path / "b.html").write_text('<html><body><h1 id="here">B</h1></body></html>')
    report = check_links(tmp_path, start="a.html")
    assert report.broken == ["a.html: b.html#nowhere: no anchor 'nowhere' in b.html",
                             "a.html: missing.html: no such file",
                             "a.html: #top: no anchor 'top' in a.html"]
    assert (report.pages, report.links) == (2, 4)
