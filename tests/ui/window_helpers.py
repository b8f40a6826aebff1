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
