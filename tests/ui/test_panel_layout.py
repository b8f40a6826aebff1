"""The review panel at 1024×700: a long change list, columns that fit, a heading that elides."""

from __future__ import annotations

from pathlib import Path

import pytest
from project_paths import SAMPLE_ARTICLE
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait

from glyphwash.ui.mainwindow import MainWindow


def visible_rows(view: QTableView) -> int:
    return view.viewport().height() // view.verticalHeader().defaultSectionSize()


def columns_fit(view: QTableView) -> bool:
    header = view.horizontalHeader()
    return sum(header.sectionSize(column) for column in range(header.count())) <= view.viewport().width()


def open_sample(qtbot: QtBot, window: MainWindow) -> object:
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    tab = open_and_wait(qtbot, window, SAMPLE_ARTICLE)
    QApplication.processEvents()
    return tab


def test_change_list_gets_the_height_and_columns_fit(qtbot: QtBot, window: MainWindow) -> None:
    tab = open_sample(qtbot, window)
    panel = tab.panel  # type: ignore[attr-defined]
    assert visible_rows(panel.change_view) >= 10
    # the summary is as tall as its rows need, not half the panel
    assert panel.group_view.height() <= panel.splitter.height() // 3 + 4
    for view in (panel.group_view, panel.change_view):
        assert columns_fit(view)
        assert view.horizontalScrollBar().maximum() == 0
    kept = panel.group_view
    assert kept.columnWidth(2) >= kept.sizeHintForColumn(2)  # "205 of 205" whole, not "20…"
    caption = tab.right_frame.caption  # type: ignore[attr-defined]
    caption.repaint()
    assert caption.shown_text() == caption.text() or caption.toolTip() == caption.text()


def test_the_summary_height_a_user_drags_is_kept_for_the_next_tab(qtbot: QtBot, window: MainWindow,
                                                                   tmp_path: Path) -> None:
    tab = open_sample(qtbot, window)
    panel = tab.panel  # type: ignore[attr-defined]
    fitted = panel.splitter.sizes()[0]
    handle = panel.splitter.handle(1)
    start = handle.rect().center()
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(handle, start + QPoint(0, 60))
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(0, 60))
    dragged = panel.splitter.sizes()
    assert panel.splitter_chosen
    assert window.close_tab(0)
    second = open_sample(qtbot, window)
    # The summary keeps the dragged height; the change list takes what the new tab's panel has
    # left (its total can differ by a pixel, as the new tab lays out while it loads).
    assert second.panel.splitter.sizes()[0] == dragged[0] != fitted  # type: ignore[attr-defined]


def test_the_rules_unfold_from_their_toggle(qtbot: QtBot, window: MainWindow) -> None:
    tab = open_sample(qtbot, window)
    panel = tab.panel  # type: ignore[attr-defined]
    box = panel.rule_boxes["homoglyphs"]
    assert not box.isVisible()
    assert panel.rules_toggle.text() == f"Rules — {len(panel.enabled_rules())} of {len(panel.rule_boxes)} on"
    QTest.mouseClick(panel.rules_toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(box.isVisible)
    assert visible_rows(panel.change_view) >= 4


def cells_fit_or_explain(view: QTableView) -> list[str]:
    """What is cut without saying it: for each shown column, its header and visible cells either fit
    its width (their size hint) or have the whole text in their tooltip."""
    model = view.model()
    header = view.horizontalHeader()
    problems = []
    rows = range(min(model.rowCount(), visible_rows(view)))
    for column in range(model.columnCount()):
        if view.isColumnHidden(column):
            continue
        width = view.columnWidth(column)
        title = model.headerData(column, Qt.Orientation.Horizontal)
        if header.sectionSizeHint(column) > width and model.headerData(
                column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) != title:
            problems.append(f"header {title!r}")
        if view.sizeHintForColumn(column) <= width:
            continue
        for row in rows:
            index = model.index(row, column)
            text = index.data()
            if text not in (index.data(Qt.ItemDataRole.ToolTipRole) or ""):
                problems.append(f"{title!r} row {row}: {text!r}")
    return problems


@pytest.mark.parametrize(("width", "height"), [(1024, 700), (1600, 1000)])
def test_needed_columns_are_whole_and_a_cut_one_says_it_all(qtbot: QtBot, window: MainWindow, width: int,
                                                            height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width)
    tab = open_and_wait(qtbot, window, SAMPLE_ARTICLE)
    QApplication.processEvents()
    panel = tab.panel
    changes = panel.change_view
    for column in (0, 1, 2):  # Line:Col, Before → after, Rule: whole
        assert changes.columnWidth(column) >= changes.sizeHintForColumn(column), column
    assert panel.group_view.columnWidth(1) >= panel.group_view.sizeHintForColumn(1)  # the kind, whole
    for view in (panel.group_view, changes):
        assert cells_fit_or_explain(view) == []
        assert columns_fit(view)
    assert changes.isColumnHidden(3) == (width == 1024)  # the reason, when there is room for it
    # the panes keep most of the window
    assert tab.panes.width() >= width // 2


@pytest.mark.parametrize("size", [(1600, 1000), (1024, 700)])
def test_both_panes_wrap_a_line_alike(qtbot: QtBot, window: MainWindow, size: tuple[int, int]) -> None:
    """One-for-one replacements keep each line as long, so each line takes as many rows on both sides.

    At 1600×1000 the original fitted without a scroll bar while the cleaned text, 12 px narrower
    beside its scroll bar, wrapped more and needed one: side by side, the lines drifted apart.
    """
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    tab = open_and_wait(qtbot, window, SAMPLE_ARTICLE)
    QApplication.processEvents()
    left, right = tab.left, tab.right
    assert abs(left.viewport().width() - right.viewport().width()) <= 1  # an odd width splits unevenly
    rows = [[pane.document().findBlockByNumber(number).layout().lineCount()
             for number in range(pane.document().blockCount())] for pane in (left, right)]
    assert rows[0] == rows[1]
