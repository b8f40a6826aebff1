"""Word wrap off really stops wrapping: in open tabs, new tabs and after a restart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.ui.mainwindow import MainWindow
from glyphwash.ui.settings import Settings
from glyphwash.ui.textpane import TextPane

LONG_LINE = "Korеa " * 400 + "\nshort\n"


def first_line_rows(pane: TextPane) -> int:
    return pane.document().firstBlock().layout().lineCount()


def test_alt_z_unwraps_open_and_new_tabs(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "long.txt", LONG_LINE))
    assert first_line_rows(tab.left) > 1
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.AltModifier)
    assert not window.actions["wrap"].isChecked()
    qtbot.waitUntil(lambda: first_line_rows(tab.left) == 1 and first_line_rows(tab.right) == 1)
    assert tab.left.horizontalScrollBar().maximum() > 0
    second = open_and_wait(qtbot, window, write(tmp_path, "other.txt", LONG_LINE))
    qtbot.waitUntil(lambda: first_line_rows(second.left) == 1 and first_line_rows(second.right) == 1)
    window.actions["wrap"].trigger()
    qtbot.waitUntil(lambda: first_line_rows(second.left) > 1)


def test_wrap_off_survives_a_restart(qtbot: QtBot, window: MainWindow, settings: Settings, tmp_path: Path) -> None:
    window.actions["wrap"].trigger()
    assert settings.wrap is False
    restarted = MainWindow(settings)
    qtbot.addWidget(restarted)
    restarted.resize(1024, 700)
    restarted.show()
    qtbot.waitExposed(restarted)
    restarted.prompts.ask_unsaved = lambda name: "discard"  # type: ignore[method-assign]
    tab = open_and_wait(qtbot, restarted, write(tmp_path, "long.txt", LONG_LINE))
    assert not restarted.actions["wrap"].isChecked()
    qtbot.waitUntil(lambda: first_line_rows(tab.left) == 1)
    assert tab.left.horizontalScrollBar().maximum() > 0
    tab.release_workers()
