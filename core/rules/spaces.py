"""The ``spaces`` rule: unusual spaces become plain spaces, line/paragraph separators newlines.

Candidates are the White_Space characters of general category Zs other than U+0020 (no-break,
narrow no-break, figure, en, em, thin, hair, medium mathematical, ideographic, Ogham...), and the
line breaks a plain-text file does not use: LINE SEPARATOR, PARAGRAPH SEPARATOR and NEXT LINE,
which become the document's newline.

Deliberately left alone:

* a no-break or narrow no-break space (or a thin space) before ``: ; ! ? »`` or ``›`` or after
  ``«`` or ``‹``: French typography requires it, and nothing else puts a space there;
* the same spaces as a thousands separator, between a digit and a group of three (``10 000``);
* IDEOGRAPHIC SPACE next to CJK text (Han, kana, Hangul, Bopomofo or CJK punctuation), or
  between two fullwidth forms (``ＡＢＣ　１２３``), which are East Asian typography too;
* OGHAM SPACE MARK between Ogham letters, where it is a visible word separator.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import unicodedata2

from ..cancel import checked
from ..changes import ChangeList, Severity
from ..nearest import Nearest
from ..unicode.table_cache import disk_cached, expect
from ..unicode.unicode_data import script_of
from ..unicode.unicode_props import is_cjk, label, offsets_of, white_space
from .invisible import candidates as invisible_candidates

if TYPE_CHECKING:
    from .context import RuleContext

RULE_ID = "spaces"

_LINE_BREAKS = frozenset({0x2028, 0x2029, 0x0085})
_FRENCH_SPACES = frozenset({0x00A0, 0x202F, 0x2009})
_FRENCH_BEFORE = frozenset(":;!?»›")
_FRENCH_AFTER = frozenset("«‹")
_IDEOGRAPHIC_SPACE = 0x3000
_FULLWIDTH_FORMS = range(0xFF01, 0xFF5F)
_BREAKS = frozenset("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
_OGHAM_SPACE_MARK = 0x1680


@functools.cache
def odd_spaces() -> frozenset[int]:
    """White_Space characters of category Zs other than SPACE."""
    return frozenset(code_point for code_point in white_space()
                     if code_point != 0x20 and unicodedata2.category(chr(code_point)) == "Zs")


@functools.cache
def candidates() -> frozenset[int]:
    """Every code point the rule looks at."""
    return disk_cached("spaces_candidates", lambda: odd_spaces() | _LINE_BREAKS, decode=expect(frozenset))


def _non_space_finder(text: str) -> Nearest:
    """Finds the nearest character that is neither a space nor deleted by the invisible rule.

    A Hangul filler is a Hangul letter, but the invisible rule deletes it: as context it would
    keep an ideographic space that a second run then changes. The finder remembers its last
    answers, so a run of 200,000 ideographic spaces is walked once, not once for each.
    """
    invisible = invisible_candidates()
    return Nearest(text, lambda char: not char.isspace() and ord(char) not in invisible)


def _nearest_non_space(non_space: Nearest, index: int, step: int) -> str:
    position = non_space.before(index) if step < 0 else non_space.after(index)
    return non_space.text[position] if 0 <= position < len(non_space.text) else ""


def _line_finder(text: str) -> Nearest:
    """Finds what :func:`_non_space_finder` finds, or a line break, whichever is nearer."""
    invisible = invisible_candidates()
    return Nearest(text, lambda char: char in _BREAKS or (not char.isspace() and ord(char) not in invisible))


def _separates_thousands(text: str, index: int) -> bool:
    """Whether the space at ``index`` stands between a digit and a group of exactly three digits."""
    group = text[index + 1:index + 5]
    return (index > 0 and text[index - 1].isdecimal() and group[:3].isdecimal() and len(group) >= 3
            and not group[3:].isdecimal())


class Surroundings:
    """What lies around the spaces of one text, found in time linear in the text when asked in order."""

    def __init__(self, text: str) -> None:
        self.non_space = _non_space_finder(text)
        self.on_line = _line_finder(text)


def ideographic_space_kept(text: str, index: int, around: Surroundings | None = None) -> bool:
    """Whether the IDEOGRAPHIC SPACE at ``index`` is East Asian typography: next to CJK text, or
    between two fullwidth forms on its line. (The ``compat`` rule keeps fullwidth letters beside
    such a space, and looks no further than the line for them.)"""
    around = around if around is not None else Surroundings(text)
    near = [_nearest_non_space(around.non_space, index - 1, -1), _nearest_non_space(around.non_space, index + 1, 1)]
    if any(is_cjk(char) for char in near if char):
        return True
    return all(ord(_nearest_non_space(around.on_line, index + step, step) or " ") in _FULLWIDTH_FORMS
               for step in (-1, 1))


def _is_kept(text: str, index: int, around: Surroundings) -> bool:
    code_point = ord(text[index])
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if code_point in _FRENCH_SPACES and (after in _FRENCH_BEFORE or before in _FRENCH_AFTER
                                         or _separates_thousands(text, index)):
        return True
    if code_point == _IDEOGRAPHIC_SPACE:
        return ideographic_space_kept(text, index, around)
    if code_point == _OGHAM_SPACE_MARK:
        return bool(before and after) and script_of(before) == script_of(after) == "Ogham"
    return False


def find_changes(text: str, context: RuleContext) -> ChangeList:
    """Propose a plain space for each unusual space, the document newline for each odd line break."""
    config = context.config
    if RULE_ID not in config.rules:
        return ChangeList()
    around = Surroundings(text)
    offsets = [index for index in checked(offsets_of(text, candidates(), context.scan))
               if ord(text[index]) in _LINE_BREAKS or not _is_kept(text, index, around)]

    def replacement(char: str) -> str:
        return context.newline if ord(char) in _LINE_BREAKS else " "

    def reason(char: str) -> str:
        becomes = "the document's newline" if ord(char) in _LINE_BREAKS else "a plain space"
        return f"{label(char)} becomes {becomes}"

    return ChangeList.of_characters(text, offsets, RULE_ID, Severity.INFO, replacement, reason)
