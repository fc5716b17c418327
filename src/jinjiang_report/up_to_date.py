"""A build with nothing to do stops early: the same inputs, the same version, the same site in place.

Each successful build records what it started from (the fingerprint of its inputs, see
``warm_start``), where it published, the size and time of every file of that site and of the
build folder's stores (cached runs, executed notebooks, verified ledgers, the editions' books), and
the version its ``manifest.json`` names. When a new build starts from the same fingerprint,
publishes to the same place, finds every one of those files as it was left and the checkout at the
same version (commit and uncommitted changes), and is not asked for more (``--force``,
``--since``), everything it would do would reproduce what is there: it runs nothing, rebuilds
nothing and publishes nothing. It still writes its run report, every notebook cached, as the full
path would. A store damaged or edited by hand is not trusted: the full path checks and redoes it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from typing import TYPE_CHECKING

from .files import file_stats, write_atomically
from .project import Project

if TYPE_CHECKING:
    from .runs.report import RunReport

RECORD = "last-publish.json"
# The build folder's stores a build reads back; not its reports, which every build rewrites.
STORES = ("cache", "executed", "verified", "editions", "published", "fonts", "review")
MANIFEST = "manifest.json"  # publish/manifest.py's MANIFEST_FILE; not imported: this check runs before the
# build's helper processes start, and every import here delays them


def _stamp(project: Project, site: Path) -> str:
    """One digest of the path, size and time of every file of ``site`` and of the build's stores
    (no file is read)."""
    folders = [site, *(project.build / store for store in STORES)]
    return hashlib.sha256(json.dumps([file_stats(folder) for folder in folders]).encode()).hexdigest()


def record_publish(project: Project, out: Path, inputs: str) -> None:
    """Remember a successful build: its inputs, its site's files and the version the site names."""
    try:
        version = json.loads((out / MANIFEST).read_text(encoding="utf-8")).get("version", {})
        record = {"inputs": inputs, "site": str(out), "files": _stamp(project, out), "version": version}
    except (OSError, ValueError, AttributeError):
        (project.build / RECORD).unlink(missing_ok=True)
        return
    write_atomically(project.build / RECORD, json.dumps(record, sort_keys=True))


def still_published(project: Project, out: Path, inputs: str) -> bool:
    """Whether the last successful build started from ``inputs``, published to ``out``, and both its
    site and the checkout's version are as it left them."""
    try:
        record = json.loads((project.build / RECORD).read_text(encoding="utf-8"))
        if record["inputs"] != inputs or record["site"] != str(out) or record["files"] != _stamp(project, out):
            return False
    except (OSError, ValueError, KeyError, TypeError):
        return False
    from .publish.version import Version, read_version

    return Version.from_dict(record["version"]) == read_version(project.root)


def report_all_cached(project: Project) -> RunReport:
    """The last build's run report with every notebook as a no-op build reports it: cached."""
    from .runs.report import RunReport, read_run_report, write_run_report

    last = read_run_report(project.build)
    notebooks = [{**entry, "status": "cached", "seconds": 0.0, "timings": {}, "error": ""} for entry in last.notebooks]
    report = RunReport(last.kernel, last.versions, notebooks)
    write_run_report(report, project.build)
    return report
