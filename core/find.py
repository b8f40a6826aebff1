"""Find in a text, across the tricks Glyphwash looks for.

By default a search is *loose*: the query and the text are both folded one character at a time,
and the folded query is looked for in the folded text. Folding drops the default-ignorable
characters (zero-width spaces and joiners, bidi controls, tag characters, soft hyphens, variation
selectors), decomposes compatibility characters (fullwidth and mathematical letters, odd spaces,
ligatures: NFKD), reads a letter of another script as the Latin letter it looks like (UTS #39
confusables, the same look-alike classes the homoglyph rule uses) and, unless the case must
match, folds case. So "Korea" finds ``Korеa`` (Cyrillic е) and ``Ko\\u200brea``. An *exact* search
looks for the query as typed (folding case only, unless the case must match).

A match is reported as a span of code points of the text searched (never UTF-16: the window maps
them to Qt's positions through its display copy). The folded copy of a text is made in C with
``str.translate`` over a table filled lazily, one entry per distinct character, and no character
of the text is visited in Python while folding: a 10 MB text costs a pass at C speed, however
many of its characters are hidden (``bench/bench_find.py``).
"""

from __future__ import annotations

import bisect
import functools
import re
from array import array
from collections.abc import Iterator
from itertools import accumulate
from typing import NamedTuple

import unicodedata2

from .unicode.confusables import lookalike_tables
from .unicode.unicode_props import default_ignorables

# Code points folded in one step (a few milliseconds of work; see FoldedText.steps).
FOLD_WINDOW = 1 << 16
# Code points of a block: the folded copy keeps where each block starts (FOLD_WINDOW is a multiple).
BLOCK = 1 << 10
# Blocks whose characters' positions are kept at once (the matches on screen fall in a few).
MAPPED_BLOCKS = 64


class FindOptions(NamedTuple):
    """How a query matches.

    Attributes:
        exact: match the characters as typed (no folding of hidden characters or look-alikes).
        match_case: upper and lower case differ.
    """

    exact: bool = False
    match_case: bool = False


def _latin_lookalike(char: str) -> str:
    """The Latin letter ``char`` looks like, or ``char`` itself."""
    targets = lookalike_tables().lookalikes.get(char)
    return targets.get("Latin", char) if targets else char


def fold(char: str, options: FindOptions) -> str:
    """What one character of a text or query is compared as (``""``: it is skipped)."""
    if 0xD800 <= ord(char) <= 0xDFFF:
        return char  # an undecodable byte's stand-in matches only itself
    if options.exact:
        return char if options.match_case else char.casefold()
    ignorables = default_ignorables()
    if ord(char) in ignorables:
        return ""
    parts: list[str] = []
    for part in unicodedata2.normalize("NFKD", char):
        if ord(part) in ignorables:
            continue
        if not options.match_case:
            part = part.casefold()
        parts.extend(_latin_lookalike(letter) for letter in part)
    folded = "".join(parts)
    return folded if options.match_case else folded.casefold()


class _FoldTable(dict[int, "int | str | None"]):
    """A ``str.translate`` table of :func:`fold`, filled on demand (one entry per character met)."""

    def __init__(self, options: FindOptions) -> None:
        super().__init__()
        self.options = options

    def __missing__(self, code_point: int) -> int | str | None:
        char = chr(code_point)
        folded = fold(char, self.options)
        value: int | str | None = code_point if folded == char else (folded or None)
        self[code_point] = value
        return value


@functools.cache
def _table(options: FindOptions) -> _FoldTable:
    return _FoldTable(options)


def _width(value: int | str | None) -> int:
    """How many characters a table entry folds a character to."""
    return 0 if value is None else len(value) if isinstance(value, str) else 1


def fold_text(text: str, options: FindOptions) -> str:
    """The folded copy of ``text`` (see :func:`fold`), made in C."""
    if options.exact and options.match_case:
        return text
    if text.isascii():
        return text if options.match_case else text.lower()  # ASCII folds to itself or its lower case
    return text.translate(_table(options))


class FoldedText:
    """A text's folded copy and the way back from its positions to the text's code points.

    The map between the two is built in two levels, so folding never visits a character in
    Python: while folding (in C, a block of :data:`BLOCK` code points at a time) only where each
    block starts in the folded copy is kept, one array entry per block; the positions of a
    block's characters are worked out when a match in it is asked for (the matches on screen,
    the current one), from the lengths of the characters' foldings, and remembered for a few
    blocks. A text dense with zero-width characters (half of its characters fold to nothing)
    thus costs what a plain one does. A big text is folded a window at a time: :meth:`steps`
    lets the window fold it between its events (nothing there takes long).

    Attributes:
        text: the text searched.
        options: how it was folded.
        folded: its folded copy (complete once :attr:`ready`).
        ready: whether the whole text is folded.
    """

    def __init__(self, text: str, options: FindOptions, *, defer: bool = False) -> None:
        self.text = text
        self.options = options
        self.folded = ""
        self.ready = False
        # Where block ``n`` (code points n·BLOCK…) starts in the folded copy; its last entry is the copy's length.
        self._block_starts = array("q")
        self._block_maps: dict[int, array[int]] = {}
        if not defer:
            for _ in self.steps():
                pass

    def steps(self) -> Iterator[int]:
        """Fold the text a window at a time, yielding how many code points are done."""
        text, options = self.text, self.options
        parts: list[str] = []
        position = 0
        table = _table(options)
        for window in range(0, len(text), FOLD_WINDOW):
            chunk = text[window:window + FOLD_WINDOW]
            if chunk.isascii() or (options.exact and options.match_case):
                folded = fold_text(chunk, options)  # one character for one: the blocks start where they did
                self._block_starts.extend(range(position, position + len(chunk), BLOCK))
            else:
                pieces = [chunk[start:start + BLOCK].translate(table) for start in range(0, len(chunk), BLOCK)]
                self._block_starts.extend(accumulate(map(len, pieces[:-1]), initial=position))
                folded = "".join(pieces)
            parts.append(folded)
            position += len(folded)
            yield min(len(text), window + FOLD_WINDOW)
        self._block_starts.append(position)
        self.folded = "".join(parts)
        self.ready = True

    def mapped_blocks(self) -> int:
        """How many blocks have their characters' positions worked out now (see the class)."""
        return len(self._block_maps)

    def _block_map(self, block: int) -> array[int]:
        """Where each character of block ``block`` starts in the folded copy, and where the block ends."""
        positions = self._block_maps.get(block)
        if positions is None:
            if len(self._block_maps) >= MAPPED_BLOCKS:
                self._block_maps.clear()
            chars = self.text[block * BLOCK:(block + 1) * BLOCK]
            widths = map(_width, map(_table(self.options).__getitem__, map(ord, chars)))
            positions = self._block_maps[block] = array("q", accumulate(widths, initial=self._block_starts[block]))
        return positions

    def to_source(self, position: int) -> int:
        """The code point of the text that folded position ``position`` comes from.

        Characters folded to nothing just before it are not: the one it comes from is the last
        character starting at or before it.
        """
        block = bisect.bisect_right(self._block_starts, position, hi=len(self._block_starts) - 1) - 1
        if block < 0:
            return 0
        positions = self._block_map(block)
        return block * BLOCK + bisect.bisect_right(positions, position, hi=len(positions) - 1) - 1

    def from_source(self, offset: int) -> int:
        """The folded position where code point ``offset`` of the text starts."""
        if offset >= len(self.text):
            return self._block_starts[-1]
        block, index = divmod(max(offset, 0), BLOCK)
        return self._block_map(block)[index]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The code points of the text a folded match ``start:end`` (not empty) covers."""
        return self.to_source(start), self.to_source(end - 1) + 1


class Matches:
    """Every match of one query in one text.

    Attributes:
        starts: where each match starts in the folded copy (ascending, not overlapping).
        length: the folded query's length (each match's length in the folded copy).
    """

    def __init__(self, folded: FoldedText, query: str) -> None:
        self._folded = folded
        needle = fold_text(query, folded.options)
        self.length = len(needle)
        self.starts = array("q")
        if needle:
            self.starts.extend(match.start() for match in re.finditer(re.escape(needle), folded.folded))

    def __len__(self) -> int:
        return len(self.starts)

    def span(self, index: int) -> tuple[int, int]:
        """Match ``index`` as code points of the text: ``(start, end)``."""
        start = self.starts[index]
        return self._folded.span(start, start + self.length)

    def first_at_or_after(self, offset: int) -> int | None:
        """The first match starting at or after code point ``offset`` of the text, if any."""
        index = bisect.bisect_left(self.starts, self._folded_position(offset))
        return index if index < len(self.starts) else None

    def last_before(self, offset: int) -> int | None:
        """The last match starting before code point ``offset`` of the text, if any."""
        index = bisect.bisect_left(self.starts, self._folded_position(offset)) - 1
        return index if index >= 0 else None

    def between(self, start: int, end: int) -> range:
        """The matches that start within code points ``start:end`` of the text (those on screen)."""
        return range(bisect.bisect_left(self.starts, self._folded_position(start)),
                     bisect.bisect_left(self.starts, self._folded_position(end)))

    def _folded_position(self, offset: int) -> int:
        return self._folded.from_source(offset)

