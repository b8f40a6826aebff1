"""A document under review: decoded bytes, proposed changes, review state and the panes' layouts.

This is everything the window shows for one file, computed without Qt (so a worker thread can
build it and tests can check it without a window):

* the left pane shows the original's display copy; every change covers a display range there;
* the right pane shows the normalized text's display copy, recomputed when the review changes;
* each change is cut into *pieces*: for a same-length edit (``Korеa`` → ``Korea``) only the
  characters that differ are *strong* pieces, the others are faint, so the colors point at exactly
  what changed; any other edit is one strong piece. A deletion has an empty range on the right,
  which the pane draws as a marker.
"""

from __future__ import annotations

import bisect
import functools
import re
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, compress, repeat
from operator import add, mul, sub

from ..changes import Change, ChangeList, apply_changes
from ..encoding.decoding import DecodedDocument
from ..engine import Analysis, EngineConfig, analyze
from ..positions import LINE_BREAK
from ..review import ReviewState, edit_ids
from ..slices import array_of, count, distinct, distinct_ascending, joined
from ..unicode.unicode_props import bidi_controls, char_class
from .display import SPECIAL, DisplayText

NEWLINE = re.compile("\n")
WINDOW = 1 << 22


@functools.cache
def _bidi_control_pattern() -> re.Pattern[str]:
    """Every Bidi_Control character (Unicode's list, the one the ``invisible`` rule uses)."""
    return re.compile(char_class(bidi_controls()))


def lines_of(positions: array[int], starts: array[int]) -> array[int]:
    """The 0-based line of each of ``positions`` (ascending), given each line's start (``starts[0] == 0``).

    In C either way: one bisection per position when they are fewer than the lines, else one per
    line and the line numbers repeated over the positions each line holds.
    """
    if not positions:
        return array("q")
    if len(positions) <= len(starts):
        targets = starts.tolist()
        return array_of(map(sub, map(bisect.bisect_right, repeat(targets), positions), repeat(1)))
    ordered = positions.tolist()
    bounds = list(map(bisect.bisect_left, repeat(ordered), starts))
    bounds.append(len(ordered))
    counts = map(sub, bounds[1:], bounds[:-1])
    return array_of(chain.from_iterable(map(repeat, range(len(starts)), counts)))


def lines_holding(positions: array[int], starts: array[int]) -> array[int]:
    """The lines (ascending, once each) holding any of ``positions`` (ascending), given each
    line's start; in C, with one bisection per line when the positions are more than the lines."""
    if len(positions) <= len(starts):
        return distinct_ascending(lines_of(positions, starts))
    ordered = positions.tolist()
    bounds = [*map(bisect.bisect_left, repeat(ordered), starts), len(ordered)]
    return array_of(compress(range(len(starts)), map(sub, bounds[1:], bounds[:-1])))


@dataclass(frozen=True)
class Pieces:
    """How changes are cut into colored pieces, in change-relative code points.

    Attributes:
        owners: the change each piece belongs to (ascending).
        starts: piece start, relative to the change, in both texts.
        original_ends: piece end relative to the change in the original.
        replacement_ends: piece end relative to the change in its replacement.
        strong: 1 where the piece is a character that really changed.
        one_each: every change is exactly one strong piece (then ``owners`` is ``0..n-1``).
    """

    owners: array[int]
    starts: array[int]
    original_ends: array[int]
    replacement_ends: array[int]
    strong: bytearray
    one_each: bool = False

    @staticmethod
    def cut(original: str, replacement: str) -> list[tuple[int, int, int, int]]:
        """The pieces of one edit: (start, original end, replacement end, strong)."""
        if len(original) != len(replacement) or len(original) == 1:
            return [(0, len(original), len(replacement), 1)]
        pieces = []
        run_start = 0
        run_strong = original[0] != replacement[0]
        for position in range(1, len(original) + 1):
            differs = position < len(original) and original[position] != replacement[position]
            if position == len(original) or differs != run_strong:
                pieces.append((run_start, position, position, 1 if run_strong else 0))
                run_start, run_strong = position, differs
        return pieces

    @classmethod
    def build(cls, changes: Sequence[Change], edit_of: array[int] | None = None,
              edits: Sequence[tuple[str, str, str]] | None = None) -> Pieces:
        """Cut every change; each distinct edit is cut once (``edit_of``/``edits``, see :func:`edit_ids`)."""
        columns = ChangeList.from_changes(changes)
        if edit_of is None or edits is None:
            edit_of, edits = edit_ids(columns)
        cuts = [cls.cut(original, replacement) for _, original, replacement in edits]
        count = len(columns)
        if all(len(cut) == 1 and cut[0][3] for cut in cuts):
            # The common case: one strong piece per change, covering all of it.
            return cls(array("q", range(count)), array("q", bytes(8 * count)), columns.lengths,
                       array_of(map(len, columns.replacements)), bytearray(b"\x01") * count, True)
        sizes = [len(cut) for cut in cuts]
        columns_of = [tuple(array("q", values) for values in zip(*cut, strict=True)) for cut in cuts]
        owners = array_of(chain.from_iterable(map(repeat, range(count), map(sizes.__getitem__, edit_of))))

        def column(number: int) -> Iterable[int]:
            parts = [cut_columns[number] for cut_columns in columns_of]
            return chain.from_iterable(map(parts.__getitem__, edit_of))

        return cls(owners, array("q", column(0)), array("q", column(1)), array("q", column(2)),
                   bytearray(column(3)))


@dataclass(frozen=True)
class PaneLayout:
    """One pane's text and where every change and piece sits in it (UTF-16 display offsets).

    Attributes:
        display: the display copy.
        change_starts: display start of each change.
        change_ends: display end of each change (equal to the start for a deletion shown on the right).
        piece_starts: display start of each piece (same order as :class:`Pieces`).
        piece_ends: display end of each piece.
    """

    display: DisplayText
    change_starts: array[int]
    change_ends: array[int]
    piece_starts: array[int]
    piece_ends: array[int]
    _cache: dict[str, array[int]] = field(default_factory=dict, repr=False, compare=False)

    def block_count(self) -> int:
        """How many blocks (lines) the display copy has: what a text pane will hold."""
        cached = self._cache.get("block_count")
        if cached is None:
            cached = array("q", [1 + count(self.display.text, "\n")])
            self._cache["block_count"] = cached
        return cached[0]

    def block_starts(self) -> array[int]:
        """The display position where each block (line of the display copy) starts."""
        cached = self._cache.get("block_starts")
        if cached is None:
            cached = array("q", [0])
            text = self.display.text
            # In windows, so that a worker thread never holds the GIL for long.
            for start in range(0, len(text), WINDOW):
                cached.extend(match.end() for match in NEWLINE.finditer(text, start, start + WINDOW))
            self._cache["block_starts"] = cached
        return cached

    def marked_blocks(self, pieces: Pieces, change_blocks: array[int] | None = None,
                      held_blocks: Callable[[], array[int]] | None = None) -> array[int]:
        """The blocks (ascending, once each) holding a strong piece or a stand-in: what gets formats.

        ``change_blocks`` gives the block of each change when known (the lines of the original),
        and ``held_blocks`` the blocks holding any change (used when every change is one strong piece).
        """
        cached = self._cache.get("marked_blocks")
        if cached is None:
            display = self.display
            # Pieces and stand-ins are in text order, so their blocks come ascending.
            marked = array("q")
            if len(self.piece_starts):
                if change_blocks is not None and held_blocks is not None and pieces.one_each:
                    marked = held_blocks()
                elif change_blocks is not None:
                    owners = pieces.owners if pieces.one_each else compress(pieces.owners, pieces.strong)
                    marked = distinct_ascending(map(change_blocks.__getitem__, owners))
                else:
                    strong = array_of(compress(self.piece_starts, pieces.strong))
                    marked = distinct_ascending(lines_of(strong, self.block_starts()))
            if len(display.stand_in_starts):
                stand_ins = distinct_ascending(lines_of(display.stand_in_starts, self.block_starts()))
                marked = array("q", sorted(distinct(chain(marked, stand_ins))))
            cached = marked
            self._cache["marked_blocks"] = cached
        return cached


def layout_pane(text: str, change_offsets: array[int], change_lengths: array[int], pieces: Pieces,
                use_replacement: Sequence[int] | None, display: DisplayText | None = None) -> PaneLayout:
    """Lay out a pane's ``text`` with changes at ``change_offsets`` (code points of ``text``).

    ``use_replacement`` says, per change, whether the pane shows its replacement (right pane,
    accepted change); None means the original everywhere (left pane). Everything is column work
    in C: a dense text's three quarters of a million changes take no Python loop.
    """
    if display is None:
        display = DisplayText.build(text)
    # Every column below is ascending (changes are sorted and disjoint, pieces cut them in order).
    to_display = partial(display.to_display_many, ascending=True)
    change_starts = to_display(change_offsets)
    change_ends = to_display(array_of(map(add, change_offsets, change_lengths)))
    if pieces.one_each:
        return PaneLayout(display, change_starts, change_ends, change_starts, change_ends)
    owners = pieces.owners
    owner_offsets = array_of(map(change_offsets.__getitem__, owners))
    piece_starts = to_display(array_of(map(add, owner_offsets, pieces.starts)))
    if use_replacement is None:
        ends: Iterable[int] = pieces.original_ends
    else:
        # An accepted change shows its replacement's piece end, a reverted one its original's.
        flags = array_of(map(use_replacement.__getitem__, owners))
        ends = map(add, pieces.original_ends, map(mul, flags, map(sub, pieces.replacement_ends,
                                                                       pieces.original_ends)))
    piece_ends = to_display(array_of(map(add, owner_offsets, ends)))
    return PaneLayout(display, change_starts, change_ends, piece_starts, piece_ends)


class ReviewDocument:
    """One file (or pasted text) under review.

    Attributes:
        decoded: the decoded bytes.
        config: the engine configuration the analysis used.
        analysis: the engine's proposals.
        state: what the reviewer kept.
        pieces: how changes are cut into colored pieces.
        left: the original pane's layout (fixed).
        title: what tabs and the window title call the document (not yet escaped).
    """

    def __init__(self, decoded: DecodedDocument, config: EngineConfig, analysis: Analysis | None = None,
                 title: str | None = None) -> None:
        self.decoded = decoded
        self.config = config
        self.analysis = (analysis if analysis is not None
                         else analyze(decoded.text, config, newline=decoded.newline_sequence))
        # Everything applied, while a templated change list can still do it template by template.
        everything = apply_changes(decoded.text, self.analysis.changes)
        self.state = ReviewState(decoded.text, self.analysis.changes)
        state = self.state
        self.pieces = Pieces.build(state.changes, state.edit_of, state.edits)
        self.left = layout_pane(decoded.text, state.offsets, state.lengths, self.pieces, None)
        self.title = title if title is not None else (decoded.path.name if decoded.path else "Untitled")
        self._right: PaneLayout | None = None
        self._right_revision = -1
        self._normalized: str | None = everything
        self._change_lines: array[int] | None = None
        self._change_blocks: array[int] | None = None
        self._changed_characters: int | None = None
        self._lines_with_changes: array[int] | None = None
        self._line_counts: list[int] | None = None
        self._same_lines: bool | None = None
        self._bidi: int | None = None
        # Without a special character in the original or in any edit, no subset of the changes
        # makes one: the normalized text is its own display copy, no scan needed.
        self._plain_right = (not self.left.display.positions and "\r" not in decoded.text
                             and not any(SPECIAL.search(original + replacement)
                                         for _, original, replacement in state.edits))

    @property
    def same_lines(self) -> bool:
        """Whether both panes have the same lines whatever is accepted (no edit adds or removes a line break)."""
        if self._same_lines is None:
            self._same_lines = not any(LINE_BREAK.search(original + replacement)
                                       for _, original, replacement in self.state.edits)
        return self._same_lines

    @property
    def changed_characters(self) -> int:
        """How many characters of the original the changes really alter (strong pieces, counted once)."""
        if self._changed_characters is None:
            pieces = self.pieces
            self._changed_characters = sum(compress(map(sub, pieces.original_ends, pieces.starts), pieces.strong))
        return self._changed_characters

    def change_lines(self) -> array[int]:
        """The 0-based line of the original each change starts on (built once, in C)."""
        if self._change_lines is None:
            # The review state's line index has the line starts (the overview strips need it too).
            starts = self.state.lines.starts if len(self.state.offsets) else array("q", [0])
            if len(self.state.offsets) > len(starts):
                counts = self._changes_per_line()  # shared with lines_with_changes
                self._change_lines = array_of(chain.from_iterable(map(repeat, range(len(starts)), counts)))
            else:
                self._change_lines = lines_of(self.state.offsets, starts)
        return self._change_lines

    def broken_lines(self) -> int:
        """How many lines of the original are so long, or so crowded with hidden characters, that
        the left pane shows them in pieces."""
        return self.left.display.broken_lines

    def change_blocks(self) -> array[int]:
        """The block of the left pane each change starts in: its line, unless long lines are broken."""
        if not self.left.display.soft_breaks:
            return self.change_lines()
        if self._change_blocks is None:
            self._change_blocks = lines_of(self.left.change_starts, self.left.block_starts())
        return self._change_blocks

    def block_total(self) -> int:
        """How many blocks the left pane has (its lines, unless long lines are broken)."""
        if not self.left.display.soft_breaks:
            return self.state.lines.line_count
        return self.left.block_count()

    def offset_of_block(self, block: int) -> int:
        """The original's offset where left-pane ``block`` starts."""
        if not self.left.display.soft_breaks:
            lines = self.state.lines
            return lines.line_start(min(block + 1, lines.line_count))
        starts = self.left.block_starts()
        return self.left.display.to_source(starts[min(block, len(starts) - 1)])

    def same_blocks(self, shown: PaneLayout) -> bool:
        """Whether the right pane's current layout has the blocks of ``shown``, an earlier one (so
        a review step can update blocks in place instead of showing the pane again)."""
        return self.same_lines and not shown.display.soft_breaks and not self.right().display.soft_breaks

    def lines_with_changes(self) -> array[int]:
        """The lines of the original holding a change (ascending, once each)."""
        if self._lines_with_changes is None:
            offsets, starts = self.state.offsets, self.state.lines.starts
            if len(offsets) > len(starts):
                # The change count of every line is at hand (see change_lines): the lines with one.
                counts = self._changes_per_line()
                self._lines_with_changes = array_of(compress(range(len(starts)), counts))
            else:
                self._lines_with_changes = lines_holding(offsets, starts)
        return self._lines_with_changes

    def _changes_per_line(self) -> list[int]:
        """How many changes start on each line of the original (bisections per line, in C)."""
        if self._line_counts is None:
            ordered = self.state.offsets.tolist()
            bounds = [*map(bisect.bisect_left, repeat(ordered), self.state.lines.starts), len(ordered)]
            self._line_counts = list(map(sub, bounds[1:], bounds[:-1]))
        return self._line_counts

    def marked_blocks(self, right: bool) -> array[int]:
        """The blocks of the left (or right) pane that get formats (see :meth:`PaneLayout.marked_blocks`)."""
        if not right:
            broken = bool(self.left.display.soft_breaks)
            return self.left.marked_blocks(self.pieces, self.change_blocks(),
                                           None if broken else self.lines_with_changes)
        layout = self.right()
        same = self.same_lines and not layout.display.soft_breaks
        return layout.marked_blocks(self.pieces, self.change_lines() if same else None,
                                    self.lines_with_changes if same else None)

    @property
    def changes(self) -> ChangeList:
        return self.analysis.changes

    def normalized_text(self) -> str:
        """The text with every accepted change applied (cached per review revision)."""
        self.right()
        assert self._normalized is not None
        return self._normalized

    def right(self) -> PaneLayout:
        """The normalized pane's layout for the current review state."""
        if self._right is None or self._right_revision != self.state.revision:
            state = self.state
            if self._normalized is None or self._right is not None or state.revision:
                self._normalized = state.normalized_text()
            display: DisplayText | None = None
            if not state.accepted_count:
                display = self.left.display  # nothing applied: the text is the original
            elif self._plain_right:
                display = DisplayText.plain(self._normalized)
            self._right = layout_pane(self._normalized, state.new_offsets(), state.new_lengths(), self.pieces,
                                      state.accepted, display)
            self._right_revision = state.revision
        return self._right

    def bidi_controls(self) -> int:
        """How many bidi control characters the original holds (counted once)."""
        if self._bidi is None and self.decoded.text.isascii():
            self._bidi = 0
        if self._bidi is None:
            # Bidi controls are shown as stand-ins: only the left pane's special characters can be one.
            specials = joined(map(self.decoded.text.__getitem__, self.left.display.positions))
            self._bidi = sum(len(_bidi_control_pattern().findall(specials, start, start + WINDOW))
                             for start in range(0, len(specials), WINDOW))
        return self._bidi
