"""A pane with its caption, its filling progress and its overview strip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from .elided_label import ElidedLabel
from .overview import OverviewStrip
from .textpane import TextPane

FILLING = "showing the text… {percent}%"


class PaneFrame(QWidget):
    """A pane with its caption and overview strip.

    Attributes:
        caption: the label above the pane.
        filling: how much of a big text the pane holds yet (hidden once it holds all).
        pane: the text pane.
        strip: the overview strip.
    """

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = ElidedLabel(caption)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        font = self.caption.font()
        font.setBold(True)
        self.caption.setFont(font)
        self.pane = TextPane()
        self.strip = OverviewStrip()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.pane, 1)
        row.addWidget(self.strip)
        # While a big text is still arriving in the pane: how much of it is there. Neither label
        # may change the pane's width as it changes: that would re-wrap every line (seconds and a
        # gigabyte for 100 MB), so the caption ignores its size hint and this one has a fixed width.
        self.caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.filling = QLabel()
        self.filling.setTextFormat(Qt.TextFormat.PlainText)
        self.filling.setFixedWidth(self.filling.fontMetrics().horizontalAdvance(FILLING.format(percent=100)) + 8)
        self.filling.hide()  # the caption has the row while the pane holds all its text
        self.pane.fill_progress.connect(self._show_filling)
        heading = QHBoxLayout()
        heading.setContentsMargins(0, 0, 0, 0)
        heading.addWidget(self.caption, 1)
        heading.addWidget(self.filling)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addLayout(row, 1)

    def _show_filling(self, percent: int) -> None:
        self.filling.setText(FILLING.format(percent=percent))
        self.filling.setVisible(percent < 100)
