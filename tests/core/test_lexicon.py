"""The lexicon: word frequencies derived from wordfreq, kept compact in the cache."""

from __future__ import annotations

import importlib.metadata
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
