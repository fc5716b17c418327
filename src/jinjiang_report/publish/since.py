"""The version named by ``--since``: an earlier site's manifest (a file, or a site folder holding
``manifest.json``), or a git ref, whose manifest is made by exporting that commit (``git archive``:
read-only, the repository is not touched) into a temporary folder and building it there.

A commit that has this module is built with its own code (what its readers saw); an older one with
this code. A ref's manifest is kept under ``build/review/since/<commit>.json``.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..files import write_atomically
from ..project import Project
from .version import Version
from .manifest import MANIFEST_FILE, manifest_json, read_manifest


def baseline(project: Project, since: str) -> tuple[dict[str, Any], str]:
    """The manifest ``since`` names and how to name it on the page."""
    found = next((p for p in (Path(since), project.resolve(since)) if p.exists()), None)
    if found is not None:
        manifest = read_manifest(found / MANIFEST_FILE if found.is_dir() else found)
        if manifest is None:
            raise UsageError(f"--since {since}: no site manifest there (a site's {MANIFEST_FILE}, or its folder)")
        return manifest, f"the site of {since}"
    commit = _git(project.root, "rev-parse", "--verify", "--quiet", f"{since}^{{commit}}")
    if commit is None:
        raise UsageError(f"--since {since}: neither a site manifest nor a git ref of {project.root}; "
                         "name a commit, branch or tag, or an earlier site's manifest.json")
    commit = commit.strip()
    cached = project.build / "review" / "since" / f"{commit}.json"
    manifest = read_manifest(cached)
    if manifest is None:
        manifest = _build_commit(project, commit, since)
        # The export is not a checkout: the version it was built from is the commit itself.
        date = (_git(project.root, "log", "-1", "--format=%cI", commit) or "").strip()
        manifest["version"] = Version(commit, date, False).as_dict()
        write_atomically(cached, manifest_json(manifest))
    return manifest, f"{since}"


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


def _build_commit(project: Project, commit: str, name: str) -> dict[str, Any]:
    """Export ``commit`` and build it in a temporary folder; its site's manifest."""
    with tempfile.TemporaryDirectory(prefix="jinjiang-since-") as folder:
        tree, build, site = Path(folder) / "tree", Path(folder) / "build", Path(folder) / "site"
        archive = subprocess.run(["git", "-C", str(project.root), "archive", "--format=tar", commit],
                                 capture_output=True, timeout=300)
        if archive.returncode != 0:
            raise UsageError(f"--since {name}: git archive failed: {archive.stderr.decode(errors='replace').strip()}")
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tree, filter="data")  # no path outside the folder, no special files
        env = {key: value for key, value in os.environ.items() if not key.startswith("JINJIANG_REPORT_")}
        env.update({"JINJIANG_REPORT_ROOT": str(tree), "JINJIANG_REPORT_BUILD": str(build)})
        if (tree / "src" / "jinjiang_report" / "publish" / "since.py").is_file():
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tree / "src"), env.get("PYTHONPATH")]))
        done = subprocess.run([sys.executable, "-m", "jinjiang_report.cli", "build", "--out", str(site)],
                              cwd=tree, env=env, capture_output=True, text=True, timeout=1800)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
            raise UsageError(f"--since {name}: building commit {commit[:12]} failed: {last}")
        manifest = read_manifest(site / MANIFEST_FILE)
        if manifest is None:
            raise UsageError(f"--since {name}: the build of commit {commit[:12]} wrote no {MANIFEST_FILE}")
        return manifest
