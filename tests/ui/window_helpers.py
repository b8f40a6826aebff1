"""Helpers for window tests: open a file and wait until it is shown, write a test file."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from glyphwash.ui.document_tab import DocumentTab
from glyphwash.ui.mainwindow import MainWindow


def open_and_wait(qtbot: QtBot, window: MainWindow, path: Path) -> DocumentTab:
    """Open ``path`` and wait until both panes show it."""
    tabs = window.open_paths([str(path)])
    assert len(tabs) == 1
    tab = tabs[0]
    qtbot.waitUntil(lambda: tab.document is not None and not tab.progress_row.isVisible(), timeout=10000)
    return tab


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def change_background(tab: DocumentTab) -> str:
    """The background color of the first change in the left pane, as the pane formats it."""
    pane = tab.left
    assert pane.model is not None
    start = pane.model.layout.change_starts[0]
    block = pane.document().findBlockByNumber(0)
    found = next(item for item in block.layout().formats() if item.start == start)
    return found.format.background().color().name()
