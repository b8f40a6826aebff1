"""A reverted change stands out in both panes, light and dark, and the legend says how."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextCharFormat
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.ui import colors, help
from glyphwash.ui.document_tab import DocumentTab
from glyphwash.ui.mainwindow import MainWindow
from glyphwash.ui.textpane import TextPane


def format_at(pane: TextPane, position: int) -> QTextCharFormat:
    ranges = pane.document().firstBlock().layout().formats()
    found = next(item for item in ranges if item.start <= position < item.start + item.length)
    return QTextCharFormat(found.format)


def dark(palette: QPalette) -> QPalette:
    palette = QPalette(palette)
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    return palette


def reverted_row(qtbot: QtBot, window: MainWindow, tmp_path: Path, theme: str, row: int) -> tuple[DocumentTab, QColor]:
    """Open "Korеa pay<ZWSP>pal" in ``theme``, revert change ``row`` with Space in the change list;
    the tab, and the reverted style's colour in that theme."""
    if theme == "dark":
        window.setPalette(dark(window.palette()))
    tab = open_and_wait(qtbot, window, write(tmp_path, "r.txt", "Korеa pay\u200bpal\n"))
    view = tab.panel.change_view
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, 0))
    QTest.keyClick(view.viewport(), Qt.Key.Key_Space)
    assert tab.document is not None and list(tab.document.state.accepted) == [int(index != row) for index in range(2)]
    return tab, QColor(colors.REVERTED_DARK if theme == "dark" else colors.REVERTED_LIGHT)


def hatched(pane: TextPane, position: int) -> bool:
    return format_at(pane, position).background().style() == Qt.BrushStyle.BDiagPattern


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_reverted_change_is_hatched_in_both_panes(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                    theme: str) -> None:
    tab, neutral = reverted_row(qtbot, window, tmp_path, theme, 0)
    for pane in (tab.left, tab.right):
        qtbot.waitUntil(lambda pane=pane: hatched(pane, 3))
        reverted = format_at(pane, 3)
        assert reverted.background().color() == neutral
        assert reverted.underlineStyle() == QTextCharFormat.UnderlineStyle.SingleUnderline
        assert reverted.underlineColor() == neutral
    accepted = format_at(tab.left, 9)
    assert accepted.background().style() == Qt.BrushStyle.SolidPattern


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_reverted_hidden_character_is_hatched_in_both_panes(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                              theme: str) -> None:
    # A ZWSP, NBSP or RLO is shown as a labelled box: reverted, the box is hatched, not the rule's solid colour.
    tab, neutral = reverted_row(qtbot, window, tmp_path, theme, 1)
    for pane in (tab.left, tab.right):
        qtbot.waitUntil(lambda pane=pane: hatched(pane, 9))
        assert format_at(pane, 9).background().color() == neutral
        assert format_at(pane, 9).foreground().color() != QColor("#ffffff")
    QTest.keyClick(tab.panel.change_view.viewport(), Qt.Key.Key_Space)  # restored: the rule's solid box again
    qtbot.waitUntil(lambda: format_at(tab.left, 9).background().style() == Qt.BrushStyle.SolidPattern)


def test_the_legend_shows_the_reverted_style(window: MainWindow) -> None:
    document = help.legend_document(window)
    assert colors.REVERTED_DESCRIPTION in document.toPlainText()
