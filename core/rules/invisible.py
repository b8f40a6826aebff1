"""The ``invisible`` rule: characters that render as nothing yet change what a text means.

Candidates come from Unicode, not from a list of favourites: every Default_Ignorable_Code_Point,
every Bidi_Control, the tag characters and the C0/C1 controls other than tab, newline, carriage
return and form feed (U+0085 NEXT LINE is a line break and belongs to the ``spaces`` rule).

Deliberately left alone, because genuine text needs them:

* ZWJ inside an emoji ZWJ sequence, VS15/VS16 after an emoji or a base with emoji variation
  sequences, any variation selector after a base with emoji variation sequences or after a CJK
  ideograph (ideographic variation), Mongolian free variation selectors after Mongolian letters;
* emoji tag sequences (a black flag, lowercase tag letters or digits, then CANCEL TAG);
* ZWJ/ZWNJ between letters of a script that spells with them (cursive and virama scripts);
* ZERO WIDTH SPACE and WORD JOINER between letters of a script written without spaces, where
  they mark word boundaries for line breaking;
* COMBINING GRAPHEME JOINER before a combining mark, Hangul choseong/jungseong fillers inside
  old Hangul jamo sequences, Khmer inherent vowels after Khmer letters;
* lone surrogates U+DC80–U+DCFF, which stand for undecodable bytes (they are not candidates);
* in ISO-2022 text read as something else (ASCII, UTF-8), the ESC of each designation and
  single shift and, for ISO-2022-KR/CN, every SO and SI: deleting them destroys the text
  (:mod:`core.escapes`). Other escape sequences (ANSI colours) are controls like any other.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, NamedTuple

import unicodedata2

from ..cancel import checked
from ..changes import Change, Severity
from ..encoding.escapes import scan_escapes
from ..nearest import Nearest
from ..unicode.table_cache import disk_cached, expect
from ..unicode.unicode_data import script_extensions_of, script_of
from ..unicode.unicode_props import (
    BLACK_FLAG,
    CANCEL_TAG,
    TAG_FIRST,
    TAG_LAST,
    VS15,
    VS16,
    ZWJ,
    ZWNJ,
    TextScan,
    bidi_controls,
    default_ignorables,
    emoji_like,
    emoji_variation_bases,
    ideographic,
    in_emoji_zwj_sequence,
    is_word_char,
    joiner_scripts,
    label,
    offsets_of,
)

if TYPE_CHECKING:
    from .context import RuleContext

RULE_ID = "invisible"

_KEPT_CONTROLS = frozenset({0x09, 0x0A, 0x0D, 0x0C, 0x85})
_VARIATION_SELECTORS = frozenset({*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)})
_MONGOLIAN_FVS = frozenset({0x180B, 0x180C, 0x180D, 0x180F})
_COMBINING_GRAPHEME_JOINER = 0x034F
_OLD_HANGUL_FILLERS = frozenset({0x115F, 0x1160})
_KHMER_INHERENT_VOWELS = frozenset({0x17B4, 0x17B5})
_WORD_SEPARATORS_WITHOUT_WIDTH = frozenset({0x200B, 0x2060})
_FLAG_TAG_SPEC = frozenset({*range(0xE0030, 0xE003A), *range(0xE0061, 0xE007B)})
_MAX_FLAG_TAG_SPEC = 7

# Scripts written without spaces between words (Line_Break=SA in LineBreak.txt, which we do not
# carry): ZERO WIDTH SPACE is their word separator.
_SCRIPTS_WITHOUT_SPACES = frozenset({"Thai", "Lao", "Khmer", "Myanmar", "Tai_Tham", "New_Tai_Lue",
                                     "Tai_Le", "Tai_Viet", "Balinese", "Javanese"})


class HiddenMessage(NamedTuple):
    """A run of tag characters that is not an emoji tag sequence, and the ASCII it spells."""

    offset: int
    length: int
    text: str


_TAGS = frozenset(range(TAG_FIRST, TAG_LAST + 1))


def _build_candidates() -> frozenset[int]:
    controls = {code_point for code_point in [*range(0x20), *range(0x7F, 0xA0)]
                if code_point not in _KEPT_CONTROLS}
    return default_ignorables() | bidi_controls() | frozenset(controls) | _TAGS


@functools.cache
def candidates() -> frozenset[int]:
    """Every code point the rule looks at (most of them it removes)."""
    return disk_cached("invisible_candidates", _build_candidates, decode=expect(frozenset))


def _is_tag(code_point: int) -> bool:
    return TAG_FIRST <= code_point <= TAG_LAST


def _tag_run_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and _is_tag(ord(text[end])):
        end += 1
    return end


def _is_emoji_tag_sequence(text: str, start: int, end: int) -> bool:
    """A black flag followed by 1–7 lowercase tag letters/digits and CANCEL TAG (🏴 subdivision flags)."""
    spec = text[start:end - 1]
    return (start > 0 and ord(text[start - 1]) == BLACK_FLAG and ord(text[end - 1]) == CANCEL_TAG
            and 0 < len(spec) <= _MAX_FLAG_TAG_SPEC and all(ord(char) in _FLAG_TAG_SPEC for char in spec))


def decode_tags(tags: str) -> str:
    """The ASCII spelled by tag characters (U+E0020–U+E007E); other tags spell nothing."""
    return "".join(chr(ord(char) - TAG_FIRST) for char in tags if 0xE0020 <= ord(char) <= 0xE007E)


def hidden_messages(text: str, scan: TextScan | None = None) -> list[HiddenMessage]:
    """Runs of tag characters that are not emoji tag sequences, with the message they spell
    (``scan``: the analysis's scan of ``text``, shared)."""
    messages: list[HiddenMessage] = []
    end = 0
    for start in offsets_of(text, _TAGS, scan):
        if start < end:
            continue
        end = _tag_run_end(text, start)
        if not _is_emoji_tag_sequence(text, start, end):
            messages.append(HiddenMessage(start, end - start, decode_tags(text[start:end])))
    return messages


def _says_scripts(char: str) -> bool:
    """Whether the search for a letter's scripts stops at ``char`` (see :func:`_letter_scripts_of`)."""
    return _letter_scripts_of(char) is not None


class _Surroundings:
    """What lies around the candidates of one text, past runs of invisible characters.

    The searches remember their last answers (:class:`~core.nearest.Nearest`): candidates are
    visited in text order, so a run of 200,000 zero-width characters is walked once, not once
    for each of them.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        invisible = candidates()
        self._visible = Nearest(text, lambda char: ord(char) not in invisible)
        self._letters = Nearest(text, _says_scripts)

    def neighbour(self, index: int, step: int) -> str:
        """The nearest character from ``index`` in direction ``step`` that is not an invisible one."""
        position = self._visible.before(index) if step < 0 else self._visible.after(index)
        return self.text[position] if 0 <= position < len(self.text) else ""

    def letter_scripts(self, index: int, step: int) -> frozenset[str]:
        """Scripts of the nearest letter or script-specific mark from ``index`` in direction ``step``.

        Generic combining marks (script Inherited) are skipped towards their base; anything that
        is not a letter or mark ends the search with no script.
        """
        position = self._letters.before(index) if step < 0 else self._letters.after(index)
        scripts = _letter_scripts_of(self.text[position]) if 0 <= position < len(self.text) else None
        return scripts if scripts is not None else frozenset()


@functools.lru_cache(maxsize=8192)
def _letter_scripts_of(char: str) -> frozenset[str] | None:
    """What ``char`` says to :func:`_letter_scripts`: its scripts, none (not a letter or mark:
    the search ends), or None (a joiner, selector or generic mark: look past it). Cached: a text
    full of zero-width characters asks about the same few letters a million times."""
    code_point = ord(char)
    if code_point in (ZWJ, ZWNJ) or code_point in _VARIATION_SELECTORS:
        return None
    if str(unicodedata2.category(char))[0] not in "LM":
        return frozenset()
    # A generic mark's Script is Inherited even where its Script_Extensions name scripts
    # (U+0301 lists Latin, Greek, Cyrillic...): it belongs to its base, so look past it.
    if script_of(char) != "Inherited":
        return script_extensions_of(char)
    return None


def _between_letters_of(around: _Surroundings, index: int, scripts: frozenset[str]) -> bool:
    before = around.letter_scripts(index - 1, -1) & scripts
    return bool(before) and bool(before & around.letter_scripts(index + 1, 1))


def _after_virama(text: str, index: int) -> bool:
    """A joiner right after a virama asks for a form of that consonant, at a word's end too
    (Unicode's chapter 12: ZWJ gives a half form or a Malayalam chillu, ``ന്‍``; ZWNJ shows the
    virama itself), so no letter need follow it."""
    return index > 0 and unicodedata2.combining(text[index - 1]) == 9 and script_of(text[index - 1]) in joiner_scripts()


def _variation_selector_is_kept(text: str, index: int) -> bool:
    if index == 0:
        return False
    code_point, base = ord(text[index]), ord(text[index - 1])
    if base in emoji_variation_bases() or base in ideographic():
        return True
    return code_point in (VS15, VS16) and base in emoji_like()


def _is_kept(text: str, index: int, around: _Surroundings) -> bool:
    """Whether the invisible character at ``index`` is part of correct text here."""
    code_point = ord(text[index])
    if code_point == ZWJ and in_emoji_zwj_sequence(text, index):
        return True
    if code_point in (ZWJ, ZWNJ):
        return _after_virama(text, index) or _between_letters_of(around, index, joiner_scripts())
    if code_point in _WORD_SEPARATORS_WITHOUT_WIDTH:
        return _between_letters_of(around, index, _SCRIPTS_WITHOUT_SPACES)
    if code_point in _VARIATION_SELECTORS:
        return _variation_selector_is_kept(text, index)
    if code_point in _MONGOLIAN_FVS:  # after a Mongolian character that stays (not another selector)
        return index > 0 and script_of(text[index - 1]) == "Mongolian" and ord(text[index - 1]) not in _MONGOLIAN_FVS
    if code_point == _COMBINING_GRAPHEME_JOINER:
        return index + 1 < len(text) and unicodedata2.combining(text[index + 1]) > 0
    if code_point in _OLD_HANGUL_FILLERS:
        return any(0 <= near < len(text) and 0x1100 <= ord(text[near]) <= 0x11FF for near in (index - 1, index + 1))
    if code_point in _KHMER_INHERENT_VOWELS:
        # After a Khmer character other than another inherent vowel (which, at the start of a
        # text, is deleted and would leave this one with nothing Khmer before it next time).
        return (index > 0 and ord(text[index - 1]) not in _KHMER_INHERENT_VOWELS
                and script_of(text[index - 1]) == "Khmer")
    return False


class JoinerJudge:
    """Whether a ZWJ or ZWNJ of ``text`` is part of correct text, as this rule decides (in an emoji
    sequence, a conjunct, a cursive joining form). The view draws a stand-in only for the others,
    so a kept joiner never splits ``👩‍💻``, ``क्‍ष`` or ``می‌خواهم`` on screen. Asked in text order,
    it reads the text once, as the rule does (a text of nothing but joiners stays linear)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._around: _Surroundings | None = None

    def kept(self, index: int) -> bool:
        if self._around is None:
            self._around = _Surroundings(self.text)
        return _is_kept(self.text, index, self._around)


def _inside_word(around: _Surroundings, start: int, end: int) -> bool:
    before, after = around.neighbour(start - 1, -1), around.neighbour(end, 1)
    return bool(before and after) and is_word_char(before) and is_word_char(after)


def _reason(text: str, start: int, end: int, around: _Surroundings) -> tuple[Severity, str]:
    char = text[start]
    name = label(char)
    if ord(char) in bidi_controls():
        return Severity.ERROR, f"{name} can reorder how the line is displayed (Trojan Source)"
    if _inside_word(around, start, end):
        return Severity.ERROR, f"{name} inside a word"
    if (ord(char) in _VARIATION_SELECTORS or ord(char) in _MONGOLIAN_FVS) and start > 0:
        return Severity.WARNING, f"{name} selects no variant of {label(text[start - 1])}"
    if ord(char) < 0xA0:
        return Severity.WARNING, f"{name}: a control character in text"
    return Severity.WARNING, f"{name} is invisible"


def _tag_change(text: str, start: int, end: int) -> Change:
    message = decode_tags(text[start:end])
    count = end - start
    what = f"hidden text {message!r}" if message else "no visible text"
    reason = f"{count} invisible TAG character{'s' if count > 1 else ''} (U+{ord(text[start]):04X}…) spell {what}"
    return Change(start, count, text[start:end], "", RULE_ID, Severity.ERROR, reason)


def find_changes(text: str, context: RuleContext) -> list[Change]:
    """Propose deleting every invisible character that is not part of correct text."""
    config = context.config
    if RULE_ID not in config.rules:
        return []
    changes: list[Change] = []
    tag_run_end = 0
    table = candidates()
    escapes = scan_escapes(text)
    escape_controls = escapes.controls if escapes is not None else frozenset()
    around = _Surroundings(text)
    for index in checked(offsets_of(text, table, context.scan)):
        code_point = ord(text[index])
        if index < tag_run_end or index in escape_controls:
            continue
        if _is_tag(code_point):
            tag_run_end = _tag_run_end(text, index)
            if not _is_emoji_tag_sequence(text, index, tag_run_end):
                changes.append(_tag_change(text, index, tag_run_end))
            continue
        if _is_kept(text, index, around):
            continue
        severity, reason = _reason(text, index, index + 1, around)
        changes.append(Change(index, 1, text[index], "", RULE_ID, severity, reason))
    return changes
