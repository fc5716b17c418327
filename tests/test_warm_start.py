"""The warm start's guess: the build's inputs (paths, sizes, times) and options against the last
finished build's."""

from __future__ import annotations

import os

import pytest

from jinjiang_report.project import Project
from jinjiang_report.warm_start import changed_since_last_build, inputs_fingerprint, record_finished_build

OPTIONS = {"out": "/srv/site"}


@pytest.fixture
def project(tmp_path):
    for folder in ("notebooks", "data", "book"):
        (tmp_path / folder).mkdir()
    (tmp_path / "notebooks" / "hospital.ipynb").write_text("{}", encoding="utf-8")
    (tmp_path / "data" / "facts.csv").write_text("id\n", encoding="utf-8")
    (tmp_path / "_config.yml").write_text("title: t\n", encoding="utf-8")
    return Project.at(tmp_path)


def touch_later(path, text):
    stat = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_the_same_inputs_give_the_same_fingerprint_and_an_edit_another(project):
    first = inputs_fingerprint(project, OPTIONS, {})
    assert inputs_fingerprint(project, OPTIONS, {}) == first
    touch_later(project.notebooks / "hospital.ipynb", '{"cells": []}')
    edited = inputs_fingerprint(project, OPTIONS, {})
    assert edited != first
    touch_later(project.data / "facts.csv", "id\nx\n")
    assert inputs_fingerprint(project, OPTIONS, {}) != edited
    assert inputs_fingerprint(project, {"out": "/srv/other"}, {}) != inputs_fingerprint(project, OPTIONS, {})
    assert inputs_fingerprint(project, OPTIONS, {"decimals": "1"}) != inputs_fingerprint(project, OPTIONS, {})


def test_a_ledger_given_as_a_parameter_brings_in_the_files_beside_it(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("ledger")
    (elsewhere / "facts.csv").write_text("id\n", encoding="utf-8")
    (elsewhere / "sources").mkdir()
    parameters = {"ledger": str(elsewhere / "facts.csv")}
    before = inputs_fingerprint(project, OPTIONS, parameters)
    (elsewhere / "assessments.csv").write_text("id\n", encoding="utf-8")
    assert inputs_fingerprint(project, OPTIONS, parameters) != before


@pytest.mark.parametrize("value", ["x" * 5000, "a\0b", "no/such/file.csv", ""])
def test_a_parameter_that_names_no_file_does_not_stop_the_guess(project, value):
    fingerprint = inputs_fingerprint(project, OPTIONS, {"note": value})
    assert len(fingerprint) == 64 and inputs_fingerprint(project, OPTIONS, {"note": value}) == fingerprint


def test_a_loop_of_links_among_the_inputs_does_not_stop_the_guess(project):
    before = inputs_fingerprint(project, OPTIONS, {})
    (project.notebooks / "loop").symlink_to(project.notebooks / "loop")
    assert inputs_fingerprint(project, OPTIONS, {}) != before


def test_bytecode_written_beside_the_package_is_not_a_change(project, monkeypatch, tmp_path_factory):
    import jinjiang_report.warm_start as warm_start

    package = tmp_path_factory.mktemp("package")
    (package / "module.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(warm_start, "PACKAGE_DIR", package)
    before = inputs_fingerprint(project, OPTIONS, {})
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "module.cpython-311.pyc").write_bytes(b"compiled")
    assert inputs_fingerprint(project, OPTIONS, {}) == before
    touch_later(package / "module.py", "x = 2\n")
    assert inputs_fingerprint(project, OPTIONS, {}) != before


def test_a_stylesheet_the_package_publishes_is_an_input(project, monkeypatch, tmp_path_factory):
    import jinjiang_report.warm_start as warm_start

    package = tmp_path_factory.mktemp("package")
    (package / "static").mkdir()
    (package / "static" / "review.css").write_text("a {}\n", encoding="utf-8")
    monkeypatch.setattr(warm_start, "PACKAGE_DIR", package)
    before = inputs_fingerprint(project, OPTIONS, {})
    touch_later(package / "static" / "review.css", "a { color: red }\n")
    assert inputs_fingerprint(project, OPTIONS, {}) != before


def test_a_build_counts_as_changed_until_one_finishes_from_the_same_inputs(project):
    inputs = inputs_fingerprint(project, OPTIONS, {})
    assert changed_since_last_build(project, inputs)  # no build has finished yet
    record_finished_build(project, inputs)
    assert not changed_since_last_build(project, inputs)
    touch_later(project.notebooks / "hospital.ipynb", '{"cells": [1]}')
    assert changed_since_last_build(project, inputs_fingerprint(project, OPTIONS, {}))


def test_a_link_to_nothing_among_the_inputs_does_not_stop_the_guess(project):
    before = inputs_fingerprint(project, OPTIONS, {})
    (project.notebooks / "gone.ipynb").symlink_to(project.root / "nowhere.ipynb")
    assert inputs_fingerprint(project, OPTIONS, {}) != before


def test_the_book_process_is_given_the_build_folder_and_finds_the_search_dictionaries_left_there(project, monkeypatch):
    from jinjiang_report.publish.jupyterbook import BookBuilder
    from jinjiang_report.warm_start import kept_search_dictionaries

    assert kept_search_dictionaries(project.build) == []
    kept = project.build / "editions" / "zh" / "search-dictionary.txt"
    kept.parent.mkdir(parents=True)
    kept.write_text("晋江 100 ns\n", encoding="utf-8")
    (project.build / "editions" / "en").mkdir()
    assert kept_search_dictionaries(project.build) == [kept]
    builder, started = BookBuilder(), []
    monkeypatch.setattr(builder.server, "start", lambda *args: started.append(args))
    builder.warm(project.build)
    assert started == [(str(project.build),)]
