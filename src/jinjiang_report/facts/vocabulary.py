"""The report's controlled vocabulary (``data/vocabulary.yaml``): units, claim kinds, stages, checkability, gaps.

Every value a ledger column may take from a closed set is listed there with its words in
English and Chinese, so the ledger is checked against it and the book writes it in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataFileError
from ..files import load_yaml
from ..project import display
from .sources import yaml_error

LANGUAGES = ("en", "zh")
# The orders of magnitude a size class (a unit of kind size_class, such as 百亿) may name, in English.
SIZE_CLASSES = {10 ** 8: "hundred-million", 10 ** 9: "billion", 10 ** 10: "ten-billion",
                10 ** 11: "hundred-billion", 10 ** 12: "trillion"}
SECTIONS = ("units", "claims", "stages", "checkable", "lacks")


@dataclass(frozen=True)
class Vocabulary:
    """Each section: value -> {"en": words, "zh": words, ...} (claims may list the words prose must use)."""

    units: dict[str, dict[str, Any]]
    claims: dict[str, dict[str, Any]]
    stages: dict[str, dict[str, Any]]
    checkable: dict[str, dict[str, Any]]
    lacks: dict[str, dict[str, Any]]

    def unit_kind(self, unit: str) -> str:
        """What kind of value ``unit`` counts: count, money, share, measure, date, ordinal or size_class."""
        return str(self.units[unit]["kind"])

    def words(self, section: str, value: str, lang: str) -> str:
        """The short label of ``value`` (a table's word for it)."""
        return str(getattr(self, section)[value][lang])

    def explain(self, section: str, value: str, lang: str) -> str:
        """What ``value`` means for a reader (falls back to the label)."""
        entry = getattr(self, section)[value]
        return str(entry.get(f"explain_{lang}", entry[lang]))

    def required_words(self, claim: str, lang: str) -> list[str]:
        """Words the prose must use near a fact of this claim kind (none for plain results)."""
        return list(self.claims[claim].get("says", {}).get(lang, []))


def load_vocabulary(path: Path) -> Vocabulary:
    """Read ``vocabulary.yaml``; every entry needs its words in both languages."""
    shown = display(path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(shown, 0, "", "vocabulary file not found") from None
    except yaml.YAMLError as exc:
        raise yaml_error(shown, exc) from None
    if not isinstance(data, dict):
        raise DataFileError(shown, 1, "", f"expected the sections {', '.join(SECTIONS)}")
    for section in SECTIONS:
        entries = data.get(section)
        if not isinstance(entries, dict) or not entries:
            raise DataFileError(shown, 0, section, "missing section")
        for value, entry in entries.items():
            if not isinstance(entry, dict) or any(lang not in entry for lang in LANGUAGES):
                raise DataFileError(shown, 0, section, f"{value!r} needs its words in en and zh")
    return Vocabulary(**{section: data[section] for section in SECTIONS})
