"""Display copies: the text a pane shows, with visible stand-ins, and the offsets that map into it.

A text pane must never lie about what a text holds, and Qt lies in three ways: zero-width and
other default-ignorable characters are invisible, bidi controls really reorder the line on screen,
and lone surrogates (our raw-byte stand-ins, :mod:`core.rawbytes`) are dropped on the way in. So a
pane is given a *display copy* in which each such character is replaced by a short visible
stand-in (``ZWSP``, ``RLO``, ``NBSP``, ``xC3``...). Qt also counts positions in UTF-16 code units
and turns ``\\r\\n`` into one block separator, while :mod:`core` counts code points.

:class:`DisplayText` keeps the mapping between the two sparse: only the characters whose display
length differs from one code unit (stand-ins, astral characters, the ``\\r`` of ``\\r\\n``) are
recorded, with the running difference, so mapping an offset is one binary search and building the
copy is one pass over the special characters and one join. Nothing here imports Qt.
"""

from __future__ import annotations

import bisect
import heapq
import re
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate, chain, repeat
from operator import add, sub

from ..rules.invisible import JoinerJudge
from ..slices import array_of
from ..unicode.graphemes import Segmenter
from ..unicode.unicode_props import distinct_characters, residue

# Abbreviations for invisible, bidi-control and unusual-space characters; each becomes a boxed
# label in the panes. Names follow the Unicode abbreviations in NameAliases.txt where they exist.
ABBREVIATIONS: dict[str, str] = {
    "\u00a0": "NBSP", "\u00ad": "SHY", "\u034f": "CGJ", "\u061c": "ALM", "\u115f": "HCF",
    "\u1160": "HJF", "\u17b4": "KIVAQ", "\u17b5": "KIVAA", "\u180b": "FVS1", "\u180c": "FVS2",
    "\u180d": "FVS3", "\u180e": "MVS", "\u180f": "FVS4",
    "\u2000": "NQSP", "\u2001": "MQSP", "\u2002": "ENSP", "\u2003": "EMSP", "\u2004": "3/MSP",
    "\u2005": "4/MSP", "\u2006": "6/MSP", "\u2007": "FSP", "\u2008": "PSP", "\u2009": "THSP",
    "\u200a": "HSP", "\u200b": "ZWSP", "\u200c": "ZWNJ", "\u200d": "ZWJ", "\u200e": "LRM",
    "\u200f": "RLM", "\u2028": "LSEP", "\u2029": "PSEP", "\u202a": "LRE", "\u202b": "RLE",
    "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO", "\u202f": "NNBSP", "\u205f": "MMSP",
    "\u2060": "WJ", "\u2061": "FA", "\u2062": "IT", "\u2063": "IS", "\u2064": "IP",
    "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI", "\u206a": "ISS",
    "\u206b": "ASS", "\u206c": "IAFS", "\u206d": "AAFS", "\u206e": "NADS", "\u206f": "NODS",
    "\u3000": "IDSP", "\u3164": "HF", "\ufeff": "ZWNBSP", "\uffa0": "HWHF", "\ufff9": "IAA",
    "\ufffa": "IAS", "\ufffb": "IAT", "\U000e0001": "LANG", "\U000e007f": "CANCEL",
    "\u0085": "NEL",
}

JOINERS = ("\u200d", "\u200c")  # ZWJ and ZWNJ: drawn as themselves where the engine keeps them
# Characters shown as a stand-in: the table above, C0/C1 controls except tab and newlines,
# DEL, tag characters, other default-ignorable format characters, raw-byte surrogates.
_STAND_IN_CLASS = (
    "".join(re.escape(char) for char in ABBREVIATIONS)
    + "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    + "\U000e0000-\U000e007f"
    + "\ud800-\udfff"
)
# One pass finds everything whose display length is not exactly one UTF-16 unit (and every CR:
# a single character class scans twice as fast as alternatives; a CR not before LF is skipped).
SPECIAL = re.compile(f"[\\r{_STAND_IN_CLASS}\U00010000-\U0010ffff]")
WINDOW = 1 << 22
# Up to this many kinds of special character, a big text is searched for each in turn.
LITERAL_SEARCHES = 8
# Offsets mapped at once by to_display_many (a C loop that holds the GIL).
MAP_SLICE = 1 << 16
# Lines of about twice this many characters are shown in pieces of at most this many.
LINE_LIMIT = 10_000
# A line is also cut after this many stand-ins (format ranges), however short it is.
STAND_INS_PER_PIECE = 500
STAND_IN_CHARS = re.compile(f"[{_STAND_IN_CLASS}]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_CR_SPECIAL = re.compile(f"[{_STAND_IN_CLASS}\U00010000-\U0010ffff]")


def stand_in(char: str) -> str | None:
    """The visible label for ``char``, or None when ``char`` is shown as itself.

    Tag characters show as the ASCII character they spell (so hidden text becomes readable in
    the original pane), raw bytes as ``xNN``, C0 controls as their Control Pictures symbol.
    """
    code_point = ord(char)
    if char in ABBREVIATIONS:
        return ABBREVIATIONS[char]
    if 0xE0020 <= code_point <= 0xE007E:
        return chr(code_point - 0xE0000)
    if 0xE0000 <= code_point <= 0xE007F:
        return f"TAG{code_point - 0xE0000:02X}"
    if 0xDC80 <= code_point <= 0xDCFF:
        return f"x{code_point - 0xDC00:02X}"
    if 0xD800 <= code_point <= 0xDFFF:
        return f"{code_point:04X}"
    if code_point < 0x20 and char not in "\t\n\r":
        return chr(0x2400 + code_point)
    if code_point == 0x7F:
        return "\u2421"
    if 0x80 <= code_point <= 0x9F:
        return f"{code_point:02X}"
    return None


def special_offsets(source: str, shrunk: str | None = None) -> Iterable[int]:
    """The offsets of every :data:`SPECIAL` character of ``source``, in order.

    A big text is not scanned with the character class (about 100 MB/s): its :func:`residue`
    (made at memory speed) tells which special characters it holds, and when they are few kinds
    each is found by a literal search. CR and form feed are the only special characters a residue
    leaves out; they are looked for directly. ``shrunk`` is the residue when already made.
    """
    if len(source) > WINDOW:
        shrunk = residue(source) if shrunk is None else shrunk
        if shrunk is not source:
            held = {char for char in distinct_characters(shrunk) if SPECIAL.match(char)}
            held.update(char for char in "\r\x0c" if char in source)
            if len(held) <= LITERAL_SEARCHES:
                return sorted(chain.from_iterable(_find_all(source, char) for char in held))
    # In windows, so that a worker thread never holds the GIL for long on a big text.
    return (match.start() for start in range(0, len(source), WINDOW)
            for match in SPECIAL.finditer(source, start, start + WINDOW))


def long_lines(source: str, limit: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of the lines (without their line break) of ``source`` that are broken for display.

    Qt lays out a line (a block) as a whole, so a line of millions of characters freezes the
    window for seconds whenever it changes. Windows of ``limit`` characters tile the text; a
    window holding no line break lies in a long line, found whole from there. Every line of at
    least twice ``limit`` characters is found this way; deliberately, a shorter one may not be
    (Qt copes with it), which keeps the search to one bounded ``find`` per window.
    """
    limit = limit or LINE_LIMIT
    length = len(source)
    found: list[tuple[int, int]] = []
    if length < 2 * limit:
        return found
    has_cr = "\r" in source
    previous = position = 0
    while position + limit <= length:
        window_end = position + limit
        if source.find("\n", position, window_end) >= 0 or (has_cr and source.find("\r", position, window_end) >= 0):
            previous, position = position, window_end
            continue
        # The line started after the last break in the window before (which held one).
        start = source.rfind("\n", previous, position) + 1
        if has_cr:
            start = max(start, source.rfind("\r", previous, position) + 1)
        start = max(start, previous)
        end = source.find("\n", window_end)
        end = length if end < 0 else end
        if has_cr:
            cr = source.find("\r", window_end, end)
            end = end if cr < 0 else cr
        found.append((start, end))
        previous = position = end
    return found


def soft_breaks(source: str, limit: int | None = None) -> set[int]:
    """The offsets after which the display copy inserts a line break: the long lines of
    :func:`long_lines` cut into pieces of at most ``limit`` characters *as shown* (a stand-in
    counts its label's length), after a space where one is near and never inside a grapheme
    cluster.

    Shown length, not source length: Qt wraps a long word in time quadratic in its length, and a
    piece of 10,000 RLO shows as 30,000 characters without a space.
    """
    limit = limit or LINE_LIMIT
    breaks: set[int] = set()
    clusters = Segmenter(source)  # a run of regional indicators is counted once, not once a cut
    for start, end in long_lines(source, limit):
        piece = start
        while end - piece > limit:
            cut = piece + limit
            while (shown := _shown_length(source, piece, cut)) > limit:
                cut = piece + max(1, (cut - piece) * limit // shown)
            space = source.rfind(" ", cut - limit // 4, cut)
            if space > piece:
                cut = space + 1
            while cut < end and not clusters.is_boundary(cut):
                cut += 1
            if cut >= end:
                break
            breaks.add(cut - 1)
            piece = cut
    return breaks


class _Crowding:
    """Cuts lines crowded with stand-ins into pieces of at most :data:`STAND_INS_PER_PIECE` runs of them.

    Each stand-in is a format range of its own, and Qt lays out a line in time that grows with
    the square of its ranges: a line of 9,000 ``x`` + RLO (18,000 characters, too short to count
    as long) froze the window for 0.8 s, and reverting its changes for 3 s. Asked about each
    special character in order, with where the text after the previous one began.

    Attributes:
        broken_lines: how many lines are cut, for crowding or length.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.broken_lines = 0
        self._in_piece = 0
        self._line_broken = False
        self._has_cr = "\r" in source
        self._clusters: Segmenter | None = None
        self._last_stand_in = -2

    def cut_after(self, offset: int, since: int, char: str, stand_in: bool, long_line_cut: bool) -> bool:
        """Whether a break goes after the special character ``char`` at ``offset`` (a stand-in
        or not): where the long line it is in is cut here, or its piece holds enough stand-ins.
        ``since`` is where the text before it began (just after the previous special character).
        """
        source = self.source
        if source.find("\n", since, offset) >= 0 or (self._has_cr and source.find("\r", since, offset) >= 0):
            self._in_piece, self._line_broken = 0, False
        if char in "\r\n":
            self._in_piece, self._line_broken = 0, False
            return False
        if stand_in:
            # A run of stand-ins is one format range: only a new run counts.
            self._in_piece += offset != self._last_stand_in + 1
            self._last_stand_in = offset
        if long_line_cut:
            return self._cut()
        if self._in_piece < STAND_INS_PER_PIECE:
            return False
        clusters = self._clusters = self._clusters or Segmenter(source)
        if offset + 1 >= len(source) or source[offset + 1] in "\r\n" or not clusters.is_boundary(offset + 1):
            return False
        return self._cut()

    def _cut(self) -> bool:
        self._in_piece = 0
        if not self._line_broken:
            self._line_broken = True
            self.broken_lines += 1
        return True


def _shown_length(source: str, start: int, end: int) -> int:
    """How many characters ``source[start:end]`` shows as: a stand-in shows its label."""
    labels = [stand_in(char) or char for char in STAND_IN_CHARS.findall(source, start, end)]
    return end - start + sum(map(len, labels)) - len(labels)


def _only_crlf_specials(source: str, shrunk: str | None = None) -> bool:
    """Whether ``source`` has CRLF line ends and no special character but CR (lone CRs not
    checked); ``shrunk`` is its residue when already made."""
    if "\r\n" not in source or "\x0c" in source:
        return False
    shrunk = residue(source) if shrunk is None else shrunk  # every special character but CR and form feed
    return not any(_NOT_CR_SPECIAL.search(shrunk, start, start + WINDOW) for start in range(0, len(shrunk), WINDOW))


def literal_offsets(text: str, separator: str) -> array[int]:
    """The offsets of every (non-overlapping) occurrence of ``separator`` in ``text``.

    The text is split at ``separator`` in windows and the piece lengths summed up in C: no
    Python step per occurrence, and no single C call over the whole of a big text.
    """
    found = array("q")
    width = len(separator)
    position = 0
    while True:
        cut = text.rfind(separator, position, position + WINDOW)
        if cut < 0:
            cut = text.find(separator, position)
            if cut < 0:
                return found
        pieces = text[position:cut].split(separator)
        # The first occurrence follows the first piece; each next one a separator and a piece later.
        found.extend(accumulate(map(add, map(len, pieces), chain((position,), repeat(width)))))
        position = cut + width


def _find_all(text: str, char: str) -> list[int]:
    found = []
    find = text.find
    position = find(char)
    while position >= 0:
        found.append(position)
        position = find(char, position + 1)
    return found


def utf16_length(text: str) -> int:
    """The number of UTF-16 code units of ``text`` (what Qt counts)."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


@dataclass(frozen=True)
class DisplayText:
    """A text prepared for a Qt text pane, and the mapping between its positions and the source's.

    Attributes:
        source_length: code points of the source text.
        text: what is given to Qt; line breaks are ``\\n`` only, no lone surrogates remain.
        positions: source offsets of the characters whose display length is not one unit.
        deltas: running (display − source) difference just after each of ``positions``.
        display_starts: display (UTF-16) offset of each of ``positions``.
        stand_ins: display ranges ``(start, end)`` that are stand-in labels, as two flat arrays.
        soft_breaks: display positions of the line breaks inserted to cut very long lines, and
            lines crowded with stand-ins (each is shown after the character at one of
            ``positions``, which it widens by one).
        broken_lines: how many lines of the source are shown in pieces.
    """

    source_length: int
    text: str
    positions: array[int]
    deltas: array[int]
    display_starts: array[int]
    stand_in_starts: array[int]
    stand_in_ends: array[int]

    soft_breaks: array[int] = field(default_factory=lambda: array("q"))
    broken_lines: int = 0

    @classmethod
    def build(cls, source: str) -> DisplayText:
        """Make the display copy of ``source`` in one pass (breaking very long lines, see :func:`soft_breaks`)."""
        positions = array("q")
        deltas = array("q")
        display_starts = array("q")
        stand_in_starts = array("q")
        stand_in_ends = array("q")
        breaks_shown = array("q")
        parts: list[str] = []
        last = 0
        delta = 0
        breaks = soft_breaks(source)
        # The residue, made once for both questions below (each would make it for a big text).
        shrunk = residue(source) if len(source) > WINDOW and "\r\n" in source else None
        if not breaks and _only_crlf_specials(source, shrunk):
            carriage_returns = literal_offsets(source, "\r\n")
            if len(carriage_returns) == source.count("\r"):  # no lone CR either
                return cls._crlf_only(source, carriage_returns)
        offsets: Iterable[int] = special_offsets(source, shrunk)
        if breaks:
            offsets = dict.fromkeys(heapq.merge(offsets, sorted(breaks)))  # in order, once each
        crowding = _Crowding(source)
        joiners = JoinerJudge(source)
        for offset in offsets:
            char = source[offset]
            label = "" if char == "\r" else stand_in(char)
            if char in JOINERS and joiners.kept(offset):
                label = None  # part of an emoji (👩‍💻) or a word (क्‍ष, می‌خواهم): a stand-in would split it
            broken = crowding.cut_after(offset, last, char, bool(label), bool(breaks) and offset in breaks)
            if char == "\r" and source[offset + 1:offset + 2] != "\n" and not broken:
                continue
            shown = char if label is None else label
            display_start = offset + delta
            if broken:
                shown += "\n"
                breaks_shown.append(display_start + utf16_length(shown) - 1)
            parts.append(source[last:offset])
            parts.append(shown)
            last = offset + 1
            if label:
                stand_in_starts.append(display_start)
                stand_in_ends.append(display_start + len(label))  # labels are BMP characters
            width = len(shown) if shown.isascii() else utf16_length(shown)
            positions.append(offset)
            display_starts.append(display_start)
            delta += width - 1
            deltas.append(delta)
        parts.append(source[last:])
        text = "".join(parts)
        if "\r" in text:
            # A lone CR is a line break too; as LF it keeps its length and Qt's block count.
            text = text.replace("\r", "\n")
        return cls(len(source), text, positions, deltas, display_starts, stand_in_starts, stand_in_ends,
                   breaks_shown, crowding.broken_lines)

    @classmethod
    def _crlf_only(cls, source: str, carriage_returns: array[int]) -> DisplayText:
        """The display copy of a text whose only special characters are the CRs of CRLF, in C.

        Each CR is shown as nothing: the j-th (0-based) starts at display ``offset - j`` and
        leaves the running difference at ``-(j + 1)``. (The loop of :meth:`build` would take
        seconds over the two million line ends of a 100 MB Windows file.)
        """
        count = len(carriage_returns)
        deltas = array_of(range(-1, -count - 1, -1))
        display_starts = array_of(map(sub, carriage_returns, range(count)))
        # Windows cut just after an LF, so no CRLF is split between two of them.
        parts = []
        start = 0
        while start < len(source):
            cut = source.find("\n", start + WINDOW)
            end = len(source) if cut < 0 else cut + 1
            parts.append(source[start:end].replace("\r\n", "\n"))
            start = end
        empty = array("q")
        return cls(len(source), "".join(parts), carriage_returns, deltas, display_starts, empty, empty)

    @classmethod
    def plain(cls, source: str) -> DisplayText:
        """The display copy of ``source`` known to hold no special character and no CR: itself
        (unless it has a line long enough to be broken)."""
        if long_lines(source):
            return cls.build(source)
        empty = array("q")
        return cls(len(source), source, empty, empty, empty, empty, empty)

    def line_of_block(self, block: int, block_start: int) -> int | None:
        """The 0-based source line shown by display ``block`` (starting at ``block_start``), or
        None when the block continues a line broken for display."""
        if not self.soft_breaks:
            return block
        before = bisect.bisect_left(self.soft_breaks, block_start)
        if before and self.soft_breaks[before - 1] == block_start - 1:
            return None
        return block - before

    @property
    def length(self) -> int:
        """The display length in UTF-16 units."""
        return self.source_length + (self.deltas[-1] if self.deltas else 0)

    def to_display(self, offset: int) -> int:
        """The display (UTF-16) position of source code point ``offset``."""
        index = bisect.bisect_left(self.positions, offset)
        return offset + (self.deltas[index - 1] if index else 0)

    def to_display_many(self, offsets: Iterable[int], *, ascending: bool = False) -> array[int]:
        """:meth:`to_display` for many offsets, in C (no Python loop).

        One bisection each; or, for ``ascending`` offsets that outnumber the positions, one per
        position, the shifts then repeated over the offsets between two positions.
        """
        if not self.positions:
            return offsets if isinstance(offsets, array) else array("q", offsets)
        if not isinstance(offsets, (array, list, tuple)):
            offsets = array("q", offsets)
        shifts = array("q", [0])
        shifts.extend(self.deltas)
        if ascending and len(offsets) > len(self.positions):
            ordered = offsets.tolist() if isinstance(offsets, array) else offsets
            # Offsets up to positions[k] (and after positions[k - 1]) have k positions before them.
            bounds = [0, *map(bisect.bisect_right, repeat(ordered), self.positions), len(ordered)]
            counts = map(sub, bounds[1:], bounds[:-1])
            return array_of(map(add, offsets, chain.from_iterable(map(repeat, shifts, counts))))
        shifted = array("q")
        # In slices, so that a worker thread never holds the GIL for long on a dense text.
        for start in range(0, len(offsets), MAP_SLICE):
            part = offsets[start:start + MAP_SLICE]
            indices = map(bisect.bisect_left, repeat(self.positions), part)
            shifted.extend(map(add, part, map(shifts.__getitem__, indices)))
        return shifted

    def to_source(self, position: int) -> int:
        """The source offset of the character shown at display ``position``.

        A position inside a stand-in label or an astral character maps to that character.
        """
        index = bisect.bisect_right(self.display_starts, position) - 1
        if index < 0:
            return min(position, self.source_length)
        start = self.display_starts[index]
        source = self.positions[index]
        width = (self.deltas[index] - (self.deltas[index - 1] if index else 0)) + 1
        if position < start + width:
            return source
        return min(source + 1 + (position - start - width), self.source_length)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source code points shown at display ``start``..``end``: a stand-in label or an
        astral character partly inside counts whole, a line break inserted for display not at all."""
        if end <= start:
            point = self.to_source(start)
            return point, point
        return self.to_source(start), self.to_source(end - 1) + 1

    def is_stand_in(self, position: int) -> bool:
        """Whether display ``position`` lies inside a stand-in label."""
        index = bisect.bisect_right(self.stand_in_starts, position) - 1
        return index >= 0 and position < self.stand_in_ends[index]


def copyable(text: str) -> str:
    """``text`` for the clipboard, which holds Unicode only: undecodable-byte stand-ins (lone
    surrogates, see :mod:`core.rawbytes`) become U+FFFD; every other character stays."""
    return _SURROGATE.sub("\ufffd", text)


def escape_for_display(text: str, limit: int = 200) -> str:
    """``text`` (a file name) safe to put into UI text: no control, bidi or invisible character.

    Such characters become ``<RLO>``-style labels (or ``<U+XXXX>``), so a crafted name cannot
    reorder the window title or hide its real extension.
    """
    out: list[str] = []
    for char in text[:limit]:
        label = stand_in(char)
        category = unicodedata.category(char)
        if label is not None:
            out.append(f"<{label}>")
        elif category in ("Cf", "Cc", "Co", "Cn", "Zl", "Zp") or (category == "Zs" and char != " "):
            out.append(f"<U+{ord(char):04X}>")
        else:
            out.append(char)
    if len(text) > limit:
        out.append("…")
    return "".join(out)
