"""Path options mean what they say from the folder the command is typed in."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, run_cli

from jinjiang_report.project import Project


def test_path_options_are_absolute_once_parsed(tmp_path, monkeypatch):
    from jinjiang_report.cli import absolute_path, make_parser

    monkeypatch.chdir(tmp_path)
    parser = make_parser(Project.at(ROOT))
    assert parser.parse_args(["build", "--out", "public"]).out == tmp_path / "public"
    pdf = parser.parse_args(["pdf", "--site", "s", "--out-dir", "o"])
    assert (pdf.site, pdf.out_dir) == (tmp_path / "s", tmp_path / "o")
    assert absolute_path("/x/y") == absolute_path("/x/y").absolute()


@pytest.mark.slow
def test_a_relative_out_with_parallel_runs_publishes_where_asked(tmp_path):
    """Notebooks run in their own folder; the build's working folder never moves (it did, from
    several threads at once, and the site landed below the notebooks)."""
    notebooks, here = tmp_path / "notebooks", tmp_path / "here"
    shutil.copytree(ROOT / "notebooks", notebooks)
    here.mkdir()
    result = run_cli("build", "--out", "public", "-j", "2", build_dir=tmp_path / "build", cwd=here,
                     env={"JINJIANG_REPORT_NOTEBOOKS": str(notebooks)})
    assert result.returncode == 0, result.stderr
    assert (here / "public" / "index.html").is_file()
    assert not (notebooks / "public").exists()


@pytest.mark.slow
def test_notebook_runs_never_move_the_working_folder_of_the_build(tmp_path, monkeypatch):
    """Runs share one process: a chdir from one run's thread moves every other thread too."""
    import os

    from conftest import PROJECT, THEMES
    from jinjiang_report.runs.runner import execute_plan, plan_runs

    moves: list[str] = []
    monkeypatch.setattr(os, "chdir", lambda path: moves.append(str(path)))
    project = PROJECT.with_build(tmp_path / "build")
    plan = plan_runs(project, THEMES, ["hospital"], {}, ["en", "zh"])
    runs = execute_plan(project, plan, jobs=2, force=True)
    assert [run.status for run in runs] == ["executed", "executed"]
    assert moves == []
