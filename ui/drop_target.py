"""What an empty window shows: where to drop a file, the other ways to open one, the last problem."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..core.encoding.decoding import LoadError, read_file
from . import colors
from .help import heading

# Wide enough for the hint in three lines, narrow enough to read at a glance.
COLUMN_WIDTH = 600


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

    A dashed frame marks where to drop; it turns into the highlight colour while files are dragged
    over the window (``set_dragging``).

    Attributes:
        message: a line for the last problems (a dropped folder, a web address...).
        dragging: whether files are being dragged over the window.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drop-target")
        # A plain QWidget paints no style-sheet border without this.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.dragging = False
        title = heading("Drop text files or a folder here", 1.8)
        ways = QLabel("— or Open… (Ctrl+O) / Paste text (Ctrl+Shift+V) / drop selected text")
        hint = QLabel("Glyphwash shows every hidden or look-alike character: homoglyphs, zero-width and bidi "
                      "characters, odd spaces, styled letters. Review each change side by side, then save the clean "
                      "text. A folder lists every text file in it, to open one or clean them all.")
        self.message = QLabel("")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        column = QVBoxLayout()
        column.setSpacing(12)
        for label in (title, ways, hint, self.message):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            # No alignment flag on the layout item: a wrapped label only gets the height for its
            # width when the layout sizes it (an aligned item is given its one-line size hint,
            # and the lines overlap and are cut).
            column.addWidget(label)
        box = QWidget()
        box.setObjectName("drop-column")
        box.setLayout(column)
        box.setMaximumWidth(COLUMN_WIDTH)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 100)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch()
        layout.addLayout(row)
        layout.addStretch()
        self._restyle()

    def set_dragging(self, dragging: bool) -> None:
        """Highlight the frame while files are dragged over the window."""
        if dragging != self.dragging:
            self.dragging = dragging
            self._restyle()

    def follow_palette(self) -> None:
        """Take the application's new palette (View › Theme). A style sheet fixes the palette of
        the widgets it polishes, and they get no palette events: cleared and set again, it takes
        the new one (Light left the empty window dark, Dark left its text black on dark)."""
        self.setStyleSheet("")
        self._restyle()

    def _restyle(self) -> None:
        colour, style = ("palette(highlight)", "solid") if self.dragging else ("palette(mid)", "dashed")
        background = "background: palette(alternate-base);" if self.dragging else ""
        self.setStyleSheet(f"QWidget#drop-target {{ border: 3px {style} {colour}; border-radius: 12px; {background} }}")
        self.message.setStyleSheet(f"color: {colors.FAILED_TEXT[colors.is_dark(self.palette())]};")


def accepts_drop(event: QDropEvent) -> bool:
    """Files (or addresses, refused with a message), and text from another program.

    Text dragged inside the window (a selection in a pane) is not taken: a slip of the mouse
    would open it as a new document.
    """
    mime = event.mimeData()
    return mime.hasUrls() or (mime.hasText() and event.source() is None)


def local_paths(mime: QMimeData) -> tuple[list[str], list[str]]:
    """``(local files, other addresses)`` of a drag's URLs."""
    paths: list[str] = []
    addresses: list[str] = []
    for url in mime.urls():
        if url.isLocalFile():
            paths.append(url.toLocalFile())
        else:
            addresses.append(url.toString())
    return paths, addresses
