"""The empty window: hint lines (files or folders) laid out whole at small sizes, a visible drop frame, a drag
highlight."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDragLeaveEvent, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from glyphwash.ui.mainwindow import MainWindow


def frame_colour(window: MainWindow) -> QColor:
    target = window.drop_target
    image = target.grab().toImage()
    return image.pixelColor(1, image.height() // 2)


@pytest.mark.parametrize(("width", "height"), [(1024, 700), (1600, 1000), (640, 480)])
def test_hint_lines_neither_overlap_nor_get_cut(qtbot: QtBot, window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width)
    QApplication.processEvents()
    target = window.drop_target
    labels = [label for label in target.findChildren(QLabel) if label.text()]
    assert len(labels) >= 2
    # Dropping a folder opens the batch view: the first screen says so.
    assert labels[0].text() == "Drop text files or a folder here"
    assert any("A folder lists every text file in it" in label.text() for label in labels)
    rects = sorted(((label.mapTo(target, QPoint(0, 0)).y(), label) for label in labels), key=lambda pair: pair[0])
    previous_bottom = -1
    for top, label in rects:
        assert label.height() >= label.heightForWidth(label.width()), label.text()
        assert top >= previous_bottom, label.text()
        previous_bottom = top + label.height()
        assert target.rect().contains(label.mapTo(target, QPoint(0, label.height() - 1)))


def test_drop_frame_is_visible_and_highlights_while_dragging(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.resize(1024, 700)
    QApplication.processEvents()
    background = window.drop_target.palette().color(QPalette.ColorRole.Window)
    idle = frame_colour(window)
    assert idle != background
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "a.txt"))])
    centre = window.drop_target.rect().center()
    enter = QDragEnterEvent(centre, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    highlight = window.drop_target.palette().color(QPalette.ColorRole.Highlight)
    assert frame_colour(window) == highlight
    QApplication.sendEvent(window, QDragLeaveEvent())
    assert frame_colour(window) == idle
