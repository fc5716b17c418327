"""The Chinese font the site ships: only the subset, covering every character the book shows, the
same bytes every time, loaded by a synchronous script in every page's <head>."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from pylopdf_fonts_zh_cn import sans_path

from conftest import EDITIONS
from jinjiang_report.publish.fonts import (LOADER_FILE, SUBSET_FILE, cached_subset, chinese_characters,
                                           font_characters, loader_script, site_texts, subset_woff,
                                           unicode_range)

FONT = Path(sans_path())


def test_only_characters_of_the_chinese_range_are_collected():
    assert chinese_characters(["Jinjiang 晋江，“经验”。", "ＡＢ 晋"]) == "".join(sorted("“”。晋江经验，ＡＢ"))


def test_unicode_range_merges_runs_of_code_points():
    assert unicode_range("一丁七晋") == "U+4E00-4E01, U+4E03, U+664B"
    assert unicode_range("") == ""


def test_the_subset_is_deterministic_and_covers_its_characters(tmp_path):
    characters = "晋江经验“”。，"
    first, mapped, cached = cached_subset(FONT, characters, tmp_path)
    assert not cached
    again, mapped_again, cached = cached_subset(FONT, characters, tmp_path)
    assert cached and again == first and mapped_again == mapped
    assert subset_woff(FONT, characters) == first  # cut afresh: the same bytes
    assert first[:4] == b"wOFF"
    assert mapped == font_characters(first)
    assert set(characters) <= set(mapped)


def test_the_loader_registers_the_font_from_its_bytes():
    script = loader_script(b"\x00\x01", "晋江")
    assert 'new FontFace("Noto Sans SC Report", bytes' in script
    assert 'atob("AAE=")' in script and '"U+664B, U+6C5F"' in script


class HeadScripts(HTMLParser):
    """The src of every <script> in <head>, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.in_head, self.scripts = False, []

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        elif tag == "script" and self.in_head:
            self.scripts.append(dict(attrs))

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


@pytest.mark.slow
def test_the_site_ships_the_subset_and_loads_it_first_thing(built_site):
    site = built_site.site
    assert not list(site.rglob("*.otf")), "the full font must not be published"
    for code in EDITIONS:
        woff = (site / code / "_static" / SUBSET_FILE).read_bytes()
        assert len(woff) < 400_000
        assert set(chinese_characters(site_texts(site))) <= set(font_characters(woff))
    # every page a reader sees: not template fragments under _static, not each edition's
    # index.html (a redirect stub that shows nothing)
    pages = [p for p in site.rglob("*.html")
             if "_static" not in p.parts and (p.parent == site or p.name != "index.html")]
    assert len(pages) > 20
    for page in pages:
        parser = HeadScripts()
        parser.feed(page.read_text(encoding="utf-8"))
        loaders = [s for s in parser.scripts if (s.get("src") or "").split("?")[0].endswith(f"_static/{LOADER_FILE}")]
        assert len(loaders) == 1, page
        assert not {"defer", "async", "type"} & set(loaders[0]), f"{page}: {loaders[0]}"


def test_the_sites_characters_are_kept_per_file_and_an_unchanged_file_is_not_read_again(tmp_path, monkeypatch):
    from jinjiang_report.publish import fonts

    site, kept = tmp_path / "site", tmp_path / "fonts" / "site-characters.json"
    (site / "en" / "_static").mkdir(parents=True)
    (site / "en" / "intro.html").write_text("<p>晋江&#x7ECF;验</p>", encoding="utf-8")
    (site / "en" / "_static" / "searchindex.js").write_text('Search.setIndex({"t": "\\u75c5\\u623f"})', encoding="utf-8")
    (site / "en" / "_static" / LOADER_FILE).write_text('"\\u5c3a"', encoding="utf-8")  # skipped, as by site_texts
    assert fonts.site_characters(site, kept) == chinese_characters(site_texts(site)) == "".join(sorted("晋江经验病房"))
    (site / "en" / "intro.html").write_text("<p>无陪护</p>", encoding="utf-8")
    read: list[str] = []
    real = fonts._shown_text
    monkeypatch.setattr(fonts, "_shown_text", lambda path: read.append(path.name) or real(path))
    assert fonts.site_characters(site, kept) == "".join(sorted("无陪护病房"))
    assert read == ["intro.html"]
    kept.write_text("{not json", encoding="utf-8")  # a damaged record: every file read again
    assert fonts.site_characters(site, kept) == "".join(sorted("无陪护病房"))
    assert read == ["intro.html", "intro.html", "searchindex.js"]
