"""The cut search dictionary segments the Chinese edition exactly as jieba's full dictionary does."""

from __future__ import annotations

import jieba
import pytest

from conftest import ROOT
from jinjiang_report.publish.search_dictionary import (cut_dictionary, edition_characters, full_dictionary,
                                                      prefix_dictionary)


def tokenizer(dictionary, tmp_path, user_words):
    segmenter = jieba.Tokenizer(str(dictionary))
    segmenter.tmp_dir = str(tmp_path)
    segmenter.load_userdict(str(user_words))
    return segmenter


@pytest.mark.slow  # loads jieba's full dictionary
def test_the_cut_dictionary_segments_the_chinese_edition_as_the_full_one(built_site, tmp_path):
    book_src = built_site.build_dir / "editions" / "zh" / "book-src"
    characters = edition_characters(book_src)
    cut = tmp_path / "cut.txt"
    cut.write_text(cut_dictionary(full_dictionary().read_text(encoding="utf-8"), characters), encoding="utf-8")
    assert cut.stat().st_size < full_dictionary().stat().st_size / 2, "the cut should leave most words out"
    user_words = book_src / "_static" / "search-words-zh.txt"
    full_segmenter = tokenizer(full_dictionary(), tmp_path / "full", user_words)
    cut_segmenter = tokenizer(cut, tmp_path / "cut", user_words)
    assert cut_segmenter.total == full_segmenter.total
    texts = [path.read_text(encoding="utf-8") for path in sorted(book_src.rglob("*")) if path.suffix in {".md", ".ipynb"}]
    texts.append((ROOT / "data" / "sources" / "000_a8f4d2176e64930d.txt").read_text(encoding="utf-8"))
    for text in texts:
        assert list(cut_segmenter.cut_for_search(text)) == list(full_segmenter.cut_for_search(text))


def test_a_word_with_a_character_outside_the_edition_is_left_out_and_its_weight_kept():
    full = "晋江 100 ns\n经验 50 n\n病房 30 n\n"
    cut = cut_dictionary(full, set("晋江经验"))
    lines = cut.splitlines()
    assert lines[:2] == ["晋江 100 ns", "经验 50 n"]
    filler, weight = lines[2].split(" ")
    assert weight == "30" and filler not in "晋江经验"


def test_the_prefix_dictionary_is_jiebas_own_and_follows_the_word_list(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("晋江 100 ns\n晋江经验 50 n\n", encoding="utf-8")
    built = prefix_dictionary(words)
    with words.open("rb") as stream:
        assert built == jieba.Tokenizer.gen_pfdict(stream)
    assert built == ({"晋": 0, "晋江": 100, "晋江经": 0, "晋江经验": 50}, 150)
    assert (tmp_path / "words.prefixes").is_file()
    assert prefix_dictionary(words) == built  # read back from the copy kept beside the list
    words.write_text("病房 30 n\n", encoding="utf-8")
    assert prefix_dictionary(words) == ({"病": 0, "病房": 30}, 30)


def test_a_prefix_dictionary_read_ahead_serves_only_the_word_list_it_was_read_with(tmp_path, monkeypatch):
    """The fast engine's Jupyter Book process reads the kept prefix dictionary before it forks; an
    edition's build then takes it from memory, unless the word list has changed since."""
    from jinjiang_report.publish import search_dictionary

    monkeypatch.setattr(search_dictionary, "_preloaded", {})
    words = tmp_path / "words.txt"
    words.write_text("晋江 100 ns\n晋江经验 50 n\n", encoding="utf-8")
    built = prefix_dictionary(words)
    search_dictionary.preload_prefix_dictionary(words)
    (tmp_path / "words.prefixes").unlink()

    def not_built_again(words: bytes) -> None:
        raise AssertionError("the prefix dictionary read ahead should have served")

    monkeypatch.setattr(search_dictionary, "prefix_frequencies", not_built_again)
    assert prefix_dictionary(words) == built
    monkeypatch.undo()
    monkeypatch.setattr(search_dictionary, "_preloaded", search_dictionary._preloaded)
    words.write_text("病房 30 n\n", encoding="utf-8")
    assert prefix_dictionary(words) == ({"病": 0, "病房": 30}, 30)


def test_nothing_is_read_ahead_without_a_matching_kept_prefix_dictionary(tmp_path, monkeypatch):
    from jinjiang_report.publish import search_dictionary

    monkeypatch.setattr(search_dictionary, "_preloaded", {})
    words = tmp_path / "words.txt"
    search_dictionary.preload_prefix_dictionary(words)  # no word list yet (a first build)
    words.write_text("晋江 100 ns\n", encoding="utf-8")
    search_dictionary.preload_prefix_dictionary(words)  # no prefix dictionary kept yet
    prefix_dictionary(words)
    words.write_text("病房 30 n\n", encoding="utf-8")
    search_dictionary.preload_prefix_dictionary(words)  # kept for another word list
    assert search_dictionary._preloaded == {}


def test_the_book_process_reads_ahead_only_while_no_build_is_asking(tmp_path, monkeypatch):
    """Read ahead while idle, the dictionary costs nothing; read while a build waits, it would delay
    both editions' builds for one edition's gain: then the Chinese build reads its own."""
    import socket

    from jinjiang_report.publish import search_dictionary
    from jinjiang_report.publish.sphinx_worker import read_ahead_unless_asked

    monkeypatch.setattr(search_dictionary, "_preloaded", {})
    words = tmp_path / "words.txt"
    words.write_text("晋江 100 ns\n", encoding="utf-8")
    prefix_dictionary(words)  # kept beside it, as a build leaves it
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(tmp_path / "s.sock"))
        server.listen(1)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.connect(str(tmp_path / "s.sock"))  # a build asking
            assert read_ahead_unless_asked(server, [words], wait=0) is False
            assert search_dictionary._preloaded == {}
            server.accept()[0].close()
        assert read_ahead_unless_asked(server, [words], wait=0) is True
    assert list(search_dictionary._preloaded) == [words.absolute()]
