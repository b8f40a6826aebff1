"""Uncaught exceptions in the window: a dialog with copyable details, a log file, documents kept."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.ui import app, crash
from glyphwash.ui.crash import CrashDialog, CrashHandler
from glyphwash.ui.mainwindow import MainWindow
from glyphwash.ui.settings import Settings

Shown = list[tuple[str, str, "Path | None"]]


@pytest.fixture
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    return folder


@pytest.fixture
def handler(window: MainWindow, state_home: Path) -> Iterator[tuple[CrashHandler, Shown]]:
    shown: Shown = []
    crash_handler = CrashHandler(window, prompt=lambda summary, details, log: shown.append((summary, details, log)))
    crash_handler.install()
    yield crash_handler, shown
    crash_handler.uninstall()


def test_state_dir_follows_xdg_and_falls_back_to_local_state(tmp_path: Path) -> None:
    assert crash.state_dir({"XDG_STATE_HOME": str(tmp_path)}) == tmp_path / "glyphwash"
    assert crash.state_dir({"HOME": "/home/u"}) == Path("/home/u/.local/state/glyphwash")
    assert crash.state_dir({"HOME": "/home/u", "XDG_STATE_HOME": "relative"}) == \
        Path("/home/u/.local/state/glyphwash")


def test_install_and_uninstall_restore_the_hooks(window: MainWindow) -> None:
    before = (sys.excepthook, threading.excepthook)
    handler = CrashHandler(window, prompt=lambda *args: None)
    handler.install()
    assert sys.excepthook == handler.excepthook and threading.excepthook == handler.thread_excepthook
    handler.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_shows_details_logs_and_keeps_documents(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, handler: tuple[CrashHandler, Shown],
        state_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    crash_handler, shown = handler
    tab = open_and_wait(qtbot, window, write(tmp_path, "keep.txt", "Korеa\nKorеa\n"))
    tab.toggle_change(0, False)  # unsaved review work

    def failing_slot() -> None:
        raise ValueError("boom in a slot \u202e reordered?")

    with qtbot.waitSignal(crash_handler.shown, timeout=5000):
        QTimer.singleShot(0, failing_slot)
    assert len(shown) == 1
    summary, details, log = shown[0]
    assert summary == "ValueError: boom in a slot <RLO> reordered?"
    assert "Traceback (most recent call last)" in details and "failing_slot" in details
    assert "\u202e" not in details
    assert log == state_home / "glyphwash" / "crash.log"
    assert "ValueError: boom in a slot <RLO> reordered?" in log.read_text(encoding="utf-8")
    # the window and its documents are still there, review work included
    assert window.isVisible() and window.tabs.count() == 1
    assert tab.document is not None and tab.document.state.reverted_count == 1 and tab.has_unsaved_work
    assert "ValueError" in capsys.readouterr().err


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_python_thread_is_shown_on_the_gui_thread(
        qtbot: QtBot, handler: tuple[CrashHandler, Shown], state_home: Path) -> None:
    crash_handler, shown = handler
    gui_thread = threading.current_thread()
    threads: list[threading.Thread] = []
    crash_handler.prompt = lambda summary, details, log: (shown.append((summary, details, log)),
                                                           threads.append(threading.current_thread()))

    def work() -> None:
        raise OSError("worker failed")

    with qtbot.waitSignal(crash_handler.shown, timeout=5000):
        thread = threading.Thread(target=work, name="loader")
        thread.start()
        thread.join()
    assert shown[0][0] == "OSError: worker failed"
    assert "In thread loader" in shown[0][1]
    assert threads == [gui_thread]
    assert (state_home / "glyphwash" / "crash.log").is_file()


def test_repeated_failure_is_logged_each_time_but_shown_once(
        qtbot: QtBot, handler: tuple[CrashHandler, Shown], state_home: Path) -> None:
    crash_handler, shown = handler
    for _ in range(3):
        try:
            raise RuntimeError("paint failed")
        except RuntimeError as error:
            with qtbot.waitSignal(crash_handler.shown, timeout=5000):
                crash_handler.excepthook(type(error), error, error.__traceback__)
    assert len(shown) == 1 and crash_handler.reports == 3
    assert (state_home / "glyphwash" / "crash.log").read_text(encoding="utf-8").count("RuntimeError: paint failed") == 3


def test_unwritable_log_still_shows_the_dialog(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    shown: Shown = []
    crash_handler = CrashHandler(window, prompt=lambda *args: shown.append(args), log_folder=blocker / "glyphwash")
    try:
        raise KeyError("k")
    except KeyError as error:
        with qtbot.waitSignal(crash_handler.shown, timeout=5000):
            assert crash_handler.handle((type(error), error, error.__traceback__)) is None
    assert shown and shown[0][2] is None


def test_dialog_shows_details_and_copies_them(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = CrashDialog("ValueError: x", "Traceback ...\nValueError: x", tmp_path / "crash.log")
    qtbot.addWidget(dialog)
    assert dialog.details.toPlainText() == "Traceback ...\nValueError: x"
    assert dialog.details.isReadOnly()
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == "Traceback ...\nValueError: x"
    assert dialog.isVisible() is False  # copying does not close (or open) anything


def test_app_main_installs_the_handler_for_the_session(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot,
                                                       settings: Settings) -> None:
    seen: list[object] = []
    monkeypatch.setattr(app, "platform_problem", lambda environ: None)
    monkeypatch.setattr(QApplication, "exec", lambda self: seen.append(sys.excepthook) or 0)
    before = sys.excepthook
    monkeypatch.setattr("glyphwash.ui.mainwindow.MainWindow.show", lambda self: seen.append(self))
    real_window = MainWindow
    monkeypatch.setattr("glyphwash.ui.mainwindow.MainWindow", lambda: real_window(settings))  # no user settings
    assert app.main([]) == 0
    window = seen[0]
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert getattr(seen[1], "__self__", None).__class__ is CrashHandler
    assert sys.excepthook == before
