"""A build with nothing to do stops early, and only then: a new commit, a touched site or --force
each make it build again (up_to_date.py)."""

import json
import subprocess

import pytest

from conftest import ROOT, run_cli

pytestmark = pytest.mark.slow


def statuses(build) -> set[str]:
    return {n["status"] for n in json.loads((build / "run-report.json").read_text(encoding="utf-8"))["notebooks"]}


def test_only_a_build_with_nothing_to_do_stops_early(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    git = ["git", "-C", str(clone), "-c", "user.name=Reviewer", "-c", "user.email=reviewer@example.org"]
    env = {"JINJIANG_REPORT_ROOT": str(clone)}
    build, site = tmp_path / "build", tmp_path / "site"

    def rebuild(*extra: str):
        done = run_cli("build", "--out", str(site), *extra, build_dir=build, env=env, cwd=clone)
        assert done.returncode == 0, done.stderr
        timings = json.loads((build / "build-timings.json").read_text(encoding="utf-8"))
        return done.stdout, timings["steps"]

    rebuild()
    intro = site / "en" / "intro.html"
    before = intro.stat().st_mtime_ns
    out, steps = rebuild()
    assert steps == {} and "nothing since the site it replaces" in out  # stopped early
    assert statuses(build) == {"cached"} and intro.stat().st_mtime_ns == before

    subprocess.run([*git, "commit", "--quiet", "--allow-empty", "-m", "A new commit, same files"], check=True)
    out, steps = rebuild()
    head = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    assert "publish" in steps and f"Built from commit {head[:12]}" in intro.read_text(encoding="utf-8")

    (site / "en" / "search.html").unlink()  # the published site damaged by hand
    _, steps = rebuild()
    assert "publish" in steps and (site / "en" / "search.html").is_file()

    _, steps = rebuild("--force")
    assert "notebook runs" in steps and statuses(build) == {"executed"}

