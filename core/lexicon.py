"""How common a word is, in the languages of a script: the lexical signal of the homoglyph rule.

A person reads ``auтh`` as ``auth`` and leaves ``ВІКІ`` alone because of the words, not the
letters. The homoglyph rule asks this module, for an ambiguous word only, how common each of its
readings is (a Zipf frequency: 7 for ``the``, 3 for a word seen once per million words, 0 for an
unknown one).

The frequencies are wordfreq's (code Apache-2.0, data CC BY-SA 4.0, by Robyn Speer and
contributors). Loading wordfreq's full lists costs up to half a second and 130 MB for Russian, so
each table is derived once and kept in the user's cache (:mod:`core.table_cache`): a sorted array
of 64-bit hashes of the words with a byte of frequency each, about 9 bytes a word. A lookup hashes
the word and bisects in C. Nothing is loaded until a word needs it, so clean text pays nothing.

Tables:

* one per Latin-script language, because a Latin reading counts in the language the text is
  written in (``pay`` is English, ``рау`` a rare Russian surname): :func:`latin_language` picks
  the language from the text's own common words;
* one per other script, over every language wordfreq has in it: whether a Cyrillic reading is a
  word of *any* Cyrillic language. Serbian is in wordfreq only in Latin letters (``sh``); its
  words are transliterated into Serbian Cyrillic for the Cyrillic table.

Without wordfreq (it is a dependency, but a broken install should not stop cleaning) every word is
unknown: the rule falls back to script evidence alone.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import importlib.metadata
from array import array
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

import unicodedata2

from .unicode.table_cache import disk_cached, expect

# wordfreq's languages by script; "large" lists where wordfreq has them, else "small".
LATIN_LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "ca", "cs", "pl", "sv", "fi", "nb", "da", "hu",
                   "lv", "lt", "ro", "sk", "sl", "tr", "vi", "id", "ms", "fil", "is", "sh")
SCRIPT_LANGUAGES = {"Cyrillic": ("ru", "uk", "bg", "mk", "sh"), "Greek": ("el",)}
DEFAULT_LATIN = "en"
# Zipf frequencies of at least this are kept (wordfreq's large lists stop near 1).
_FLOOR = 1.0
# How many of a language's most common words identify it, and what share of a text's words
# (of three letters or more) they must make up; a text of fewer words is taken as English.
_TOP_WORDS = 300
_SHARE = 0.2
_COUNTED_LENGTH = 3
_FEW_WORDS = 10
_SERBIAN_CYRILLIC = {"lj": "љ", "nj": "њ", "dž": "џ", "a": "а", "b": "б", "c": "ц", "č": "ч", "ć": "ћ", "d": "д",
                     "đ": "ђ", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и", "j": "ј", "k": "к", "l": "л",
                     "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "š": "ш", "t": "т", "u": "у",
                     "v": "в", "z": "з", "ž": "ж"}


def _hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def normalized(word: str) -> str:
    """The form words are looked up in: NFKC, lower case (as wordfreq stores them). NFKC, not
    NFC: a word is judged as the ``compat`` rule leaves it (``ﬁr`` is ``fir``), or the next run
    would judge it again differently."""
    return str(unicodedata2.normalize("NFKC", word)).lower()


class WordTable(NamedTuple):
    """Words of one language or script: sorted hashes and, at the same index, Zipf × 10."""

    hashes: array[int]
    zipfs: bytes

    def zipf(self, word: str) -> float:
        """The word's Zipf frequency; 0.0 for a word the table does not hold."""
        key = _hash(normalized(word))
        index = bisect.bisect_left(self.hashes, key)
        if index < len(self.hashes) and self.hashes[index] == key:
            return self.zipfs[index] / 10
        return 0.0


_EMPTY = WordTable(array("Q"), b"")


def _wordfreq_version() -> str | None:
    try:
        return importlib.metadata.version("wordfreq")
    except importlib.metadata.PackageNotFoundError:
        return None


def _frequency_buckets(language: str) -> Iterator[list[str]]:
    """wordfreq's list for ``language``: bucket ``i`` holds the words of Zipf ``(900 - i) / 100``.

    Read from wordfreq's file a bucket at a time, not with ``wordfreq.get_frequency_list``: that
    decodes the whole file in one C call, which holds the GIL for a second on the large Cyrillic
    lists and would freeze the window while a worker builds a table.
    """
    import gzip

    import msgpack  # type: ignore[import-untyped]
    import wordfreq

    wordlist = "large" if language in wordfreq.available_languages("large") else "small"
    path = wordfreq.available_languages(wordlist).get(language)
    if path is None:
        yield from wordfreq.get_frequency_list(language, wordlist)
        return
    with gzip.open(path, "rb") as stream:
        unpacker = msgpack.Unpacker(stream, raw=False, read_size=1 << 16)
        count = unpacker.read_array_header()
        header = unpacker.unpack()
        if not (isinstance(header, dict) and header.get("format") == "cB" and header.get("version") == 1):
            raise ValueError(f"unexpected wordfreq header in {path}: {header!r}")
        for _ in range(count - 1):
            bucket: list[str] = unpacker.unpack()
            yield bucket


def _words(language: str) -> Iterable[tuple[str, int]]:
    """``(word, Zipf × 10)`` of every word of ``language`` at or above the floor."""
    for index, bucket in enumerate(_frequency_buckets(language)):
        zipf = round((900 - index) / 10)
        if zipf < _FLOOR * 10:
            break
        for word in bucket:
            if any(char.isalpha() for char in word):
                yield word, zipf


def _to_serbian_cyrillic(word: str) -> str | None:
    """A Serbian Latin word in Serbian Cyrillic, or None if it has letters Serbian does not use."""
    letters = []
    index = 0
    while index < len(word):
        pair = word[index:index + 2]
        if pair in _SERBIAN_CYRILLIC:
            letters.append(_SERBIAN_CYRILLIC[pair])
            index += 2
        elif word[index] in _SERBIAN_CYRILLIC:
            letters.append(_SERBIAN_CYRILLIC[word[index]])
            index += 1
        else:
            return None
    return "".join(letters)


_SORT_PARTITIONS = 1024  # a power of two


def _build(pairs: Iterable[tuple[str, int]]) -> tuple[bytes, bytes]:
    """The stored form of a table: hashes (8 bytes each) and Zipf bytes, sorted by hash."""
    best: dict[int, int] = {}
    for word, zipf in pairs:
        key = _hash(normalized(word))
        if zipf > best.get(key, 0):
            best[key] = zipf
    # Sorted a slice of the hash space at a time (hashes are uniform, so the slices are even):
    # one sort of two million keys would hold the GIL for half a second.
    partitions: list[list[int]] = [[] for _ in range(_SORT_PARTITIONS)]
    shift = 64 - _SORT_PARTITIONS.bit_length() + 1
    for key in best:
        partitions[key >> shift].append(key)
    hashes, zipfs = array("Q"), bytearray()
    for partition in partitions:
        partition.sort()
        hashes.extend(partition)
        zipfs.extend(map(best.__getitem__, partition))
    return hashes.tobytes(), bytes(zipfs)


def _decode(stored: object) -> WordTable:
    if not (isinstance(stored, tuple) and len(stored) == 2 and all(isinstance(part, bytes) for part in stored)):
        raise ValueError("not a word table")
    hashes = array("Q")
    hashes.frombytes(stored[0])
    if len(hashes) != len(stored[1]):
        raise ValueError("a word table of two lengths")
    return WordTable(hashes, stored[1])


def _cached_table(name: str, pairs: Callable[[], Iterable[tuple[str, int]]]) -> WordTable:
    version = _wordfreq_version()
    if version is None:
        return _EMPTY
    stored = disk_cached(f"lexicon-{name}-{version}", lambda: _build(pairs()))
    return _decode(stored)


def _script_words(script: str) -> Iterable[tuple[str, int]]:
    for language in SCRIPT_LANGUAGES[script]:
        if language == "sh" and script == "Cyrillic":
            for word, zipf in _words(language):
                cyrillic = _to_serbian_cyrillic(word)
                if cyrillic is not None:
                    yield cyrillic, zipf
        else:
            yield from _words(language)


@functools.cache
def language_table(language: str) -> WordTable:
    """The words of one Latin-script language."""
    return _cached_table(language, functools.partial(_words, language))


@functools.cache
def script_table(script: str) -> WordTable:
    """The words of every language wordfreq has in ``script`` (not Latin); empty for others."""
    if script not in SCRIPT_LANGUAGES:
        return _EMPTY
    return _cached_table(script, functools.partial(_script_words, script))


def _top_words() -> dict[str, list[str]]:
    import wordfreq

    return {language: wordfreq.top_n_list(language, _TOP_WORDS, wordlist="small") for language in LATIN_LANGUAGES}


@functools.cache
def top_words() -> dict[str, frozenset[str]]:
    """The most common words of each Latin-script language (to tell which one a text is in)."""
    version = _wordfreq_version()
    if version is None:
        return {}
    stored = disk_cached(f"lexicon-top-{version}", _top_words, decode=expect(dict))
    return {language: frozenset(words) for language, words in stored.items()}


def latin_language(words: Iterable[str]) -> str | None:
    """The Latin-script language of a text's words (lower case, repeats counted): the one whose
    most common words make up a fifth of them or more (English text: about half; Latvian: 45%;
    a Berber or Mayan text, in no list, 11% at most). English for a text of a few words (a
    message), None for a text in no language wordfreq knows: no Latin reading is a word there.

    Words of one or two letters are not counted: every language has some.
    """
    tops = top_words()
    scores = dict.fromkeys(LATIN_LANGUAGES, 0)
    total = 0
    for word in words:
        if len(word) < _COUNTED_LENGTH:
            continue
        total += 1
        for language, top in tops.items():
            if word in top:
                scores[language] += 1
    if total < _FEW_WORDS:
        return DEFAULT_LATIN
    best = max(scores, key=lambda language: (scores[language], language == DEFAULT_LATIN))
    return best if scores[best] >= _SHARE * total else None


# No common word of any language is longer: a longer run of letters is looked up nowhere (and a
# caller trying readings of a 100,000-letter run need not build them).
LONGEST_WORD = 64


def zipf(word: str, script: str, language: str | None = DEFAULT_LATIN) -> float:
    """How common ``word`` is: in ``language`` for a Latin word (0.0 in no language), in any
    language of its script otherwise."""
    if len(word) > LONGEST_WORD:
        return 0.0
    if script == "Latin":
        return language_table(language).zipf(word) if language is not None else 0.0
    return script_table(script).zipf(word)


LANGUAGE_NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
                  "pt": "Portuguese", "nl": "Dutch", "ca": "Catalan", "cs": "Czech", "pl": "Polish",
                  "sv": "Swedish", "fi": "Finnish", "nb": "Norwegian", "da": "Danish", "hu": "Hungarian",
                  "lv": "Latvian", "lt": "Lithuanian", "ro": "Romanian", "sk": "Slovak", "sl": "Slovenian",
                  "tr": "Turkish", "vi": "Vietnamese", "id": "Indonesian", "ms": "Malay", "fil": "Filipino",
                  "is": "Icelandic", "sh": "Serbo-Croatian"}
