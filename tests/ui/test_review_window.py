"""The side-by-side review: formats at UTF-16 positions, stand-ins, hover, sync, navigation, reverts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QHelpEvent, QTextLayout
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QToolTip
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.ui.document_tab import DocumentTab
from glyphwash.ui.mainwindow import MainWindow
from glyphwash.ui.textpane import TextPane


def formats(pane: TextPane, block: int = 0) -> list[QTextLayout.FormatRange]:
    return list(pane.document().findBlockByNumber(block).layout().formats())


def spans(pane: TextPane, block: int = 0) -> list[tuple[int, int]]:
    return [(item.start, item.length) for item in formats(pane, block)]


def format_at(pane: TextPane, start: int, block: int = 0) -> QTextLayout.FormatRange:
    return next(item for item in formats(pane, block) if item.start == start)


@pytest.fixture
def tab(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> DocumentTab:
    # astral emoji first: every later Qt position is one more than the code point offset
    return open_and_wait(qtbot, window, write(tmp_path, "astral.txt", "😀 Korеa said\u200b hi\n"))


def test_both_panes_get_formats_at_utf16_positions_after_astral(tab: DocumentTab) -> None:
    assert tab.document is not None
    assert [change.offset for change in tab.document.changes] == [5, 12]
    # left: 'е' at code point 5 is UTF-16 position 6; the ZWSP at 12 shows as a 4-unit stand-in at 13
    assert (6, 1) in spans(tab.left)
    assert (13, 4) in spans(tab.left)
    assert format_at(tab.left, 6).format.background().style() != Qt.BrushStyle.NoBrush
    # right: "😀 Korea said hi" — the homoglyph is now a plain 'e' at 6, the ZWSP is gone
    assert tab.right.document().toPlainText().startswith("😀 Korea said hi")
    assert (6, 1) in spans(tab.right)
    assert tab.left.document().toPlainText().startswith("😀 Korеa saidZWSP hi")


def test_stand_ins_for_invisibles_and_bidi(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "bidi.txt", "abc\u202eevil\u202c ok\u00a0x\n"))
    text = tab.left.document().toPlainText()
    assert text.startswith("abcRLOevilPDF okNBSPx")
    assert "\u202e" not in text
    assert (3, 3) in spans(tab.left)
    assert {banner.kind for banner in tab.banners()} >= {"bidi"}


def test_hidden_tag_text_is_shown_and_announced(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "tags.txt", "x\U000e0068\U000e0069 y\n"))
    assert tab.left.document().toPlainText().startswith("xhi y")
    hidden = [banner for banner in tab.banners() if banner.kind == "hidden-text"]
    assert hidden and "“hi”" in hidden[0].message.text()


def test_hover_explains_a_change(qtbot: QtBot, tab: DocumentTab) -> None:
    assert tab.document is not None
    text = tab.left.tooltip_provider(0) if tab.left.tooltip_provider else ""
    assert "U+0435 CYRILLIC SMALL LETTER IE" in text
    assert "U+0065 LATIN SMALL LETTER E" in text
    assert "homoglyphs" in text
    assert tab.document.changes[0].reason in text
    deleted = tab.right.tooltip_provider(1) if tab.right.tooltip_provider else ""
    assert "ZERO WIDTH SPACE" in deleted and "removed" in deleted
    # a real tooltip event over the changed character
    cursor = tab.left.textCursor()
    cursor.setPosition(6)
    rect = tab.left.cursorRect(cursor)
    point = QPoint(rect.left() + 3, rect.center().y())
    assert tab.left.change_under(point) == 0
    event = QHelpEvent(QEvent.Type.ToolTip, point, tab.left.viewport().mapToGlobal(point))
    QApplication.sendEvent(tab.left.viewport(), event)
    qtbot.waitUntil(lambda: "CYRILLIC SMALL LETTER IE" in QToolTip.text())
    QToolTip.hideText()


def test_status_bar_inspector(window: MainWindow, tab: DocumentTab) -> None:
    cursor = tab.left.textCursor()
    cursor.setPosition(6)
    tab.left.setTextCursor(cursor)
    assert "U+0435 CYRILLIC SMALL LETTER IE · Cyrillic · Ln 1, Col 6" in window.inspector.text()
    cursor.setPosition(0)
    tab.left.setTextCursor(cursor)
    assert "U+1F600" in window.inspector.text()


def test_next_and_previous_move_both_panes(window: MainWindow, tab: DocumentTab) -> None:
    window.actions["next"].trigger()
    assert tab.current_change == 0
    assert tab.left.textCursor().selectionStart() == 6 and tab.left.textCursor().selectionEnd() == 7
    assert tab.right.textCursor().selectionStart() == 6
    window.actions["next"].trigger()
    assert tab.current_change == 1
    assert (tab.left.textCursor().selectionStart(), tab.left.textCursor().selectionEnd()) == (13, 17)
    window.actions["previous"].trigger()
    assert tab.current_change == 0
    assert tab.panel.change_view.currentIndex().row() == 0
    assert window.actions["next"].shortcut().toString() == "F8"
    assert window.actions["previous"].shortcut().toString() == "Shift+F8"


def test_scrolling_is_synchronized_both_ways(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    lines = "".join(f"line {number} with Korеa and pay\u200bpal\n" for number in range(400))
    tab = open_and_wait(qtbot, window, write(tmp_path, "long.txt", lines))
    tab.left.verticalScrollBar().setValue(120)
    assert tab.right.firstVisibleBlock().blockNumber() == tab.left.firstVisibleBlock().blockNumber()
    assert tab.right.firstVisibleBlock().blockNumber() > 50
    tab.right.verticalScrollBar().setValue(30)
    assert tab.left.firstVisibleBlock().blockNumber() == tab.right.firstVisibleBlock().blockNumber()
    window.set_wrap(False)
    tab.left.verticalScrollBar().setValue(200)
    assert tab.right.verticalScrollBar().value() == 200


def test_visible_blocks_are_formatted_before_returning(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    lines = "".join(f"line {number} Korеa\n" for number in range(3000))
    tab = open_and_wait(qtbot, window, write(tmp_path, "many.txt", lines))
    assert formats(tab.left, 0) and formats(tab.right, 0)
    qtbot.waitUntil(lambda: tab.left.fully_formatted and tab.right.fully_formatted, timeout=20000)
    assert spans(tab.left, 2999) == [(13, 1)]
    strip = tab.left_frame.strip
    assert strip.mark_count == 3000


def test_group_revert_updates_right_pane_counts_and_undo(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "g.txt", "Korеa\nKorеa\npay\u200bpal\n"))
    assert tab.document is not None
    state = tab.document.state
    assert state.count == 3
    group = next(index for index, group in enumerate(state.groups) if group.rule == "homoglyphs")
    model = tab.panel.groups
    assert model.data(model.index(group, 0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    model.setData(model.index(group, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert tab.right.document().toPlainText().startswith("Korеa\nKorеa\npaypal")
    assert "3 changes" in window.counts.text() and "1 accepted" in window.counts.text()
    assert "2 reverted" in tab.panel.counts.text()
    assert window.windowTitle().startswith("g.txt*")
    assert window.actions["undo"].isEnabled()
    window.actions["undo"].trigger()
    assert tab.right.document().toPlainText().startswith("Korea\nKorea\npaypal")
    assert window.windowTitle().startswith("g.txt*")  # the cleaning itself is still unsaved
    window.actions["redo"].trigger()
    assert tab.right.document().toPlainText().startswith("Korеa\nKorеa\npaypal")
    assert window.actions["undo"].shortcut().toString() == "Ctrl+Z"
    assert window.actions["redo"].shortcut().toString() == "Ctrl+Shift+Z"


def test_single_revert_from_list_and_context_menu(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "s.txt", "Korеa\nKorеa\npay\u200bpal\n"))
    assert tab.document is not None
    changes = tab.panel.changes
    changes.setData(changes.index(1, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert tab.right.document().toPlainText().startswith("Korea\nKorеa\npaypal")
    assert changes.data(changes.index(1, 0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    group = tab.document.state.group_of[1]
    groups = tab.panel.groups
    assert groups.data(groups.index(group, 0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.PartiallyChecked
    # the pane's context menu offers revert/restore for the change under the mouse
    menu = QMenu()
    assert tab.left.context_menu_hook is not None
    tab.left.context_menu_hook(menu, 2)
    revert = next(action for action in menu.actions() if action.text().startswith("Revert this change"))
    revert.trigger()
    assert tab.right.document().toPlainText().startswith("Korea\nKorеa\npayZWSPpal")
    assert tab.document.state.reverted_count == 2
    window.actions["undo"].trigger()
    window.actions["undo"].trigger()
    assert tab.document.state.reverted_count == 0
    menu.deleteLater()


def character_point(pane: TextPane, position: int) -> QPoint:
    """The viewport point in the middle of the character at display ``position``, scrolled into view."""
    cursor = pane.textCursor()
    cursor.setPosition(pane.to_qt(position))
    pane.setTextCursor(cursor)
    pane.ensureCursorVisible()
    left = pane.cursorRect(cursor)
    cursor.setPosition(pane.to_qt(position + 1))
    right = pane.cursorRect(cursor)
    return QPoint((left.left() + right.left()) // 2, left.center().y())


def right_click(pane: TextPane, point: QPoint) -> list[str]:
    """Send a real right-button context menu event at viewport ``point``; the texts of the menu it built."""
    shown: list[list[str]] = []

    def record(menu: QMenu, _where: QPoint) -> None:
        shown.append([action.text() for action in menu.actions()])
        pane.last_menu = menu  # type: ignore[attr-defined]

    pane.show_menu = record  # type: ignore[method-assign]
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, pane.viewport().mapToGlobal(point))
    QApplication.sendEvent(pane.viewport(), event)
    assert len(shown) == 1
    return shown[0]


@pytest.mark.parametrize("wrap", [True, False])
@pytest.mark.parametrize("side", ["left", "right"])
def test_context_menu_acts_on_the_change_under_the_mouse(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                          side: str, wrap: bool) -> None:
    # the second Cyrillic е is far along a long line: on a wrapped row, or scrolled to sideways
    text = "Korеa " + "filler " * 60 + "North Korеa end\n"
    window.set_wrap(wrap)
    tab = open_and_wait(qtbot, window, write(tmp_path, "m.txt", text))
    assert tab.document is not None and tab.document.state.count == 2
    pane = tab.left if side == "left" else tab.right
    assert pane.model is not None and pane.viewportMargins().left() > 0  # the line-number margin is there
    start = pane.model.layout.change_starts[1]
    point = character_point(pane, start)
    if wrap:
        assert point.y() > character_point(pane, 0).y() + pane.fontMetrics().height()  # not on the first row
        point = character_point(pane, start)
    one_left = QPoint(pane.fontMetrics().horizontalAdvance("r"), 0)
    assert not any(item.startswith("Revert this change") for item in right_click(pane, point - one_left))
    texts = right_click(pane, point)
    assert "Revert this change (keep the original)" in texts
    revert = next(action for action in pane.last_menu.actions()  # type: ignore[attr-defined]
                  if action.text().startswith("Revert this change"))
    revert.trigger()
    state = tab.document.state
    assert not state.is_accepted(1) and state.is_accepted(0)
    assert "Restore this change" in right_click(pane, character_point(pane, pane.model.layout.change_starts[1]))


def test_keyboard_context_menu_is_about_the_text_cursor(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "k.txt", "plain words then Korеa\n"))
    pane = tab.left
    assert pane.model is not None
    seen: list[int | None] = []
    pane.context_menu_hook = lambda menu, change: seen.append(change)
    pane.show_menu = lambda menu, where: None  # type: ignore[method-assign]
    character_point(pane, pane.model.layout.change_starts[0])  # the text cursor on the е
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(2, 2), pane.mapToGlobal(QPoint(2, 2)))
    QApplication.sendEvent(pane, event)
    assert seen == [0]


def test_rule_toggle_updates_live_and_keeps_decisions(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "r.txt", "Korеa and pay\u200bpal\n"))
    assert tab.document is not None
    tab.toggle_change(0, False)
    with qtbot.waitSignal(tab.reanalyzed, timeout=10000):
        tab.panel.rule_boxes["invisible"].setChecked(False)
    assert tab.document.state.count == 1
    assert tab.document.state.reverted_count == 1  # the homoglyph revert survived
    assert tab.right.document().toPlainText().startswith("Korеa and payZWSPpal")
    assert "invisible" not in window.settings.rules


def test_sample_shows_205_colored_characters_on_first_paint(qtbot: QtBot, window: MainWindow,
                                                            sample_article: Path) -> None:
    tab = open_and_wait(qtbot, window, sample_article)
    assert tab.document is not None and tab.document.changed_characters == 205
    qtbot.waitUntil(lambda: tab.left.fully_formatted and tab.right.fully_formatted)
    colored = [sum(item.length for item in formats(pane, number) if item.format.background().style()
                   != Qt.BrushStyle.NoBrush) for pane in (tab.left, tab.right)
               for number in range(pane.blockCount())]
    assert sum(colored) == 2 * 205


def test_the_change_list_fits_the_last_line_number(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    # Only the visible rows are measured; the last change, far down, has the widest Line:Col.
    text = "Korеa\n" * 60 + "p\n" * 200_000 + "Korеa\n"  # the last row is out of sight
    tab = open_and_wait(qtbot, window, write(tmp_path, "far.txt", text))
    view = tab.panel.change_view
    assert view.horizontalHeader().resizeContentsPrecision() == 0
    check_box = view.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
    assert view.columnWidth(0) >= view.fontMetrics().horizontalAdvance("200061:4") + check_box


def test_the_overview_strip_draws_a_tick_per_row_and_greys_reverted_ones(qtbot: QtBot, window: MainWindow,
                                                                         tmp_path: Path) -> None:
    from glyphwash.ui import colors

    tab = open_and_wait(qtbot, window, write(tmp_path, "ticks.txt", "Korеa\n" + "plain\n" * 400))
    strip = tab.left_frame.strip

    def tick_color() -> str:
        return strip.grab().toImage().pixelColor(strip.width() // 2, 2).name()

    assert tick_color() == colors.strong("homoglyphs").name()
    tab.toggle_all(False)
    assert tick_color() == "#adb5bd"
    strip.resize(strip.width(), strip.height() + 40)  # a new size draws the ticks again
    assert tick_color() == "#adb5bd"
