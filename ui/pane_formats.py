"""What a pane colors: the model it shows, and the formats of each block's pieces and stand-ins."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextLayout

from ..core.view.document import PaneLayout, Pieces
from . import colors


class PaneModel:
    """What a pane needs to color changes: the layout, the pieces and per-change rule and state.

    Attributes:
        layout: display text and display ranges.
        pieces: the change pieces (owners and strong flags).
        rules: the rule id of each change.
        accepted: the accepted flag of each change (the review state's bytes, shared).
        show_deletions: draw a marker where an accepted change deleted text (right pane).
        marked_blocks: the blocks that hold a change or a stand-in (ascending).
        source: the text the display copy shows (what a copied selection holds), if known.
    """

    def __init__(self, layout: PaneLayout, pieces: Pieces, rules: Sequence[str], accepted: bytearray,
                 show_deletions: bool, marked_blocks: Sequence[int] = (), source: str | None = None) -> None:
        self.marked_blocks = marked_blocks
        self.source = source
        self.layout = layout
        self.pieces = pieces
        self.rules = rules
        self.accepted = accepted
        self.show_deletions = show_deletions

    def change_at(self, position: int) -> int | None:
        """The change shown at display ``position`` (a deletion marker counts on both sides)."""
        starts, ends = self.layout.change_starts, self.layout.change_ends
        index = bisect.bisect_right(starts, position) - 1
        if index >= 0 and (position < ends[index] or (starts[index] == ends[index] == position)):
            return index
        if self.show_deletions and index + 1 < len(starts) and starts[index + 1] == ends[index + 1] == position:
            return index + 1
        return None


class _Ranges:
    """Format ranges of one block, in order; a range that continues the last one with the same
    format extends it. A run of 300,000 deleted characters is one range, not 300,000 that Qt
    would lay out as separate items (its word wrapping is quadratic in them)."""

    def __init__(self, block_start: int, make_format: Callable[[str, int, int], QTextCharFormat]) -> None:
        self._block_start = block_start
        self._make_format = make_format
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._keys: list[tuple[str, int, int]] = []

    def add(self, start: int, end: int, key: tuple[str, int, int]) -> None:
        """Format ``start:end`` (display positions) with the format of ``key``."""
        if self._ends and self._ends[-1] == start and self._keys[-1] == key:
            self._ends[-1] = end
        else:
            self._starts.append(start)
            self._ends.append(end)
            self._keys.append(key)

    def done(self) -> list[QTextLayout.FormatRange]:
        ranges = []
        for start, end, key in zip(self._starts, self._ends, self._keys, strict=True):
            format_range = QTextLayout.FormatRange()
            format_range.start = start - self._block_start
            format_range.length = end - start
            format_range.format = self._make_format(*key)
            ranges.append(format_range)
        return ranges


def block_ranges(model: PaneModel, start: int, end: int,
                 make_format: Callable[[str, int, int], QTextCharFormat]) -> list[QTextLayout.FormatRange]:
    """The format ranges of the block at display ``start:end``: its strong pieces, then its stand-ins.

    ``make_format`` gives the format of a (rule, accepted, strong) key (the pane caches them).
    """
    layout = model.layout
    pieces = model.pieces
    piece_ranges = _Ranges(start, make_format)
    piece_starts, piece_ends = layout.piece_starts, layout.piece_ends
    index = bisect.bisect_right(piece_ends, start)
    count = len(piece_starts)
    owners, strong_flags, rules, accepted = pieces.owners, pieces.strong, model.rules, model.accepted
    while index < count and piece_starts[index] < end:
        piece_start, piece_end = piece_starts[index], piece_ends[index]
        if piece_end > piece_start and strong_flags[index]:
            owner = owners[index]
            piece_ranges.add(max(piece_start, start), min(piece_end, end), (rules[owner], accepted[owner], 1))
        index += 1
    stand_in_ranges = _Ranges(start, make_format)
    display = layout.display
    stand_in_starts, stand_in_ends = display.stand_in_starts, display.stand_in_ends
    index = bisect.bisect_right(stand_in_ends, start)
    while index < len(stand_in_starts) and stand_in_starts[index] < end:
        owner_index = model.change_at(stand_in_starts[index])
        if owner_index is None:
            stand_in_ranges.add(stand_in_starts[index], stand_in_ends[index], ("\0stand-in", 1, 1))
        else:  # a reverted ZWSP or RLO must look reverted too, not like one still to be removed
            stand_in_ranges.add(stand_in_starts[index], stand_in_ends[index],
                                (f"\0stand-in:{rules[owner_index]}", accepted[owner_index], 1))
        index += 1
    return piece_ranges.done() + stand_in_ranges.done()


def char_format(rule: str, accepted: int, strong: int, palette: QPalette) -> QTextCharFormat:
    """The format of a piece of ``rule`` (accepted or not, strong or faint) or of a stand-in
    (``rule`` ``"\\0stand-in"`` or ``"\\0stand-in:RULE"``), in ``palette`` (light or dark)."""
    style = colors.style_for(rule)
    result = QTextCharFormat()
    if rule == "\0stand-in":
        result.setBackground(QColor("#6c757d"))
        result.setForeground(QColor("#ffffff"))
        result.setFontWeight(QFont.Weight.Bold)
    elif rule.startswith("\0stand-in:"):
        if accepted:
            result.setBackground(colors.strong(rule.split(":", 1)[1]))
            result.setForeground(QColor("#ffffff"))
        else:
            colors.set_reverted(result, palette)
        result.setFontWeight(QFont.Weight.Bold)
    else:
        result.setUnderlineStyle(style.underline)
        result.setUnderlineColor(QColor(style.strong))
        if accepted and strong:
            result.setBackground(colors.background(rule, palette))
        elif not accepted:
            colors.set_reverted(result, palette)
    return result
