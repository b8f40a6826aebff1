"""An emoji ZWJ sequence is drawn as the emoji in both panes; a stray ZWJ keeps its stand-in."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.ui.mainwindow import MainWindow

TECHNOLOGIST = "👩\u200d💻"


def test_emoji_sequences_are_not_split_by_a_zwj_box(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "emoji.txt", f"Team {TECHNOLOGIST} ok\npay\u200dpal\n"))
    for pane in (tab.left, tab.right):
        first = pane.document().findBlockByNumber(0)
        assert first.text() == f"Team {TECHNOLOGIST} ok"
        assert not list(first.layout().formats())
    assert tab.left.document().findBlockByNumber(1).text() == "payZWJpal"
    assert tab.right.document().findBlockByNumber(1).text() == "paypal"
