"""ARCHITECTURE.md names every module of the package (the map a newcomer reads first)."""

from __future__ import annotations

import re

from conftest import ROOT


def test_every_module_is_named_in_the_architecture():
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([\w./]+?)(?:\.py)?`", text))
    package = ROOT / "src" / "jinjiang_report"
    missing = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "__init__.py" or "__pycache__" in path.parts:
            continue
        relative = path.relative_to(package).with_suffix("").as_posix()
        if relative not in named and path.stem not in named:
            missing.append(relative)
    assert missing == [], f"ARCHITECTURE.md does not name: {', '.join(missing)}"
