"""The source texts and how a quote is found in them.

Sources are vendored byte for byte under ``data/sources/`` and never edited. The page
breaks words across lines, so a quote is matched with all whitespace removed from
both the quote and the source.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataFileError
from ..files import load_yaml
from ..project import display

_WHITESPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """The text with every whitespace character removed."""
    return _WHITESPACE.sub("", text)


@dataclass(frozen=True)
class Source:
    """One source text.

    id: the id facts cite in their ``source_id`` column.
    path: the vendored file. text: its content. squeezed: its content without whitespace.
    metadata: the record from ``sources.yaml`` (title, publisher, date, reasoning ...).
    """

    id: str
    path: Path
    text: str
    squeezed: str
    metadata: dict[str, Any]

    def contains(self, quote: str) -> bool:
        """Whether the quote occurs in the source, whitespace and line breaks ignored."""
        needle = squeeze(quote)
        return bool(needle) and needle in self.squeezed

    def spans(self, quote: str) -> list[tuple[int, int]]:
        """Every (start, end) of the quote in the squeezed source text."""
        needle = squeeze(quote)
        found, start = [], self.squeezed.find(needle)
        while needle and start >= 0:
            found.append((start, start + len(needle)))
            start = self.squeezed.find(needle, start + 1)
        return found

    @property
    def publication_year(self) -> int:
        return int(str(self.metadata["published"]["year"]))


def load_sources(metadata_file: Path, override: Path | None = None) -> dict[str, Source]:
    """Read ``sources.yaml`` and the texts it names.

    metadata_file: the YAML list of sources. override: a text to read instead of the
    (single) source's own file, as the notebooks' ``source`` parameter allows.
    """
    shown = display(metadata_file)
    try:
        records = load_yaml(metadata_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(shown, 0, "", "source metadata file not found") from None
    except yaml.YAMLError as exc:
        raise yaml_error(shown, exc) from None
    if not isinstance(records, list) or not records:
        raise DataFileError(shown, 1, "", "expected a YAML list of sources")
    if override is not None and len(records) != 1:
        raise DataFileError(shown, 1, "", "a source override needs exactly one source in the metadata")
    sources = {}
    for record in records:
        for field in ("id", "file", "title", "published"):
            if field not in record:
                raise DataFileError(shown, 0, field, f"source record {record.get('id', '?')!r} lacks {field!r}")
        path = override or metadata_file.parent / record["file"]
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise DataFileError(display(path), 0, "", "source text not found") from None
        if override is None and record.get("sha256") and hashlib.sha256(raw).hexdigest() != record["sha256"]:
            raise DataFileError(display(path), 0, "",
                              "source text differs from its recorded sha256: sources are never edited")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DataFileError(display(path), text_line(raw[:exc.start]), "", "not UTF-8 text") from None
        sources[record["id"]] = Source(record["id"], path, text, squeeze(text), record)
    return sources


def yaml_error(shown: str, exc: yaml.YAMLError) -> DataFileError:
    """A YAML syntax error as one line: file, line, column and the parser's problem."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    where = f" at column {mark.column + 1}" if mark else ""
    return DataFileError(shown, mark.line + 1 if mark else 0, "", f"not valid YAML{where}: {problem}")


def text_line(prefix: bytes) -> int:
    """The 1-based line number at the end of ``prefix``."""
    return prefix.count(b"\n") + 1
