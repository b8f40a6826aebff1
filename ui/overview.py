"""The overview strip beside a pane: a tick for every change, colored by rule; click to jump."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import QWidget

from . import colors


class OverviewStrip(QWidget):
    """A narrow bar beside a pane with a tick for every change, colored by rule; click to jump.

    Signals:
        clicked: (fraction) where in the document (0..1) the user clicked.
    """

    clicked = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(14)
        self.setToolTip("All changes in the document; click to jump")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._lines: Sequence[int] = ()
        self._line_count = 1
        self._rules: Sequence[str] = ()
        self._accepted: Sequence[int] = ()
        self._ticks: QPixmap | None = None
        self._viewport = (0.0, 0.0)

    def set_marks(self, lines: Sequence[int], line_count: int, rules: Sequence[str], accepted: Sequence[int]) -> None:
        """Show changes on ``lines`` (0-based, ascending) of a document of ``line_count`` lines."""
        self._lines, self._line_count, self._rules, self._accepted = lines, max(1, line_count), rules, accepted
        self._ticks = None
        self.update()

    def invalidate(self) -> None:
        self._ticks = None
        self.update()

    def set_viewport(self, top: float, bottom: float) -> None:
        self._viewport = (top, bottom)
        self.update()

    @property
    def mark_count(self) -> int:
        return len(self._lines)

    def _compute_rows(self) -> list[tuple[int, QColor]]:
        """One tick per pixel row holding changes: an accepted change's color wins over grey.

        The changes of a row are found by bisection and an accepted one with ``bytearray.find``,
        so a million changes cost a few hundred bisections, not a loop.
        """
        height = max(1, self.height() - 4)
        lines, accepted = self._lines, self._accepted
        span = max(1, self._line_count - 1)
        rows: list[tuple[int, QColor]] = []
        first = 0
        total = len(lines)
        while first < total:
            row = min(height - 1, lines[first] * height // span)
            # The first line of the next row: lines[i] * height // span > row.
            next_line = -(-(row + 1) * span // height)
            last = bisect.bisect_left(lines, next_line, first)
            last = max(last, first + 1)
            found = accepted.find(1, first, last) if isinstance(accepted, (bytes, bytearray)) else \
                next((index for index in range(first, last) if accepted[index]), -1)
            if found >= 0:
                rows.append((row, colors.strong(self._rules[found])))
            else:
                rows.append((row, QColor("#adb5bd")))
            first = last
        return rows

    def _render_ticks(self) -> QPixmap:
        """The ticks on a transparent strip of this size, drawn once per set of marks and size:
        a paint (every scroll step) then copies one picture instead of a thousand rectangles."""
        ticks = QPixmap(self.size() * self.devicePixelRatioF())
        ticks.setDevicePixelRatio(self.devicePixelRatioF())
        ticks.fill(Qt.GlobalColor.transparent)
        painter = QPainter(ticks)
        for row, color in self._compute_rows():
            painter.fillRect(QRect(2, 2 + row, self.width() - 4, 2), color)
        painter.end()
        return ticks

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.AlternateBase))
        top, bottom = self._viewport
        height = max(1, self.height() - 4)
        shade = palette.color(QPalette.ColorRole.Mid)
        shade.setAlpha(90)
        painter.fillRect(QRect(0, 2 + int(top * height), self.width(), max(3, int((bottom - top) * height))), shade)
        if self._ticks is None or self._ticks.deviceIndependentSize().toSize() != self.size():
            self._ticks = self._render_ticks()
        painter.drawPixmap(0, 0, self._ticks)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        height = max(1, self.height() - 4)
        self.clicked.emit(min(1.0, max(0.0, (event.position().y() - 2) / height)))
