"""Rule and allowlist changes: analysed again in a worker, undoable with the decisions they replaced."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.core.engine import EngineConfig
from glyphwash.ui import worker as worker_module
from glyphwash.ui.document_tab import DocumentTab
from glyphwash.ui.mainwindow import MainWindow
from glyphwash.ui.worker import ReanalyzeWorker

TEXT = "Korеa and pay\u200bpal\n"


def right_text(tab: DocumentTab) -> str:
    return tab.right.document().toPlainText()


@pytest.fixture
def tab(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> DocumentTab:
    return open_and_wait(qtbot, window, write(tmp_path, "h.txt", TEXT))


def test_rule_toggle_is_undoable_with_its_decisions(qtbot: QtBot, window: MainWindow, tab: DocumentTab) -> None:
    assert tab.document is not None
    tab.toggle_change(0, False)  # keep the Cyrillic е
    with qtbot.waitSignal(tab.reanalyzed, timeout=10000):
        tab.panel.rule_boxes["invisible"].setChecked(False)
    assert tab.document.state.count == 1 and tab.document.state.reverted_count == 1
    assert right_text(tab).startswith("Korеa and payZWSPpal")
    assert "invisible" not in window.settings.rules
    assert window.actions["undo"].isEnabled() and "invisible" in window.actions["undo"].text()

    window.actions["undo"].trigger()  # back to the previous rules and the decisions that went with them
    assert tab.document.state.count == 2 and tab.document.state.reverted_count == 1
    assert tab.panel.rule_boxes["invisible"].isChecked()
    assert "invisible" in window.settings.rules and "invisible" in tab.config.rules
    assert right_text(tab).startswith("Korеa and paypal")
    window.actions["undo"].trigger()  # the revert before it
    assert tab.document.state.reverted_count == 0
    assert right_text(tab).startswith("Korea and paypal")
    assert not window.actions["undo"].isEnabled()

    window.actions["redo"].trigger()
    assert tab.document.state.reverted_count == 1
    window.actions["redo"].trigger()
    assert tab.document.state.count == 1
    assert not tab.panel.rule_boxes["invisible"].isChecked()
    assert "invisible" not in window.settings.rules
    assert not window.actions["redo"].isEnabled()


def test_a_new_step_after_undo_drops_the_redo_of_a_rule_change(qtbot: QtBot, window: MainWindow,
                                                               tab: DocumentTab) -> None:
    with qtbot.waitSignal(tab.reanalyzed, timeout=10000):
        tab.panel.rule_boxes["invisible"].setChecked(False)
    tab.undo()
    assert tab.can_redo
    tab.toggle_change(0, False)
    assert not tab.can_redo


def test_allowlist_change_is_undoable(qtbot: QtBot, window: MainWindow, tab: DocumentTab,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    assert tab.document is not None
    monkeypatch.setattr(window.prompts, "ask_allowlist", lambda current: current + "е")
    with qtbot.waitSignal(tab.reanalyzed, timeout=10000):
        window.actions["allowlist"].trigger()
    assert tab.document.state.count == 1
    assert right_text(tab).startswith("Korеa and paypal")
    assert window.settings.allow_chars == frozenset("е")
    assert "allowlist" in tab.undo_text
    window.actions["undo"].trigger()
    assert tab.document.state.count == 2
    assert right_text(tab).startswith("Korea and paypal")
    assert window.config.allow_chars == frozenset() and window.settings.allow_chars == frozenset()


def test_rule_change_counts_as_unsaved_work_and_prompts(qtbot: QtBot, window: MainWindow, tab: DocumentTab,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(window.prompts, "ask_yes_no", lambda title, text: True)
    assert tab.has_unsaved_work and tab.save()  # the cleaning, saved over the file
    assert not tab.has_unsaved_work
    with qtbot.waitSignal(tab.reanalyzed, timeout=10000):
        tab.panel.rule_boxes["spaces"].setChecked(False)
    assert tab.has_unsaved_work and window.windowTitle().startswith("h.txt*")
    asked: list[str] = []
    monkeypatch.setattr(window.prompts, "ask_unsaved", lambda name: asked.append(name) or "cancel")
    assert not window.close_tab(0)  # closing the tab asks
    assert not window.close()  # quitting asks
    assert asked == ["h.txt"] * 2 and window.tabs.count() == 1
    tab.undo()
    assert not tab.has_unsaved_work  # back where the file was saved: nothing to lose
    assert window.close_tab(0)
    assert asked == ["h.txt"] * 2


@pytest.fixture
def release(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Holds every analysis in a worker until the returned event is set."""
    event = threading.Event()
    real = worker_module.ReviewDocument

    def held(*args: object, **kwargs: object) -> object:
        event.wait(10)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(worker_module, "ReviewDocument", held)
    return event


def test_reanalysis_runs_in_a_worker_and_can_be_cancelled(qtbot: QtBot, window: MainWindow, tab: DocumentTab,
                                                          release: threading.Event) -> None:
    assert tab.document is not None
    shown = tab.document
    tab.panel.rule_boxes["homoglyphs"].setChecked(False)
    worker = tab.reanalysis
    assert worker is not None and worker.isRunning()
    assert tab.progress_row.isVisible() and tab.progress_label.text() == "Analysing again…"
    # the window is not blocked: review steps still work on the shown analysis meanwhile
    tab.toggle_change(1, False)
    with qtbot.waitSignal(worker.cancelled, timeout=10000):
        tab.cancel_button.click()
        release.set()
    qtbot.waitUntil(lambda: not tab.progress_row.isVisible())
    assert tab.document is shown and tab.document.state.reverted_count == 1
    assert tab.panel.rule_boxes["homoglyphs"].isChecked() and "homoglyphs" in tab.config.rules
    assert "homoglyphs" in window.settings.rules


def test_decisions_taken_during_reanalysis_are_kept(qtbot: QtBot, window: MainWindow, tab: DocumentTab,
                                                    release: threading.Event) -> None:
    with qtbot.waitSignal(tab.reanalyzed, timeout=10000):
        tab.panel.rule_boxes["spaces"].setChecked(False)
        tab.toggle_change(0, False)  # taken while the worker runs, on the analysis shown
        release.set()
    assert tab.document is not None
    assert tab.document.state.reverted_count == 1 and not tab.document.state.is_accepted(0)
    assert right_text(tab).startswith("Korеa and paypal")


def test_reanalyze_worker_reports_progress_and_cancels(qtbot: QtBot, tab: DocumentTab) -> None:
    assert tab.document is not None
    worker = ReanalyzeWorker(tab.document, EngineConfig(rules=frozenset({"homoglyphs"})), "Rules: -invisible")
    progress: list[int] = []
    worker.progress.connect(lambda percent, _what: (progress.append(percent), worker.cancel()),
                            Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(worker.cancelled, timeout=10000):
        worker.start()
    worker.wait()
    assert progress == [10]
    finished = ReanalyzeWorker(tab.document, EngineConfig(rules=frozenset({"homoglyphs"})), "Rules: -invisible")
    with qtbot.waitSignal(finished.succeeded, timeout=10000) as blocker:
        finished.start()
    finished.wait()
    document, source, _snapshot, description = blocker.args[0]
    assert document.state.count == 1 and source is tab.document and description == "Rules: -invisible"
