"""Two tabs of files with the same name show their folders; the tooltip gives the full path."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.ui.mainwindow import MainWindow


def test_same_named_files_show_their_folders(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    (tmp_path / "draft").mkdir()
    (tmp_path / "final").mkdir()
    first = open_and_wait(qtbot, window, write(tmp_path / "draft", "notes.txt", "Korеa\n"))
    assert window.tabs.tabText(0) == "notes.txt*"
    open_and_wait(qtbot, window, write(tmp_path / "final", "notes.txt", "plain\n"))
    bar = window.tabs.tabBar()
    assert [bar.tabText(index) for index in range(2)] == ["notes.txt — draft*", "notes.txt — final"]
    assert bar.tabToolTip(1) == str((tmp_path / "final" / "notes.txt").resolve())
    assert window.close_tab(1)
    assert bar.tabText(window.tabs.indexOf(first)) == "notes.txt*"
