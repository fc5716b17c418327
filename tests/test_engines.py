"""The plain and the fast engine: one switch, a fallback where fast cannot run, the same bytes."""

from __future__ import annotations

import os
import re

import pytest

from conftest import EDITIONS, PROJECT, THEMES, file_digests

from jinjiang_report import engines
from jinjiang_report.engines import choose_engine, engine_asked
from jinjiang_report.errors import UsageError


def test_the_option_wins_over_the_environment_and_fast_is_the_default(monkeypatch):
    monkeypatch.delenv(engines.ENGINE_VARIABLE, raising=False)
    assert engine_asked() == "fast"
    monkeypatch.setenv(engines.ENGINE_VARIABLE, "plain")
    assert engine_asked() == "plain" and engine_asked("fast") == "fast"
    assert choose_engine()[0].name == "plain"


def test_an_unknown_engine_is_one_line_naming_both_places(monkeypatch):
    monkeypatch.setenv(engines.ENGINE_VARIABLE, "turbo")
    with pytest.raises(UsageError, match=r"unknown engine 'turbo' \(from --engine or JINJIANG_ENGINE\); "
                                         r"choose one of: plain, fast"):
        choose_engine()


@pytest.mark.parametrize("missing", ["pidfd_open", "fork"])
def test_where_fast_cannot_run_the_build_says_so_and_uses_plain(monkeypatch, missing):
    monkeypatch.delattr(os, missing)
    engine, note = choose_engine("fast")
    assert engine.name == "plain"
    assert note == (f"note: the fast engine cannot run here (this Python has no os.{missing}); "
                    "building with the plain engine")


def test_not_linux_means_plain(monkeypatch):
    monkeypatch.setattr(engines.sys, "platform", "darwin")
    engine, note = choose_engine("fast")
    assert engine.name == "plain" and note is not None and "it needs Linux, this is darwin" in note


def without_durations(html: bytes) -> bytes:
    """An execution report with each run's duration blanked: the one thing two builds may differ in."""
    return re.sub(rb'(data-label="(?:Duration \(s\)|\xe8\x80\x97\xe6\x97\xb6\xef\xbc\x88\xe7\xa7\x92\xef\xbc\x89)">)'
                  rb'[0-9.]*<', rb"\1<", html)


@pytest.mark.slow
def test_plain_and_fast_publish_the_same_bytes(tmp_path):
    """Both built in this process through the Python API; every published file compared byte for byte
    (execution reports with their durations blanked)."""
    from jinjiang_report.pipeline import BuildOptions, build
    from jinjiang_report.runs.report import read_run_report

    sites = {}
    working_folder = os.getcwd()
    for name in ("plain", "fast"):
        result = build(PROJECT.with_build(tmp_path / f"build-{name}"),
                       BuildOptions(tmp_path / f"site-{name}", jobs=2, engine=name))
        assert result.engine == name and result.notes == [] and os.getcwd() == working_folder
        assert result.report == read_run_report(tmp_path / f"build-{name}")  # the one written, handed on in memory
        assert [r["status"] for r in result.report.notebooks] == ["executed"] * len(THEMES) * len(EDITIONS)
        sites[name] = result.site
    plain, fast = file_digests(sites["plain"]), file_digests(sites["fast"])
    assert plain.keys() == fast.keys()
    reports = {f"{code}/execution-report.html" for code in EDITIONS}
    assert sorted(name for name in plain if plain[name] != fast[name] and name not in reports) == []
    for name in reports:
        assert without_durations((sites["plain"] / name).read_bytes()) != (sites["plain"] / name).read_bytes()
        assert without_durations((sites["plain"] / name).read_bytes()) == \
            without_durations((sites["fast"] / name).read_bytes())


def test_an_install_without_the_provisioner_runs_fresh_kernels_and_says_so(monkeypatch, capsys):
    from jinjiang_report.runs import kernels

    assert kernels.provisioner_registered()  # this install has it (pyproject.toml's entry point)
    monkeypatch.setattr(kernels, "provisioner_registered", lambda: False)
    forked = kernels.ForkedKernels()
    forked.prepare(pending=3, workers=1)
    assert forked.template.address is None and not forked.template.started
    assert "the forked-kernel provisioner is not registered" in capsys.readouterr().err
