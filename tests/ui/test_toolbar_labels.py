"""Toolbar buttons keep their places while the undo text grows; changes are named by script."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolBar, QToolButton
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.ui.mainwindow import MainWindow


def button(window: MainWindow, name: str) -> QToolButton:
    toolbar = window.findChild(QToolBar, "main-toolbar")
    widget = toolbar.widgetForAction(window.actions[name])
    assert isinstance(widget, QToolButton)
    return widget


def test_reverting_a_group_leaves_the_toolbar_still_and_names_the_letters(qtbot: QtBot, window: MainWindow,
                                                                          tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "g.txt", "Korеa\nKorеa\npay\u200bpal\n"))
    assert tab.document is not None
    next_before = button(window, "next").geometry()
    group = next(index for index, group in enumerate(tab.document.state.groups) if group.rule == "homoglyphs")
    view = tab.panel.group_view
    view.setFocus()
    view.setCurrentIndex(view.model().index(group, 0))
    QTest.keyClick(view.viewport(), Qt.Key.Key_Space)
    assert tab.document.state.reverted_count == 2
    undo = button(window, "undo")
    assert undo.text() == "Undo"
    assert "Cyrillic е U+0435 → Latin e U+0065" in undo.toolTip()
    assert "Cyrillic е U+0435 → Latin e U+0065" in window.actions["undo"].text()
    qtbot.wait(50)
    assert button(window, "next").geometry() == next_before
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.document.state.reverted_count == 0
    redo = button(window, "redo")
    assert redo.text() == "Redo" and "Cyrillic е U+0435" in redo.toolTip()
    assert button(window, "next").geometry() == next_before
