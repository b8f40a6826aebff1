"""Very long lines: shown in pieces (with a notice and continuation marks), reviewed and saved whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.core.view import display
from glyphwash.ui.document_tab import DocumentTab
from glyphwash.ui.mainwindow import MainWindow
from glyphwash.ui.textpane import CONTINUATION

LIMIT = 40
LONG_LINE = "Korеa and pay\u200bpal words " * 30  # 750 characters: cut into pieces of at most 40


@pytest.fixture
def tab(qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DocumentTab:
    monkeypatch.setattr(display, "LINE_LIMIT", LIMIT)
    opened = open_and_wait(qtbot, window, write(tmp_path, "long.txt", f"first Korеa\n{LONG_LINE}\nlast\n"))
    qtbot.waitUntil(lambda: opened.left.fully_formatted and opened.right.fully_formatted, timeout=10000)
    return opened


def labels(tab: DocumentTab, left: bool = True) -> list[str]:
    pane = tab.left if left else tab.right
    block = pane.document().firstBlock()
    found = []
    while block.isValid():
        found.append(pane.line_label(block))
        block = block.next()
    return found


def test_a_long_line_is_shown_in_pieces_with_a_notice(tab: DocumentTab) -> None:
    assert tab.document is not None
    assert [banner.kind for banner in tab.banners()] == ["long-lines"]
    shown = labels(tab)
    assert shown[:2] == ["1", "2"] and shown[-2:] == ["3", "4"]
    assert set(shown[2:-2]) == {CONTINUATION} and len(shown) > 15
    assert all(len(block) <= LIMIT + 3 * 4 for block in tab.left.document().toPlainText().split("\n"))  # ZWSP labels
    assert labels(tab, left=False)[-2:] == ["3", "4"]
    assert tab.right.document().toPlainText() == tab.document.right().display.text
    # Only the display is cut: the cleaned text keeps the file's lines.
    cleaned_line = LONG_LINE.replace("е", "e").replace("\u200b", "")
    assert tab.document.normalized_text() == f"first Korea\n{cleaned_line}\nlast\n"


def test_reverting_in_a_long_line_updates_both_panes(tab: DocumentTab) -> None:
    assert tab.document is not None
    state = tab.document.state
    group = next(index for index, group in enumerate(state.groups) if group.rule == "invisible")
    tab.toggle_group(group, False)
    assert tab.right.document().toPlainText() == tab.document.right().display.text
    assert "ZWSP" in tab.right.document().toPlainText()
    tab.undo()
    assert tab.right.document().toPlainText() == tab.document.right().display.text
    assert "ZWSP" not in tab.right.document().toPlainText()


def test_jumping_to_a_change_in_a_piece_selects_it(tab: DocumentTab) -> None:
    assert tab.document is not None
    last = tab.document.state.count - 1
    tab.go_to_change(last)
    change = tab.document.changes[last]
    cursor = tab.left.textCursor()
    selected = cursor.selectedText()
    assert selected == ("ZWSP" if change.original == "\u200b" else change.original)
    assert tab.left.line_label(cursor.block()) == CONTINUATION


def test_the_overview_strip_counts_pieces(tab: DocumentTab) -> None:
    assert tab.document is not None
    document = tab.document
    blocks = document.block_total()
    assert blocks == tab.left.blockCount()
    # A click halfway down lands halfway along the long line, not at its start.
    tab._strip_clicked(0.5)
    middle = document.offset_of_block(round(0.5 * (blocks - 1)))
    assert tab.current_change is not None
    assert document.changes[tab.current_change].offset >= middle > len("first Korea\n") + 300
    tab._strip_clicked(0.0)
    assert tab.current_change == 0


def test_copying_from_a_pane_gives_the_text_not_its_display(tab: DocumentTab) -> None:
    assert tab.document is not None
    for pane, text in ((tab.left, tab.document.decoded.text), (tab.right, tab.document.normalized_text())):
        pane.selectAll()
        assert pane.createMimeDataFromSelection().text() == text  # no display breaks, hidden characters back
    tab.left.select_range(tab.document.left.change_starts[1], tab.document.left.change_ends[1])
    assert tab.left.createMimeDataFromSelection().text() == tab.document.changes[1].original
