"""The Chinese edition's search dictionary: jieba's, cut to the words the edition's text can contain.

Sphinx segments Chinese text for its search index with jieba, whose dictionary holds some
350,000 words; loading it costs most of a second in every build of the Chinese edition. A
word can only be found in a text if each of its characters occurs there, so the dictionary
is cut to the words made of characters the gathered edition uses. One entry (a private-use
character) carries the frequency of the words left out, so jieba's total, and with it every
path score, is unchanged: on any text written in those characters the cut dictionary
segments exactly as the full one (``tests/test_search_dictionary.py`` checks it on the book).
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
from pathlib import Path

from ..compat.jieba import prefix_frequencies
from ..files import stat_fingerprint, write_atomically

TEXT_SUFFIXES = {".md", ".ipynb", ".txt", ".yml", ".yaml"}
DICTIONARY_NAME = "search-dictionary.txt"  # in the edition's folder of the build folder (gather.py)

# Prefix dictionaries read ahead by the fast engine's Jupyter Book process before it forks
# (``preload_prefix_dictionary``): word list path -> (key, frequencies, total).
_preloaded: dict[Path, tuple[bytes, dict[str, int], int]] = {}


def full_dictionary() -> Path:
    """jieba's own dictionary (found without importing jieba, a slow import)."""
    spec = importlib.util.find_spec("jieba")
    assert spec is not None and spec.origin is not None, "jieba is in requirements.lock"
    return Path(spec.origin).parent / "dict.txt"


def edition_characters(book_src: Path) -> set[str]:
    """Every character of the gathered edition's text files (pages, notebooks, the user word list)."""
    characters: set[str] = set()
    for path in book_src.rglob("*"):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            characters.update(path.read_text(encoding="utf-8"))
    return characters


def cut_dictionary(full: str, characters: set[str]) -> str:
    """The lines of ``full`` (jieba's ``word freq [tag]`` format) whose words use only ``characters``,
    and one entry carrying the frequency of the others."""
    kept, left_out = [], 0
    for line in full.splitlines():
        word, frequency = line.split(" ")[:2]
        if characters.issuperset(word):
            kept.append(line)
        else:
            left_out += int(frequency)
    filler = next(chr(code) for code in range(0xE000, 0xF8FF) if chr(code) not in characters)
    return "\n".join([*kept, f"{filler} {left_out}"]) + "\n"


def write_search_dictionary(book_src: Path, target: Path) -> Path:
    """Write the cut dictionary for the edition gathered at ``book_src`` to ``target``; return ``target``.

    Redone only when the edition's characters or jieba's dictionary changed; not even checked
    when no gathered file changed since the last time (same paths, sizes and times).
    """
    marker = target.with_suffix(".key")
    gathered = stat_fingerprint(book_src)
    recorded = marker.read_text().split() if marker.exists() and target.exists() else []
    if recorded[1:] == [gathered]:
        return target
    full = full_dictionary()
    characters = edition_characters(book_src)
    key = hashlib.sha256("".join(sorted(characters)).encode() + full.read_bytes()).hexdigest()
    if recorded[:1] != [key]:
        write_atomically(target, cut_dictionary(full.read_text(encoding="utf-8"), characters))
    write_atomically(marker, f"{key} {gathered}")
    return target


def prefix_dictionary(dictionary: Path) -> tuple[dict[str, int], int]:
    """What jieba builds from a word list before it segments (each word and each of its prefixes,
    with frequencies; their total), kept beside ``dictionary`` under a digest of its bytes.

    jieba keeps the same in a cache of its own, but reads it with ``marshal.load`` on a file
    object, a few bytes at a time, several times slower than ``marshal.loads`` of the same bytes,
    in every build of the Chinese edition.
    """
    words = dictionary.read_bytes()
    key = _key(words)
    preloaded = _preloaded.get(dictionary.absolute())
    if preloaded is not None and preloaded[0] == key:  # read ahead from the same word list
        return preloaded[1], preloaded[2]
    kept = dictionary.with_suffix(".prefixes")
    if kept.is_file():
        stored = kept.read_bytes()
        if stored.startswith(key):
            frequencies, total = marshal.loads(stored[len(key):])
            return frequencies, total
    frequencies, total = prefix_frequencies(words)
    write_atomically(kept, key + marshal.dumps((frequencies, total)))
    return frequencies, total


def preload_prefix_dictionary(dictionary: Path) -> None:
    """Read the prefix dictionary kept beside ``dictionary`` now, if it is that of the word list
    there, so that ``prefix_dictionary`` in this process (or a child forked from it) finds it in
    memory while the word list is unchanged. Reading it costs a Chinese edition's build about
    0.05 s; the fast engine's Jupyter Book process does it ahead, with the word list an earlier
    build left, while the notebooks run."""
    try:
        words = dictionary.read_bytes()
        stored = dictionary.with_suffix(".prefixes").read_bytes()
    except OSError:
        return
    key = _key(words)
    if stored.startswith(key):
        frequencies, total = marshal.loads(stored[len(key):])
        _preloaded[dictionary.absolute()] = (key, frequencies, total)


def _key(words: bytes) -> bytes:
    """What a kept prefix dictionary starts with: the marshal version and the word list's digest."""
    return f"{marshal.version} {hashlib.sha256(words).hexdigest()}\n".encode()
