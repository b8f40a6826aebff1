"""After a save the window says what was written and that the file now holds the cleaned text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.ui.mainwindow import MainWindow


def test_ctrl_s_over_the_original_shows_what_was_written(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "news.txt", "Korеa\npay\u200bpal\n")
    tab = open_and_wait(qtbot, window, path)
    monkeypatch.setattr(window.prompts, "ask_yes_no", lambda title, text: True)
    assert "saved" not in tab.right_frame.caption.text()
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert path.read_text(encoding="utf-8") == "Korea\npaypal\n"
    [banner] = [banner for banner in tab.banners() if banner.kind == "saved"]
    qtbot.waitUntil(banner.isVisible)
    text = banner.message.text()
    assert str(path.resolve()) in text and "utf-8" in text and "news.txt.bak" in text
    assert window.statusBar().currentMessage() == text
    assert tab.right_frame.caption.text().startswith("Cleaned — saved to news.txt")
    assert not window.windowTitle().startswith("news.txt*")
    # a new review step makes the file and the pane differ again: the caption says so no more
    tab.toggle_change(0, False)
    assert "saved to" not in tab.right_frame.caption.text()
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert len([banner for banner in tab.banners() if banner.kind == "saved"]) == 1
    assert tab.right_frame.caption.text().startswith("Cleaned — saved to news.txt")
