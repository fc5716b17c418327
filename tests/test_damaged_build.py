"""A damaged build folder is detected, not trusted: a cache entry, the verified ledger's snapshot,
the run report, the publish record or the built HTML cut short or edited is redone, never published."""

import json
from pathlib import Path

import pytest

from conftest import file_digests, ledger, run_cli
from test_faults import published  # noqa: F401  (a fixture)

from jinjiang_report.errors import DamagedBuildFile
from jinjiang_report.facts.snapshot import _read_sealed, write_snapshot
from jinjiang_report.files import sealed_json, unsealed_json
from jinjiang_report.publish.site import _read_record
from jinjiang_report.runs import cache
from jinjiang_report.runs.report import RunReport, read_run_report, write_run_report


def test_a_cache_entry_is_trusted_only_with_its_digest(tmp_path):
    entry = cache.store_entry(tmp_path, "k1", '{"cells": []}\n')
    assert cache.load_entry(tmp_path, "k1") == b'{"cells": []}\n'
    assert cache.load_entry(tmp_path, "k2") is None
    entry.write_bytes(b'{"cells": [')  # cut short
    assert cache.load_entry(tmp_path, "k1") is None
    assert not entry.exists()  # removed: the run is redone


def test_storing_an_entry_drops_the_older_ones(tmp_path):
    cache.store_entry(tmp_path, "k1", "one")
    newest = cache.store_entry(tmp_path, "k2", "two")
    assert list(tmp_path.iterdir()) == [newest]


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],
    lambda text: text.replace('"executed"', '"cached"'),
    lambda text: json.dumps({k: v for k, v in json.loads(text).items() if k != "sha256"}),
], ids=["cut short", "edited", "no digest"])
def test_a_damaged_run_report_is_not_read(tmp_path, damage):
    write_run_report(RunReport("k", {"python": "3"}, [{"theme": "t", "status": "executed"}]), tmp_path)
    assert read_run_report(tmp_path).notebooks == [{"theme": "t", "status": "executed"}]
    path = tmp_path / "run-report.json"
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DamagedBuildFile) as damaged:
        read_run_report(tmp_path)
    assert str(damaged.value) == (f"{path}: missing, cut short or edited since the runs wrote it (its digest does "
                                  "not match); build again, and nothing is published from it")


def test_an_edited_ledger_snapshot_is_verified_again(tmp_path):
    path = tmp_path / "verified" / "inputs.json"
    write_snapshot(path, ledger())
    [written] = path.parent.iterdir()
    assert _read_sealed(path) == written.read_bytes()
    written.write_bytes(written.read_bytes().replace(b'"value": "233"', b'"value": "234"'))
    assert _read_sealed(path) is None
    assert list(path.parent.iterdir()) == []


def test_an_edited_publish_record_is_not_trusted(tmp_path):
    record = tmp_path / "record"
    record.write_text(sealed_json({"pages": "p", "site": "s"}), encoding="utf-8")
    assert _read_record(record) == {"pages": "p", "site": "s"}
    record.write_text(record.read_text(encoding="utf-8").replace('"p"', '"q"'), encoding="utf-8")
    assert _read_record(record) == {}
    assert unsealed_json("not json") is None


@pytest.mark.slow
def test_a_damaged_build_folder_is_redone_and_never_published(published, tmp_path):
    build = tmp_path / "build"
    first = run_cli("build", "--out", str(published), build_dir=build)
    assert first.returncode == 0, first.stderr
    good = {name: digest for name, digest in file_digests(published).items() if "execution-report" not in name}
    [hospital] = (build / "cache" / "hospital-en").glob("*.ipynb")
    hospital.write_bytes(hospital.read_bytes()[:1000])  # an interrupted write
    [export] = (build / "cache" / "export-zh").glob("*.ipynb")
    text = export.read_text(encoding="utf-8")
    edited = text.replace("export", "exp0rt")
    assert edited != text
    export.write_text(edited, encoding="utf-8")  # a hand edit
    executed = build / "executed" / "en" / "livelihood.ipynb"
    executed.write_bytes(executed.read_bytes()[:500])
    snapshots = list((build / "verified").glob("*.json"))
    assert snapshots
    for snapshot in snapshots:  # numbers a kernel would show
        text = snapshot.read_text(encoding="utf-8")
        assert '"value": "233"' in text
        snapshot.write_text(text.replace('"value": "233"', '"value": "234"'), encoding="utf-8")
    page = build / "editions" / "en" / "jupyter-book" / "_build" / "html" / "hospital.html"
    page.write_text(page.read_text(encoding="utf-8") + "<p>edited</p>", encoding="utf-8")
    for record in (build / "published").iterdir():
        record.write_text(record.read_text(encoding="utf-8").replace('"site": "', '"site": "0'), encoding="utf-8")
    again = run_cli("build", "--out", str(published), build_dir=build)
    assert again.returncode == 0, again.stderr
    statuses = {(r["theme"], r["edition"]): r["status"]
                for r in json.loads((build / "run-report.json").read_text(encoding="utf-8"))["notebooks"]}
    assert {run for run, status in statuses.items() if status == "executed"} == {("hospital", "en"), ("export", "zh")}
    assert {name: digest for name, digest in file_digests(published).items() if "execution-report" not in name} == good
    assert json.loads(executed.read_text(encoding="utf-8"))["cells"]
