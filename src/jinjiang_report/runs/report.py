"""The run report: what each notebook run of a build did. Written by the runs, read by the book.

``build/run-report.json`` holds the kernel, the versions of the key packages and, per
notebook, its parameters, status (executed, cached or failed), duration and output path.
"""

from __future__ import annotations

import functools
import platform
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from ..errors import DamagedBuildFile
from ..files import sealed_json, unsealed_json, write_atomically

KEY_PACKAGES = ("jupyter-book", "sphinx", "myst-nb", "papermill", "ipykernel", "nbclient",
                "pandas", "numpy", "matplotlib", "pandera")
REPORTED_FIELDS = ("theme", "edition", "notebook", "parameters", "status", "seconds", "kernel", "output", "error",
                   "timings")


@dataclass(frozen=True)
class RunReport:
    """A build's record of its notebook runs."""

    kernel: str
    versions: dict[str, str]
    notebooks: list[dict[str, Any]]


@functools.cache
def key_versions() -> dict[str, str]:
    """Python and the key packages, name -> version."""
    versions = {"python": platform.python_version()}
    for name in KEY_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def report_path(build_dir: Path) -> Path:
    return build_dir / "run-report.json"


def write_run_report(report: RunReport, build_dir: Path) -> Path:
    """Write the report with its digest (``sealed_json``): one cut short or edited is not trusted."""
    path = report_path(build_dir)
    write_atomically(path, sealed_json({"kernel": report.kernel, "versions": report.versions,
                                        "notebooks": report.notebooks}))
    return path


def read_run_report(build_dir: Path) -> RunReport:
    """The report the runs of this build wrote; DamagedBuildFile if it no longer matches its digest."""
    path = report_path(build_dir)
    try:
        data = unsealed_json(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        data = None
    if data is None:
        raise DamagedBuildFile(f"{path}: missing, cut short or edited since the runs wrote it (its digest does not "
                               "match); build again, and nothing is published from it")
    return RunReport(data["kernel"], data["versions"], data["notebooks"])
