"""Big texts arrive in the panes in chunks: the window shows how far, and the result is whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.ui import textpane
from glyphwash.ui.mainwindow import MainWindow


def test_a_text_inserted_in_chunks_reports_progress_and_arrives_whole(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in (("CHUNK_SIZE", 2000), ("FIRST_CHUNK_SIZE", 500), ("MIN_CHUNK_SIZE", 300),
                        ("MAX_CHUNK_SIZE", 2000)):
        monkeypatch.setattr(textpane, name, value)
    seen: list[int] = []
    text = "".join(f"line {number} Korеa pay\u200bpal\n" for number in range(2000))
    tabs = window.open_paths([str(write(tmp_path, "big.txt", text))])
    tab = tabs[0]
    tab.left.fill_progress.connect(seen.append)
    qtbot.waitUntil(lambda: tab.document is not None and tab.left.fully_formatted and tab.right.fully_formatted,
                    timeout=20000)
    assert tab.document is not None
    assert len(seen) > 5 and seen == sorted(seen) and seen[-1] == 100 and seen[0] < 100
    assert not tab.left_frame.filling.isVisible() and not tab.right_frame.filling.isVisible()
    assert tab.left.document().toPlainText() == tab.document.left.display.text
    assert tab.right.document().toPlainText() == tab.document.right().display.text
    assert tab.left.blockCount() == 2001


def test_a_pane_shows_how_much_of_a_big_text_it_holds(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "small.txt", "Korеa\n"))
    frame = tab.left_frame
    width = frame.pane.width()
    frame.pane.fill_progress.emit(40)
    assert frame.filling.isVisible() and "40%" in frame.filling.text()
    # The pane keeps its width (a new width would re-wrap every line), whatever the captions say.
    frame.caption.setText("a very long caption " * 40)
    for widget in (frame, tab, window):
        if widget.layout() is not None:
            widget.layout().activate()
    QApplication.processEvents()
    assert frame.pane.width() == width
    frame.pane.fill_progress.emit(100)
    assert not frame.filling.isVisible()
    for widget in (frame, tab, window):
        if widget.layout() is not None:
            widget.layout().activate()
    QApplication.processEvents()
    assert frame.pane.width() == width


def test_jumping_to_a_change_not_yet_in_the_pane_lands_there_once_it_arrives(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in (("CHUNK_SIZE", 2000), ("FIRST_CHUNK_SIZE", 500), ("MIN_CHUNK_SIZE", 300),
                        ("MAX_CHUNK_SIZE", 300)):
        monkeypatch.setattr(textpane, name, value)
    text = "plain words\n" * 3000 + "the last Korеa\n"
    tab = window.open_paths([str(write(tmp_path, "late.txt", text))])[0]
    qtbot.waitUntil(lambda: tab.document is not None, timeout=10000)
    assert tab.left.is_loading  # the change is far beyond the first chunk
    tab.go_to_change(0)
    qtbot.waitUntil(lambda: not tab.left.is_loading and not tab.right.is_loading, timeout=20000)
    for pane in (tab.left, tab.right):
        assert pane.textCursor().selectedText() in ("е", "e")
        assert pane.textCursor().blockNumber() == 3000
