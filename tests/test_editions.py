"""Editions (editions.py): each keeps its own language's cells and page blocks, and the shared ones."""

import pytest

from conftest import EDITIONS, ROOT
from jinjiang_report.editions import cell_language, keep_language, page_blocks, page_for, page_line_map

PAGE = """# Shared title

Shared text.
+++ {"tags": ["lang-en"]}
English one.
+++ {"tags": ["lang-zh"]}
中文一。
+++ {"tags": ["lang-en"]}
English two."""


def cell(tags, source="x"):
    return {"cell_type": "markdown", "metadata": {"tags": tags}, "source": source}


def test_cells_are_kept_by_language():
    cells = [cell([]), cell(["lang-en"], "en"), cell(["lang-zh"], "zh"), cell(["remove-input", "lang-zh"], "zh2"),
             {"cell_type": "code", "metadata": {}, "source": "1"}]
    assert [cell_language(c) for c in cells] == [None, "en", "zh", "zh", None]
    assert [c["source"] for c in keep_language(cells, "en")] == ["x", "en", "1"]
    assert [c["source"] for c in keep_language(cells, "zh")] == ["x", "zh", "zh2", "1"]


def test_pages_are_split_at_block_breaks():
    assert page_blocks(PAGE) == [(None, "# Shared title\n\nShared text.\n"), ("en", "English one.\n"),
                                 ("zh", "中文一。\n"), ("en", "English two.")]
    assert page_for(PAGE, "en") == "# Shared title\n\nShared text.\nEnglish one.\nEnglish two.\n"
    assert page_for(PAGE, "zh") == "# Shared title\n\nShared text.\n中文一。\n"


def test_each_line_of_an_edition_maps_back_to_the_page():
    assert page_line_map(PAGE, "en") == [1, 2, 3, 5, 9]
    assert page_line_map(PAGE, "zh") == [1, 2, 3, 7]


@pytest.mark.parametrize("name", ["intro.md", "methods.md"])
def test_the_books_pages_map_line_for_line(name):
    text = (ROOT / "book" / name).read_text(encoding="utf-8")
    source = text.splitlines()
    for code in EDITIONS:
        kept, lines = page_for(text, code).splitlines(), page_line_map(text, code)
        assert len(kept) == len(lines) and all(kept[i] == source[lines[i] - 1] for i in range(len(kept)))
