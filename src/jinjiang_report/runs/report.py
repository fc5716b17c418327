"""The run report: what each notebook run of a build did. Written by the runs, read by the book.

``build/run-report.json`` holds the kernel, the versions of the key packages and, per
notebook, its parameters, status (executed, cached or failed), duration and output path.
"""

from __future__ import annotations

import functools
import json
import platform
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from ..files import write_atomically

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
    path = report_path(build_dir)
    write_atomically(path, json.dumps({"kernel": report.kernel, "versions": report.versions,
                                       "notebooks": report.notebooks},
                                      indent=1, ensure_ascii=False, default=str) + "\n")
    return path


def read_run_report(build_dir: Path) -> RunReport:
    data = json.loads(report_path(build_dir).read_text(encoding="utf-8"))
    return RunReport(data["kernel"], data["versions"], data["notebooks"])
