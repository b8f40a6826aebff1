"""Binary Unicode properties the rules need, read from the Unicode 17 files in ``resources/unicode``.

Every table is built lazily on first use and cached for the life of the process. The big files
(``DerivedCoreProperties.txt`` is 1.1 MB) are never parsed line by line: a literal search for
``; Property`` finds the few hundred lines of one property, so a table costs about a millisecond.

Also here: regex character classes built from those tables, so each rule can skip text it has no
business with at C speed, and :func:`finditer_chunked`, which lets rules skip ASCII stretches.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator

from .unicode_data import UNICODE_DIR, parse_range, script_of

# Large enough that the per-chunk Python overhead vanishes, small enough that one non-ASCII
# character does not send a whole megabyte through a slow character class.
ASCII_CHUNK = 1 << 14

TAG_FIRST = 0xE0000
TAG_LAST = 0xE007F
CANCEL_TAG = 0xE007F
BLACK_FLAG = 0x1F3F4
ZWNJ = 0x200C
ZWJ = 0x200D
VS15 = 0xFE0E
VS16 = 0xFE0F

# Scripts whose letters join cursively, where ZWJ/ZWNJ choose a letter's joining form. Unicode
# records this in ArabicShaping.txt, which is not in our data; scripts with a virama are derived
# from the data instead (see :func:`joiner_scripts`).
CURSIVE_SCRIPTS = frozenset({
    "Arabic", "Syriac", "Mongolian", "Nko", "Mandaic", "Manichaean", "Psalter_Pahlavi",
    "Hanifi_Rohingya", "Sogdian", "Old_Uyghur", "Adlam", "Chorasmian", "Phags_Pa",
})


@functools.cache
def _file_text(filename: str) -> str:
    with open(UNICODE_DIR / filename, encoding="utf-8") as handle:
        return handle.read()


@functools.cache
def property_code_points(filename: str, prop: str, value: str | None = None,
                         category: str | None = None) -> frozenset[int]:
    """Code points listed with ``prop`` (and, for enumerated properties, ``value``) in a UCD file.

    ``category`` keeps only lines whose comment starts with that General_Category (UCD files
    annotate every line with it), which spares a per-code-point ``unicodedata2`` loop.
    Only the lines naming the property are read: a literal search finds them in the file text.
    """
    text = _file_text(filename)
    code_points: set[int] = set()
    for match in re.finditer(r"; " + re.escape(prop) + r"\b", text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        data, _, comment = text[line_start:text.find("\n", match.start())].partition("#")
        fields = [field.strip() for field in data.split(";")]
        if len(fields) < 2 or fields[1] != prop or (value is not None and fields[2:3] != [value]):
            continue
        if category is not None and comment.split()[:1] != [category]:
            continue
        code_points.update(parse_range(fields[0]))
    return frozenset(code_points)


def default_ignorables() -> frozenset[int]:
    """Default_Ignorable_Code_Point: characters with no visible glyph unless explicitly supported."""
    return property_code_points("DerivedCoreProperties.txt", "Default_Ignorable_Code_Point")


def bidi_controls() -> frozenset[int]:
    """Bidi_Control: the characters that steer the bidirectional algorithm (Trojan Source)."""
    return property_code_points("PropList.txt", "Bidi_Control")


def white_space() -> frozenset[int]:
    """White_Space from PropList.txt."""
    return property_code_points("PropList.txt", "White_Space")


def extended_pictographic() -> frozenset[int]:
    """Extended_Pictographic: emoji and the pictographs that may become emoji."""
    return property_code_points("emoji-data.txt", "Extended_Pictographic")


@functools.cache
def emoji_like() -> frozenset[int]:
    """Characters after which an emoji or text presentation selector is meaningful."""
    return (extended_pictographic() | property_code_points("emoji-data.txt", "Emoji")
            | emoji_variation_bases())


@functools.cache
def emoji_variation_bases() -> frozenset[int]:
    """Bases listed in emoji-variation-sequences.txt (they take VS15/VS16)."""
    text = _file_text("emoji-variation-sequences.txt")
    return frozenset(int(match.group(1), 16) for match in re.finditer(r"(?m)^([0-9A-F]{4,6}) FE0[EF]", text))


def ideographic() -> frozenset[int]:
    """Ideographic from PropList.txt: CJK ideographs, which take ideographic variation selectors."""
    return property_code_points("PropList.txt", "Ideographic")


def quotation_marks() -> frozenset[int]:
    """Quotation_Mark from PropList.txt."""
    return property_code_points("PropList.txt", "Quotation_Mark")


def dashes() -> frozenset[int]:
    """Dash from PropList.txt."""
    return property_code_points("PropList.txt", "Dash")


@functools.cache
def joiner_scripts() -> frozenset[str]:
    """Scripts in which ZWJ and ZWNJ are part of correct spelling.

    Cursive scripts (their joining forms) and every script with a virama (canonical combining
    class 9: Brahmic conjuncts, half forms, explicit viramas) or an InCB linker.
    """
    import unicodedata2

    virama_scripts = {script_of(chr(code_point)) for code_point in range(0x0900, 0x1E000)
                      if unicodedata2.combining(chr(code_point)) == 9}
    linkers = property_code_points("DerivedCoreProperties.txt", "InCB", "Linker")
    virama_scripts.update(script_of(chr(code_point)) for code_point in linkers)
    virama_scripts -= {"Common", "Inherited", "Unknown"}
    return CURSIVE_SCRIPTS | frozenset(virama_scripts)


def _escape(code_point: int) -> str:
    return f"\\U{code_point:08x}" if code_point > 0xFFFF else f"\\u{code_point:04x}"


def ranges_of(code_points: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted code points merged into inclusive ``(first, last)`` runs."""
    runs: list[tuple[int, int]] = []
    for code_point in sorted(set(code_points)):
        if runs and runs[-1][1] == code_point - 1:
            runs[-1] = (runs[-1][0], code_point)
        else:
            runs.append((code_point, code_point))
    return runs


def char_class(code_points: Iterable[int]) -> str:
    """A regex character class (``[...]``) matching exactly ``code_points``; ``[^\\s\\S]`` if none."""
    runs = ranges_of(code_points)
    if not runs:
        return r"[^\s\S]"
    body = "".join(_escape(first) if first == last else f"{_escape(first)}-{_escape(last)}"
                   for first, last in runs)
    return f"[{body}]"


def scan_pattern(code_points: Iterable[int]) -> re.Pattern[str]:
    """A one-character pattern matching at least ``code_points``, fast to search with.

    BMP characters are listed exactly (``re`` tests them with one bitmap lookup); astral ones are
    covered by a single range from the lowest to the highest, because every extra range costs a
    comparison for every character of the text. Callers re-check astral matches against their table.
    """
    points = set(code_points)
    bmp = {code_point for code_point in points if code_point <= 0xFFFF}
    astral = points - bmp
    body = char_class(bmp)[1:-1] if bmp else ""
    if astral:
        body += f"{_escape(min(astral))}-{_escape(max(astral))}"
    return re.compile(f"[{body}]" if body else r"[^\s\S]")


_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r\f"


def has_ascii_controls(text: str) -> bool:
    """True if ASCII ``text`` holds a control other than tab, newline, carriage return, form feed."""
    return bool(text.encode("ascii").translate(None, _PRINTABLE_ASCII))


def finditer_chunked(pattern: re.Pattern[str], text: str,
                     ascii_may_match: Callable[[str], bool] | None = None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a one-character pattern, skipping ASCII at memory speed.

    An all-ASCII chunk is searched only if ``ascii_may_match(chunk)`` says it may hold a match
    (``None``: the pattern never matches ASCII).
    """
    if text.isascii():
        if ascii_may_match is not None and ascii_may_match(text):
            yield from pattern.finditer(text)
        return
    length = len(text)
    for start in range(0, length, ASCII_CHUNK):
        end = min(start + ASCII_CHUNK, length)
        chunk = text[start:end]
        if chunk.isascii() and (ascii_may_match is None or not ascii_may_match(chunk)):
            continue
        yield from pattern.finditer(text, start, end)


def label(char: str) -> str:
    """``ZERO WIDTH SPACE (U+200B)``: how a change's reason names a character."""
    from .unicode_data import char_name

    return f"{char_name(char)} (U+{ord(char):04X})"


def is_word_char(char: str) -> bool:
    """Letters, marks and digits: what a word is made of, in any script."""
    import unicodedata2

    return str(unicodedata2.category(char))[0] in "LMN"


_last_scan: tuple[str, list[int]] | None = None


@functools.cache
def _watched_pattern() -> re.Pattern[str]:
    # The rule modules own their tables; importing them here, lazily, keeps one scan for all.
    from .graphemes import glue_code_points
    from .rules import compat, invisible, spaces, typography

    glue_after, glue_before = glue_code_points()
    return scan_pattern(invisible.candidates() | spaces.candidates() | frozenset(compat.styled_letters())
                        | typography.candidates() | glue_after | glue_before)


def watched_offsets(text: str) -> list[int]:
    """Offsets of every character some rule (or the grapheme aligner) needs to look at.

    One C-speed scan of the non-ASCII stretches serves every rule: each filters the offsets by its
    own table. The result for the last text is kept, so rules called in turn on the same ``str``
    object by the engine share it. It is a superset (astral characters are matched by range).
    """
    global _last_scan
    last = _last_scan
    if last is not None and last[0] is text:
        return last[1]
    offsets = [match.start() for match in finditer_chunked(_watched_pattern(), text, has_ascii_controls)]
    _last_scan = (text, offsets)
    return offsets


def forget_scan() -> None:
    """Drop the kept scan (and the reference to its text) once a text's analysis is over."""
    global _last_scan
    _last_scan = None


_CJK_SCRIPTS = frozenset({"Han", "Hiragana", "Katakana", "Hangul", "Bopomofo"})


def is_cjk(char: str) -> bool:
    """Is ``char`` a sign of CJK text: a CJK letter, CJK punctuation, or fullwidth punctuation?

    Fullwidth Latin letters and digits are not: they are what the ``compat`` rule judges by this
    context, and the ``spaces`` rule must judge the same way or normalizing would not be final.
    """
    code_point = ord(char)
    if 0xFF10 <= code_point <= 0xFF19 or 0xFF21 <= code_point <= 0xFF3A or 0xFF41 <= code_point <= 0xFF5A:
        return False
    # CJK punctuation and the fullwidth forms are script Common, yet only CJK text uses them.
    return (0x3000 <= code_point <= 0x303F or 0xFF00 <= code_point <= 0xFFEF
            or script_of(char) in _CJK_SCRIPTS)
