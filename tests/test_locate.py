"""Failures and warnings named where the analyst edits: the stored notebook's cell, its id and the line."""

import json

from jinjiang_report.project import Project
from jinjiang_report.publish.locate import source_warning
from jinjiang_report.runs.locate import failure_place, traceback_line

STORED = [{"cell_type": "markdown", "id": "title-en", "source": "# T"},
          {"cell_type": "markdown", "id": "title-zh", "source": "# 标"},
          {"cell_type": "code", "id": "params", "source": "lang = 'en'"},
          {"cell_type": "code", "id": "setup", "source": "x = 1\nraise ValueError('no')"},
          {"cell_type": "markdown", "id": "text-en", "source": "One.\n\nSee {ref}`nowhere`."},
          {"cell_type": "markdown", "id": "text-zh", "source": "见{ref}`nowhere`。"}]

TRACEBACK = ["\x1b[0;31m-------\x1b[0m", "\x1b[0;31mValueError\x1b[0m  Traceback (most recent call last)",
             "Cell \x1b[0;32mIn[4], line 2\x1b[0m\n\x1b[1;32m      1\x1b[0m x = 1\n\x1b[0;32m----> 2\x1b[0m raise",
             "File \x1b[0;32m/x/y.py:9\x1b[0m, in \x1b[0;36mf\x1b[0m",
             "Cell \x1b[0;32mIn[2], line 7\x1b[0m"]


def test_the_line_is_the_failing_cells_own_frame():
    assert traceback_line(TRACEBACK, 4) == 2
    assert traceback_line(TRACEBACK, 9) == 2  # no frame of that count: the first cell frame
    assert traceback_line(["no frames"], 4) is None


def test_a_failure_is_named_by_position_among_all_cells_and_id():
    assert failure_place("notebooks/x.ipynb", STORED, "setup", None, 2) == "notebooks/x.ipynb: cell 4 (id setup), line 2"
    assert failure_place("notebooks/x.ipynb", STORED, None, "x = 1\nraise ValueError('no')", None) == \
        "notebooks/x.ipynb: cell 4 (id setup)"
    assert failure_place("notebooks/x.ipynb", STORED, "injected-parameters", "lang = 'zh'", 1) == \
        "notebooks/x.ipynb: a cell papermill added"


def test_a_myst_nb_warning_is_mapped_from_the_staged_copy_to_the_stored_notebook(tmp_path):
    project = Project.at(tmp_path)
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "x.ipynb").write_text(json.dumps({"cells": STORED}), encoding="utf-8")
    book_src = tmp_path / "build" / "editions" / "en" / "book-src"
    book_src.mkdir(parents=True)
    gathered = [STORED[0], STORED[2], {"cell_type": "code", "id": "injected-parameters", "source": "lang = 'en'"},
              STORED[3], STORED[4]]  # one language's cells, and papermill's
    (book_src / "x.ipynb").write_text(json.dumps({"cells": gathered}), encoding="utf-8")
    warning = f"{book_src}/x.ipynb:50004: WARNING: undefined label: 'nowhere' [ref.ref]"
    assert source_warning(warning, book_src, project, "en") == \
        "notebooks/x.ipynb: cell 5 (id text-en), line 3: undefined label: 'nowhere' [ref.ref]"
    other = "/elsewhere/page.md:3: WARNING: something"
    assert source_warning(other, book_src, project, "en") == other


def test_a_page_warning_is_mapped_to_the_books_page(tmp_path):
    project = Project.at(tmp_path)
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "intro.md").write_text('# Shared\n+++ {"tags": ["lang-zh"]}\n中文\n+++ {"tags": ["lang-en"]}\n'
                                                "English\nSee {ref}`x`.\n", encoding="utf-8")
    book_src = tmp_path / "book_src"
    book_src.mkdir()
    (book_src / "intro.md").write_text("# Shared\nEnglish\nSee {ref}`x`.\n", encoding="utf-8")
    assert source_warning(f"{book_src}/intro.md:3: WARNING: undefined label: 'x'", book_src, project, "en") == \
        "book/intro.md: line 6: undefined label: 'x'"


def test_papermills_cell_index_skips_its_error_markers(tmp_path):
    from jinjiang_report.runs.execute import _executed_cell_id

    marker = {"cell_type": "markdown", "id": "m", "metadata": {"tags": ["papermill-error-cell-tag"]}, "source": "!"}
    ran = [marker, STORED[0], STORED[1], STORED[2],
           {"cell_type": "code", "id": "injected-parameters", "metadata": {}, "source": "lang = 'zh'"},
           marker, STORED[3]]
    (tmp_path / "out.ipynb").write_text(json.dumps({"cells": ran}), encoding="utf-8")
    assert _executed_cell_id(tmp_path / "out.ipynb", 4, STORED[3]["source"]) == "setup"
    assert _executed_cell_id(tmp_path / "out.ipynb", 4, "other source") is None
    assert _executed_cell_id(tmp_path / "missing.ipynb", 4, "x") is None
