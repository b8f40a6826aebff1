"""Binary Unicode properties the rules need, read from the Unicode 17 files in ``resources/unicode``.

Every table is built lazily on first use and cached for the life of the process. The big files
(``DerivedCoreProperties.txt`` is 1.1 MB) are never parsed line by line: a literal search for
``; Property`` finds the few hundred lines of one property, so a table costs about a millisecond.

Also here: regex character classes built from those tables, so each rule can skip text it has no
business with at C speed, and :func:`finditer_chunked`, which lets rules skip ASCII stretches.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

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


# What may stand between a pictograph and the ZWJ that joins it to the next: variation
# selectors, skin-tone modifiers, tag characters (of a subdivision flag).
_EMOJI_TRAILERS = frozenset({*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0), *range(0x1F3FB, 0x1F400),
                             *range(TAG_FIRST, TAG_LAST + 1)})


def in_emoji_zwj_sequence(text: str, index: int) -> bool:
    """Whether the ZWJ at ``index`` joins a pictograph (with its modifiers and selectors) to the
    next pictograph, as in 👩‍💻: part of the emoji, not a hidden character."""
    if index + 1 >= len(text) or ord(text[index + 1]) not in extended_pictographic():
        return False
    before = index - 1
    while before >= 0 and ord(text[before]) in _EMOJI_TRAILERS:
        before -= 1
    return before >= 0 and ord(text[before]) in extended_pictographic()


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
    """A character for a regex class: non-ASCII as itself (``re`` parses escapes slowly), ASCII escaped."""
    if code_point >= 0x80:
        return chr(code_point)
    return f"\\x{code_point:02x}"


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


@functools.lru_cache(maxsize=4096)
def label(char: str) -> str:
    """``ZERO WIDTH SPACE (U+200B)``: how a change's reason names a character."""
    from .unicode_data import char_name

    return f"{char_name(char)} (U+{ord(char):04X})"


@functools.lru_cache(maxsize=4096)
def is_word_char(char: str) -> bool:
    """Letters, marks and digits: what a word is made of, in any script (cached: texts repeat
    their characters, and the rules ask about the neighbours of every candidate)."""
    import unicodedata2

    return str(unicodedata2.category(char))[0] in "LMN"


# A text whose first characters are mostly non-ASCII is scanned as it is, not shrunk first.
_RESIDUE_SAMPLE = 1 << 16
_RESIDUE_MAX_SHARE = 0.3
_RESIDUE_WINDOW = 1 << 23
_DISTINCT_WINDOW = 1 << 16
# Up to this many distinct characters are found one by one (a literal search is memchr-fast).
_LITERAL_SEARCHES = 8


class Watched(NamedTuple):
    """Characters an analysis scans for at once: one scan tells which of them a text holds.

    Attributes:
        pattern: a one-character pattern matching every one of them (a superset, see :func:`scan_pattern`).
        points: exactly them.
    """

    pattern: re.Pattern[str]
    points: frozenset[int]


NOTHING_WATCHED = Watched(re.compile(r"[^\s\S]"), frozenset())


def watched_set(name: str, sources: Callable[[], Iterable[frozenset[int]]]) -> Watched:
    """The union of the sets ``sources`` gives, as a :class:`Watched`, kept in the table cache as ``name``."""
    from .table_cache import disk_cached

    def build() -> tuple[str, frozenset[int]]:
        points = frozenset().union(*sources())
        return scan_pattern(points).pattern, points

    source, points = disk_cached(name, build, decode=_check_watched)
    return Watched(re.compile(source), points)


def _check_watched(stored: object) -> tuple[str, frozenset[int]]:
    if not (isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], str)
            and isinstance(stored[1], frozenset)):
        raise ValueError("not a watched-characters table")
    return stored


@functools.lru_cache(maxsize=256)
def _covered_by(code_points: frozenset[int], watched: frozenset[int]) -> bool:
    return code_points <= watched


@functools.lru_cache(maxsize=64)
def _presence_pattern(code_points: frozenset[int]) -> re.Pattern[str]:
    return scan_pattern(code_points)


@functools.lru_cache(maxsize=256)
def _exact_pattern(code_points: frozenset[int]) -> re.Pattern[str]:
    return re.compile(char_class(code_points))


def _ascii_deletions(code_points: frozenset[int]) -> bytes | None:
    """The ASCII bytes not in ``code_points`` (None if it has no ASCII character)."""
    if all(code_point >= 0x80 for code_point in code_points):
        return None
    return bytes(byte for byte in range(0x80) if byte not in code_points)


def residue(text: str) -> str:
    """The characters of ``text`` other than printable ASCII, tab, newline, CR and form feed, in order.

    Rules look for none of those, so whether a text holds any character a rule cares about is
    known from the residue alone, which is a fraction of a Latin-script text: it is made in C by
    encoding, deleting the ASCII bytes and decoding. A text mostly of other scripts (sampled at
    its start) is returned as it is, since shrinking it would cost more than it saves.
    """
    if text.isascii():
        return b"".join(text[start:start + _RESIDUE_WINDOW].encode("ascii").translate(None, _PRINTABLE_ASCII)
                        for start in range(0, len(text), _RESIDUE_WINDOW)).decode("ascii")
    sample = text[:_RESIDUE_SAMPLE]
    if len(text) > _RESIDUE_SAMPLE:
        sample_residue = sample.encode("utf-8", "surrogatepass").translate(None, _PRINTABLE_ASCII)
        if len(sample_residue.decode("utf-8", "surrogatepass")) > _RESIDUE_MAX_SHARE * len(sample):
            return text
    # In windows, so that a worker thread never holds the GIL for long on a big text (each
    # character encodes on its own, so a window boundary cuts nothing).
    encoded = b"".join(text[start:start + _RESIDUE_WINDOW].encode("utf-8", "surrogatepass")
                       .translate(None, _PRINTABLE_ASCII) for start in range(0, len(text), _RESIDUE_WINDOW))
    return encoded.decode("utf-8", "surrogatepass")


class TextScan:
    """What is known of one text being analysed: its residue, the watched characters it holds, the
    offsets found so far.

    The engine makes one per analysis and hands it to every rule (in their
    :class:`~core.rules.context.RuleContext`), so the rules share one scan of the text without any
    state kept in a module: two analyses at once, in two workers, each have their own.
    """

    __slots__ = ("_residue", "offsets", "present", "text", "watched")

    def __init__(self, text: str, watched: Watched = NOTHING_WATCHED) -> None:
        self.text = text
        self.watched = watched
        self._residue: str | None = None
        self.present: frozenset[int] | None = None
        self.offsets: dict[frozenset[int], list[int]] = {}

    @property
    def residue(self) -> str:
        """The text's :func:`residue`, made on first use (an analysis whose rules all skip the
        text, an ASCII one, never pays for it)."""
        if self._residue is None:
            self._residue = residue(self.text)
        return self._residue

    def holds(self, code_points: frozenset[int]) -> frozenset[int]:
        """The characters of ``code_points`` that occur in the text."""
        if self.watched.points and _covered_by(code_points, self.watched.points):
            if self.present is None:
                pattern, watched = self.watched
                self.present = _found_in(pattern, self.residue) & watched
            return self.present & code_points
        return _found_in(_presence_pattern(code_points), self.residue) & code_points

    def offsets_of(self, code_points: frozenset[int]) -> list[int]:
        """Sorted offsets of every character of ``code_points`` in the text, exactly.

        A text with none of them costs a C-speed scan of its :func:`residue`, shared by every set
        of :attr:`watched` (they are scanned for at once); otherwise only the characters it holds
        are searched for, one literal search each when they are few. Each answer is kept, so the
        rules asking in turn share it.
        """
        found = self.offsets.get(code_points)
        if found is not None:
            return found
        held = self.holds(code_points)
        text = self.text
        if not held:
            found = []
        elif len(held) <= _LITERAL_SEARCHES:
            per_char = [[match.start() for match in re.finditer(re.escape(chr(code_point)), text)]
                        for code_point in held]
            found = per_char[0] if len(per_char) == 1 else sorted(itertools.chain.from_iterable(per_char))
        else:
            deletions = _ascii_deletions(held)
            may_match = None if deletions is None else (
                lambda chunk: bool(chunk.encode("ascii").translate(None, deletions)))
            found = [match.start() for match in finditer_chunked(_exact_pattern(held), text, may_match)]
        self.offsets[code_points] = found
        return found


def _found_in(pattern: re.Pattern[str], text: str) -> frozenset[int]:
    first = pattern.search(text)
    if first is None:
        return frozenset()
    # findall costs what it finds (little, mostly); in windows, for the GIL's sake.
    found: set[str] = set()
    for start in range(first.start(), len(text), _DISTINCT_WINDOW):
        found.update(pattern.findall(text, start, start + _DISTINCT_WINDOW))
    return frozenset(map(ord, found))


def distinct_characters(text: str, start: int = 0) -> set[str]:
    """The distinct characters of ``text[start:]``, gathered in C a window at a time (so that a
    worker thread never holds the GIL for long)."""
    found: set[str] = set()
    for window in range(start, len(text), _DISTINCT_WINDOW):
        found.update(text[window:window + _DISTINCT_WINDOW])
    return found


def offsets_of(text: str, code_points: frozenset[int], scan: TextScan | None = None) -> list[int]:
    """Sorted offsets of every character of ``code_points`` in ``text``, exactly.

    Args:
        text: the text to search.
        code_points: the characters to find.
        scan: the analysis's scan (see :class:`TextScan`), used when it is a scan of ``text``
            itself (the same ``str`` object); otherwise ``text`` is scanned on its own.
    """
    if scan is None or scan.text is not text:
        scan = TextScan(text)
    return scan.offsets_of(code_points)


_CJK_SCRIPTS = frozenset({"Han", "Hiragana", "Katakana", "Hangul", "Bopomofo"})


@functools.cache
def _cjk_sign_pattern() -> re.Pattern[str]:
    from .confusables import script_ranges

    signs = [code_point for script in _CJK_SCRIPTS for ranged in script_ranges().get(script, [])
             for code_point in ranged]
    signs += [code_point for code_point in [*range(0x3000, 0x3040), *range(0xFF00, 0xFFF0)] if is_cjk(chr(code_point))]
    return re.compile(char_class(signs))


def any_cjk_sign(text: str) -> bool:
    """Whether ``text`` holds any character :func:`is_cjk` accepts (one C-speed search)."""
    return _cjk_sign_pattern().search(text) is not None


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
