"""The Chinese font the published site ships: Noto Sans SC cut to exactly the characters the book shows.

Why not simply ``@font-face`` the whole font: Chromium lays out text while a web font is still
loading and sometimes never lays it out again, so some table cells keep missing-glyph boxes on a
machine without a Chinese system font, on ``file://`` and over HTTP alike (preload,
``font-display: block`` and ``lang`` attributes do not cure it). A font registered from its own
bytes by a synchronous script in ``<head>`` (``new FontFace(family, bytes)`` decodes at once) is in
place before the body is parsed, so the first layout already uses it. To make those bytes small
enough to sit in a script, the font is cut to the characters of the published site: about a
hundred kilobytes instead of eight megabytes.

The same subset is also written as a WOFF file that ``book/_static/report.css`` declares with
``@font-face``, for readers without JavaScript. Characters outside the book (a query typed into
the search box) fall through to the reader's system fonts.

WOFF (zlib) rather than WOFF2 (brotli): brotli at the quality WOFF2 uses took most of a second per
cut, for a file about a tenth smaller. The subset is deterministic (fontTools is pinned, zlib's
output for a given level does not change, timestamps are not recomputed) and
cached under the build folder by a digest of the font and the character set, so publishing an
unchanged book does not cut the font again.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..files import write_atomically

FAMILY = "Noto Sans SC Report"  # the family book/_static/report.css asks for
SUBSET_FILE = "NotoSansSC-Report.woff"  # in each edition's _static/, declared by report.css
LOADER_FILE = "report-font.js"  # in each edition's _static/, loaded by every page's <head>
# The code points the book gives its Chinese face, as report.css's unicode-range says: CJK
# radicals to unified ideographs (with punctuation and kana), compatibility ideographs, vertical
# and fullwidth forms, CJK punctuation, and the curly quotes Chinese text uses.
CHINESE_RANGES = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
                  (0x3000, 0x303F), (0x201C, 0x201D), (0x2018, 0x2019))
_STEP_VERSION = "2"  # change when the subsetting options change: old cache entries are not reused
_CHINESE = re.compile("[" + "".join(f"\\U{start:08x}-\\U{end:08x}" for start, end in CHINESE_RANGES) + "]")


def in_chinese_range(character: str) -> bool:
    """Whether ``character`` is one the book draws with its Chinese face."""
    point = ord(character)
    return any(start <= point <= end for start, end in CHINESE_RANGES)


def chinese_characters(texts: Iterable[str]) -> str:
    """The distinct characters of ``texts`` in the Chinese range, sorted."""
    found: set[str] = set()
    for text in texts:
        found.update(_CHINESE.findall(text))
    return "".join(sorted(found))


_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def site_texts(site: Path) -> Iterable[str]:
    """Everything a page of ``site`` can show: each HTML page (entities decoded) and each script
    (the search index, Sphinx's translated messages, the copy button's words), ``\\uXXXX`` escapes
    decoded. The loader script, if present, holds no text and is skipped."""
    return (_shown_text(path) for path in _shown_files(site))


def site_characters(site: Path, kept: Path) -> str:
    """``chinese_characters(site_texts(site))``, each file's own characters kept in ``kept`` (a JSON
    file) under its path, size, time and inode: a file published unchanged (hard-linked from the
    last site) is not read again."""
    try:
        known = json.loads(kept.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    found: set[str] = set()
    now: dict[str, list[str]] = {}
    for path in _shown_files(site):
        stat = path.stat()
        name, key = path.relative_to(site).as_posix(), f"{stat.st_size} {stat.st_mtime_ns} {stat.st_ino}"
        entry = known.get(name) if isinstance(known, dict) else None
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == key and isinstance(entry[1], str):
            characters = entry[1]
        else:
            characters = chinese_characters([_shown_text(path)])
        now[name] = [key, characters]
        found.update(characters)
    write_atomically(kept, json.dumps(now, ensure_ascii=False, sort_keys=True))
    return "".join(sorted(found))


def _shown_files(site: Path) -> list[Path]:
    return [*sorted(site.rglob("*.html")), *(p for p in sorted(site.rglob("*.js")) if p.name != LOADER_FILE)]


def _shown_text(path: Path) -> str:
    if path.suffix == ".html":
        return html.unescape(path.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8", errors="replace")
    return _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def subset_woff(font: Path, characters: str) -> bytes:
    """The glyphs of ``font`` that draw ``characters``, as WOFF; the same input gives the same bytes.

    Layout features are kept (Chinese punctuation and locale forms), hinting is dropped,
    charstrings are desubroutinized (smaller once compressed), and ``head.modified`` is copied from
    the source font rather than set to now.
    """
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # keep the family and PostScript names (the browser tests match on them)
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    options.recalc_timestamp = False
    loaded = subset.load_font(str(font), options, lazy=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(loaded)
    buffer = io.BytesIO()
    subset.save_font(loaded, buffer, options)
    return buffer.getvalue()


def cached_subset(font: Path, characters: str, cache: Path) -> tuple[bytes, str, bool]:
    """``subset_woff(font, characters)``, kept in ``cache`` (a folder) under a digest of the font's
    bytes, the characters and the versions of the tools; returns the bytes, the characters the
    subset maps (``font_characters``, kept beside it) and whether they came from the cache."""
    import fontTools

    key = hashlib.sha256("\0".join([
        _STEP_VERSION, fontTools.version,
        hashlib.sha256(font.read_bytes()).hexdigest(), characters]).encode()).hexdigest()
    stored, mapped = cache / f"{key}.woff", cache / f"{key}.characters"
    if stored.is_file() and mapped.is_file():
        return stored.read_bytes(), mapped.read_text(encoding="utf-8"), True
    data = subset_woff(font, characters)
    write_atomically(stored, data)
    write_atomically(mapped, font_characters(data))
    return data, mapped.read_text(encoding="utf-8"), False


def font_characters(woff: bytes) -> str:
    """The characters a font file maps, sorted."""
    from fontTools.ttLib import TTFont

    return "".join(chr(point) for point in sorted(TTFont(io.BytesIO(woff)).getBestCmap()))


def unicode_range(characters: str) -> str:
    """A CSS ``unicode-range`` value covering exactly ``characters`` (runs of code points merged)."""
    runs: list[list[int]] = []
    for point in sorted({ord(ch) for ch in characters}):
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in runs)


def loader_script(woff: bytes, characters: str) -> str:
    """A classic script that registers the font from its own bytes before the page body is parsed.

    woff: the subset. characters: those it covers in the Chinese range (its ``unicodeRange``).
    Binary data given to ``new FontFace`` is decoded synchronously: the face is loaded when the
    script returns, so nothing is ever laid out without it, whether the page came from
    ``file://`` or HTTP.
    """
    encoded = base64.b64encode(woff).decode("ascii")
    return ("/* Noto Sans SC (SIL Open Font License 1.1), cut to the characters of this book.\n"
            "   Generated by jinjiang_report.publish.fonts; load it with a plain <script> in <head>. */\n"
            "(function () {\n"
            "  if (!window.FontFace || !document.fonts) return;\n"
            f'  var data = atob("{encoded}");\n'
            "  var bytes = new Uint8Array(data.length);\n"
            "  for (var i = 0; i < data.length; i++) bytes[i] = data.charCodeAt(i);\n"
            f"  document.fonts.add(new FontFace({json.dumps(FAMILY)}, bytes,\n"
            f"    {{unicodeRange: {json.dumps(unicode_range(characters))}, display: \"block\"}}));\n"
            "})();\n")


@dataclass(frozen=True)
class ShippedFont:
    """What ``ship_font`` did: the characters the site uses, those the font lacks (drawn by the
    reader's system fonts, if at all), the subset's size and whether it came from the cache."""

    characters: str
    missing: str
    woff_bytes: int
    loader_bytes: int
    cached: bool


def ship_font(site: Path, editions: Iterable[str], font: Path, cache: Path) -> ShippedFont:
    """Cut ``font`` to the characters of ``site`` and write the subset and its loader script into
    the ``_static/`` folder of each edition (``editions``: their folder names under ``site``).

    cache: a folder where subsets are kept between builds.
    """
    characters = site_characters(site, cache / "site-characters.json")
    woff, mapped, cached = cached_subset(font, characters, cache)
    covered = "".join(ch for ch in mapped if in_chinese_range(ch))
    script = loader_script(woff, covered)
    for code in editions:
        static = site / code / "_static"
        write_atomically(static / SUBSET_FILE, woff)  # a new file, never one linked to the published site
        write_atomically(static / LOADER_FILE, script)
    return ShippedFont(characters, "".join(ch for ch in characters if ch not in covered), len(woff),
                       len(script.encode()), cached)

