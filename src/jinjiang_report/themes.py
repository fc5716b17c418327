"""The report's themes: one notebook and one chapter each, listed in ``notebooks/themes.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import DataFileError
from .files import load_yaml
from .project import display

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Theme:
    """A theme of the report.

    name: the key used in the ledger's ``theme`` column and on the command line.
    notebook: the notebook's file name beside the registry.
    title: the chapter title by language code (``en``, ``zh``).
    """

    name: str
    notebook: str
    title: dict[str, str]


def load_themes(registry: Path) -> dict[str, Theme]:
    """The themes of ``registry`` by name, in reading order; a DataFileError names a bad entry."""
    shown = display(registry)
    try:
        entries = load_yaml(registry.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(shown, 0, "", "theme registry not found") from None
    except yaml.YAMLError as exc:
        from .facts.sources import yaml_error
        raise yaml_error(shown, exc) from None
    if not isinstance(entries, list) or not entries:
        raise DataFileError(shown, 1, "", "expected a YAML list of themes")
    themes: dict[str, Theme] = {}
    for entry in entries:
        name = entry.get("name", "") if isinstance(entry, dict) else ""
        if not NAME_PATTERN.match(str(name)):
            raise DataFileError(shown, 0, "name", f"theme name {name!r} must be lower-case letters, digits and _")
        if name in themes:
            raise DataFileError(shown, 0, "name", f"theme {name!r} is listed twice")
        title = entry.get("title") or {}
        if not entry.get("notebook") or not {"en", "zh"} <= set(title):
            raise DataFileError(shown, 0, name, "a theme needs a notebook and a title in en and zh")
        themes[name] = Theme(name, entry["notebook"], dict(title))
    return themes
