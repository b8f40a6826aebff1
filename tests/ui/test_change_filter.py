"""Filtering the change list by rule, severity and search text, driven by keys and clicks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.ui.document_tab import DocumentTab
from glyphwash.ui.mainwindow import MainWindow

TEXT = "Korеa\npay\u200bpal\nno\u00a0break\nKorеa again\n"  # homoglyph, ZWSP, NBSP, homoglyph


@pytest.fixture
def tab(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> DocumentTab:
    return open_and_wait(qtbot, window, write(tmp_path, "f.txt", TEXT))


def type_search(qtbot: QtBot, tab: DocumentTab, text: str) -> None:
    search = tab.panel.search
    qtbot.mouseClick(search, Qt.MouseButton.LeftButton)
    qtbot.keyClick(search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(search, Qt.Key.Key_Backspace)
    for char in text:
        if char.isascii():
            qtbot.keyClick(search, char)
        else:  # QTest knows ASCII keys only: the event a keyboard layout with the letter sends
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
                QApplication.sendEvent(search, event)


def shown_changes(tab: DocumentTab) -> list[int]:
    model = tab.panel.changes
    return [model.change_of(row) for row in range(model.rowCount())]


def row_center(tab: DocumentTab, row: int, column: int = 1) -> QPoint:
    view = tab.panel.change_view
    return view.visualRect(view.model().index(row, column)).center()


def test_search_matches_text_names_code_points_and_reasons(qtbot: QtBot, tab: DocumentTab) -> None:
    assert tab.panel.shown_count.text() == "4"
    type_search(qtbot, tab, "cyrillic")
    assert shown_changes(tab) == [0, 3] and tab.panel.shown_count.text() == "2 of 4"
    type_search(qtbot, tab, "ZERO WIDTH")
    assert shown_changes(tab) == [1]
    type_search(qtbot, tab, "u+00a0")
    assert shown_changes(tab) == [2] and tab.panel.shown_count.text() == "1 of 4"
    reason = "plain space"  # words of the reason only
    type_search(qtbot, tab, reason)
    assert 2 in shown_changes(tab)
    type_search(qtbot, tab, "е")  # the look-alike itself
    assert shown_changes(tab) == [0, 3]
    type_search(qtbot, tab, "zwsp")  # the box the panes and the list draw for it
    assert shown_changes(tab) == [1]
    type_search(qtbot, tab, "NBSP")
    assert shown_changes(tab) == [2]
    type_search(qtbot, tab, "look-alike")  # the rule's title, as the rule choice names it
    assert shown_changes(tab) == [0, 3]
    type_search(qtbot, tab, "nothing like this")
    assert shown_changes(tab) == [] and tab.panel.shown_count.text() == "0 of 4"
    type_search(qtbot, tab, "")
    assert shown_changes(tab) == [0, 1, 2, 3] and tab.panel.shown_count.text() == "4"


def test_rule_and_severity_choices_by_keyboard(qtbot: QtBot, tab: DocumentTab) -> None:
    rules, severities = tab.panel.rule_filter, tab.panel.severity_filter
    rules.setFocus()
    qtbot.keyClick(rules, Qt.Key.Key_Down)  # Look-alike letters
    assert rules.currentText() == "Look-alike letters" and shown_changes(tab) == [0, 3]
    qtbot.keyClick(rules, Qt.Key.Key_Down)  # Invisible characters
    assert shown_changes(tab) == [1]
    qtbot.keyClick(rules, Qt.Key.Key_Home)  # All rules
    severities.setFocus()
    qtbot.keyClick(severities, Qt.Key.Key_Down)  # Error
    assert severities.currentText() == "Error" and shown_changes(tab) == [1]
    qtbot.keyClick(severities, Qt.Key.Key_Down)  # Warning
    assert shown_changes(tab) == [0, 3] and tab.panel.shown_count.text() == "2 of 4"
    qtbot.keyClick(severities, Qt.Key.Key_Down)  # Info
    assert shown_changes(tab) == [2]


def test_a_filtered_row_jumps_to_and_reverts_its_own_change(qtbot: QtBot, tab: DocumentTab) -> None:
    type_search(qtbot, tab, "cyrillic")
    view = tab.panel.change_view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=row_center(tab, 1))
    assert tab.current_change == 3  # the second row shown is the fourth change
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert tab.document is not None and not tab.document.state.is_accepted(3)
    assert tab.document.state.is_accepted(0)
    assert tab.right.document().toPlainText().splitlines()[::3] == ["Korea", "Korеa again"]


def test_f8_goes_through_every_change_whatever_the_filter(qtbot: QtBot, window: MainWindow,
                                                          tab: DocumentTab) -> None:
    type_search(qtbot, tab, "zero width")
    view = tab.panel.change_view
    tab.left.setFocus()
    qtbot.keyClick(tab.left, Qt.Key.Key_F8)
    assert tab.current_change == 0  # hidden by the filter: the list selects nothing
    assert not view.selectionModel().hasSelection()
    qtbot.keyClick(tab.left, Qt.Key.Key_F8)
    assert tab.current_change == 1 and view.currentIndex().row() == 0
    qtbot.keyClick(tab.left, Qt.Key.Key_F8)
    assert tab.current_change == 2 and not view.selectionModel().hasSelection()
    qtbot.keyClick(tab.left, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert tab.current_change == 1 and view.currentIndex().row() == 0


def test_the_filter_stays_through_a_new_analysis(qtbot: QtBot, window: MainWindow, tab: DocumentTab) -> None:
    type_search(qtbot, tab, "cyrillic")
    tab.panel.rule_boxes["spaces"].setChecked(False)
    qtbot.waitUntil(lambda: tab.document is not None and tab.document.state.count == 3, timeout=10000)
    assert shown_changes(tab) == [0, 2] and tab.panel.shown_count.text() == "2 of 3"
