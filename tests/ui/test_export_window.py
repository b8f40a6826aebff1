"""File › Export from the window: the HTML report and the JSON record, written atomically in a worker
while the window goes on (no sleeps: the tests wait for the exporter's signals)."""

from __future__ import annotations

import io
import json
import re
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.core import export as core_export
from glyphwash.core.cli import cli
from glyphwash.ui import colors
from glyphwash.ui import export as ui_export
from glyphwash.ui.mainwindow import MainWindow

HOSTILE = "Korеa \u202e<script>alert(1)</script> pay\u200bpal\n"


def export_action(window: MainWindow, text: str) -> QAction:
    """The action of File › Export named ``text``, found through the menus as a user finds it."""
    file_menu = next(action.menu() for action in window.menuBar().actions() if action.text() == "&File")
    export = next(action.menu() for action in file_menu.actions() if action.text() == "&Export")
    return next(action for action in export.actions() if action.text() == text)


def test_export_html_writes_the_reviewed_report(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "news.txt", HOSTILE)
    tab = open_and_wait(qtbot, window, path)
    tab.toggle_change(1, False)
    asked: list[tuple[str, str]] = []
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    monkeypatch.setattr(window.prompts, "ask_export_path",
                        lambda suggestion, kind: asked.append((suggestion, kind)) or str(target))
    with qtbot.waitSignal(window.exporter.finished) as finished:
        export_action(window, "&HTML report…").trigger()
    assert finished.args == [target]
    assert asked == [(str(tmp_path / "news-report.html"), "html")]
    page = target.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page and "\u202e" not in page
    assert colors.style_for("homoglyphs").light in page and colors.style_for("invisible").dark in page
    assert len(re.findall(r'class="m r\d rv', page)) == 2  # the reverted change, in both cells
    assert window.last_message == f"Exported 3 changes (2 kept) to {target}"
    banner = next(banner for banner in tab.banners() if banner.kind == "exported")
    assert banner.message.text() == window.last_message and banner.buttons[0].text() == "Open report"
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    qtbot.mouseClick(banner.buttons[0], Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(target))]
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.html"]  # no temporary file left
    assert path.read_text(encoding="utf-8") == HOSTILE


def test_export_json_is_report_json_with_the_review(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "news.txt", HOSTILE)
    tab = open_and_wait(qtbot, window, path)
    tab.toggle_change(0, False)
    target = tmp_path / "news.json"
    monkeypatch.setattr(window.prompts, "ask_export_path", lambda suggestion, kind: str(target))
    with qtbot.waitSignal(window.exporter.finished):
        export_action(window, "&JSON…").trigger()
    record = json.loads(target.read_text(encoding="utf-8"))
    assert [change.pop("kept") for change in record["changes"]] == [False, True, True]
    out = io.StringIO()
    cli.main(["report", "--json", str(tab.document.decoded.path)], stdout=out, stderr=io.StringIO())
    assert record == json.loads(out.getvalue())


def test_export_never_overwrites_the_file_under_review(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "news.txt", HOSTILE)
    open_and_wait(qtbot, window, path)
    errors: list[str] = []
    monkeypatch.setattr(window.prompts, "ask_export_path", lambda suggestion, kind: str(path))
    monkeypatch.setattr(window.prompts, "show_error", lambda title, text: errors.append(text))
    export_action(window, "&HTML report…").trigger()
    assert errors == ["news.txt is the file under review; choose another name for the report."]
    assert path.read_text(encoding="utf-8") == HOSTILE


def test_cancelled_or_failed_export_writes_nothing(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "news.txt", HOSTILE)
    open_and_wait(qtbot, window, path)
    monkeypatch.setattr(window.prompts, "ask_export_path", lambda suggestion, kind: None)
    export_action(window, "&JSON…").trigger()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.txt", "settings.ini"]
    errors: list[str] = []
    monkeypatch.setattr(window.prompts, "ask_export_path", lambda suggestion, kind: str(tmp_path / "no" / "r.json"))
    monkeypatch.setattr(window.prompts, "show_error", lambda title, text: errors.append(title))
    with qtbot.waitSignal(window.exporter.finished) as finished:
        export_action(window, "&JSON…").trigger()
    assert finished.args == [None]
    assert errors == ["Could not export"]
    assert window.last_message.startswith("Could not export: could not save ")
    assert not window.exporter.row.isVisible()


def test_export_needs_a_document(window: MainWindow) -> None:
    assert not export_action(window, "&HTML report…").isEnabled()
    assert not export_action(window, "&JSON…").isEnabled()


@pytest.fixture
def held_export(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The export's worker waits, before its first piece, until the event is set."""
    release = threading.Event()

    def held(pieces: Iterable[str]) -> Iterator[bytes]:
        assert release.wait(10)
        yield from core_export.encoded(pieces)

    monkeypatch.setattr(ui_export, "encoded", held)
    yield release
    release.set()  # a failing test must not leave the worker waiting


def test_export_runs_in_a_worker_from_a_snapshot_of_the_review(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        held_export: threading.Event) -> None:
    """The window goes on while the report is written (a timer fires, changes are reverted), and
    the report is the review as it was when asked for."""
    path = write(tmp_path, "news.txt", HOSTILE)
    tab = open_and_wait(qtbot, window, path)
    tab.toggle_change(0, False)
    target = tmp_path / "news.json"
    monkeypatch.setattr(window.prompts, "ask_export_path", lambda suggestion, kind: str(target))
    export_action(window, "&JSON…").trigger()
    assert window.exporter.busy and window.exporter.row.isVisible()
    timer = QTimer(window)
    timer.setSingleShot(True)
    with qtbot.waitSignal(timer.timeout):  # the event loop runs while the worker holds
        timer.start(0)
    tab.toggle_all(False)  # reverted while the export is being written
    assert not target.exists()
    with qtbot.waitSignal(window.exporter.finished) as finished:
        held_export.set()
    assert finished.args == [target]
    record = json.loads(target.read_text(encoding="utf-8"))
    assert [change.pop("kept") for change in record["changes"]] == [False, True, True]
    out = io.StringIO()
    cli.main(["report", "--json", str(path)], stdout=out, stderr=io.StringIO())
    assert record == json.loads(out.getvalue())
    assert not window.exporter.busy and not window.exporter.row.isVisible()


def test_cancelling_an_export_writes_nothing(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch, held_export: threading.Event) -> None:
    path = write(tmp_path, "news.txt", HOSTILE)
    open_and_wait(qtbot, window, path)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(window.prompts, "ask_export_path", lambda suggestion, kind: str(out / "r.html"))
    export_action(window, "&HTML report…").trigger()
    export_action(window, "&JSON…").trigger()  # one export at a time
    assert window.last_message == "An export is already being written: wait for it, or cancel it first."
    qtbot.mouseClick(window.exporter.row.cancel_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.exporter.finished) as finished:
        held_export.set()
    assert finished.args == [None]
    assert window.last_message == "Export cancelled; nothing was written."
    assert list(out.iterdir()) == []  # no report, no temporary file
