"""jieba, where the project relies on its internals (the Chinese search index of the book).

Sphinx segments Chinese text with jieba's default tokenizer (``jieba.dt``). The project gives it
the edition's cut dictionary and a prefix dictionary it built and kept itself, so that jieba does
not rebuild or reload its own (``search_dictionary``). Relied on (pinned by
``tests/test_compat.py``): ``Tokenizer.gen_pfdict(file)`` returns ``(FREQ, total)`` for a word
list, and a tokenizer whose ``FREQ``, ``total`` and ``initialized`` are set segments without
loading anything.
"""

from __future__ import annotations

import io
from pathlib import Path


def prefix_frequencies(words: bytes) -> tuple[dict[str, int], int]:
    """What jieba builds from a word list (``word freq [tag]`` lines) before it segments: each word
    and each of its prefixes with frequencies, and their total."""
    from jieba import Tokenizer

    frequencies, total = Tokenizer.gen_pfdict(io.BytesIO(words))
    return frequencies, total


def use_dictionary(path: Path, frequencies: dict[str, int], total: int) -> None:
    """Make jieba's default tokenizer segment with the word list at ``path``, whose prefix
    dictionary is ``frequencies`` and ``total``, without loading it again."""
    import jieba

    jieba.setLogLevel(60)  # its loading notices are not the build's warnings
    jieba.set_dictionary(str(path))
    jieba.dt.FREQ, jieba.dt.total = frequencies, total
    jieba.dt.initialized = True
