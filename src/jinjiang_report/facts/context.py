"""The register of outside context: every statement the book makes that is not on the page.

``data/context/*.yaml`` (one file per theme, ``book.yaml`` for the book's own pages), beside
the facts CSV. Each top-level key is an entry's id (lower_snake_case, unique across all files)::

    above_designated_size:
      en: an industrial firm counts as "above designated size" when ...   # reads inside an English sentence
      zh: 年主营业务收入2000万元及以上的工业企业为规模以上工业企业
      basis_en: National Bureau of Statistics of China, ...               # what the statement rests on
      basis_zh: 国家统计局……
      title_en: Threshold for industrial firms above designated size   # its name in the Sources appendix
      title_zh: 规上工业企业标准

An entry that explains words of the page may begin with them (``page_en``, ``page_zh``, both or
neither): the book shows them before the statement, unmarked, since they are the page's; the
Chinese must be found verbatim in a source.

An entry may also give a short form of its statement (``brief_en`` and ``brief_zh``, both or neither),
for a summary that restates what a chapter explains: published as ``ctx_<id>_brief``, shown with
the same badge and basis, linking to the same entry.

Every chapter publishes each entry as ``ctx_<id>``; the prose shows it only through that name.
Any problem is a DataFileError naming file and line.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..errors import DataFileError
from ..project import display
from .model import CONTEXT_PREFIX, ContextEntry, Source
from .sources import yaml_error

CONTEXT_FIELDS = ("en", "zh", "basis_en", "basis_zh", "title_en", "title_zh")
PAGE_FIELDS = ("page_en", "page_zh")
BRIEF_FIELDS = ("brief_en", "brief_zh")
OPTIONAL_FIELDS = PAGE_FIELDS + BRIEF_FIELDS
_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


def context_files(folder: Path) -> list[Path]:
    """The register's files in ``folder`` (``data/context``), in name order; none if it does not exist."""
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def load_context(folder: Path, sources: dict[str, Source]) -> tuple[dict[str, ContextEntry], dict[str, str]]:
    """Read every register file of ``folder``: the entries by id, and each file's text (for cache keys)."""
    entries: dict[str, ContextEntry] = {}
    texts: dict[str, str] = {}
    for path in context_files(folder):
        shown = display(path)
        text = path.read_text(encoding="utf-8")
        texts[path.name] = text
        try:
            document = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            raise yaml_error(shown, exc) from None
        if document is None:
            continue
        if not isinstance(document, yaml.MappingNode):
            raise DataFileError(shown, document.start_mark.line + 1, "",
                                f"the register is a mapping of entry ids to entries (id: {{{', '.join(CONTEXT_FIELDS)}}})")
        for key, node in document.value:
            entry = _entry(key, node, shown, sources)
            if entry.id in entries:
                raise DataFileError(shown, key.start_mark.line + 1, "",
                                    f"context id {entry.id!r} is already used in {entries[entry.id].file}; "
                                    "ids are unique across all files of data/context")
            entries[entry.id] = entry
    return entries, texts


def _entry(key: yaml.Node, node: yaml.Node, shown: str, sources: dict[str, Source]) -> ContextEntry:
    line = key.start_mark.line + 1
    if not isinstance(key, yaml.ScalarNode) or not _ID.fullmatch(str(key.value)) or str(key.value).endswith("_brief"):
        raise DataFileError(shown, line, "", f"context id {getattr(key, 'value', '')!r} is not lower_snake_case "
                            "(letters, digits and single underscores, starting with a letter), and does not end "
                            "in _brief (the name of an entry's short form)")
    if not isinstance(node, yaml.MappingNode):
        raise DataFileError(shown, line, "", f"context entry {key.value!r} needs the fields "
                            f"{', '.join(CONTEXT_FIELDS)}")
    values: dict[str, str] = {}
    for field, value in node.value:
        name = str(field.value)
        if name not in CONTEXT_FIELDS + OPTIONAL_FIELDS:
            raise DataFileError(shown, field.start_mark.line + 1, name,
                                f"unknown field of context entry {key.value!r}; the fields are "
                                f"{', '.join(CONTEXT_FIELDS + OPTIONAL_FIELDS)}")
        if not isinstance(value, yaml.ScalarNode) or value.tag != "tag:yaml.org,2002:str" or not value.value.strip():
            raise DataFileError(shown, field.start_mark.line + 1, name,
                                f"context entry {key.value!r} needs {name} as non-empty text")
        values[name] = _one_line(value.value)
    missing = [name for name in CONTEXT_FIELDS if name not in values]
    if missing:
        raise DataFileError(shown, line, missing[0], f"context entry {key.value!r} lacks {missing[0]}; every entry "
                            f"has {', '.join(CONTEXT_FIELDS)}")
    for pair, what in ((PAGE_FIELDS, "the page's words"), (BRIEF_FIELDS, "the short form")):
        given = [name for name in pair if name in values]
        if len(given) == 1:
            other = next(name for name in pair if name not in values)
            raise DataFileError(shown, line, other, f"context entry {key.value!r} has {given[0]} but lacks "
                                f"{other}; give {what} in both languages or in neither")
    page = [name for name in PAGE_FIELDS if name in values]
    if page and not any(source.contains(values["page_zh"]) for source in sources.values()):
        raise DataFileError(shown, line, "page_zh", f"context entry {key.value!r}: page_zh is not in the source "
                            "(whitespace ignored); copy the page's words verbatim")
    return ContextEntry(str(key.value), values["en"], values["zh"], values["basis_en"], values["basis_zh"], shown,
                        values.get("page_en", ""), values.get("page_zh", ""),
                        values.get("brief_en", ""), values.get("brief_zh", ""),
                        values["title_en"], values["title_zh"])


_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"


def _one_line(text: str) -> str:
    """A folded YAML text on one line: runs of whitespace become one space, none between Chinese characters."""
    text = " ".join(text.split())
    return re.sub(f"(?<={_CJK}) (?={_CJK})", "", text)
