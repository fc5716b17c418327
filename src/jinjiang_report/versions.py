"""The versions of the packages that shape the report, for the execution report."""

from __future__ import annotations

import platform
from importlib import metadata

KEY_PACKAGES = ("jupyter-book", "sphinx", "myst-nb", "papermill", "ipykernel", "nbclient",
                "pandas", "numpy", "matplotlib", "pandera")


def key_versions() -> dict[str, str]:
    """Python and the key packages, name -> version."""
    versions = {"python": platform.python_version()}
    for name in KEY_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions
