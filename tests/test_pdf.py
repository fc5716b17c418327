"""One command prints the whole book to PDF through Chromium: titles, Chinese text and figures are in it."""

import re
import unicodedata

import pytest

from conftest import EDITIONS, ROOT, THEMES, need, run_cli
from jinjiang_report.editions import page_for

from jinjiang_report.publish.browser import INSTALL_HINT, chromium_path

pytestmark = [pytest.mark.slow, pytest.mark.browser]

from pypdf import PdfReader  # noqa: E402


@pytest.fixture(autouse=True, scope="module")
def chromium_installed():
    need(chromium_path() is not None, f"Chromium not found: {INSTALL_HINT}")


@pytest.fixture(scope="module")
def pdfs(built_site, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    result = run_cli("pdf", "--site", str(built_site.site), "--out-dir", str(out), build_dir=built_site.build_dir)
    assert result.returncode == 0, result.stderr
    return {code: PdfReader(out / f"jinjiang-report-{code}.pdf") for code in EDITIONS}


@pytest.fixture(scope="module")
def pdf(pdfs):
    return pdfs["en"]


# Chromium's PDF text layer maps some CJK glyphs to radicals that look the same: Kangxi radicals
# (⽇ for 日), which NFKC folds back, and CJK Radicals Supplement forms, which it does not.
RADICAL_SUPPLEMENT = str.maketrans("⺟⺠⻄⻅⻉⻋⻓⻔⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻨⻩⻬⻮⻰⻳",
                                   "母民西见贝车长门青韦页风飞食马骨鬼鱼鸟麦黄齐齿龙龟")


def squeezed_text(reader) -> str:
    text = unicodedata.normalize("NFKC", "".join(page.extract_text() for page in reader.pages))
    return re.sub(r"\s+", "", text.translate(RADICAL_SUPPLEMENT))


def book_page_titles(lang: str) -> list[str]:
    """The titles of the book's own pages (intro, methods) in one edition, squeezed like the PDF text."""
    titles = []
    for name in ("intro.md", "methods.md"):
        page = page_for((ROOT / "book" / name).read_text(encoding="utf-8"), lang)
        heading = next(line for line in page.splitlines() if line.startswith("# "))
        titles.append(re.sub(r"\s+", "", heading[2:].replace('"', "“", 1).replace('"', "”", 1)))
    return titles


def test_every_chapter_title_is_in_the_pdf(pdf):
    text = squeezed_text(pdf)
    for title in [*book_page_titles("en"), "Thesource,annotated", "Sourcesandfacts",
                  "Executionreport", *[t.title["en"].replace(" ", "") for t in THEMES.values()]]:
        assert title in text, title


def test_the_chinese_edition_prints_in_chinese(pdfs):
    text = squeezed_text(pdfs["zh"])
    for title in [*book_page_titles("zh"), "原文与标注", "来源与事实", "执行报告", *[t.title["zh"] for t in THEMES.values()]]:
        assert title in text, title
    for phrase in ["获得授信超39.41亿元", "不等于实际放款"]:
        assert unicodedata.normalize("NFKC", phrase) in text, phrase


def test_chinese_text_is_extractable(pdf):
    text = squeezed_text(pdf)
    for phrase in ["无陪护", "晋江市第二医院", "获得授信超39.41亿元", "全球每8个人就有1人穿晋江内坑拖鞋"]:
        assert phrase in text, phrase


def test_charts_are_drawn(pdf, built_site):
    captions = [re.sub(r"<[^>]+>", "", caption)[:40]
                for t in THEMES.values()
                for caption in re.findall(r"<figcaption>(.*?)</figcaption>",
                                          (built_site.site / "en" / f"{t.name}.html").read_text(encoding="utf-8"), re.S)]
    # Chapters show a chart only where it shows something from the page; each one shown is in the PDF.
    def letters(text: str) -> str:
        return re.sub(r"[^A-Za-z]", "", unicodedata.normalize("NFKC", text))  # ﬁ -> fi

    pages = [(letters(page.extract_text()), len(re.findall(rb" c\n", page.get_contents().get_data())))
             for page in pdf.pages]
    for caption in captions:  # a chart is hundreds of curves; it sits on its caption's page or the one before
        words = letters(caption)
        found = [i for i, (text, _) in enumerate(pages) if words in text]
        assert found, caption
        assert max(pages[found[0]][1], pages[found[0] - 1][1]) >= 400, caption


def test_pdf_without_a_site_is_a_clear_error(tmp_path):
    result = run_cli("pdf", "--site", str(tmp_path / "nothing"), "--out-dir", str(tmp_path),
                     build_dir=tmp_path / "build")
    assert result.returncode == 1
    assert result.stderr.strip() == (f"error: {tmp_path / 'nothing' / 'en'} has no intro.html; build the book "
                                     "first (jinjiang-report build)")
