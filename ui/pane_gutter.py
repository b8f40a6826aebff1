"""The gutter beside a text pane: the file's line numbers, and a mark where a piece of a line
broken for display continues it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from .colors import gutter_colors

if TYPE_CHECKING:
    from .textpane import TextPane


class LineNumberArea(QWidget):
    """The gutter with line numbers of the pane it belongs to (its labels: ``TextPane.line_label``)."""

    def __init__(self, pane: TextPane) -> None:
        super().__init__(pane)
        self._pane = pane

    def sizeHint(self) -> QSize:
        return QSize(self._pane.line_number_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        pane = self._pane
        painter = QPainter(self)
        back, numbers = gutter_colors(pane.palette())
        painter.fillRect(event.rect(), back)
        painter.setPen(numbers)
        block = pane.firstVisibleBlock()
        offset = pane.contentOffset()
        width = self.width() - 5
        height = pane.fontMetrics().height()
        while block.isValid():
            top = round(pane.blockBoundingGeometry(block).translated(offset).top())
            if top > event.rect().bottom():
                break
            if block.isVisible() and top + height >= event.rect().top():
                painter.drawText(0, top, width, height, Qt.AlignmentFlag.AlignRight, pane.line_label(block))
            block = block.next()
        painter.end()
