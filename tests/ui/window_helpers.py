"""Helpers for window tests: open a file and wait until it is shown, write a test file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from glyphwash.ui.document_tab import DocumentTab
from glyphwash.ui.mainwindow import MainWindow


def open_and_wait(qtbot: QtBot, window: MainWindow, path: Path) -> DocumentTab:
    """Open ``path`` and wait until both panes show it."""
    tabs = window.open_paths([str(path)])
    assert len(tabs) == 1
    tab = tabs[0]
    qtbot.waitUntil(lambda: tab.document is not None and not tab.progress_row.isVisible(), timeout=10000)
    return tab


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def change_background(tab: DocumentTab) -> str:
    """The background color of the first change in the left pane, as the pane formats it."""
    pane = tab.left
    assert pane.model is not None
    start = pane.model.layout.change_starts[0]
    block = pane.document().findBlockByNumber(0)
    found = next(item for item in block.layout().formats() if item.start == start)
    return found.format.background().color().name()


def drop_paths(widget: QWidget, paths: list[Path]) -> None:
    """Drag ``paths`` over the middle of ``widget`` and drop them there, as a file manager does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    point = QPoint(widget.width() // 2, widget.height() // 2)
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget, QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                              Qt.KeyboardModifier.NoModifier))
