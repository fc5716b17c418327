"""Clean notebooks (clean.py): outputs and run metadata stripped, stored as JupyterLab writes them."""

import json
import shutil

import nbformat
import pytest

from conftest import ROOT, THEMES
from jinjiang_report.clean import clean_file, clean_text
from jupyterlab_save import saved_after_run_all


def executed_in_place(text: str) -> str:
    """What a notebook looks like after running in JupyterLab with jupyterlab-myst and saving."""
    nb = json.loads(text)
    for cell in nb["cells"]:
        cell["source"] = "".join(cell["source"])  # one string per cell, as some tools write it
        if cell["cell_type"] == "code":
            cell["execution_count"] = 4
            cell["outputs"] = [{"output_type": "display_data", "data": {"image/svg+xml": "<svg/>"}, "metadata": {}}]
            cell["metadata"]["execution"] = {"iopub.execute_input": "2025-10-01T00:00:00Z"}
        else:
            cell["metadata"]["user_expressions"] = [{"expression": "x", "result": {"status": "ok"}}]
    nb["metadata"]["widgets"] = {"state": {}}
    nb["metadata"]["papermill"] = {"duration": 3.2}
    return json.dumps(nb)


@pytest.mark.parametrize("theme", list(THEMES))
def test_cleaning_an_executed_notebook_gives_back_the_stored_one(theme):
    stored = (ROOT / "notebooks" / THEMES[theme].notebook).read_text(encoding="utf-8")
    assert clean_text(executed_in_place(stored)) == stored
    assert clean_text(stored) == stored


def test_the_stored_form_is_what_nbformat_and_so_jupyterlab_writes():
    stored = (ROOT / "notebooks" / "export.ipynb").read_text(encoding="utf-8")
    cleaned = clean_text(executed_in_place(stored))
    assert nbformat.writes(nbformat.reads(cleaned, as_version=4)) + "\n" == cleaned


def test_outputs_on_a_markdown_cell_are_dropped_too():
    stored = (ROOT / "notebooks" / "export.ipynb").read_text(encoding="utf-8")
    nb = json.loads(stored)
    markdown = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
    markdown.update(outputs=[{"output_type": "stream", "name": "stdout", "text": "x"}], execution_count=3)
    assert clean_text(json.dumps(nb)) == stored


def test_text_that_is_not_a_notebook_passes_through():
    conflicted = '<<<<<<< HEAD\n{"cells": []}\n=======\n'
    assert clean_text(conflicted) == conflicted


def test_clean_file_touches_only_what_changes(tmp_path):
    path = tmp_path / "export.ipynb"
    shutil.copy(ROOT / "notebooks" / "export.ipynb", path)
    assert clean_file(path) is False
    path.write_text(executed_in_place(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert clean_file(path) is True
    assert path.read_bytes() == (ROOT / "notebooks" / "export.ipynb").read_bytes()


def test_the_kernels_language_info_is_not_kept():
    """JupyterLab writes the kernel's Python version and editor modes into language_info on every save;
    only the language's name is the notebook's (else git diff shows a hunk after the first save)."""
    stored = (ROOT / "notebooks" / "export.ipynb").read_text(encoding="utf-8")
    assert clean_text(saved_after_run_all(stored)) == stored
