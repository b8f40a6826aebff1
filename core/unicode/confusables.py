"""Look-alike letters across scripts, derived from the UTS #39 data in ``resources/unicode``.

``confusables.txt`` maps each confusable character to a *prototype*. Characters whose prototype is
the same single code point look alike, so they form a look-alike class (the prototype included);
``intentional.txt`` tells which of those pairs are drawn identically. From each class we keep only letters,
and as a replacement only letters that UTS #39 marks ``Allowed`` for identifiers: the letters a
modern orthography uses, never small capitals, phonetic or obsolete letters (``в`` looks like
``ʙ``, which no English text contains, so ``в`` has no Latin look-alike). Prototypes of two or more
code points (``m → rn``, ``æ → ae``) say nothing about a single letter and are ignored.

Tables are built on first use, in a few tens of milliseconds, and kept on disk for the next run
(:mod:`core.table_cache`).
"""

from __future__ import annotations

import bisect
import functools
from typing import NamedTuple

import unicodedata2

from .table_cache import disk_cached, expect
from .unicode_data import data_lines, parse_range, script_of

# Scripts that never decide which script a word is in.
NEUTRAL_SCRIPTS = frozenset({"Common", "Inherited", "Unknown"})

_CASED = {"Lu": "upper", "Lt": "upper", "Ll": "lower"}


class LookalikeTables(NamedTuple):
    """Which letter of which script each letter can be mistaken for.

    Attributes:
        lookalikes: letter -> {script: the letter of that script it looks like}.
        lowercase: (capital, script) -> a small letter of that script it looks like too, where
            the class has both (Greek ``Ι`` is ``I`` or ``l``); a word's other letters decide.
        identical: (letter, look-alike) pairs safe to apply to a whole word: drawn identically
            (``intentional.txt``, or alike in both cases), or a source letter no modern
            orthography uses.
        intentional: the pairs ``intentional.txt`` says are drawn identically (``а``/``a``, but
            not ``α``/``a``): enough to change a word of one letter.
    """

    lookalikes: dict[str, dict[str, str]]
    identical: frozenset[tuple[str, str]]
    lowercase: dict[tuple[str, str], str]
    intentional: frozenset[tuple[str, str]]


def _allowed_ranges() -> tuple[list[int], list[int]]:
    starts: list[int] = []
    stops: list[int] = []
    for fields, _ in data_lines("IdentifierStatus.txt"):
        if fields[1] == "Allowed":
            code_points = parse_range(fields[0])
            starts.append(code_points.start)
            stops.append(code_points.stop)
    order = sorted(range(len(starts)), key=starts.__getitem__)
    return [starts[i] for i in order], [stops[i] for i in order]


@functools.cache
def _allowed() -> tuple[list[int], list[int]]:
    return _allowed_ranges()


def is_allowed(char: str) -> bool:
    """Whether UTS #39 Identifier_Status is ``Allowed`` for ``char`` (a letter in modern use)."""
    starts, stops = _allowed()
    index = bisect.bisect_right(starts, ord(char)) - 1
    return index >= 0 and ord(char) < stops[index]


def _is_letter(char: str) -> bool:
    return str(unicodedata2.category(char)).startswith("L")


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        root = self.parent.setdefault(item, item)
        while root != self.parent[root]:
            root = self.parent[root]
        self.parent[item] = root
        return root

    def union(self, first: str, second: str) -> None:
        self.parent[self.find(first)] = self.find(second)


def _single_code_point_pairs(filename: str) -> list[tuple[str, str]]:
    pairs = []
    for fields, _ in data_lines(filename):
        target = fields[1].split()
        if len(target) == 1:
            pairs.append((chr(int(fields[0], 16)), chr(int(target[0], 16))))
    return pairs


def _pick(pool: list[str], prototypes: set[str]) -> str:
    """The class prototype if the pool has it (uncased Lisu ``ꓲ`` is ``l``, not ``I``), else the
    lowest code point: older blocks hold the letters of the major orthographies (``І``, not ``Ӏ``).
    """
    return next((member for member in pool if member in prototypes), min(pool))


def _best_by_case(members: list[str], prototypes: set[str]) -> dict[str | None, str]:
    """The best Allowed look-alike among ``members`` for each case (None: any case).

    Case is a preference, not a rule: confusables knows Cherokee ``Ꮒ`` looks like ``h``.
    """
    allowed = [member for member in members if is_allowed(member)]
    best: dict[str | None, str] = {}
    if allowed:
        best[None] = _pick(allowed, prototypes)
        for case in ("upper", "lower"):
            pool = [member for member in allowed if _case(member) == case]
            if pool:
                best[case] = _pick(pool, prototypes)
    return best


def _case(char: str) -> str | None:
    return _CASED.get(str(unicodedata2.category(char)))


def _decode_tables(stored: object) -> LookalikeTables:
    if not (isinstance(stored, tuple) and len(stored) == 4 and isinstance(stored[0], dict)
            and isinstance(stored[1], frozenset) and isinstance(stored[2], dict) and isinstance(stored[3], frozenset)):
        raise ValueError("not look-alike tables")
    return LookalikeTables(*stored)


@functools.cache
def lookalike_tables() -> LookalikeTables:
    """The look-alike tables from confusables.txt and intentional.txt (built once per version)."""
    return disk_cached("lookalikes", _build_lookalike_tables, encode=tuple, decode=_decode_tables)


def _build_lookalike_tables() -> LookalikeTables:
    classes = _UnionFind()
    prototypes: set[str] = set()
    for source, prototype in _single_code_point_pairs("confusables.txt"):
        if _is_letter(source) and _is_letter(prototype):
            classes.union(source, prototype)
            prototypes.add(prototype)
    # intentional.txt only vouches for pairs already in one class: on its own it would join
    # Ossetian Latin æ to Cyrillic ӕ, which its orthography mixes on purpose.
    intentional = _single_code_point_pairs("intentional.txt")

    members_by_root: dict[str, list[str]] = {}
    for letter in list(classes.parent):
        members_by_root.setdefault(classes.find(letter), []).append(letter)

    lookalikes: dict[str, dict[str, str]] = {}
    lowercase: dict[tuple[str, str], str] = {}
    for members in members_by_root.values():
        by_script: dict[str, list[str]] = {}
        for member in members:
            by_script.setdefault(script_of(member), []).append(member)
        best_in = {script: _best_by_case(candidates, prototypes) for script, candidates in by_script.items()
                   if script not in NEUTRAL_SCRIPTS}
        for letter in members:
            own_script, case = script_of(letter), _case(letter)
            found = {}
            for script, best in best_in.items():
                if script == own_script or not best:
                    continue
                found[script] = best.get(case) or best[None]
                if case == "upper" and found[script] == best.get("upper") and "lower" in best:
                    lowercase[letter, script] = best["lower"]
            if found:
                lookalikes[letter] = found

    drawn_identically = {pair for first, second in intentional for pair in ((first, second), (second, first))}
    identical = frozenset(
        (letter, target) for letter, targets in lookalikes.items() for target in targets.values()
        if (letter, target) in drawn_identically or not is_allowed(letter)
        or _alike_in_both_cases(letter, target, lookalikes))
    return LookalikeTables(lookalikes, identical, lowercase, frozenset(drawn_identically))


def _alike_in_both_cases(letter: str, target: str, lookalikes: dict[str, dict[str, str]]) -> bool:
    """Whether a pair is the same letter shape, not a coincidence of small letters.

    Capitals of Latin, Greek, Cyrillic, Armenian... share their models (``Т``, ``T``, ``Τ``); a small
    letter counts when its capital is a look-alike of the target's capital too (``а``/``a`` as
    ``А``/``A``), which rules out ``ш``/``w``, ``г``/``r``, ``ν``/``v``: real letters that only
    resemble another script's letter in lower case.
    """
    category = str(unicodedata2.category(letter))
    if category in ("Lu", "Lt"):
        return True
    if category != "Ll":
        return False
    upper, target_upper = letter.upper(), target.upper()
    return (len(upper) == 1 and len(target_upper) == 1
            and lookalikes.get(upper, {}).get(script_of(target)) == target_upper)


@functools.cache
def plain_twins() -> dict[str, str]:
    """Letters no modern orthography uses → the ordinary letter of their own script they imitate
    (built by :func:`_build_plain_twins`, kept on disk)."""
    return disk_cached("plain_twins", _build_plain_twins, decode=expect(dict))


def _build_plain_twins() -> dict[str, str]:
    """Letters no modern orthography uses → the ordinary letter of their own script they imitate.

    From ``confusables.txt`` pairs within one script where the source is not ``Allowed`` for
    identifiers and the prototype is: small capitals and phonetic letters posing as plain ones
    (``ɑ → a``, ``ɡ → g``, ``ꜱ → s``, ``ᴏ → o``). Dotless ``ı`` is Turkish, so it is not here;
    presentation forms and other characters with a decomposition are compatibility forms, not
    letters posing as others, so they are not here either.
    """
    return {source: prototype for source, prototype in _single_code_point_pairs("confusables.txt")
            if _is_letter(source) and _is_letter(prototype) and not is_allowed(source) and is_allowed(prototype)
            and not unicodedata2.decomposition(source)
            and script_of(source) == script_of(prototype) not in NEUTRAL_SCRIPTS}


@functools.cache
def letter_posers() -> dict[str, str]:
    """Digits, numerals and symbols of other scripts → the ASCII letter they imitate (built by
    :func:`_build_letter_posers`, kept on disk)."""
    return disk_cached("letter_posers", _build_letter_posers, decode=expect(dict))


def _build_letter_posers() -> dict[str, str]:
    """Digits, numerals and symbols of other scripts → the ASCII letter they imitate.

    From ``confusables.txt``: non-ASCII characters that are not letters whose prototype is one
    ASCII letter (Bengali digit zero ``০ → o``, Arabic-Indic one ``١ → l``, small Roman numeral
    ``ⅾ → d``, APL iota ``⍳ → i``). They pose as letters only inside words; see the homoglyphs rule.
    Mathematical operators are left out: ``a×b`` is a product, not ``axb``.
    """
    return {source: prototype for source, prototype in _single_code_point_pairs("confusables.txt")
            if not source.isascii() and not _is_letter(source) and prototype.isascii() and prototype.isalpha()
            and str(unicodedata2.category(source)) != "Sm" and str(unicodedata2.category(source))[0] in "NSP"}


@functools.cache
def script_ranges() -> dict[str, list[range]]:
    """Code point ranges of each script, from Scripts.txt."""
    bounds = disk_cached("script_ranges", _script_bounds, decode=expect(dict))
    return {script: [range(start, stop) for start, stop in runs] for script, runs in bounds.items()}


def _script_bounds() -> dict[str, list[tuple[int, int]]]:
    bounds: dict[str, list[tuple[int, int]]] = {}
    for fields, _ in data_lines("Scripts.txt"):
        code_points = parse_range(fields[0])
        bounds.setdefault(fields[1], []).append((code_points.start, code_points.stop))
    return bounds


_SMALL_CAPITAL = "LATIN LETTER SMALL CAPITAL "


def _small_capital_letter(char: str) -> str | None:
    """``t`` for LATIN LETTER SMALL CAPITAL T (``ᴛ``): the letter a small capital is a form of."""
    name = str(unicodedata2.name(char, ""))
    if name.startswith(_SMALL_CAPITAL) and len(name) == len(_SMALL_CAPITAL) + 1:
        return name[-1].lower()
    return None


@functools.cache
def loose_latin() -> dict[str, str]:
    """Characters that can pass for one ASCII letter in a Latin word, when nothing else tells
    (built by :func:`_build_loose_latin`, kept on disk). Used only where a lexicon confirms it."""
    return disk_cached("loose_latin", _build_loose_latin, decode=expect(dict))


def _build_loose_latin() -> dict[str, str]:
    """Non-ASCII characters → the small ASCII letter they can pass for, looser than look-alikes.

    From ``confusables.txt``, without the restrictions :func:`lookalike_tables` applies: every
    non-ASCII character whose prototype is an ASCII letter, whatever it is (small capitals and
    IPA letters ``ɩ``, symbols ``×`` ``∨``, letters of other orthographies ``Ɩ``); and the
    characters of a look-alike class that holds a Latin small capital read as that capital's
    letter (``т`` and ``τ`` look like ``ᴛ``, ``м`` like ``ᴍ``, ``к`` like ``ᴋ``: a ``t``, ``m``,
    ``k`` in small capitals). Digits and characters with a decomposition are not here: the
    ``compat`` rule and the letter posers own them.
    """
    pairs = _single_code_point_pairs("confusables.txt")
    classes = _UnionFind()
    for source, prototype in pairs:
        classes.union(source, prototype)
    members_by_root: dict[str, list[str]] = {}
    for char in list(classes.parent):
        members_by_root.setdefault(classes.find(char), []).append(char)
    by_class: dict[str, str] = {}
    for root, members in members_by_root.items():
        ascii_letters = {member.lower() for member in members if member.isascii() and member.isalpha()}
        small_capitals = {letter for member in members if (letter := _small_capital_letter(member))}
        readings = ascii_letters or small_capitals
        if len(readings) == 1:
            by_class[root] = readings.pop()
    # A character's own prototype first (Ɩ → l, in the class of l, I and 1), then its class's
    # one reading, then its other case's (ƅ is Ƅ, a b).
    direct = {source: prototype.lower() for source, prototype in pairs if prototype.isascii() and prototype.isalpha()}

    def reading(char: str) -> str | None:
        found = direct.get(char) or (by_class.get(classes.find(char)) if char in classes.parent else None)
        return found

    table: dict[str, str] = {}
    for char in classes.parent:
        if char.isascii() or char.isdigit() or unicodedata2.decomposition(char):
            continue
        found = reading(char)
        for partner in (char.upper(), char.lower()):
            if found is None and len(partner) == 1 and partner != char:
                found = reading(partner)
        if found is not None:
            table[char] = found
    for code_point in range(0x1D00, 0x1D2C):  # small capitals no class holds (ᴇ, ʀ, ɢ come below)
        char = chr(code_point)
        letter = _small_capital_letter(char)
        if letter is not None:
            table.setdefault(char, letter)
    for code_point in range(0x0250, 0x02B0):
        char = chr(code_point)
        letter = _small_capital_letter(char)
        if letter is not None:
            table.setdefault(char, letter)
    return table
