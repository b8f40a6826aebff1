"""Reviewing from the keyboard: Space and Shift+Space in a pane, Ctrl+(Shift+)Backspace, Alt+(Shift+)F8."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.ui.document_tab import DocumentTab
from glyphwash.ui.help import ShortcutsDialog, show_dialog
from glyphwash.ui.mainwindow import MainWindow
from glyphwash.ui.textpane import TextPane

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
# Changes: 0 е, 1 е (homoglyphs, one kind), 2 zero-width space, 3 е.
TEXT = "Korеa\nSеoul\u200b\nline three\nBеijing\n"


def _accepted(tab: DocumentTab) -> list[bool]:
    assert tab.document is not None
    state = tab.document.state
    return [state.is_accepted(index) for index in range(state.count)]


def _key(qtbot: QtBot, window: MainWindow, target: TextPane | MainWindow, key: Qt.Key,
         modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    window.activateWindow()
    if isinstance(target, TextPane):
        target.setFocus()
        qtbot.waitUntil(target.hasFocus)
    QTest.keyClick(target, key, modifiers)


def test_space_reverts_and_restores_the_change_at_the_cursor(qtbot: QtBot, window: MainWindow,
                                                             tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "a.txt", TEXT))
    assert _accepted(tab) == [True, True, True, True]
    _key(qtbot, window, window, Qt.Key.Key_F8)
    assert tab.current_change == 0
    _key(qtbot, window, tab.left, Qt.Key.Key_Space)
    assert _accepted(tab) == [False, True, True, True]
    assert tab.right.document().findBlockByNumber(0).text() == "Korеa"
    assert window.actions["undo"].isEnabled()
    _key(qtbot, window, tab.right, Qt.Key.Key_Space)  # the cleaned pane's cursor is on it too
    assert _accepted(tab) == [True, True, True, True]
    _key(qtbot, window, tab.left, Qt.Key.Key_Space, SHIFT)  # its kind: every е
    assert _accepted(tab) == [False, False, True, False]
    _key(qtbot, window, window, Qt.Key.Key_Z, CTRL)  # one undo history
    assert _accepted(tab) == [True, True, True, True]
    _key(qtbot, window, tab.left, Qt.Key.Key_Backspace, CTRL)
    assert _accepted(tab) == [False, True, True, True]
    _key(qtbot, window, tab.left, Qt.Key.Key_Backspace, CTRL | SHIFT)
    assert _accepted(tab) == [False, False, True, False]
    _key(qtbot, window, tab.left, Qt.Key.Key_Backspace, CTRL | SHIFT)
    assert _accepted(tab) == [True, True, True, True]


def test_space_off_a_change_says_so(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "a.txt", TEXT))
    cursor = tab.left.textCursor()
    cursor.setPosition(tab.left.document().findBlockByNumber(2).position() + 2)
    tab.left.setTextCursor(cursor)
    _key(qtbot, window, tab.left, Qt.Key.Key_Space)
    assert _accepted(tab) == [True, True, True, True]
    assert window.statusBar().currentMessage() == "No change at the cursor."


def test_alt_f8_goes_to_the_next_unreviewed_change(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "a.txt", TEXT))
    _key(qtbot, window, window, Qt.Key.Key_F8, ALT)
    assert tab.current_change == 0
    _key(qtbot, window, tab.left, Qt.Key.Key_Space, SHIFT)  # decides 0, 1 and 3
    _key(qtbot, window, window, Qt.Key.Key_F8, ALT)
    assert tab.current_change == 2  # 1 was decided with its kind
    assert tab.left.textCursor().selectedText() != ""
    _key(qtbot, window, window, Qt.Key.Key_F8, ALT)
    assert window.statusBar().currentMessage() == "Every change has been reviewed."
    assert tab.current_change == 2


def test_alt_shift_f8_goes_back_round_the_start(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "a.txt", TEXT))
    _key(qtbot, window, window, Qt.Key.Key_F8)
    _key(qtbot, window, window, Qt.Key.Key_F8)
    assert tab.current_change == 1
    _key(qtbot, window, window, Qt.Key.Key_F8, ALT | SHIFT)
    assert tab.current_change == 3  # 0 and 1 were gone to: round the start to the end


def test_the_shortcuts_help_lists_find_and_keyboard_review(qtbot: QtBot, window: MainWindow) -> None:
    rows = dict(show_dialog(window, ShortcutsDialog).rows())
    assert rows["Find…"] == "Ctrl+F"
    assert rows["Find next"] == "F3"
    assert rows["Go to line…"] == "Ctrl+G"
    assert rows["Revert or restore this change"] == "Ctrl+Backspace"
    assert rows["Revert or restore all of this kind"] == "Ctrl+Shift+Backspace"
    assert rows["Next unreviewed change"] == "Alt+F8"
    assert rows["Previous unreviewed change"] == "Alt+Shift+F8"
    assert rows["Revert or restore the change at the cursor (in a pane)"] == "Space"


def test_ctrl_backspace_in_a_text_field_deletes_a_word_and_reverts_nothing(qtbot: QtBot, window: MainWindow,
                                                                         tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "a.txt", TEXT))
    _key(qtbot, window, window, Qt.Key.Key_F8)
    _key(qtbot, window, window, Qt.Key.Key_F, CTRL)
    for field in (tab.find_bar.field, tab.panel.search):
        window.activateWindow()
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        field.setText("")
        QTest.keyClicks(field, "Korea here")
        QTest.keyClick(field, Qt.Key.Key_Backspace, CTRL)
        assert field.text() == "Korea "
        QTest.keyClick(field, Qt.Key.Key_Backspace, CTRL | SHIFT)
        assert _accepted(tab) == [True, True, True, True]  # no review step taken from a text field
    assert not window.actions["undo"].isEnabled()
    tab.panel.search.clear()
    _key(qtbot, window, window, Qt.Key.Key_F8)
    _key(qtbot, window, tab.left, Qt.Key.Key_Backspace, CTRL)  # in a pane it still reverts the change
    assert _accepted(tab).count(False) == 1
