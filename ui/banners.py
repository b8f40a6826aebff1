"""Banners above the panes: decoding errors, encoding guesses, hidden text, bidi controls."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from ..core.session import DocumentSession, Notice
from .dialogs import preview_line

LEVELS = {
    "info": ("#e7f5ff", "#1864ab", "#1c3d5a", "#a5d8ff"),
    "warning": ("#fff9db", "#5c3c00", "#4d3b00", "#ffe066"),
    "error": ("#fff5f5", "#a61e1e", "#5c1a1a", "#ffc9c9"),
}


class Banner(QFrame):
    """A closable strip with a message and optional actions.

    Attributes:
        kind: what the banner is about (``decode-errors``, ``encoding``, ``hidden-text``, ``bidi``...).
        message: the label.
        buttons: the action buttons, in order.
    """

    def __init__(self, kind: str, level: str, text: str, dark: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.level = level
        self.dark = dark
        self.setObjectName(f"banner-{kind}")
        self._colour(dark)
        self.message = QLabel(text)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons: list[QPushButton] = []
        self._rows = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.message, 1)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Hide this message")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        top.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self._rows.addLayout(top)
        self._rows.setContentsMargins(8, 4, 4, 4)
        self.setLayout(self._rows)

    def set_dark(self, dark: bool) -> None:
        """Colour the banner for a dark (or light) palette (a style sheet does not follow the palette)."""
        if dark != self.dark:
            self._colour(dark)

    def _colour(self, dark: bool) -> None:
        self.dark = dark
        light_bg, light_fg, dark_bg, dark_fg = LEVELS[self.level]
        background, foreground = (dark_bg, dark_fg) if dark else (light_bg, light_fg)
        self.setStyleSheet(f"QFrame#banner-{self.kind} {{ background: {background}; border: 1px solid {foreground};"
                           f" border-radius: 4px; }} QLabel {{ color: {foreground}; }}")

    def add_action(self, text: str, callback: Callable[[], None], detail: str = "") -> QPushButton:
        """Add a button, with an optional detail line (a preview) beside it."""
        row = QHBoxLayout()
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: callback())
        row.addWidget(button)
        if detail:
            label = QLabel(detail)
            label.setTextFormat(Qt.TextFormat.PlainText)
            row.addWidget(label, 1)
        else:
            row.addStretch()
        self._rows.addLayout(row)
        self.buttons.append(button)
        return button


class BannerArea(QVBoxLayout):
    """The banners above a tab's panes, built from what its session says about the document."""

    def __init__(self) -> None:
        super().__init__()
        self.setContentsMargins(0, 0, 0, 0)

    def banners(self) -> list[Banner]:
        return [widget for index in range(self.count()) if isinstance(widget := self.itemAt(index).widget(), Banner)]

    def set_dark(self, dark: bool) -> None:
        """Recolour every banner for a new palette (a theme switch)."""
        for banner in self.banners():
            banner.set_dark(dark)

    def clear(self) -> None:
        while self.count():
            item = self.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def show_for(self, session: DocumentSession, dark: bool, reinterpret: Callable[[str], object],
                 choose_encoding: Callable[[], None]) -> None:
        """Show ``session``'s banners: reading other readings calls ``reinterpret`` (with the
        codec), the decoding errors' button ``choose_encoding``."""
        self.clear()
        for notice in session.notices():
            banner = self._add(notice, dark)
            if notice.kind == "decode-errors":
                banner.add_action("Reinterpret as…", choose_encoding)
        offer = session.reading_offer()
        if offer is not None:
            banner = self._add(Notice("encoding", "warning", offer.message), dark)
            raw = session.decoded.raw
            for encoding, label in offer.encodings:
                banner.add_action(label, lambda encoding=encoding: reinterpret(encoding), preview_line(raw, encoding))
        for notice in session.later_notices():
            self._add(notice, dark)

    def _add(self, notice: Notice, dark: bool) -> Banner:
        banner = Banner(notice.kind, notice.level, notice.message, dark)
        self.addWidget(banner)
        return banner

    def show_saved(self, text: str, dark: bool) -> Banner:
        """Say what a save wrote, in one banner that replaces the last one (closable)."""
        return self.show_latest(Notice("saved", "info", text), dark)

    def show_latest(self, notice: Notice, dark: bool) -> Banner:
        """Show ``notice`` in a banner that replaces the last one of its kind (what a save or an
        export wrote: only the latest matters)."""
        for banner in self.banners():
            if banner.kind == notice.kind:
                self.removeWidget(banner)
                banner.deleteLater()
        return self._add(notice, dark)
