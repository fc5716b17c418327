"""The theme registry (``notebooks/themes.yaml``) and the notebooks folder agree.

Every registered notebook exists, every notebook in the folder is registered, and no name or
notebook is listed twice. The table of contents and the command line are made from the registry,
so a notebook it does not list would never be run or published.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .findings import Finding


def check_registry(registry: Path, shown_registry: str, shown_folder: str) -> list[Finding]:
    """Findings for the registry at ``registry`` against the ``*.ipynb`` files beside it.

    shown_registry, shown_folder: how the registry file and its folder are named in findings.
    """
    try:
        document = yaml.compose(registry.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError) as exc:
        return [Finding(shown_registry, None, 0, f"cannot read the theme registry: {type(exc).__name__}")]
    findings = []
    names: dict[str, int] = {}
    notebooks: dict[str, int] = {}
    entries = document.value if isinstance(document, yaml.SequenceNode) else []
    for entry in entries:
        if not isinstance(entry, yaml.MappingNode):
            continue
        fields = {key.value: value for key, value in entry.value}
        line = entry.start_mark.line + 1
        name = getattr(fields.get("name"), "value", "")
        notebook = getattr(fields.get("notebook"), "value", "")
        if name in names:
            findings.append(Finding(shown_registry, None, line,
                                    f"theme {name!r} is listed twice (first at line {names[name]})"))
        names.setdefault(name, line)
        if notebook in notebooks:
            findings.append(Finding(shown_registry, None, line,
                                    f"notebook {notebook!r} is listed twice (first at line {notebooks[notebook]})"))
        notebooks.setdefault(notebook, line)
        if notebook and not (registry.parent / notebook).is_file():
            findings.append(Finding(shown_registry, None, line,
                                    f"theme {name!r}: notebook {shown_folder}/{notebook} not found"))
    for path in sorted(registry.parent.glob("*.ipynb")):
        if path.name not in notebooks:
            findings.append(Finding(f"{shown_folder}/{path.name}", None, 0,
                                    f"not registered in {shown_registry}; add an entry for it "
                                    "(jinjiang-report new-theme makes one)"))
    return findings
