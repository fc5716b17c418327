"""The environment is the lock: every pinned package at its version, nothing installed beside it."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Installed by venv itself or by `pip install -e .`, not by the lock.
OUTSIDE_THE_LOCK = {"pip", "setuptools", "wheel", "jinjiang-report"}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _locked() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[_canonical(name)] = version
    return pins


def _installed() -> dict[str, str]:
    return {_canonical(dist.metadata["Name"]): dist.version for dist in metadata.distributions()}


def test_every_locked_package_is_installed_at_its_version() -> None:
    installed = _installed()
    wrong = {name: (version, installed.get(name)) for name, version in _locked().items()
             if installed.get(name) != version}
    assert not wrong, f"locked version, installed version: {wrong} (run tools/dev.sh)"


def test_nothing_is_installed_beside_the_lock() -> None:
    extra = set(_installed()) - set(_locked()) - OUTSIDE_THE_LOCK
    assert not extra, f"installed but not in requirements.lock: {sorted(extra)}"


def test_the_packages_left_out_on_purpose_are_absent() -> None:
    """The lock's header explains why; a re-freeze that brings them back makes every kernel slower."""
    assert {"rfc3987-syntax", "lark"}.isdisjoint(_locked())
