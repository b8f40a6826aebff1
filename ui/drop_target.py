"""What an empty window shows: where to drop a file, the other ways to open one, the last problem."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..core.encoding.decoding import LoadError, read_file
from .help import heading


def unopenable_reason(path: Path) -> str | None:
    """Why ``path``, which does not exist as a file, cannot be opened, in the loader's words.

    None if it can be read after all (it appeared meanwhile).
    """
    try:
        read_file(path)
    except LoadError as error:
        return str(error)
    return None


class DropTarget(QWidget):
    """What an empty window shows: where to drop a file, and the other ways to open one.

    Attributes:
        message: a line for the last problem (a dropped folder, a web address...).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drop-target")
        title = heading("Drop a text file here", 1.8)
        hint = QLabel("— or Open… (Ctrl+O) / Paste text (Ctrl+Shift+V) / drop selected text\n\n"
                      "Glyphwash shows every hidden or look-alike character: homoglyphs, zero-width and bidi "
                      "characters, odd spaces, styled letters. Review each change side by side, then save the clean "
                      "text.")
        hint.setWordWrap(True)
        hint.setMaximumWidth(560)
        self.message = QLabel("")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet("color: #c92a2a;")
        self.message.setWordWrap(True)
        self.message.setMaximumWidth(560)
        for label in (title, hint, self.message):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(hint, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.message, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch()
        self.setStyleSheet("QWidget#drop-target { border: 3px dashed palette(mid); border-radius: 12px; }")
