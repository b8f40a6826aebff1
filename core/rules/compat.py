"""The ``compat`` rule: styled letters (mathematical, fullwidth, letterlike, ligatures) become plain.

The table is computed from Unicode's decompositions (``unicodedata2``), not listed by hand:

* ``<font>`` letters and digits: Mathematical Alphanumeric Symbols (𝐀 𝑥 𝔣 𝟙), letterlike
  ℌ ℯ ℊ ℂ ⅅ, Arabic mathematical letters;
* ``<wide>`` Latin letters and digits (ＡＢＣ１２３), outside CJK text;
* ``<circle>``/``<square>`` Latin letters (ⓐ Ⓐ 🄰);
* ``<compat>`` ligatures of the Alphabetic Presentation Forms whose parts are ASCII letters (ﬁ ﬂ ﬀ ﬃ);
* letterlike symbols that canonically are a letter (KELVIN SIGN, ANGSTROM SIGN, OHM SIGN) or that
  confusables.txt maps to a single ASCII letter (℮);
* punctuation that canonically *is* a Latin-1 character (GREEK QUESTION MARK is ``;``, the trick
  that breaks code; GREEK ANO TELEIA is ``·``): replacing a canonical equivalent changes nothing
  a reader or NFC can tell apart, except to a compiler.

Letterlike symbols of the ``<font>`` kind (``ℝ ℕ ℤ ℚ ℂ ℏ ℓ ℯ``) are the symbols of mathematics
and units, not letters: they become plain only inside a word (``ℌello``), next to another letter,
never alone (``x ∈ ℝ``, ``ℝⁿ``, ``5 ℓ``).

Deliberately left alone: superscripts and subscripts (``<super>``/``<sub>``: ``10³`` is not
``103``), fractions, ℃ № ™ ℡ and other symbols made of several characters, Roman numerals,
Hebrew ℵ-style symbols, emoji (ℹ), fullwidth punctuation, and fullwidth letters or digits next to
CJK text, where they are ordinary typography. Orthographic ligatures outside the presentation
forms (Dutch Ĳ, Croatian ǅ) are letters of their languages and are not candidates.
"""

from __future__ import annotations

import functools
import re
from itertools import compress
from operator import itemgetter
from typing import TYPE_CHECKING

import unicodedata2

from ..changes import ChangeList, Severity
from ..unicode.table_cache import disk_cached, expect
from ..unicode.unicode_data import UNICODE_DIR
from ..unicode.unicode_props import any_cjk_sign, is_cjk, label, offsets_of, property_code_points
from .invisible import candidates as invisible_candidates
from .spaces import ideographic_space_kept

if TYPE_CHECKING:
    from .context import RuleContext

RULE_ID = "compat"

_SCANNED_PLANES_END = 0x20000  # every compatibility letter lives in the BMP or the SMP
_LETTERLIKE_SYMBOLS = range(0x2100, 0x2150)
_PRESENTATION_FORMS = range(0xFB00, 0xFB50)
# Greek and Greek Extended hold the punctuation and accents that are canonically Latin-1.
_CANONICAL_PUNCTUATION_RANGES = [*range(0x0370, 0x0400), *range(0x1F00, 0x2000)]
_CONTEXT_REACH = 8
_IDEOGRAPHIC_SPACE = 0x3000
# Every line break, as the spaces rule may turn NEXT LINE and the separators into newlines.
_LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_STYLE_TAGS = frozenset({"<font>", "<wide>", "<circle>", "<square>", "<compat>"})
_STYLE_TAG = re.compile("<(?:font|wide|circle|square|compat)>")


def _is_letter_or_digit(text: str) -> bool:
    return bool(text) and all(str(unicodedata2.category(char))[0] in "LN" for char in text)


def _is_ascii_letters(text: str) -> bool:
    return bool(text) and text.isascii() and text.isalpha()


def _letterlike_confusables() -> dict[int, str]:
    """Letterlike symbols without a decomposition that confusables.txt maps to one ASCII letter."""
    found: dict[int, str] = {}
    with open(UNICODE_DIR / "confusables.txt", encoding="utf-8") as handle:
        for line in handle:
            if line[:2] != "21":
                continue
            fields = line.split(";")
            source, target = int(fields[0], 16), fields[1].split()
            if source in _LETTERLIKE_SYMBOLS and len(target) == 1:
                letter = chr(int(target[0], 16))
                if _is_ascii_letters(letter) and not unicodedata2.decomposition(chr(source)):
                    found[source] = letter
    return found


def _plain_form(code_point: int) -> tuple[str, bool] | None:
    """``(plain text, needs a non-CJK context)`` for a styled letter, None for anything else."""
    char = chr(code_point)
    decomposition = unicodedata2.decomposition(char)
    if not decomposition:
        return None
    tag = decomposition.split(" ", 1)[0]
    if tag not in _STYLE_TAGS and code_point not in _LETTERLIKE_SYMBOLS:
        return None
    plain = unicodedata2.normalize("NFKC", char)
    if tag == "<font>" and _is_letter_or_digit(plain):
        return plain, False
    if tag == "<wide>" and plain.isascii() and plain.isalnum():
        return plain, True
    if tag in ("<circle>", "<square>") and _is_ascii_letters(plain) and len(plain) == 1:
        return plain, False
    if tag == "<compat>" and code_point in _PRESENTATION_FORMS and _is_ascii_letters(plain) \
            and "LIGATURE" in unicodedata2.name(char, ""):
        return plain, False
    if not tag.startswith("<") and code_point in _LETTERLIKE_SYMBOLS:
        canonical = unicodedata2.normalize("NFC", char)
        return (canonical, False) if _is_letter_or_digit(canonical) else None
    return None


@functools.cache
def styled_letters() -> dict[int, tuple[str, bool]]:
    """Every styled letter: code point → (plain text, needs a non-CJK context)."""
    return disk_cached("styled_letters", _build_styled_letters, decode=expect(dict))


@functools.cache
def candidates() -> frozenset[int]:
    """Every code point the rule looks at: the styled letters."""
    return frozenset(styled_letters())


def _build_styled_letters() -> dict[int, tuple[str, bool]]:
    emoji = property_code_points("emoji-data.txt", "Emoji")
    table: dict[int, tuple[str, bool]] = {}
    points = range(0xA0, _SCANNED_PLANES_END)
    # compress() and the regex filter in C: only the ~2.6k styled decompositions reach Python.
    styled = map(_STYLE_TAG.match, map(unicodedata2.decomposition, map(chr, points)))
    for code_point in [*compress(points, styled), *_LETTERLIKE_SYMBOLS]:
        plain = _plain_form(code_point)
        if plain is not None and code_point not in emoji:
            table[code_point] = plain
    for code_point in _CANONICAL_PUNCTUATION_RANGES:
        punctuation = _canonical_punctuation(code_point)
        if punctuation is not None:
            table[code_point] = (punctuation, False)
    for code_point, letter in _letterlike_confusables().items():
        if code_point not in emoji:
            table.setdefault(code_point, (letter, False))
    return table


def _canonical_punctuation(code_point: int) -> str | None:
    """The Latin-1 character a punctuation mark canonically is (``U+037E`` → ``;``), if any."""
    char = chr(code_point)
    decomposition = unicodedata2.decomposition(char)
    if not decomposition or decomposition.startswith("<") or " " in decomposition:
        return None
    plain = str(unicodedata2.normalize("NFC", char))
    if ord(plain) > 0xFF or not str(unicodedata2.category(char)).startswith(("P", "S")):
        return None
    return plain


def _in_cjk_context(text: str, index: int) -> bool:
    """Is the nearest meaningful character on either side (within a few) CJK?"""
    table = styled_letters()
    invisible = invisible_candidates()
    for step in (-1, 1):
        position = index + step
        for _ in range(_CONTEXT_REACH):
            if not 0 <= position < len(text) or text[position] in _LINE_BREAKS:
                break
            char = text[position]
            position += step
            entry = table.get(ord(char))
            # IDEOGRAPHIC SPACE says nothing alone, nor does a styled letter that stays in CJK
            # text; one replaced anyway (``ﬁ``) reads as its plain letters, so it ends the search.
            # The invisible rule deletes its characters (a Hangul filler is even a Hangul letter),
            # so they are no context: a second run would not see them.
            if ord(char) == _IDEOGRAPHIC_SPACE and ideographic_space_kept(text, position - step):
                return True  # a space the spaces rule keeps as East Asian typography
            if char.isspace() or (entry is not None and entry[1]) or ord(char) in invisible:
                continue
            if is_cjk(char):
                return True
            break
    return False


@functools.cache
def _letterlike_fonts() -> frozenset[int]:
    """Letterlike symbols that are a font variant of a letter (``ℝ``, ``ℏ``): mathematical symbols."""
    return frozenset(code_point for code_point in _LETTERLIKE_SYMBOLS
                     if unicodedata2.decomposition(chr(code_point)).startswith("<font>"))


def _in_word(text: str, index: int) -> bool:
    """Whether the nearest visible character on either side is a letter (not a modifier letter
    such as the ``ⁿ`` of ``ℝⁿ``), so the character at ``index`` is part of a word."""
    invisible = invisible_candidates()
    for step in (-1, 1):
        position = index + step
        while 0 <= position < len(text) and ord(text[position]) in invisible:
            position += step
        if 0 <= position < len(text) and str(unicodedata2.category(text[position])) in ("Lu", "Ll", "Lt", "Lo"):
            return True
    return False


def find_changes(text: str, context: RuleContext) -> ChangeList:
    """Propose the plain letter for every styled letter."""
    config = context.config
    if RULE_ID not in config.rules:
        return ChangeList()
    table = styled_letters()
    offsets = offsets_of(text, candidates(), context.scan)
    symbols = _letterlike_fonts()
    if any(ord(text[index]) in symbols for index in offsets):
        offsets = [index for index in offsets if ord(text[index]) not in symbols or _in_word(text, index)]
    # Fullwidth letters stay in CJK text: only then is each one looked at on its own.
    needs_non_cjk = map(itemgetter(1), map(table.__getitem__, map(ord, map(text.__getitem__, offsets))))
    if any(needs_non_cjk) and any_cjk_sign(text):
        offsets = [index for index in offsets
                   if not (table[ord(text[index])][1] and _in_cjk_context(text, index))]
    return ChangeList.of_characters(text, offsets, RULE_ID, Severity.WARNING, lambda char: table[ord(char)][0],
                                    lambda char: _reason(char, table[ord(char)][0]))


def _reason(char: str, plain: str) -> str:
    if unicodedata2.decomposition(char).startswith("<"):
        return f"{label(char)} is a styled form of {plain!r}"
    return f"{label(char)} is canonically the same character as {plain!r}"
