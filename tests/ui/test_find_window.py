"""Find (Ctrl+F) and Go to line (Ctrl+G), driven with the keyboard as a user does."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.ui.document_tab import DocumentTab
from glyphwash.ui.goto_line import GoToLineDialog
from glyphwash.ui.mainwindow import MainWindow
from glyphwash.ui.textpane import TextPane

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
# 😀 is two UTF-16 units: Qt's positions after it are one more than the code points.
TEXT = "😀 Intro.\nKorеa and Ko\u200brea and KOREA.\nNothing here.\nLast Korea\n"


def _selected(pane: TextPane) -> str:
    return pane.textCursor().selectedText()


def _focus(qtbot: QtBot, window: MainWindow, pane: TextPane) -> None:
    window.activateWindow()
    pane.setFocus()
    qtbot.waitUntil(pane.hasFocus)


def _find(qtbot: QtBot, window: MainWindow, tab: DocumentTab, pane: TextPane, query: str) -> None:
    _focus(qtbot, window, pane)
    QTest.keyClick(pane, Qt.Key.Key_F, CTRL)
    assert tab.find_bar.isVisible()
    qtbot.waitUntil(tab.find_bar.field.hasFocus)
    QTest.keyClicks(tab.find_bar.field, query)


def test_ctrl_f_finds_across_hidden_characters_in_the_original(qtbot: QtBot, window: MainWindow,
                                                               tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "a.txt", TEXT))
    _find(qtbot, window, tab, tab.left, "Korea")
    bar = tab.find_bar
    qtbot.waitUntil(lambda: bar.count_label.text() == "1 of 4")
    # The Cyrillic е is shown as itself; the zero-width space as a stand-in label, inside the match.
    assert _selected(tab.left) == "Korеa"
    assert len(bar.highlighted()) == 4  # every match on screen is marked
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count_label.text() == "2 of 4"
    assert _selected(tab.left).startswith("Ko") and _selected(tab.left).endswith("rea")
    start, end = bar.matches.span(1)
    assert tab.document.decoded.text[start:end] == "Ko\u200brea"
    QTest.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.count_label.text() == "3 of 4"
    assert _selected(tab.left) == "KOREA"
    QTest.keyClick(bar.field, Qt.Key.Key_Return, SHIFT)
    assert bar.count_label.text() == "2 of 4"
    QTest.keyClick(bar.field, Qt.Key.Key_F3, SHIFT)
    QTest.keyClick(bar.field, Qt.Key.Key_F3, SHIFT)
    assert bar.count_label.text() == "4 of 4"  # round from the first to the last
    assert _selected(tab.left) == "Korea"
    # Qt's position counts the emoji as two units (and the stand-in label's width), the model's in code points.
    offset = TEXT.rindex("Korea")
    assert bar.matches.span(3) == (offset, offset + 5)
    assert tab.left.textCursor().selectionStart() == tab.left.model.layout.display.to_display(offset) > offset + 1
    QTest.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert tab.left.extraSelections() == []
    assert tab.left.hasFocus()


def test_esc_in_a_pane_closes_the_bar_and_only_then(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "a.txt", TEXT))
    _find(qtbot, window, tab, tab.left, "Korea")
    bar = tab.find_bar
    qtbot.waitUntil(lambda: bar.count_label.text() == "1 of 4")
    _focus(qtbot, window, tab.right)
    QTest.keyClick(tab.right, Qt.Key.Key_F3)  # on from the pane, as users do
    assert bar.count_label.text() == "2 of 4"
    QTest.keyClick(tab.right, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert not any(shortcut.isEnabled() for shortcut in bar._escapes)  # Esc is the pane's own again


def test_exact_and_match_case_options(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "a.txt", TEXT))
    _find(qtbot, window, tab, tab.left, "Korea")
    bar = tab.find_bar
    qtbot.waitUntil(lambda: bar.count_label.text() == "1 of 4")
    QTest.mouseClick(bar.exact, Qt.MouseButton.LeftButton)
    assert bar.count_label.text() == "1 of 2"  # KOREA and the last Korea
    QTest.mouseClick(bar.match_case, Qt.MouseButton.LeftButton)
    assert bar.count_label.text() == "1 of 1"
    assert _selected(tab.left) == "Korea"
    bar.field.selectAll()
    QTest.keyClicks(bar.field, "Japan")
    assert bar.count_label.text() == "No matches"


def test_find_in_the_cleaned_pane_searches_the_cleaned_text(qtbot: QtBot, window: MainWindow,
                                                            tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "a.txt", TEXT))
    _find(qtbot, window, tab, tab.right, "Korea")
    bar = tab.find_bar
    assert bar.pane is tab.right
    assert bar.scope.text() == "In cleaned:"
    qtbot.waitUntil(lambda: bar.count_label.text() == "1 of 4")
    assert _selected(tab.right) == "Korea"  # cleaned: the Latin e
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    assert _selected(tab.right) == "Korea"  # the zero-width space is gone there


def test_ctrl_g_goes_to_a_line_and_column_in_both_panes(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    lines = [f"line {number} Korеa" for number in range(1, 301)]
    tab = open_and_wait(qtbot, window, write(tmp_path, "a.txt", "\n".join(lines) + "\n"))
    _focus(qtbot, window, tab.left)
    QTest.keyClick(tab.left, Qt.Key.Key_G, CTRL)
    dialog = window.findChild(GoToLineDialog)
    assert dialog is not None and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.field.selectAll()
    QTest.keyClicks(dialog.field, "999")
    assert not ok.isEnabled()
    assert "301 lines" in dialog.hint.text()  # as the gutter counts: the empty last one too
    QTest.keyClick(dialog.field, Qt.Key.Key_Return)
    assert dialog.isVisible()  # an invalid target does nothing
    dialog.field.selectAll()
    QTest.keyClicks(dialog.field, "abc")
    assert not ok.isEnabled()
    dialog.field.selectAll()
    QTest.keyClicks(dialog.field, "250:6")
    assert ok.isEnabled()
    QTest.keyClick(dialog.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    document = tab.left.document()
    cursor = tab.left.textCursor()
    assert cursor.blockNumber() == 249
    assert cursor.positionInBlock() == 5
    assert tab.right.textCursor().blockNumber() == 249
    # Both panes show it (scrolled together).
    for pane in (tab.left, tab.right):
        first = pane.firstVisibleBlock().blockNumber()
        assert first <= 249 < first + 60
    assert document.findBlockByNumber(249).text().startswith("line 250")
    QApplication.processEvents()
