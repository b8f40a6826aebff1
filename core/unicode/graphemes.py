"""Extended grapheme cluster boundaries (UAX #29), evaluated only where the engine asks.

The engine widens a change whose edge would split a user-perceived character, so it needs
boundaries at a handful of offsets, never a segmentation of the whole text: a :class:`Segmenter`
answers them for one text, remembering the runs it walked (a cluster of 200,000 joiners is walked
once, its runs of Extend characters skipped in C). The break classes
are derived from the Unicode 17 data we carry (``GraphemeBreakProperty.txt`` is not among it):
Grapheme_Extend, Indic_Conjunct_Break and Default_Ignorable from DerivedCoreProperties.txt,
Prepended_Concatenation_Mark from PropList.txt, Extended_Pictographic and Emoji_Modifier from
emoji-data.txt, general categories from ``unicodedata2`` and Hangul syllable types by arithmetic.

Deliberately left alone: the Indic_Syllabic_Category part of Prepend, which needs a file we do not
carry, is the short list the standard gives (:data:`_PREPEND_SYLLABIC`).
"""

from __future__ import annotations

import enum
import functools
import re

import unicodedata2

from .table_cache import disk_cached
from .unicode_props import TextScan, char_class, extended_pictographic, offsets_of, property_code_points


class Break(enum.IntEnum):
    """Grapheme_Cluster_Break values (UAX #29, table 2)."""

    OTHER = 0
    CR = 1
    LF = 2
    CONTROL = 3
    EXTEND = 4
    ZWJ = 5
    REGIONAL_INDICATOR = 6
    PREPEND = 7
    SPACING_MARK = 8
    L = 9
    V = 10
    T = 11
    LV = 12
    LVT = 13


class Conjunct(enum.IntEnum):
    """Indic_Conjunct_Break values (GB9c)."""

    NONE = 0
    CONSONANT = 1
    LINKER = 2
    EXTEND = 3


# Indic_Syllabic_Category = Consonant_Preceding_Repha or Consonant_Prefixed (IndicSyllabicCategory.txt).
_PREPEND_SYLLABIC = frozenset({0x0D4E, 0x111C2, 0x111C3, 0x1193F, 0x11941, 0x11A3A, 0x11D46,
                               *range(0x11A84, 0x11A8A)})
# Spacing marks that UAX #29 classes as Other (they do not attach in practice), plus the two
# Thai/Lao vowels it classes as SpacingMark although they are Lo.
_SPACING_MARK_EXCEPTIONS = frozenset({0x102B, 0x102C, 0x1038, *range(0x1062, 0x1065), *range(0x1067, 0x106E),
                                      0x1083, *range(0x1087, 0x108D), 0x108F, *range(0x109A, 0x109D),
                                      0x1A61, 0x1A63, 0x1A64, 0xAA7B, 0xAA7D, 0x11720, 0x11721})
_SPACING_MARK_EXTRA = frozenset({0x0E33, 0x0EB3})

_HANGUL_SYLLABLES = range(0xAC00, 0xD7A4)
_HANGUL_L = (range(0x1100, 0x1160), range(0xA960, 0xA97D))
_HANGUL_V = (range(0x1160, 0x11A8), range(0xD7B0, 0xD7C7), range(0x16D63, 0x16D64), range(0x16D67, 0x16D6B))
_HANGUL_T = (range(0x11A8, 0x1200), range(0xD7CB, 0xD7FC))


@functools.cache
def _grapheme_extend() -> frozenset[int]:
    return (property_code_points("DerivedCoreProperties.txt", "Grapheme_Extend")
            | property_code_points("emoji-data.txt", "Emoji_Modifier"))


@functools.cache
def _extenders() -> re.Pattern[str]:
    """A run of Extend and ZWJ characters: no boundary lies between two of them (GB9)."""
    return re.compile(f"{char_class(_grapheme_extend() | {0x200D})}*")


@functools.cache
def _prepend() -> frozenset[int]:
    return property_code_points("PropList.txt", "Prepended_Concatenation_Mark") | _PREPEND_SYLLABIC


def _hangul_class(code_point: int) -> Break | None:
    if code_point in _HANGUL_SYLLABLES:
        return Break.LV if (code_point - 0xAC00) % 28 == 0 else Break.LVT
    for classes, value in ((_HANGUL_L, Break.L), (_HANGUL_V, Break.V), (_HANGUL_T, Break.T)):
        if any(code_point in block for block in classes):
            return value
    return None


@functools.cache
def break_class(char: str) -> Break:
    """The Grapheme_Cluster_Break property of ``char``."""
    code_point = ord(char)
    if char == "\r":
        return Break.CR
    if char == "\n":
        return Break.LF
    if code_point == 0x200D:
        return Break.ZWJ
    if code_point in _grapheme_extend():
        return Break.EXTEND
    if 0x1F1E6 <= code_point <= 0x1F1FF:
        return Break.REGIONAL_INDICATOR
    if code_point in _prepend():
        return Break.PREPEND
    category = unicodedata2.category(char)
    if category in ("Zl", "Zp", "Cc", "Cs", "Cf") or (
            category == "Cn" and code_point in property_code_points(
                "DerivedCoreProperties.txt", "Default_Ignorable_Code_Point")):
        return Break.CONTROL
    hangul = _hangul_class(code_point)
    if hangul is not None:
        return hangul
    if (category == "Mc" and code_point not in _SPACING_MARK_EXCEPTIONS) or code_point in _SPACING_MARK_EXTRA:
        return Break.SPACING_MARK
    return Break.OTHER


@functools.cache
def conjunct_class(char: str) -> Conjunct:
    """The Indic_Conjunct_Break property of ``char``."""
    code_point = ord(char)
    for value in (Conjunct.CONSONANT, Conjunct.LINKER, Conjunct.EXTEND):
        if code_point in property_code_points("DerivedCoreProperties.txt", "InCB", value.name.title()):
            return value
    return Conjunct.NONE


_NEVER_AFTER_BREAK = frozenset({Break.CONTROL, Break.CR, Break.LF})
_HANGUL_PAIRS = frozenset({
    (Break.L, Break.L), (Break.L, Break.V), (Break.L, Break.LV), (Break.L, Break.LVT),
    (Break.LV, Break.V), (Break.LV, Break.T), (Break.V, Break.V), (Break.V, Break.T),
    (Break.LVT, Break.T), (Break.T, Break.T),
})


def _emoji_zwj_continues(text: str, zwj_index: int) -> bool:
    """GB11: is the ZWJ at ``zwj_index`` preceded by a pictograph and Extend characters only?"""
    index = zwj_index - 1
    while index >= 0 and break_class(text[index]) == Break.EXTEND:
        index -= 1
    return index >= 0 and ord(text[index]) in extended_pictographic()


def _conjunct_continues(text: str, index: int) -> bool:
    """GB9c: consonant, then extends and at least one linker, end just before ``index``."""
    linked = False
    index -= 1
    while index >= 0:
        value = conjunct_class(text[index])
        if value == Conjunct.CONSONANT:
            return linked
        if value == Conjunct.NONE:
            return False
        linked = linked or value == Conjunct.LINKER
        index -= 1
    return False


class Segmenter:
    """Grapheme cluster boundaries of one text, for the many questions the engine asks about it.

    Each answer is the one UAX #29 gives, and a run walked once is remembered: the cluster last
    found, and the run of regional indicators last counted. Questions asked in text order (or
    around the same cluster) so cost time linear in the text in total, where asking each one from
    scratch walked a cluster of 200,000 zero-width joiners once per change inside it.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._cluster = (0, 0)    # [start, end): a whole cluster found last (empty at first)
        self._indicators = (0, 0)  # [start, end): regional indicators, text[start - 1] not one

    def is_boundary(self, index: int) -> bool:
        """True when a cluster boundary lies between ``text[index - 1]`` and ``text[index]``."""
        text = self.text
        if index <= 0 or index >= len(text):
            return True
        start, end = self._cluster
        if start < index < end:
            return False
        before, after = text[index - 1], text[index]
        if before < "\x80" and after < "\x80":
            return not (before == "\r" and after == "\n")
        left, right = break_class(before), break_class(after)
        if left == Break.CR and right == Break.LF:
            return False
        if left in _NEVER_AFTER_BREAK or right in _NEVER_AFTER_BREAK:
            return True
        if (left, right) in _HANGUL_PAIRS:
            return False
        if right in (Break.EXTEND, Break.ZWJ, Break.SPACING_MARK) or left == Break.PREPEND:
            return False
        if conjunct_class(after) == Conjunct.CONSONANT and _conjunct_continues(text, index):
            return False
        if left == Break.ZWJ and ord(after) in extended_pictographic() and _emoji_zwj_continues(text, index - 1):
            return False
        return not (left == right == Break.REGIONAL_INDICATOR and self._indicators_before(index) % 2 == 1)

    def _indicators_before(self, index: int) -> int:
        """GB12/13: how many regional indicators run up to ``index`` (an odd count awaits its pair)."""
        start, end = self._indicators
        if start < index <= end:
            return index - start
        first = index
        while first > 0 and break_class(self.text[first - 1]) == Break.REGIONAL_INDICATOR:
            first -= 1
            if first == end and start < end:  # walked into the run counted last, which goes on
                first = start
                break
        self._indicators = (first, max(index, end)) if first == start else (first, index)
        return index - first

    def cluster(self, index: int) -> tuple[int, int]:
        """``[start, end)`` of the cluster holding ``text[index]`` (``(index, index)`` at the text's end)."""
        start, end = self._cluster
        if start <= index < end:
            return start, end
        start = end = index
        while not self.is_boundary(start):
            start -= 1
        if end < len(self.text):
            end += 1
            while not self.is_boundary(end):
                if break_class(self.text[end]) in (Break.EXTEND, Break.ZWJ):
                    # the rest of a run of them is in the cluster too: skipped in C
                    run = _extenders().match(self.text, end)
                    end = run.end() if run else end + 1
                else:
                    end += 1
        self._cluster = (start, end)
        return start, end

    def cluster_start(self, index: int) -> int:
        """The start of the cluster containing ``text[index]`` (``index`` if on a boundary)."""
        return self.cluster(index)[0] if index < len(self.text) else index

    def cluster_end(self, index: int) -> int:
        """The first boundary at or after ``index``."""
        if self.is_boundary(index):
            return index
        return self.cluster(index)[1]

    def widen(self, start: int, end: int) -> tuple[int, int]:
        """Widen ``[start, end)`` so that neither edge falls inside a cluster."""
        return self.cluster_start(start), self.cluster_end(end)


def is_boundary(text: str, index: int) -> bool:
    """True when a grapheme cluster boundary lies between ``text[index - 1]`` and ``text[index]``.

    For more than one question about a text, ask a :class:`Segmenter`.
    """
    return Segmenter(text).is_boundary(index)


def widen_to_clusters(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` so that neither edge falls inside a grapheme cluster."""
    return Segmenter(text).widen(start, end)


def _check_glue(stored: object) -> tuple[frozenset[int], frozenset[int]]:
    if not (isinstance(stored, tuple) and len(stored) == 2 and all(isinstance(part, frozenset) for part in stored)):
        raise ValueError("not a pair of code point sets")
    return stored[0], stored[1]


@functools.cache
def glue_code_points() -> tuple[frozenset[int], frozenset[int]]:
    """``(glue_after, glue_before)``: characters next to which a boundary may be missing (see below)."""
    return disk_cached("grapheme_glue", _build_glue_code_points, decode=_check_glue)


@functools.cache
def glue_candidates() -> frozenset[int]:
    """Every character of :func:`glue_code_points`, either side."""
    glue_after, glue_before = glue_code_points()
    return glue_after | glue_before


def _build_glue_code_points() -> tuple[frozenset[int], frozenset[int]]:
    """``(glue_after, glue_before)``: characters next to which a boundary may be missing.

    A boundary can be missing before ``text[i]`` only if ``text[i]`` is in ``glue_after``
    (GB6–GB9a, GB12/13) or ``text[i - 1]`` is in ``glue_before`` (GB6 after an L jamo, GB9b,
    GB9c after a linker or its extends, GB11 after ZWJ). Precomposed Hangul syllables and
    Indic consonants are deliberately not in the sets (they are only glued after a character
    that is), so Korean and Indic text do not flood the list. CR/LF is not included: no rule
    cuts between them, and :func:`is_boundary` checks ASCII pairs itself.
    """
    spacing_marks = property_code_points("DerivedCoreProperties.txt", "Grapheme_Base", category="Mc")
    vowels_and_trailers = {code_point for classes in (_HANGUL_V, _HANGUL_T) for block in classes
                           for code_point in block}
    leaders = {code_point for block in _HANGUL_L for code_point in block}
    glue_after = (_grapheme_extend() | spacing_marks | _SPACING_MARK_EXTRA | vowels_and_trailers
                  | set(range(0x1F1E6, 0x1F200)) | {0x200D})
    glue_before = (_prepend() | leaders | {0x200D}
                   | property_code_points("DerivedCoreProperties.txt", "InCB", "Linker")
                   | property_code_points("DerivedCoreProperties.txt", "InCB", "Extend"))
    return frozenset(glue_after), frozenset(glue_before)


def possible_non_boundaries(text: str, scan: TextScan | None = None) -> list[int]:
    """Sorted offsets where a grapheme boundary may be missing; everywhere else there is one.

    A superset: callers confirm each offset with :func:`is_boundary`. A text without any glue
    character costs a scan shared with the rules (``scan``, the analysis's :class:`TextScan`).
    """
    glue_after, glue_before = glue_code_points()
    offsets: set[int] = set()
    for index in offsets_of(text, glue_candidates(), scan):
        code_point = ord(text[index])
        if code_point in glue_after:
            offsets.add(index)
        if code_point in glue_before:
            offsets.add(index + 1)
    return sorted(offsets)
