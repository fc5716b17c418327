"""The report's controlled vocabulary (``data/vocabulary.yaml``): units, claim kinds, stages, checkability, gaps,
the words and punctuation the writers put around a number and between words, and how dates and
periods are written.

Every value a ledger column may take from a closed set is listed there with its words in
English and Chinese, so the ledger is checked against it and the book writes it in words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataFileError
from ..files import load_yaml
from ..project import display
from .sources import yaml_error

LANGUAGES = ("en", "zh")
LANGUAGE_NAMES = {"en": "English", "zh": "Chinese"}
# The orders of magnitude a size class (a unit of value type size_class, such as 百亿) may name.
SIZE_CLASSES = frozenset(10 ** power for power in range(8, 13))
SECTIONS = ("units", "claims", "stages", "checkable", "lacks", "punctuation", "periods")
VALUE_TYPES = ("count", "money", "share", "measure", "date", "ordinal", "size_class")
# Value types written bare when its unit has no word ("" in vocabulary.yaml).
BARE_VALUE_TYPES = ("count", "date", "ordinal", "size_class")
NUMBER_WORDS = ("qualifiers", "measure_words", "default_measure_word", "set_forms", "ordinal", "size_class",
                "size_classes", "magnitudes", "fractions", "per", "small_counts", "small_ordinals")
DATE_FORMS = ("day", "day_in_year", "month")  # each a template in both languages
# The period words every period form needs (facts/periods.py maps each code to one of them).
PERIOD_WORDS = ("year", "first_half", "second_half", "month", "day", "window", "since", "past_year", "as_of",
                "current", "page_day", "day_before_page", "days_before_page", "holiday", "none")


@dataclass(frozen=True)
class Vocabulary:
    """Each section: value -> {"en": words, "zh": words, ...} (claims may list the words prose must use).

    numbers: the words around a number (``numbers`` in vocabulary.yaml), per language.
    dates: how a date is written (``dates``); periods: a period's words, by form (``periods``).
    """

    units: dict[str, dict[str, Any]]
    claims: dict[str, dict[str, Any]]
    stages: dict[str, dict[str, Any]]
    checkable: dict[str, dict[str, Any]]
    lacks: dict[str, dict[str, Any]]
    punctuation: dict[str, dict[str, Any]]
    periods: dict[str, dict[str, Any]]
    numbers: dict[str, dict[str, Any]]
    dates: dict[str, dict[str, Any]]

    def value_type(self, unit: str) -> str:
        """What sort of value ``unit`` counts: count, money, share, measure, date, ordinal or size_class."""
        return str(self.units[unit]["value_type"])

    def unit_words(self, unit: str, lang: str) -> tuple[str, str]:
        """The words before and after a number of ``unit``: ``("CNY ", "")``, ``("", "公里")``."""
        entry = self.units[unit]
        return str(entry.get(f"{lang}_before", "")), str(entry[lang])

    def qualifier_words(self, qualifier: str, lang: str, value_type: str) -> str:
        """What a qualifier means, written before a value of this value type (none for ``exact``)."""
        entry = self.numbers["qualifiers"].get(qualifier, {})
        return str(entry.get(f"{lang}_{value_type}", entry.get(lang, "")))

    def number_words(self, name: str, lang: str) -> Any:
        """One entry of ``numbers`` in a language (a template, a word, a list or a mapping)."""
        return self.numbers[name][lang]

    def magnitudes(self, lang: str) -> list[tuple[Decimal, str]]:
        """The powers of ten an amount is scaled to, largest first, with their words."""
        scales = self.numbers["magnitudes"][lang].items()
        return sorted(((Decimal(10) ** int(power), str(word)) for power, word in scales), reverse=True)

    def size_class_words(self, value: int, lang: str) -> str:
        """``10**10`` -> ``ten billion``: the name of an order of magnitude."""
        return str(self.numbers["size_classes"][lang][str(len(str(value)) - 1)])

    def date_words(self, value: dt.date, lang: str, form: str = "day") -> str:
        """A date as ``form`` of ``dates`` writes it: ``day`` (25 September 2025), ``day_in_year``, ``month``."""
        month_names = self.dates["month_names"].get(lang)
        month_name = month_names[value.month - 1] if month_names else ""
        return str(self.dates[form][lang]).format(year=value.year, month=value.month, day=value.day,
                                                 month_name=month_name)

    def ordinal_suffix(self, number: int, lang: str) -> str:
        """``3`` -> ``rd``: the suffix by the last digit, except for 11 to 13 (``other``)."""
        suffixes = self.dates["ordinal_suffixes"][lang]
        last = str(number % 10) if not 11 <= number % 100 <= 13 else "other"
        return str(suffixes.get(last, suffixes["other"]))

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
    """Read ``vocabulary.yaml``; every entry needs its words in both languages, every unit a value type."""
    shown = display(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = load_yaml(text)
    except FileNotFoundError:
        raise DataFileError(shown, 0, "", "vocabulary file not found") from None
    except yaml.YAMLError as exc:
        raise yaml_error(shown, exc) from None
    if not isinstance(data, dict):
        raise DataFileError(shown, 1, "", f"expected the sections {', '.join(SECTIONS)}")
    for section in (*SECTIONS, "numbers", "dates"):
        if not isinstance(data.get(section), dict) or not data[section]:
            raise DataFileError(shown, 0, section, "missing section")
    for section in SECTIONS:
        for value, entry in data[section].items():
            if not isinstance(entry, dict):
                raise DataFileError(shown, _line_of(text, section, value), str(value), "needs its words in en and zh")
            if section == "units":
                _check_unit(str(value), entry, shown, text)
            missing = [lang for lang in LANGUAGES if lang not in entry]
            if missing:
                raise DataFileError(shown, _line_of(text, section, value), missing[0],
                                    f"{value!r} needs its words in en and zh")
    for section, names in (("numbers", NUMBER_WORDS), ("periods", PERIOD_WORDS),
                           ("dates", (*DATE_FORMS, "month_names", "ordinal_suffixes"))):
        missing_words = [name for name in names if name not in data[section]]
        if missing_words:
            raise DataFileError(shown, _line_of(text, section), missing_words[0], f"missing entry of {section}")
    _check_dates(data["dates"], shown, text)
    return Vocabulary(**{section: data[section] for section in (*SECTIONS, "numbers", "dates")})


def _check_dates(dates: dict[str, Any], shown: str, text: str) -> None:
    """Each date form in both languages; twelve English month names; an ordinal suffix for ``other``."""
    for form in DATE_FORMS:
        entry = dates[form]
        missing = [lang for lang in LANGUAGES if not isinstance(entry, dict) or lang not in entry]
        if missing:
            raise DataFileError(shown, _line_of(text, "dates", form), missing[0], f"{form!r} needs its words in en and zh")
    names = dates["month_names"].get("en") if isinstance(dates["month_names"], dict) else None
    if not isinstance(names, list) or len(names) != 12:
        raise DataFileError(shown, _line_of(text, "dates", "month_names"), "en", "needs the twelve month names, January first")
    suffixes = dates["ordinal_suffixes"].get("en") if isinstance(dates["ordinal_suffixes"], dict) else None
    if not isinstance(suffixes, dict) or "other" not in suffixes:
        raise DataFileError(shown, _line_of(text, "dates", "ordinal_suffixes"), "en",
                            "needs the suffixes by last digit and `other`")


def _check_unit(unit: str, entry: dict[str, Any], shown: str, text: str) -> None:
    """A unit has a known value type and a word in each language ("" only for a value type written bare)."""
    value_type = entry.get("value_type")
    if value_type not in VALUE_TYPES:
        raise DataFileError(shown, _line_of(text, "units", unit), "value_type",
                            f"unit {unit!r} needs a value_type, one of {', '.join(VALUE_TYPES)}")
    for lang in LANGUAGES:
        word = entry.get(lang)
        if word is None or (not word and not entry.get(f"{lang}_before") and value_type not in BARE_VALUE_TYPES):
            needs = "" if word is None else f" (a unit of value type {value_type} is never written bare)"
            raise DataFileError(shown, _line_of(text, "units", unit), lang,
                                f"unit {unit!r} has no {LANGUAGE_NAMES[lang]} word{needs}; "
                                f"add `{lang}:` with the word written after the number")


def _line_of(text: str, section: str, key: object = None) -> int:
    """The 1-based line of ``section`` (or of ``key`` within it) in the YAML ``text``; 0 if not found."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    for section_key, section_node in node.value if isinstance(node, yaml.MappingNode) else []:
        if section_key.value != section:
            continue
        if key is None:
            return int(section_key.start_mark.line) + 1
        for entry_key, _ in section_node.value if isinstance(section_node, yaml.MappingNode) else []:
            if entry_key.value == str(key):
                return int(entry_key.start_mark.line) + 1
    return 0
