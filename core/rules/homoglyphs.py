"""The ``homoglyphs`` rule: letters of another script that pose as letters of a word's script.

A *word* is a run of letters and combining marks; digits, underscores and punctuation split it
(``сноб_news`` is two words). Characters the ``invisible`` rule removes (zero-width and format
characters, controls) do not split a word: ``aa<ZWSP>е`` is the word ``aaе``, as it will be once
the space is gone, so normalizing twice changes nothing more. They only join words; they are
never repaired. Look-alikes come from :mod:`core.confusables` (UTS #39 data).

What is repaired:

* **Mixed words.** A word whose letters come from two or more scripts is rewritten in the script
  that can spell all of it once look-alikes are mapped (``OПШTA`` is Cyrillic: ``П`` and ``Ш`` have
  no Latin look-alike). When several scripts could, a line that has letters only one of them
  has, and none only another has, decides; in a line of both scripts a clear majority of the
  word does (``Korеa`` in a Russian sentence); then the balance of the line, of the document,
  and the word's plain majority: the majority of a short attacked word is the attacker's choice
  (``sее`` in English text).
* **Whole foreign words.** A word written entirely in another script's look-alikes (``ѕрасе``
  among English words) becomes the line's script when the line has no letter of its own script
  that the other lacks, does have letters of the other script, and the document agrees. Only
  look-alikes of the same shape (``intentional.txt``, or alike in both cases: ``о``/``o`` as
  ``О``/``O``) or letters no modern orthography uses are applied to a whole word: ``ш → w`` or
  ``г → r`` would rewrite real Russian words. A line whose mixed words were repaired from that
  script is proof of an attack, and there every look-alike applies (``օք`` → ``of``).

Words decide where letters cannot (:mod:`core.lexicon`, wordfreq's frequencies, asked only for
ambiguous words):

* **Short mixed words.** A letter with no look-alike, not even a loose one, in the other script
  settles a word of any length (``дa`` is ``да``). Otherwise a word with fewer than two letters of
  its script is rewritten only into a known word of it (``сe``, ``iх``, ``Tе`` in Cyrillic lines),
  never inside an abbreviation (``cт.л.``).
* **Loose look-alikes** (small capitals ``ᴛ``, ``т`` ``м`` ``к`` as small capitals, ``×`` ``∨``,
  Roman numerals, styled ``𝛕``, letters named as variants such as OPEN E) and letters no table
  pairs with a Latin letter (read as the letters they are drawn like: Tai Le ``ᥱ`` as ``e``) are
  read into a Latin word only where that word is common in the
  document's language and the word as written is no word of its own script (``auтh``, ``сӏаім``,
  ``e×istence``). A look-alike that only resembles its letter (Greek ``γ`` for ``y``) needs the
  same, or an exact look-alike on the line: ``IL2Rγ`` stays.
* **Real foreign words** stay: a whole word of another script that is a word there and whose
  other reading is no common word (``ВІКІ`` in English; ``рау`` goes, ``pay`` is common).

Decisions, and what is deliberately left alone:

* **ASCII letters of Latin words, and digits**: a Latin letter only changes inside a word of
  another script (``Аннa``), never because ``l`` looks like ``I``. A whole ASCII word stays even
  in Russian text: a preposition ``c`` typed in Latin is indistinguishable from a brand or a
  variable name, so Latin-for-Cyrillic attacks on one-letter words are not repaired.
* **I or l.** A capital that also looks like a small letter (Greek ``Ι``) becomes small inside a
  word with small letters and a capital at the start of a word: ``EΙizabeth``, but ``Ιt``.
* **Stylizations.** A word in which both scripts contribute three or more letters, the letters
  to rewrite are ASCII and outnumber the letters kept, and the scripts alternate (four runs or
  more) is written that way on purpose (``Bаpвapа``: Latin made to look Cyrillic, beside
  ``Варвара``). Only ASCII qualifies: every keyboard offers it, so people mix it in for effect,
  while nobody types Cyrillic ``е`` or Greek ``ο`` into English words for style. A heavily
  attacked Cyrillic word (more than half its letters Latin, in alternation) is the price.
* **Words the line contradicts.** A mixed word is not pulled towards a script that is a minority
  both in the word and in its line (more letters there that only the other script has): Ossetian
  ``æ`` in Cyrillic words keeps its Cyrillic letters.
* **ASCII letters need two letters of the word's own script.** ``Аннa`` and ``OПШTA`` are
  repaired, but ``cт`` (Latin c, Cyrillic т, in ``2 cт.л.``, a tablespoon) stays: with one letter
  of each script, a Latin letter typed on the wrong keyboard layout is as likely as an attack,
  and changing genuine text is the worse mistake. Non-ASCII look-alikes in Latin words (``bе``,
  ``mе``) are repaired whatever the length: nobody types Cyrillic ``е`` into English by chance
  of the keyboard layout within one word. The price is attacked two-letter Cyrillic words
  (``нa``).
* Lone surrogates (undecodable bytes), marks and letters of ``allow_chars`` / ``allow_scripts``.
* **A lone small letter** (``TNF-α``, ``β-catenin``): a symbol as often as a word; only letters
  ``intentional.txt`` draws identically (Cyrillic ``а``) are changed alone.
* **Orthographies that write IPA letters** (two or more of ``ɛ ɔ ɣ ɓ ŋ``…: Baoulé, Ewe, Berber):
  ``ɑ``, ``ɩ``, ``ƒ`` are their letters too. A text in no language the lexicon knows gets no
  lexical readings at all.
* **Mojibake** (a line ftfy's badness heuristic calls so): bytes decoded wrongly, not words.

Each repaired letter is its own change (``Korеa`` is one change, ``ѕрасе`` five), so every one
can be explained and reverted alone. Lines repeat in long documents, so each distinct line is
decided once and its letter fixes are reused.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

import unicodedata2

from .. import lexicon
from ..cancel import checked
from ..changes import ChangeList, ChangeTemplate, Severity, apply_changes
from ..unicode.confusables import (
    NEUTRAL_SCRIPTS,
    is_allowed,
    letter_posers,
    lookalike_tables,
    loose_latin,
    plain_twins,
    script_ranges,
)
from ..unicode.unicode_data import UNICODE_DIR, char_name, data_lines, script_of
from ..unicode.unicode_props import char_class, scan_pattern
from .invisible import candidates as invisible_candidates

if TYPE_CHECKING:
    from ..engine import EngineConfig
    from .context import Analyzer, RuleContext

RULE = "homoglyphs"
_NON_ASCII_LETTER = re.compile(r"[^\x00-\x7F\W\d_]")
_NON_ASCII = re.compile(r"[^\x00-\x7F]")
_ASCII_LETTERS = re.compile("[A-Za-z]")
_NON_ASCII_VISIBLE = re.compile(r"[^\x00-\x7F\s]")
# A line with this many times more ASCII letters than other characters is Latin text.
_LATIN_LINE_RATIO = 2
# A document writing this many distinct letters of the IPA block and Latin Extended-B is in an
# orthography that uses them.
_IPA_LETTERS = 2
# A word followed by a full stop and a short run of letters is part of an abbreviation
# (``ст.л.``); a full stop before a long word is a missing space (``гр.сметаны``).
_ABBREVIATION = re.compile(r"\.[^\W\d_]{1,3}(?![^\W\d_])")
_ASCII_WORD = re.compile(r"(?<![^\W\d_])[A-Za-z]+(?![^\W\d_])")
# Marks a fix that replaces a letter no orthography uses by its plain twin (see _plain_twin_fixes).
_PLAIN_TWIN = "\x00plain twin"
# Marks a fix that replaces a digit or symbol posing as a letter (see _letter_poser_fixes).
_LETTER_POSER = "\x00letter poser"
_POSER_MIN_ASCII_LETTERS = 2
# Marks a fix of a loose look-alike that the lexicon confirmed (see _LooseReader).
_LOOSE = "\x00loose"
# ASCII letters are rewritten into a word's script only if it has this many letters of its own.
_ASCII_REWRITE_MIN_KEPT = 2
# A stylization needs this many letters from each script and this many script runs.
_STYLIZATION_LETTERS = 3
_STYLIZATION_RUNS = 4
# Repairs of a line are repeated on the repaired line at most this often.
_MAX_PASSES = 3
# Lines longer than this are searched for suspect words in windows of about this size.
_WORD_WINDOW = 1 << 16
# A word's own majority decides when it is two thirds and ahead by this many letters.
_CLEAR_MARGIN = 2
# Without evidence on its line, a whole word is repaired only in an overwhelming document.
_OVERWHELMING = 10
# Zipf frequencies (lexicon): a reading this common is a known word (``auth`` is 3.0, ``claim``
# 5.0); a short one must be commoner, as short strings are words somewhere by chance.
_KNOWN_WORD = 2.5
# A long string is a word by chance far more rarely: a rarer one counts (``condescend``).
_KNOWN_LONG_WORD = 2.0
_LONG = 7
# Names are rarer than this; commoner words are written in both cases.
_NAME = 5.0
_KNOWN_SHORT_WORD = 4.0
_SHORT = 2
# A whole word that is this common in its own script is a real word (``вікі`` 3.8): it stays
# unless its other reading is a known word (``рау`` is 2.7, but ``pay`` 5.4).
_REAL_FOREIGN_WORD = 2.0
# Below this, a string is no word of a language (wordfreq's lists stop near 1).
_NOT_A_WORD = 1.0
# A word may have this many letters that no look-alike pairs with a Latin letter, guessed from
# the lexicon, when the best guess is this much commoner (Zipf) than the next.
_MAX_UNKNOWN = 2
_GUESS_MARGIN = 1.0
# Readings of one word tried at most.
_MAX_READINGS = 2000
_ASCII_SMALL = "abcdefghijklmnopqrstuvwxyz"
# The language of a document is told from its first words.
_LANGUAGE_SAMPLE = 1 << 16


class Fix(NamedTuple):
    """One letter to replace, at ``position`` in its line."""

    position: int
    original: str
    replacement: str
    source_script: str
    target_script: str
    word: str | None  # the whole word, when the fix rewrites a whole foreign word
    lexicon: str | None = None  # why the lexicon confirmed the fix, when it had to
    needs_proof: bool = False  # a loose look-alike: made only where the line proves an attack


class Letter(NamedTuple):
    """A letter of a word: where it is, the character there, its script, and the letter it reads
    as once its marks are composed (``е`` + ``◌̈`` reads as ``ё``; empty: as itself)."""

    position: int
    char: str
    script: str
    composed: str = ""


class WordPlan(NamedTuple):
    """What a word could become, before its line is consulted.

    Attributes:
        letters: the word's letters that belong to a script (not Common or Inherited).
        scripts: the scripts of those letters.
        targets: scripts that can spell every letter (own letters or look-alikes).
    """

    letters: tuple[Letter, ...]
    scripts: frozenset[str]
    targets: tuple[str, ...]


@functools.cache
def _combining_marks() -> str:
    """A regex class body of Grapheme_Extend characters: the marks that belong to a word."""
    ranges = []
    with open(UNICODE_DIR / "DerivedCoreProperties.txt", encoding="utf-8") as handle:
        for line in handle:
            if "; Grapheme_Extend" in line:
                first, _, last = line.partition(";")[0].strip().partition("..")
                ranges.append(f"\\U{int(first, 16):08X}" + (f"-\\U{int(last, 16):08X}" if last else ""))
    return "".join(ranges)


@functools.cache
def _removed_by_invisible() -> str:
    """A regex class body of the characters the ``invisible`` rule may delete (they join words)."""
    return char_class(invisible_candidates())[1:-1]


@functools.cache
def _invisible_pattern() -> re.Pattern[str]:
    return re.compile(f"[{_removed_by_invisible()}]+")


def _without_invisibles(word: str) -> str:
    """The word as it reads once the ``invisible`` rule has removed what it removes."""
    return word if word.isascii() else _invisible_pattern().sub("", word)


@functools.cache
def _word_pattern() -> re.Pattern[str]:
    """Words (letters, marks, invisibles) with a non-ASCII letter; ASCII words are skipped in C."""
    inner = _combining_marks() + _removed_by_invisible()
    # The lookbehind starts a word only at a word's start: without it a long run of ASCII
    # letters followed by no non-ASCII letter is retried from each of its positions (quadratic).
    return re.compile(rf"(?<![A-Za-z{inner}])(?:[A-Za-z]|[{inner}])*[^\x00-\x7F\W\d_](?:[^\W\d_]|[{inner}])*")


@functools.cache
def _separator_pattern() -> re.Pattern[str]:
    """ASCII characters that no match of :func:`_word_pattern` holds."""
    return re.compile(f"[^A-Za-z{_combining_marks()}{_removed_by_invisible()}\x80-\U0010FFFF]")


@functools.cache
def _last_separator_pattern() -> re.Pattern[str]:
    """Matches up to and including the last separator of a span (greedy, so the last one)."""
    return re.compile(f"(?s:.*){_separator_pattern().pattern}")


def _found(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``text`` holds a match of ``pattern`` (one character long), searched in windows so
    that a long text never holds the GIL for long."""
    if len(text) <= _WORD_WINDOW:  # the common case, a line: one search
        return pattern.search(text) is not None
    return any(pattern.search(text, start, start + _WORD_WINDOW) for start in range(0, len(text), _WORD_WINDOW))


def _holds(pattern: re.Pattern[str], text: str) -> bool:
    """:func:`_found` for a class of non-ASCII characters: never in ASCII text."""
    return not text.isascii() and _found(pattern, text)


def _suspect_words(line: str) -> Iterator[re.Match[str]]:
    """The matches of :func:`_word_pattern` in ``line`` (see :func:`_words_around_non_ascii`)."""
    return _words_around_non_ascii(line, _word_pattern())


def _words_around_non_ascii(line: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` (words that hold no ASCII separator) in ``line``, every one
    with a non-ASCII character among them.

    The pattern crawls over ASCII (a few MB/s), and one search over a line of millions of
    characters would hold the GIL for seconds. So a long line is searched only around its
    non-ASCII characters: from the separator before one to the separator after it (a space,
    else any ASCII character no word holds), at most ``_WORD_WINDOW`` characters on either side. Deliberately
    left alone: a word longer than that window may be cut (such a run of letters is no word).
    """
    if line.isascii():
        return
    length = len(line)
    if length <= _WORD_WINDOW:
        yield from pattern.finditer(line)
        return
    covered = 0
    while (hit := _NON_ASCII.search(line, covered)) is not None:
        position = hit.start()
        floor = max(covered, position - _WORD_WINDOW)
        start = line.rfind(" ", floor, position) + 1
        if not start:
            before = _last_separator_pattern().match(line, floor, position)
            start = before.end() if before else floor
        end = line.find(" ", position, position + _WORD_WINDOW)
        if end < 0:
            after = _separator_pattern().search(line, position, position + _WORD_WINDOW)
            end = after.start() if after else min(length, position + _WORD_WINDOW)
        yield from pattern.finditer(line, start, end)
        covered = end


def _class_body(ranges: Sequence[range], excluded: set[int]) -> str:
    parts = []
    for code_points in ranges:
        start = code_points.start
        for cut in sorted(point for point in excluded if code_points.start <= point < code_points.stop):
            if start < cut:
                parts.append(f"\\U{start:08X}-\\U{cut - 1:08X}")
            start = cut + 1
        if start < code_points.stop:
            parts.append(f"\\U{start:08X}-\\U{code_points.stop - 1:08X}")
    return "".join(parts)


@functools.cache
def _evidence_pattern(script: str, against: str) -> re.Pattern[str]:
    """Characters of ``script`` that have no look-alike in ``against``: proof of ``script``."""
    lookalikes = lookalike_tables().lookalikes
    excluded = {ord(char) for char, targets in lookalikes.items()
                if against in targets and script_of(char) == script}
    body = _class_body(script_ranges().get(script, []), excluded)
    return re.compile(f"[{body}]" if body else r"(?!)")


def _evidence(frequencies: Counter[str], script: str, against: str) -> int:
    # Matched against the distinct characters only: scanning a 10 MB Russian text once per
    # question would cost a quarter of a second each.
    return sum(map(frequencies.__getitem__, _evidence_pattern(script, against).findall("".join(frequencies))))


def _reading(text: str) -> str:
    """``text`` as the ``compat``, ``invisible`` and ``nfc`` rules leave it, for counting evidence."""
    if text.isascii():
        return text
    styled = _styled_plain()
    if _holds(_styled_pattern(), text):
        text = text.translate({ord(char): plain for char, plain in styled.items() if char in text})
    # In windows (a run of invisibles cut in two goes all the same), for the GIL's sake.
    visible = _invisible_pattern().sub("", text) if len(text) <= _WORD_WINDOW else "".join(
        _invisible_pattern().sub("", text[start:start + _WORD_WINDOW]) for start in range(0, len(text), _WORD_WINDOW))
    normalized: str = unicodedata2.normalize("NFC", visible)
    return normalized


@functools.cache
def _styled_pattern() -> re.Pattern[str]:
    return scan_pattern(ord(char) for char in _styled_plain())


class _Context:
    """Letter evidence of one text (a line or the document), computed on demand and kept."""

    def __init__(self, text: str) -> None:
        self.original = text
        self.counts: dict[tuple[str, str], int] = {}
        self.seen: dict[tuple[str, str], bool] = {}

    @functools.cached_property
    def text(self) -> str:
        return _reading(self.original)

    @functools.cached_property
    def frequencies(self) -> Counter[str]:
        return Counter(self.text)

    @functools.cached_property
    def ascii_words(self) -> frozenset[str]:
        """The words of plain ASCII letters the text holds (built only if a decision asks)."""
        return frozenset(_ASCII_WORD.findall(self.original))

    @functools.cached_property
    def ascii_words_lower(self) -> frozenset[str]:
        return frozenset(word.lower() for word in self.ascii_words)

    @functools.cached_property
    def language(self) -> str | None:
        """The Latin-script language of the text's words (:func:`lexicon.latin_language`)."""
        sample = self.original[:_LANGUAGE_SAMPLE]
        return lexicon.latin_language(word.lower() for word in _ASCII_WORD.findall(sample))

    @functools.cached_property
    def uses_ipa(self) -> bool:
        """Whether the text writes two or more letters of the African and American Latin
        orthographies and the IPA (``ɛ ɔ ɣ ɓ ŋ``): there ``ɑ``, ``ɩ`` or ``ƒ`` are letters of the
        orthography too. (One such letter is what an attack on English text looks like.)"""
        if self.text.isascii():
            return False
        seen: set[str] = set()
        for start in range(0, len(self.text), _WORD_WINDOW):
            seen.update(_ipa_pattern().findall(self.text, start, start + _WORD_WINDOW))
            if len(seen) >= _IPA_LETTERS:
                return True
        return False

    def evidence(self, script: str, against: str) -> int:
        key = (script, against)
        count = self.counts.get(key)
        if count is None:
            count = self.counts[key] = _evidence(self.frequencies, script, against)
        return count

    def has_evidence(self, script: str, against: str) -> bool:
        """Whether the text holds any proof of ``script`` against ``against`` (cheaper than counting)."""
        count = self.counts.get((script, against))
        if count is not None:
            return count > 0
        seen = self.seen.get((script, against))
        if seen is None:
            seen = self.seen[script, against] = _found(_evidence_pattern(script, against), self.text)
        return seen

    def agrees_with(self, other: _Context) -> bool:
        """Whether ``other`` answers every question this context was asked the same way."""
        return all(other.evidence(*key) == count for key, count in self.counts.items()) and all(
            other.has_evidence(*key) == seen for key, seen in self.seen.items()) and (
            "language" not in self.__dict__ or other.language == self.language) and (
            "uses_ipa" not in self.__dict__ or other.uses_ipa == self.uses_ipa)

    def prefers(self, script: str, other: str) -> int:
        """Positive when the text holds more proof of ``script`` than of ``other``."""
        return self.evidence(script, other) - self.evidence(other, script)


_LetterInfo = tuple[str, frozenset[str]] | None
# Per-process memo: what a character is for the script decision never changes.
_letter_infos: dict[str, _LetterInfo] = {}


def _letter_info(char: str) -> _LetterInfo:
    """``(script, scripts that can spell it)`` for a letter of a script; None for anything else."""
    script = script_of(char)
    info = None
    if char.isalpha() and script not in NEUTRAL_SCRIPTS:
        info = (script, frozenset({script, *lookalike_tables().lookalikes.get(char, ())}))
    _letter_infos[char] = info
    return info


def _composed_letters(word: str) -> dict[int, str]:
    """Position of each letter → the letter its cluster reads as once composed (NFC).

    ``a`` + ``◌́`` is ``á``, which no other script imitates: the word is judged as the ``nfc``
    rule (and removing invisibles in between) will leave it, so normalizing is idempotent.
    """
    composed: dict[int, str] = {}
    invisible = _invisible_pattern()
    for position, char in enumerate(word):
        if not char.isalpha():
            continue
        marks = []
        for follower in word[position + 1:]:
            if unicodedata2.category(follower)[0] == "M":
                marks.append(follower)
            elif not invisible.fullmatch(follower):
                break
        composed[position] = unicodedata2.normalize("NFC", char + "".join(marks))[0]
    return composed


@functools.cache
def _styled_plain() -> dict[str, str]:
    """Styled letters (``𝐛``, ``Ａ``) → the one plain letter the ``compat`` rule reads them as."""
    from .compat import styled_letters

    return {chr(code_point): plain for code_point, (plain, _) in styled_letters().items()
            if len(plain) == 1 and plain.isalpha()}


def _info(char: str) -> _LetterInfo:
    return _letter_infos[char] if char in _letter_infos else _letter_info(char)


def _plan_word(word: str, allow_chars: frozenset[str]) -> WordPlan | None:
    """The word's letters and the scripts that could spell it, as the other rules will leave it.

    A styled letter (``𝐛``) counts as its plain letter, and a letter with marks as the letter
    they compose into (``a`` + ``◌́`` is ``á``, which no other script imitates), so a second
    run over normalized text decides the same.
    """
    letters = []
    targets: frozenset[str] | None = None
    visible = _without_invisibles(word)
    composed = None if unicodedata2.normalize("NFC", visible) == visible else _composed_letters(word)
    styled = _styled_plain()
    invisible = invisible_candidates()
    for position, char in enumerate(word):
        # Characters the invisible rule deletes (a Hangul filler is even a letter) are not the
        # word's letters: the decision must be the one a second run makes without them.
        if char in allow_chars or ord(char) in invisible:
            continue
        info = _info(char)
        letter = char
        reads_as = ""
        if info is None:
            plain = styled.get(char)
            if plain is None:
                continue
            letter, info = plain, _info(plain)
            if info is None:
                continue
        elif composed is not None and composed.get(position, char) != char:
            reads_as = composed[position]
            read_info = _info(reads_as)
            if read_info is None:
                continue
            info = (read_info[0], info[1] & read_info[1])
        letters.append(Letter(position, letter, info[0], reads_as))
        targets = info[1] if targets is None else targets & info[1]
        if not targets:
            return None
    if not letters or not targets:
        return None
    scripts = frozenset(letter.script for letter in letters)
    if len(scripts) == 1 and targets == scripts:
        return None
    return WordPlan(tuple(letters), scripts, tuple(sorted(targets)))


class WordCase(NamedTuple):
    """How many of a word's letters are cased, capitals and small: counted once per word, so
    that asking about each letter's neighbours costs nothing (a 100,000-letter word)."""

    cased: int
    upper: int
    lower: int

    @classmethod
    def of(cls, letters: Sequence[Letter]) -> WordCase:
        chars = [letter.char for letter in letters]
        return cls(sum(1 for char in chars if _is_cased(char)), sum(map(str.isupper, chars)),
                   sum(map(str.islower, chars)))


def _is_cased(char: str) -> bool:
    return char.lower() != char.upper()


def _replacement(letter: Letter, letters: Sequence[Letter], target: str, case: WordCase) -> str:
    """The look-alike of ``letter`` in ``target``, in the case its word calls for.

    A capital that also looks like a small letter (``Ι``: ``I`` or ``l``) is small inside a word
    that has small letters, and a capital at the start of a word or in an all-capitals word.
    """
    tables = lookalike_tables()
    small = tables.lowercase.get((letter.char, target))
    if small is not None and letter.position > letters[0].position and case.lower - letter.char.islower() > 0:
        return small
    found = tables.lookalikes[letter.char][target]
    if found.islower() and _in_capitals(letter, case) and len(found.upper()) == 1:
        return found.upper()  # FAᎥR: Cherokee Ꭵ looks like i, but the word is in capitals
    return found


def _in_capitals(letter: Letter, case: WordCase) -> bool:
    """Whether the word's other cased letters are all capitals, two or more of them."""
    char = letter.char
    cased = case.cased - _is_cased(char)
    upper = case.upper - (_is_cased(char) and char.isupper())
    return cased >= 2 and upper == cased


def _script_runs(letters: Sequence[Letter]) -> int:
    return 1 + sum(1 for previous, letter in itertools.pairwise(letters) if previous.script != letter.script)


def _is_stylization(letters: Sequence[Letter], target: str) -> bool:
    """A mostly-ASCII word interleaved with another script, written that way on purpose.

    Only ASCII letters can be a stylization: every keyboard offers them, so people mix them in
    for effect (``Bаpвapа``); nobody types Cyrillic ``е`` into English words for style.
    """
    rewritten = [letter.char for letter in letters if letter.script != target]
    kept = len(letters) - len(rewritten)
    return (len(rewritten) > kept >= _STYLIZATION_LETTERS and "".join(rewritten).isascii()
            and _script_runs(letters) >= _STYLIZATION_RUNS)


def _too_little_to_rewrite_ascii(plan: WordPlan, target: str) -> bool:
    """Whether ASCII letters would be rewritten on the word of fewer than two target letters."""
    kept = sum(1 for letter in plan.letters if letter.script == target)
    return kept < _ASCII_REWRITE_MIN_KEPT and all(
        letter.char.isascii() for letter in plan.letters if letter.script != target)


def _direction_settled(plan: WordPlan, target: str) -> bool:
    """Whether a letter of ``target`` in the word resembles no letter of the word's other scripts,
    not even loosely (``д`` in ``дa``; not ``т``, which passes for a small capital ``ᴛ``)."""
    lookalikes = lookalike_tables().lookalikes
    loose = loose_latin()
    return any(letter.script == target and not any(
        source in lookalikes.get(letter.composed or letter.char, ())
        or (source == "Latin" and (letter.composed or letter.char) in loose)
        for source in plan.scripts - {target}) for letter in plan.letters)


def _with_replacements(word: str, replacements: dict[int, str]) -> str:
    return "".join(replacements.get(position, char) for position, char in enumerate(word))


def _threshold(reading: str) -> float:
    if len(reading) <= _SHORT:
        return _KNOWN_SHORT_WORD
    return _KNOWN_LONG_WORD if len(reading) >= _LONG else _KNOWN_WORD


def _frequency(word: str, script: str, document: _Context) -> float:
    """How common ``word`` is as a word of ``script`` (for Latin: in the document's language)."""
    return lexicon.zipf(_without_invisibles(word), script, document.language if script == "Latin" else "")


def _known_reading(word: str, reading: str, target: str, document: _Context, source: str | None = None,
                   threshold: float | None = None) -> str | None:
    """Why ``reading`` is the word meant, or None: it is a known word of the document's language
    (for Latin) or of a language of ``target`` (at least as common as ``threshold``), and ``word``
    is no word of its own script."""
    reading = _without_invisibles(reading)
    common = _frequency(reading, target, document)
    if common < (_threshold(reading) if threshold is None else threshold):
        return None
    if source is not None and _is_foreign_word(_without_invisibles(word)):
        return None
    adjective = "a common" if common >= _KNOWN_WORD else "a"
    common_in = (f"{adjective} {lexicon.LANGUAGE_NAMES.get(document.language or '', document.language)} word"
                 if target == "Latin" else f"{adjective} word in {target} script")
    return f"{_without_invisibles(word)} is not a word; {reading} is {common_in}"


def _is_foreign_word(word: str) -> bool:
    """Whether ``word``, written in one script other than Latin, is a word of a language of it.

    A word mixing scripts is no word, whatever the word lists say: they hold a few such words,
    typed with a look-alike (Greek ``τo`` with a Latin ``o``)."""
    scripts = {script_of(char) for char in word if char.isalpha()} - NEUTRAL_SCRIPTS
    return len(scripts) == 1 and "Latin" not in scripts and lexicon.zipf(word, scripts.pop()) >= _NOT_A_WORD


def _real_foreign_word(word: str, script: str, reading: str, target: str, document: _Context) -> bool:
    """Whether a whole word of ``script`` is a real word there, and its ``target`` reading is no
    common word of the text: a foreign word quoted in the text (``ВІКІ`` in English, where ``biki``
    is rare). ``рау`` (a rare Russian surname) and ``Не`` (Russian "not") are words too, but in
    English text ``pay`` and ``He`` are what a reader sees."""
    return (_frequency(word, script, document) >= _REAL_FOREIGN_WORD
            and _frequency(reading, target, document) < _threshold(reading))


class _LineJudge:
    """Decides the words of one line, with the line and document as context."""

    def __init__(self, line: str, document: _Context, allow_scripts: frozenset[str]) -> None:
        self.line = _Context(line)
        self.document = document
        self.allow_scripts = allow_scripts

    def choose_target(self, plan: WordPlan) -> str | None:
        """The script a mixed word is written in, or None when nothing shows it.

        A line with letters only one of the scripts has decides first (an attacked English line
        has no Cyrillic-only letter); in a line of both, a clear majority of the word (two thirds,
        by two letters or more: ``Korеa`` in a Russian sentence); then the line's balance, the
        document's, and the word's plain majority, in that order: the majority of a short attacked
        word is the attacker's choice (``sее``).
        """
        if len(plan.targets) == 1:
            return plan.targets[0]
        attested = self._attested(plan)
        if len(attested) == 1:
            return attested[0]
        native = {target: sum(1 for letter in plan.letters if letter.script == target) for target in plan.targets}
        leader = max(native, key=native.__getitem__)
        rest = len(plan.letters) - native[leader]
        if attested and native[leader] >= 2 * rest and native[leader] - rest >= _CLEAR_MARGIN:
            return leader
        for context in (self.line, self.document):
            scores = {target: sum(context.prefers(target, other) for other in plan.targets if other != target)
                      for target in plan.targets}
            best = _unique_best(scores)
            if best is not None:
                return best
        return _unique_best(native)

    def _attested(self, plan: WordPlan) -> list[str]:
        """The word's possible scripts that the line holds letters of that the others lack."""
        return [target for target in plan.targets
                if any(self.line.has_evidence(target, other) for other in plan.targets if other != target)]

    def mixed_word_fixes(self, plan: WordPlan, word: str, start: int, abbreviated: bool = False) -> list[Fix]:
        """Fixes rewriting a word of two scripts in one of them, or none.

        A letter without even a loose look-alike in the other script (``д`` in ``дa``) settles the
        direction whatever the word's length; otherwise a word with fewer than two letters of the
        target script is rewritten where its line holds letters only that script has (Kazakh
        ``Әp`` is ``Әр``), or into a known word of it (``Tе`` is ``Те``), and never inside an
        abbreviation (``cт.л.``), which is no evidence. A word whose look-alikes
        only resemble their letters (Greek ``γ`` and ``y``) is rewritten where the result is a word
        or the line proves an attack, never as an identifier such as ``IL2Rγ``.
        """
        target = self.choose_target(plan)
        if target is None:
            return []
        case = WordCase.of(plan.letters)
        replacements = {letter.position: _replacement(letter, plan.letters, target, case) for letter in plan.letters
                        if letter.script != target and letter.script not in self.allow_scripts}
        reading = _with_replacements(word, replacements)
        if _is_stylization(plan.letters, target) and _without_invisibles(reading) in self.line.original:
            return []  # spelled properly on the same line: written mixed on purpose (Bаpвapа)
        confirmed = None
        if _too_little_to_rewrite_ascii(plan, target) and not _direction_settled(plan, target):
            if abbreviated or any(self.line.prefers(source, target) > 0 for source in plan.scripts - {target}):
                return []  # тo in English: the loose reading (to) is the lexical reader's to judge
            if self._attested(plan) != [target]:  # the line shows no script: the lexicon must
                confirmed = _known_reading(word, reading, target, self.document)
                if confirmed is None:
                    return []
        if self._contradicts(plan, target):
            return []
        tables = lookalike_tables()
        # Unless one of its letters is an exact look-alike, which proves the attack on the word.
        loose = all((letter.char, replacements[letter.position].lower()) not in tables.identical
                    and (letter.char, replacements[letter.position]) not in tables.identical
                    for letter in plan.letters if letter.position in replacements)
        if loose and confirmed is None:
            confirmed = _known_reading(word, reading, target, self.document, threshold=_NOT_A_WORD)
        fixes = [Fix(start + letter.position, letter.char, replacements[letter.position], letter.script, target,
                     None, confirmed, loose and confirmed is None)
                 for letter in plan.letters if letter.position in replacements]
        return self._initial_case_from_document(word, start, fixes, target)


    def _initial_case_from_document(self, word: str, start: int, fixes: list[Fix], target: str) -> list[Fix]:
        """Make a word-initial ``Ι`` (``I`` or ``l``) small when only that spelling is in the document.

        A capital at the start of a word is the default (``Ιt`` is ``It``), but an attacker
        writing ``Ιikely`` meant ``likely``: if the document spells the word with the small
        letter in plain ASCII somewhere and never with the capital, the small letter is meant.
        """
        if not fixes or fixes[0].position != start:
            return fixes
        small = lookalike_tables().lowercase.get((fixes[0].original, target))
        if small is None or fixes[0].replacement == small:
            return fixes
        letters = list(word)
        for fix in fixes:
            letters[fix.position - start] = fix.replacement
        as_capital = "".join(letters)
        as_small = small + as_capital[1:]
        if not as_capital.isascii() or not as_capital.isalpha():
            return fixes
        words = self.document.ascii_words
        if as_small in words and as_capital not in words:
            return [fixes[0]._replace(replacement=small), *fixes[1:]]
        return fixes

    def _contradicts(self, plan: WordPlan, target: str) -> bool:
        """Whether the word would go to a script that is a minority in both the word and the line.

        That is an orthography mixing scripts on purpose (Ossetian ``æ`` among Cyrillic letters
        that happen to have Latin look-alikes), not an attack, which leaves a word mostly intact.
        """
        kept = sum(1 for letter in plan.letters if letter.script == target)
        return kept <= len(plan.letters) - kept and any(
            self.line.prefers(source, target) > 0 for source in plan.scripts - {target})

    def whole_word_fixes(self, plan: WordPlan, word: str, start: int,
                         proven: set[tuple[str, str]]) -> list[Fix]:
        """Fixes rewriting a whole foreign word, or none.

        Args:
            proven: (source, target) scripts that mixed words on this line were repaired from and
                to. There, any look-alike is proof enough; elsewhere only identical shapes are.
        """
        (script,) = plan.scripts
        word = _without_invisibles(word)
        if script in self.allow_scripts or word.isascii() or not word.isalpha():
            return []
        tables = lookalike_tables()
        for target in plan.targets:
            if target == script:
                continue
            case = WordCase.of(plan.letters)
            replacements = [_replacement(letter, plan.letters, target, case) for letter in plan.letters]
            pairs = list(zip((letter.char for letter in plan.letters), replacements, strict=True))
            if len(pairs) == 1 and pairs[0][0].islower() and pairs[0] not in tables.intentional:
                continue  # a lone small letter is a symbol as often as a word (TNF-α, β-catenin)
            reading = "".join(replacements)
            confirmed = None
            if (script, target) not in proven and not all(pair in tables.identical for pair in pairs):
                confirmed = _known_reading(word, reading, target, self.document, script)
                if confirmed is None:
                    continue
            if not self._is_foreign(script, target) or _real_foreign_word(word, script, reading, target,
                                                                          self.document):
                continue
            fixes = [Fix(start + letter.position, letter.char, replacement, script, target, word, confirmed)
                     for letter, replacement in zip(plan.letters, replacements, strict=True)]
            return self._initial_case_from_document(word, start, fixes, target)
        return []

    def _is_foreign(self, script: str, target: str) -> bool:
        """Whether the line (and document) show ``script`` is out of place among ``target``."""
        if self.line.has_evidence(script, target):
            return False
        own, other = self.document.evidence(script, target), self.document.evidence(target, script)
        if self.line.has_evidence(target, script):
            return other > own
        return other > _OVERWHELMING * own


def _unique_best(scores: dict[str, int]) -> str | None:
    best = max(scores.values())
    winners = [script for script, score in scores.items() if score == best]
    return winners[0] if len(winners) == 1 and best > min(scores.values()) else None


class _DocumentScanner:
    """Finds the fixes of one document; caches plans per word and fixes per line."""

    def __init__(self, document: _Context, context: RuleContext) -> None:
        config = context.config
        self.document = document
        self.allow_chars = config.allow_chars
        self.allow_scripts = config.allow_scripts
        self.others = config._replace(rules=config.rules - {RULE})
        self.analyze = context.analyze
        self.plans: dict[str, WordPlan | None] = {}
        self.line_fixes: dict[str, list[tuple[int, str, str, str]]] = {}
        self.reasons: dict[str, str] = {}

    def plan(self, word: str) -> WordPlan | None:
        if word not in self.plans:
            self.plans[word] = _plan_word(word, self.allow_chars)
        return self.plans[word]

    def fixes_of_line(self, line: str) -> list[tuple[int, str, str, str]]:
        """``(position, original, replacement, reason)`` of each letter to fix, cached per line text."""
        cached = self.line_fixes.get(line)
        if cached is None:
            suspect = (_NON_ASCII_LETTER.search(line) or _holds(_letter_poser_pattern(), line)
                       or (not line.isascii() and _mostly_ascii_letters(line)))
            # Judged with plain quotes and dashes, as the typography rules leave them: whether or
            # not they are on, a second run then decides the same way (no letter is replaced).
            fixes = self._letter_fixes(line.translate(_as_typography_leaves())) if suspect else []
            if fixes:
                fixes = _outside_mojibake(line, fixes, self.others, self.analyze)
            reasons = self.reasons
            cached = self.line_fixes[line] = [
                (fix.position, fix.original, fix.replacement, reasons.setdefault(reason, reason))
                for fix in fixes for reason in (_reason(fix),)]
        return cached

    def _letter_fixes(self, line: str) -> list[Fix]:
        """Fixes of a line, repeated on the repaired line until nothing changes.

        A repair can change the line's evidence (Greek ``ν`` becomes a Latin-only ``v``), so one
        pass could leave a decision that the next run would take differently.
        """
        settled: dict[int, Fix] = {}
        current = line
        for _ in range(_MAX_PASSES):
            fixes = self._one_pass(current)
            if not fixes:
                break
            letters = list(current)
            for fix in fixes:
                letters[fix.position] = fix.replacement
            if current is line:  # the first pass: each fix is as found, but of the line's own letter
                # (a styled 𝐛 is judged as the b the compat rule reads it as; the change is of 𝐛)
                settled.update((fix.position, fix if line[fix.position] == fix.original
                                else fix._replace(original=line[fix.position])) for fix in fixes)
            else:
                for fix in fixes:
                    first = settled.get(fix.position, fix)
                    settled[fix.position] = fix._replace(original=line[fix.position],
                                                         source_script=first.source_script)
            current = "".join(letters)
        # Sorting the positions alone (ints) is many times faster than sorting (position, fix) pairs.
        return [fix for fix in map(settled.__getitem__, sorted(settled)) if fix.replacement != line[fix.position]]

    def _one_pass(self, line: str) -> list[Fix]:
        judge: _LineJudge | None = None
        fixes: list[Fix] = []
        whole_words: list[tuple[WordPlan, str, int]] = []
        # A word's fixes depend on the word, its line and the document only: decided once per
        # distinct word of the line (a very long line repeats its words), placed at each start.
        mixed: dict[tuple[str, bool], list[Fix]] = {}
        for match in checked(_suspect_words(line)):
            plan = self.plan(match.group())
            if plan is None:
                continue
            judge = judge or _LineJudge(line, self.document, self.allow_scripts)
            if len(plan.scripts) > 1:
                word, start = match.group(), match.start()
                key = (word, _ABBREVIATION.match(line, match.end()) is not None)
                relative = mixed.get(key)
                if relative is None:
                    relative = mixed[key] = judge.mixed_word_fixes(plan, word, 0, abbreviated=key[1])
                fixes.extend(Fix(fix.position + start, *fix[1:]) for fix in relative)
            else:
                whole_words.append((plan, match.group(), match.start()))
        proven = {(fix.source_script, fix.target_script) for fix in fixes if not fix.needs_proof}
        fixes = [fix for fix in fixes if not fix.needs_proof or (fix.source_script, fix.target_script) in proven]
        if judge is not None and whole_words:
            for plan, word, start in whole_words:
                fixes.extend(judge.whole_word_fixes(plan, word, start, proven))
        if _holds(_letter_poser_pattern(), line):
            fixes.extend(_letter_poser_fixes(line, self.allow_chars, self.document))
        if _holds(_plain_twin_pattern(), line) and not self.document.uses_ipa:
            taken = {fix.position for fix in fixes}
            for match in _suspect_words(line):
                fixes.extend(fix for fix in _plain_twin_fixes(match.group(), match.start(), self.allow_chars)
                             if fix.position not in taken)
        if _mostly_ascii_letters(line):
            fixes.extend(_LooseReader(line, self.document, self.allow_chars).fixes(fixes))
        return sorted(fixes)


@functools.cache
def _letter_poser_pattern() -> re.Pattern[str]:
    return scan_pattern(map(ord, letter_posers()))


@functools.cache
def _poser_word_pattern() -> re.Pattern[str]:
    """Runs of ASCII letters and letter posers: the words posers can hide in.

    Characters the invisible rule deletes belong to the run, as a second run would not see them.
    """
    return re.compile(f"(?:[A-Za-z]|{char_class(map(ord, letter_posers()))}|[{_removed_by_invisible()}])+")


def _letter_poser_fixes(line: str, allow_chars: frozenset[str], document: _Context) -> list[Fix]:
    """Fixes for digits and symbols of other scripts posing as letters inside Latin words.

    A poser counts only in a run with at least two ASCII letters (``w০rd``, ``Korea١``), and a
    digit only when no digit stands beside it: a number (``ABC١٢٣``), a degree sign after a digit
    or an Arabic-Indic digit among Arabic letters stays. A poser that may be two letters (ROMAN
    NUMERAL ONE is an ``I`` and looks like an ``l``) is the one that makes the commoner word.
    """
    posers = letter_posers()
    fixes: list[Fix] = []
    for match in _poser_word_pattern().finditer(line):
        run = match.group()
        if sum(char.isascii() for char in run) < _POSER_MIN_ASCII_LETTERS or run.isascii():
            continue
        start = match.start()
        readings = {position: posers[char] for position, char in enumerate(run) if char in posers
                    and char not in allow_chars and not (char.isdigit() and _next_to_digit(line, start + position))}
        for position in readings:
            options = _compatibility_letters(run[position])
            if len(options) > 1:
                readings[position] = _commonest(run, readings, position, options, document)
        fixes.extend(Fix(start + position, run[position], letter, script_of(run[position]), "Latin", _LETTER_POSER)
                     for position, letter in readings.items())
    return fixes


def _commonest(run: str, readings: dict[int, str], position: int, options: Sequence[str], document: _Context) -> str:
    """The option at ``position`` that makes the commonest word of ``run`` (the first on a tie)."""
    if len(run) > lexicon.LONGEST_WORD:
        return readings[position]  # no reading of it is a word

    def frequency(option: str) -> float:
        return _frequency(_with_replacements(run, {**readings, position: option}), "Latin", document)

    return max(options, key=lambda option: (frequency(option), option == readings[position]))


def _next_to_digit(line: str, position: int) -> bool:
    """Whether the nearest visible character on either side is a digit."""
    invisible = invisible_candidates()
    for step in (-1, 1):
        index = position + step
        while 0 <= index < len(line) and ord(line[index]) in invisible:
            index += step
        if 0 <= index < len(line) and line[index].isdigit():
            return True
    return False


@functools.cache
def _plain_twin_pattern() -> re.Pattern[str]:
    return scan_pattern(map(ord, plain_twins()))


def _plain_twin_fixes(word: str, start: int, allow_chars: frozenset[str]) -> list[Fix]:
    """Fixes for letters no orthography uses posing as plain letters of the word's own script.

    Only in a word whose other letters are all ordinary ones (``ɡood``, ``ꜱpace``): a phonetic
    transcription (``ɡʊd``) has other such letters and stays as it is.
    """
    twins, styled, invisible = plain_twins(), _styled_plain(), invisible_candidates()
    letters = [(position, char) for position, char in enumerate(word) if char.isalpha() and ord(char) not in invisible]
    posing = [(position, char) for position, char in letters if char in twins and char not in allow_chars]
    if not posing or len(posing) == len(letters):
        return []
    # Other letters are judged as the compat rule leaves them (a fullwidth Ａ reads as A).
    if not all(is_allowed(styled.get(char, char)) for _, char in letters if char not in twins):
        return []
    return [Fix(start + position, char, twins[char], script_of(char), script_of(char), _PLAIN_TWIN)
            for position, char in posing]


@functools.cache
def _ipa_pattern() -> re.Pattern[str]:
    """Letters of Latin Extended-B and the IPA block (and ``ŋ``) that modern orthographies write
    (UTS #39 ``Allowed``) and that are no accented form of another: Baoulé ``ɛ ɔ``, Berber
    ``ɣ``, Ewe ``ƒ ʋ``, Purépecha ``ɨ``."""
    letters = [code_point for code_point in (*range(0x0180, 0x02B0), 0x014A, 0x014B)
               if chr(code_point).isalpha() and is_allowed(chr(code_point))
               and not unicodedata2.decomposition(chr(code_point))]
    return scan_pattern(letters)


@functools.cache
def _loose_readings() -> dict[str, str]:
    """Characters (and styled forms of them) that may pass for an ASCII letter in a Latin word, if
    the lexicon agrees: letters of other scripts and symbols, and Latin letters no orthography
    uses (small capitals, phonetic letters). Latin letters of real orthographies (Turkish ``ı``,
    Icelandic ``þ``) are letters of their words, never read as others."""
    table = {char: letter for char, letter in loose_latin().items()
             if not (script_of(char) == "Latin" and is_allowed(char))}
    for char, plain in _styled_plain().items():
        if plain in table:
            table[char] = table[plain]
    return table


def _mostly_ascii_letters(line: str) -> bool:
    """Whether a line is Latin text with a few other characters: where a word read loosely can be
    a Latin word (counted in C; a Russian or Armenian line is not read so at all). Counted as the
    other rules leave the line (styled letters plain, invisibles gone; spaces are not counted),
    so that a second run counts the same."""
    if _holds(_styled_pattern(), line) or _found(_invisible_pattern(), line) \
            or unicodedata2.normalize("NFC", line) != line:
        line = _reading(line)
    others = _count(_NON_ASCII_VISIBLE, line)
    return others > 0 and _count(_ASCII_LETTERS, line) > _LATIN_LINE_RATIO * others


def _count(pattern: re.Pattern[str], text: str) -> int:
    """How many matches of ``pattern`` (one character long) ``text`` holds, counted in windows so
    that a long line never holds the GIL for long."""
    return sum(len(pattern.findall(text, start, start + _WORD_WINDOW)) for start in range(0, len(text), _WORD_WINDOW))


@functools.cache
def _loose_word_pattern() -> re.Pattern[str]:
    """Runs of letters, loose symbols (``×`` in ``e×istence``), marks and invisibles."""
    symbols = [ord(char) for char in (*_loose_readings(), *letter_posers()) if not char.isalpha()]
    inner = _combining_marks() + _removed_by_invisible()
    return re.compile(f"(?:[^\\W\\d_]|{char_class(symbols)}|[{inner}])+")


class _LooseReader:
    """Words that read as a Latin word only loosely (``auтh``, ``ᴛhe``, ``e×istence``, ``сӏаім``,
    ``ⅾo``), or with a letter Unicode's data pairs with none (Tai Le ``ᥱ`` in ``powᥱr``):
    repaired where the Latin reading is a common word of the document's language, the word as
    written is no word of its own scripts, and it stands among Latin text. A letter without any
    look-alike is read as the one letter that makes a common word, far commoner than any other
    (``power``; ``m?`` stays, as ``me`` and ``my`` are both common)."""

    def __init__(self, line: str, document: _Context, allow_chars: frozenset[str]) -> None:
        self.line = line
        self.document = document
        self.allow_chars = allow_chars

    def fixes(self, found: Sequence[Fix]) -> list[Fix]:
        taken = {fix.position for fix in found}
        fixes: list[Fix] = []
        for match in _words_around_non_ascii(self.line, _loose_word_pattern()):
            word, start = match.group(), match.start()
            if word.isascii() or any(position in taken for position in range(start, match.end())):
                continue
            fixes.extend(self._word_fixes(word, start))
        return fixes

    def _word_fixes(self, word: str, start: int) -> list[Fix]:
        if len(word) > lexicon.LONGEST_WORD:
            return []  # only the lexicon reads loose look-alikes, and it holds no such word
        options = self._readings(word)
        if options is None or len(options) < 2:
            return []
        unknown = [position for position, letters in options.items() if len(letters) == len(_ASCII_SMALL)]
        if len({word[position] for position in unknown}) > _MAX_UNKNOWN or 2 * len(unknown) > len(options):
            return []
        visible = _without_invisibles(word)
        scripts = {script_of(char) for char in visible if char.isalpha()} - NEUTRAL_SCRIPTS - {"Latin"}
        if not self._in_latin_context(word, scripts):
            return []
        foreign = _is_foreign_word(visible)
        styled = _styled_plain()
        if all(len(letters) == 1 and letters[0] == styled.get(word[position], word[position])
               for position, letters in options.items()):
            return []  # nothing to read differently (a styled word is the compat rule's)
        readings = self._best_reading(word, options)
        if readings is None:
            return []
        readings = _cased(word, readings, self._sentence_start(start))
        readings = self._initial_as_in_document(word, readings)
        reading = "".join(readings[position] for position in sorted(readings))
        if reading == visible:
            return []
        # A word of its own script stays unless its reading is a common word of the language
        # (``το`` in English is ``to``; ``вікі`` stays, ``biki`` is rare).
        confirmed = _known_reading(word, reading, "Latin", self.document) if foreign else self._known(word, reading)
        if confirmed is None:
            return []
        return [Fix(start + position, char, readings[position], script_of(styled.get(char, char)), "Latin", _LOOSE,
                    confirmed)
                for position, char in enumerate(word)
                if position in readings and readings[position] != char and not _ligature_letters(char)
                and not (styled.get(char, "x").isascii() and readings[position] == styled.get(char))]

    def _known(self, word: str, reading: str) -> str | None:
        """Why ``reading`` is meant: a common word of the language, or a word the document itself
        spells in plain letters (names: ``Rosings``)."""
        confirmed = _known_reading(word, reading, "Latin", self.document)
        if confirmed is None and len(reading) > _SHORT and reading.lower() in self.document.ascii_words_lower:
            confirmed = f"{_without_invisibles(word)} is not a word; the text spells {reading} elsewhere"
        return confirmed

    def _readings(self, word: str) -> dict[int, tuple[str, ...]] | None:
        """Position → the letters each character may stand for, most likely first (every letter
        for a letter no look-alike pairs with one); None if a character cannot be part of a
        Latin word."""
        loose, styled, invisible = _loose_readings(), _styled_plain(), invisible_candidates()
        lookalikes = lookalike_tables().lookalikes
        options: dict[int, tuple[str, ...]] = {}
        for position, char in enumerate(word):
            if ord(char) in invisible:
                continue
            if unicodedata2.category(char)[0] == "M" or char in self.allow_chars:
                return None
            plain = styled.get(char, char)
            strict = lookalikes.get(plain, {}).get("Latin")
            if plain.isascii() and plain.isalpha():
                options[position] = (plain,)
            elif script_of(plain) == "Latin" and is_allowed(plain):
                options[position] = (plain, *self._foreign_letter(plain))
            elif strict is not None and strict.isascii():
                small = lookalike_tables().lowercase.get((plain, "Latin"))
                options[position] = (strict, small) if small is not None and small.isascii() else (strict,)
            elif char in loose:
                if script_of(plain) == "Latin" and self.document.uses_ipa:
                    return None
                options[position] = (loose[char],)
            elif spelled := _ligature_letters(plain):
                # A ligature reads as the letters it stands for (``ﬁг`` is ``fir``), never as one
                # guessed letter (``ﬁne`` is no ``one``); the compat rule spells it out.
                if not (spelled.isascii() and spelled.isalpha()):
                    return None
                options[position] = (spelled,)
            elif letters := _compatibility_letters(plain):
                options[position] = letters
            elif plain.isalpha() and script_of(plain) not in NEUTRAL_SCRIPTS and not (
                    script_of(plain) == "Latin" and self.document.uses_ipa) and unicodedata2.category(plain) != "Lm":
                # A letter of no orthography or of another (not a modifier letter: the ⁿ of ℝⁿ).
                options[position] = tuple(_ASCII_SMALL)
            else:
                return None
        return options

    def _foreign_letter(self, letter: str) -> tuple[str, ...]:
        """The ASCII letter a Latin letter of another orthography passes for (Turkish ``ı`` for
        ``i``, ``ɛ`` OPEN E for ``e``, ``ʂ`` S WITH HOOK for ``s``), where the document's language
        does not write it and the document writes no such letters (``ɣ`` in Berber); else
        nothing. Accented letters are never read without their accent: ``Bär`` quoted in
        English is German."""
        ascii_letter = loose_latin().get(letter) or _confusable_ascii().get(letter) or _named_base(letter)
        if ascii_letter is None or unicodedata2.decomposition(letter) or self.document.language is None \
                or letter in _letters_of(self.document.language) or self.document.uses_ipa:
            return ()
        return (ascii_letter,)

    def _best_reading(self, word: str, options: dict[int, tuple[str, ...]]) -> dict[int, str] | None:
        """The one reading that makes a word far commoner than any other; None when none does.

        A character stands for the same letter wherever it is in the word (``ｕηｂеηｄιηｇ`` has one
        unknown, ``η``), as the attacker's table maps a letter to it.
        """
        fixed = {position: letters[0] for position, letters in options.items() if len(letters) == 1}
        chars = list(dict.fromkeys(word[position] for position, letters in options.items() if len(letters) > 1))
        if not chars:
            return fixed
        choices = {char: next(options[position] for position in options if word[position] == char) for char in chars}
        def reading(letters: tuple[str, ...]) -> dict[int, str]:
            meaning = dict(zip(chars, letters, strict=True))
            return {**fixed, **{position: meaning[word[position]] for position in options if word[position] in meaning}}

        scores: list[tuple[float, tuple[str, ...]]] = []
        for letters in itertools.islice(itertools.product(*choices.values()), _MAX_READINGS):
            candidate = reading(letters)
            frequency = _frequency("".join(candidate[position] for position in sorted(candidate)), "Latin",
                                   self.document)
            if frequency >= _NOT_A_WORD:
                scores.append((frequency, letters))
        scores.sort(reverse=True)
        if not scores:
            return None
        if len(scores) > 1 and scores[0][0] - scores[1][0] < _GUESS_MARGIN:
            # Words as common as each other: of the readings whose guessed letters are those the
            # characters are drawn like, one far commoner than the others (``mᥱ`` is ``me``, not
            # ``my``; ``ᥙs`` is ``us``, though ``is`` is commoner).
            drawn = _drawn_alike()
            scores = [(frequency, letters) for frequency, letters in scores
                      if all(letter.lower() in map(str.lower, drawn.get(_styled_plain().get(char, char), ()))
                             for char, letter in zip(chars, letters, strict=True)
                             if len(choices[char]) == len(_ASCII_SMALL))]
            if not scores or (len(scores) > 1 and scores[0][0] - scores[1][0] < _GUESS_MARGIN):
                return None
        return reading(scores[0][1])

    def _initial_as_in_document(self, word: str, readings: dict[int, str]) -> dict[int, str]:
        """A first letter without case of its own (``ʙ``, ``ց`` are small) in the case the document
        spells the word with, where it spells it only one way in plain ASCII: names
        (``ʙennet`` is ``Bennet`` in a text about the Bennets)."""
        first = min(readings, default=0)
        if not readings or readings[first] == word[first] or word[first].isupper():
            return readings
        reading = "".join(readings[position] for position in sorted(readings))
        if not reading.isascii() or len(reading) <= _SHORT or _frequency(reading, "Latin", self.document) >= _NAME:
            return readings  # common words have both cases in any text
        words = self.document.ascii_words
        upper, lower = reading[:1].upper() + reading[1:], reading[:1].lower() + reading[1:]
        if (upper in words) != (lower in words):
            return {**readings, first: (upper if upper in words else lower)[0]}
        return readings

    def _sentence_start(self, start: int) -> bool:
        """Whether the word opens a sentence: ``. ! ?`` (and quotes) before it on the line. A line's
        first word is not known to: in hard-wrapped prose most lines start inside a sentence."""
        before = self.line[:start].rstrip(" \t\"'“‘(")
        return bool(before) and before[-1] in ".!?"

    def _in_latin_context(self, word: str, scripts: set[str]) -> bool:
        """Whether the word stands among Latin text: the rest of its line holds no letter of the
        word's other scripts, and the document more proof of Latin than of them."""
        if not scripts:
            return True
        rest = self.line.replace(word, " ")
        if any(script_of(char) in scripts for char in rest if char.isalpha()):
            return False
        return all(self.document.prefers("Latin", script) > 0 for script in scripts)


@functools.cache
def _drawn_alike() -> dict[str, tuple[str, ...]]:
    """Letters no look-alike data pairs with an ASCII letter → the ASCII letters they are drawn
    most like, nearest first (:mod:`.drawn_alike`, derived from GNU Unifont's glyphs): ``ᥱ`` is
    ``e`` or ``o``, so ``mᥱ`` is ``me`` although ``my`` is as common; ``ᥒ`` is ``n``."""
    from .drawn_alike import ENTRIES

    return {chr(int(point, 16)): tuple(letters) for point, _, letters in
            (entry.partition(":") for entry in "".join(ENTRIES).split())}


def _ligature_letters(char: str) -> str:
    """The letters a compatibility character stands for when they are several (``ﬁ`` is ``fi``,
    ``ǆ`` is ``dž``); empty for any other character."""
    if not unicodedata2.decomposition(char).startswith("<"):
        return ""
    spelled = str(unicodedata2.normalize("NFKC", char))
    return spelled if len(spelled) > 1 else ""


def _compatibility_letters(char: str) -> tuple[str, ...]:
    """The ASCII letters a character may stand for: the one it is a compatibility form of
    (``Ⅰ`` → ``I``, ``ſ`` → ``s``), and the one it looks like (``Ⅰ`` → ``l``, ``ſ`` → ``f``)."""
    letters = []
    if unicodedata2.decomposition(char).startswith(("<compat>", "<font>", "<wide>", "<circle>")):
        plain = str(unicodedata2.normalize("NFKC", char))
        if len(plain) == 1 and plain.isascii() and plain.isalpha():
            letters.append(plain)
    looks = letter_posers().get(char) or _confusable_ascii().get(char)
    if looks is not None and looks not in letters:
        letters.append(looks)
    return tuple(letters)


@functools.cache
def _confusable_ascii() -> dict[str, str]:
    """Characters whose confusables.txt prototype is one ASCII letter, whatever they are."""
    found: dict[str, str] = {}
    for fields, _ in data_lines("confusables.txt"):
        target = fields[1].split()
        if len(target) == 1 and (letter := chr(int(target[0], 16))).isascii() and letter.isalpha():
            found[chr(int(fields[0], 16))] = letter
    return found


_NAMED_LETTER = re.compile(r"LATIN (?:SMALL|CAPITAL) LETTER (?:(?:OPEN|SCRIPT|DOTLESS|CLOSED|LONG) )?([A-Z])"
                           r"(?: WITH (?:HOOK|RETROFLEX HOOK|STROKE|TAIL|CURL|LONG LEG))?$")


def _named_base(letter: str) -> str | None:
    """The ASCII letter a Latin letter is a variant of by its Unicode name (``ɛ`` LATIN SMALL
    LETTER OPEN E is an ``e``); only letters with no decomposition, whose form is that letter's."""
    found = _NAMED_LETTER.match(str(unicodedata2.name(letter, "")))
    if found is None or unicodedata2.decomposition(letter):
        return None
    return found.group(1).lower() if letter.islower() else found.group(1)


@functools.cache
def _letters_of(language: str) -> frozenset[str]:
    """The letters a language writes, as its most common words show."""
    return frozenset("".join(lexicon.top_words().get(language, ())))


def _cased(word: str, readings: dict[int, str], sentence_start: bool = False) -> dict[int, str]:
    """The readings in the case of the word: capitals in a word of capitals; elsewhere the first
    letter as read (``Ⅰ`` read as ``I`` or ``l``), or a capital where the word opens a sentence
    (``ʙ`` is a small capital), and small letters after it (a Cherokee ``Ꮒ`` inside ``tᏂis`` is an
    ``h``)."""
    cased = [char for char in word if char.lower() != char.upper()]
    capitals = len(cased) >= 2 and all(char.isupper() for char in cased)
    first = min(readings, default=0)
    result = {}
    styled = _styled_plain()
    for position, letter in readings.items():
        char = word[position]
        if letter == char or (char.isascii() and char.isalpha()):
            result[position] = char
        elif styled.get(char) == letter:
            result[position] = letter  # a styled letter read as itself: the compat rule's change
        elif capitals or (position == first and (sentence_start or letter.isupper())):
            result[position] = letter.upper()
        else:
            result[position] = letter.lower()
    return result


@functools.cache
def _as_typography_leaves() -> dict[int, str]:
    """The one-for-one replacements of the typography rules (quotes, dashes): lines are judged
    with them made, so that a run after those rules decides the same way."""
    from .typography import replacements

    return {code: plain for code, plain in replacements().items() if len(plain) == 1}


_BREAKS = re.compile("[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _outside_mojibake(line: str, fixes: list[Fix], others: EngineConfig, analyze: Analyzer) -> list[Fix]:
    """The fixes outside the parts of the line that ftfy's badness heuristic calls mojibake
    (``lвЂ™ouest`` is ``l’ouest`` decoded as cp1251): their letters are bytes decoded wrongly, not
    words, and changing one (``l`` into a Cyrillic palochka) only makes them unrepairable. The
    ``mojibake`` rule repairs them.

    A part (between the line breaks other rules make) is judged as the other enabled rules leave
    it, so that a second run, which sees it so, judges it the same way.
    """
    from .mojibake import looks_bad as is_bad

    bad: list[tuple[int, int]] = []
    start = 0
    for end in [*(match.start() for match in _BREAKS.finditer(line)), len(line)]:
        if (any(start <= fix.position < end for fix in fixes)
                and is_bad(_as_others_leave(line[start:end], others, analyze))):
            bad.append((start, end))
        start = end + 1
    if not bad:
        return fixes
    return [fix for fix in fixes if not any(first <= fix.position < last for first, last in bad)]


@functools.cache
def _others_candidates() -> re.Pattern[str]:
    """Characters another rule may change (styled letters, invisibles, odd spaces, typography)."""
    from .compat import candidates as compat_candidates
    from .spaces import candidates as spaces_candidates
    from .typography import candidates as typography_candidates

    return scan_pattern([*compat_candidates(), *invisible_candidates(), *spaces_candidates(),
                         *typography_candidates()])


def _as_others_leave(text: str, others: EngineConfig, analyze: Analyzer) -> str:
    """``text`` as the other enabled rules clean it (itself when they find nothing to change).

    ``analyze`` is the engine's, handed over in the rule's context: this module cannot import the
    engine, which imports every rule."""
    if text.isascii() or not _others_candidates().search(text):
        return text
    return apply_changes(text, analyze(text, others))


def _reason(fix: Fix) -> str:
    """Why one letter changes: the letter and the word's script, or the whole foreign word; and
    the lexicon's word, when it decided."""
    found = _letter_reason(fix)
    return found if fix.lexicon is None else f"{found} ({fix.lexicon})"


def _letter_reason(fix: Fix) -> str:
    if fix.word is _LOOSE:
        return f"{char_name(fix.original)} (U+{ord(fix.original):04X}) passing for {fix.replacement}"
    if fix.word is _LETTER_POSER:
        return f"{char_name(fix.original)} (U+{ord(fix.original):04X}) posing as {fix.replacement} inside a Latin word"
    if fix.word is _PLAIN_TWIN:
        return (f"{fix.original} (U+{ord(fix.original):04X}), a phonetic or small-capital letter, "
                f"posing as {fix.replacement} in {_article(fix.target_script)} {fix.target_script} word")
    if fix.word is not None:
        return f"{fix.source_script} word {fix.word} among {fix.target_script} text"
    return (f"{fix.source_script} {fix.original} (U+{ord(fix.original):04X}) inside "
            f"{_article(fix.target_script)} {fix.target_script} word")


def _article(word: str) -> str:
    return "an" if word[:1] in "AEIOU" else "a"


def find_changes(text: str, context: RuleContext) -> ChangeList:
    """Propose a change for each look-alike letter posing in a word of another script.

    Returns:
        Sorted, disjoint changes with rule ``homoglyphs`` and severity WARNING.
    """
    config = context.config
    changes = ChangeList()
    if RULE not in config.rules or text.isascii():
        return changes
    # The document's evidence decides some words; repairs change that evidence (a Cherokee Ꭰ
    # becomes a Latin-only D). Decide again on the repaired document until the evidence a
    # decision used is what the output holds too, so that cleaning the output finds nothing.
    document = _Context(text)
    for _ in range(_MAX_PASSES):
        changes = _changes_with(text, _DocumentScanner(document, context))
        if not changes or not (document.counts or document.seen):
            break
        repaired = _Context(apply_changes(text, changes))
        if document.agrees_with(repaired):
            break
        document = repaired
    return changes


def _changes_with(text: str, scanner: _DocumentScanner) -> ChangeList:
    """The changes of every line of ``text`` as ``scanner`` decides them."""
    # A line's fixes are a template computed once per distinct line (the lines of a dense text
    # repeat), placed wherever the line occurs: a dense 10 MB text has three quarters of a
    # million changes, which the change list expands into columns only if someone reads them.
    templates: dict[str, ChangeTemplate | None] = {}
    line_starts: list[int] = []
    used: list[ChangeTemplate] = []
    line_start = 0
    for line in checked(_lines(text)):
        if not line.isascii():
            if line in templates:
                template = templates[line]
            else:
                template = templates[line] = _line_template(line, scanner.fixes_of_line(line))
            if template is not None:
                line_starts.append(line_start)
                used.append(template)
        line_start += len(line) + 1
    return ChangeList.from_templates(line_starts, used)


_OTHER_LINE_BREAKS = ("\u2028", "\u2029", "\x85")


def _lines(text: str) -> list[str]:
    """The text's lines, split where the output has line breaks: at newlines, and at the line
    and paragraph separators and NEXT LINE that the spaces rule turns into newlines (a word's
    line is its evidence, and a second run sees those lines)."""
    if any(separator in text for separator in _OTHER_LINE_BREAKS):
        return re.split("[\n\u2028\u2029\x85]", text)
    return text.split("\n")


def _line_template(line: str, fixes: Sequence[tuple[int, str, str, str]]) -> ChangeTemplate | None:
    """The changes of one line as a template (fixes are ``(position, original, replacement, reason)``)."""
    if not fixes:
        return None
    positions, originals, replacements, reasons = zip(*fixes, strict=True)
    count = len(positions)
    parts: list[str] = []
    previous = 0
    for position, replacement in zip(positions, replacements, strict=True):
        parts += (line[previous:position], replacement)
        previous = position + 1
    parts.append(line[previous:])
    return ChangeTemplate(positions, (1,) * count, originals, replacements, (RULE,) * count,
                          (Severity.WARNING,) * count, reasons, len(line), "".join(parts))
