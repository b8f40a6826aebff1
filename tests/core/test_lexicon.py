"""The lexicon: word frequencies derived from wordfreq, kept compact in the cache."""

from __future__ import annotations

import importlib.metadata
from array import array
from pathlib import Path

import pytest

from glyphwash.core import lexicon
from glyphwash.core.unicode import table_cache


@pytest.mark.parametrize(("word", "script", "language", "at_least", "below"), [
    ("claim", "Latin", "en", 4.5, 9.0),
    ("auth", "Latin", "en", 2.5, 4.0),
    ("сӏаім", "Cyrillic", "", 0.0, 0.1),      # a palochka and a Ukrainian і: no word anywhere
    ("вікі", "Cyrillic", "", 3.0, 5.0),       # Ukrainian
    ("москва", "Cyrillic", "", 5.0, 6.0),
    ("човјека", "Cyrillic", "", 3.0, 6.0),    # Serbian, transliterated from wordfreq's Latin list
    ("Claim", "Latin", "en", 4.5, 9.0),       # looked up in lower case
    ("xqzwv", "Latin", "en", 0.0, 0.1),
])
def test_frequencies(word: str, script: str, language: str, at_least: float, below: float) -> None:
    assert at_least <= lexicon.zipf(word, script, language or "en") < below


def test_no_language_knows_no_latin_word() -> None:
    assert lexicon.zipf("claim", "Latin", None) == 0.0


@pytest.mark.parametrize(("latin", "cyrillic"), [("čovjeka", "човјека"), ("ljubav", "љубав"),
                                                 ("nje", "ње"), ("džep", "џеп"), ("quiz", None)])
def test_serbian_latin_to_cyrillic(latin: str, cyrillic: str | None) -> None:
    assert lexicon._to_serbian_cyrillic(latin) == cyrillic


@pytest.mark.parametrize(("text", "language"), [
    ("It is a truth universally acknowledged, that a single man in possession of a good fortune, "
     "must be in want of a wife. However little known the feelings or views of such a man may be", "en"),
    ("Il était une fois une petite fille de village, la plus jolie qu'on eût su voir; sa mère en "
     "était folle, et sa mère-grand plus folle encore. Cette bonne femme lui fit faire", "fr"),
    ("Ur d-yettawi kra n tɣawsa, maca ad d-yawi tamurt-nneɣ ɣer tazwara n wass-a s tidet "
     "akken i d-yenna yemma-s deg wawal-is amezwaru i yimdanen n taddart", None),
    ("claim your prize", "en"),  # a few words: a message, taken as English
])
def test_the_language_of_a_text(text: str, language: str | None) -> None:
    words = [word.lower() for word in text.replace(",", " ").replace(".", " ").split()]
    assert lexicon.latin_language(words) == language


def test_tables_are_kept_in_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(table_cache.ENV_VAR, str(tmp_path))
    monkeypatch.setattr(lexicon, "_words", lambda language: iter([("alpha", 50), ("beta", 31)]))
    table = lexicon._cached_table("test", lambda: lexicon._words("xx"))
    assert (table.zipf("alpha"), table.zipf("beta"), table.zipf("gamma")) == (5.0, 3.1, 0.0)
    assert [path.name.split("-")[:2] for path in tmp_path.iterdir()] == [["lexicon", "test"]]
    monkeypatch.setattr(lexicon, "_words", lambda language: pytest.fail("rebuilt"))
    assert lexicon._cached_table("test", lambda: lexicon._words("xx")).zipf("alpha") == 5.0


def test_without_wordfreq_every_word_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", missing)
    assert lexicon._cached_table("en-missing", lambda: pytest.fail("built")).zipf("claim") == 0.0


def test_a_table_is_sorted_by_hash_and_keeps_each_words_best_frequency() -> None:
    words = [(f"word{index}", index % 70 + 10) for index in range(5000)] + [("word7", 90)]
    hashes_bytes, zipfs = lexicon._build(words)
    hashes = array("Q")
    hashes.frombytes(hashes_bytes)
    best: dict[int, int] = {}
    for word, zipf in words:
        key = lexicon._hash(lexicon.normalized(word))
        best[key] = max(best.get(key, 0), zipf)
    assert list(hashes) == sorted(best)
    assert list(zipfs) == [best[key] for key in hashes]


@pytest.mark.parametrize("language", ["en", "uk", "fi"])
def test_wordfreq_lists_are_read_a_bucket_at_a_time_as_wordfreq_reads_them(language: str) -> None:
    wordfreq = pytest.importorskip("wordfreq")
    wordlist = "large" if language in wordfreq.available_languages("large") else "small"
    assert list(lexicon._frequency_buckets(language)) == wordfreq.get_frequency_list(language, wordlist)
