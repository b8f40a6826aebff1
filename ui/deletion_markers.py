"""The markers of accepted deletions in a pane: a bar and a triangle where text was removed,
found only among the characters on screen."""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QPainter, QPolygon

from . import colors

if TYPE_CHECKING:
    from .pane_formats import PaneModel
    from .textpane import TextPane


def _pixel(coordinate: float) -> int:
    """The pixel Qt puts ``coordinate`` on (halves round up, as ``qRound`` does)."""
    return math.floor(coordinate + 0.5)


class DeletionMarker(NamedTuple):
    """Where a deletion is marked in the viewport (the caret-like bar and triangle), and its rule."""

    x: int
    top: int
    height: int
    rule: str


def one_per_column(markers: Iterable[DeletionMarker]) -> list[DeletionMarker]:
    """The first of ``markers`` in each pixel column of each line: a pixel shows one of them.

    Deletions at one spot, or a run of them between characters that take no width, fall on one
    column and are drawn once.
    """
    seen: set[tuple[int, int]] = set()
    kept: list[DeletionMarker] = []
    for marker in markers:
        if (marker.x, marker.top) not in seen:
            seen.add((marker.x, marker.top))
            kept.append(marker)
    return kept


def deletion_markers(pane: TextPane) -> list[DeletionMarker]:
    """The markers of accepted deletions on screen, one per pixel column of a line.

    Only the characters on screen are looked at, line by line, and the deletions at one
    position are one marker: a line where 300,000 characters were deleted costs as much as
    the characters shown, where a marker per deletion took seconds to paint.
    """
    model = pane.model
    if model is None:
        return []
    starts = model.layout.change_starts
    offset = pane.contentOffset()
    width, height = pane.viewport().width(), pane.viewport().height()
    markers: list[DeletionMarker] = []
    for block in pane.visible_blocks():
        layout = block.layout()
        origin = pane.blockBoundingGeometry(block).translated(offset).topLeft() + layout.position()
        block_start = block.position()
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            top = origin.y() + line.y()
            if top + line.height() < 0:
                continue
            if top > height:
                break
            # The line's positions on screen; a line's end is the next one's start, except the last.
            first = max(line.textStart(), line.xToCursor(-origin.x()))
            end = line.textStart() + line.textLength() + (number == layout.lineCount() - 1)
            end = min(end, line.xToCursor(width - origin.x()) + 1)
            index = bisect.bisect_left(starts, pane.from_qt(block_start + first))
            last = pane.from_qt(block_start + end - 1)
            while index < len(starts) and starts[index] <= last:
                position = starts[index]
                following = bisect.bisect_right(starts, position, index)
                deleted = _accepted_deletion(model, index, following)
                if deleted is not None:
                    x = origin.x() + line.cursorToX(pane.to_qt(position) - block_start)[0]
                    markers.append(DeletionMarker(_pixel(x), _pixel(top), _pixel(line.height()),
                                                  model.rules[deleted]))
                index = following
    return one_per_column(markers)


def _accepted_deletion(model: PaneModel, first: int, end: int) -> int | None:
    """An accepted change among ``first:end`` (which start at one position) shown as a deletion."""
    assert model is not None
    starts, ends = model.layout.change_starts, model.layout.change_ends
    if starts[end - 1] != ends[end - 1]:
        end -= 1  # a change shown with text can only be the last at a position
    found = model.accepted.find(1, first, end) if end > first else -1
    return found if found >= 0 else None


def paint_deletion_markers(pane: TextPane) -> None:
    """Draw the deletion markers on ``pane``'s viewport (from its paint event)."""
    markers = deletion_markers(pane)
    if not markers:
        return
    painter = QPainter(pane.viewport())
    painter.setPen(Qt.PenStyle.NoPen)
    for x, top, height, rule in markers:
        color = colors.strong(rule)
        painter.fillRect(QRect(x - 1, top, 2, height), color)
        bottom = top + height - 1
        painter.setBrush(color)
        painter.drawPolygon(QPolygon([QPoint(x - 4, bottom + 1), QPoint(x + 4, bottom + 1), QPoint(x, bottom - 4)]))
    painter.end()
