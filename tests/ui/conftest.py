"""Fixtures for window tests: a window with settings on a temporary INI file, and file helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from glyphwash.ui.mainwindow import MainWindow
from glyphwash.ui.settings import Settings
from glyphwash.ui.worker import wait_for_detached

# The offscreen platform plugin warns whenever a top-level window's size constraints change (it
# has no window manager to tell); that message says nothing about our code. Every other Qt
# warning still fails the test.
OFFSCREEN_NOISE = r"This plugin does not support (propagateSizeHints|raise)\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot: QtBot, settings: Settings) -> Iterator[MainWindow]:
    main_window = MainWindow(settings)
    # No test may open a real modal dialog (it would wait forever offscreen): every question fails
    # the test unless the test replaces it; closing at teardown discards review work.
    for name in ("ask_open_paths", "ask_save_path", "ask_save_options", "ask_reinterpret", "ask_allowlist",
                 "ask_unrepresentable", "ask_yes_no", "ask_changed_on_disk", "ask_deleted_on_disk", "ask_open_binary",
                 "show_error", "ask_export_path",
                 "ask_folder"):
        setattr(main_window.prompts, name, _unexpected(name))
    main_window.prompts.ask_unsaved = lambda name: "discard"  # type: ignore[method-assign]
    # Open failures also reach the status bar, which the tests about them read.
    main_window.prompts.show_open_failures = lambda failures: None  # type: ignore[method-assign]
    qtbot.addWidget(main_window)
    main_window.resize(1300, 800)
    main_window.show()
    qtbot.waitExposed(main_window)
    yield main_window
    for tab in main_window.documents():
        tab.release_workers()
    wait_for_detached()


def _unexpected(name: str) -> Callable[..., object]:
    def fail(*args: object) -> object:
        raise AssertionError(f"unexpected dialog: {name}{args!r}")
    return fail
