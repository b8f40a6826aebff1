"""File › Export from the window: the HTML report and the JSON record, written atomically."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.core.cli import cli
from glyphwash.ui import colors
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
    export_action(window, "&HTML report…").trigger()
    assert asked == [(str(tmp_path / "news-report.html"), "html")]
    page = target.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page and "\u202e" not in page
    assert colors.style_for("homoglyphs").light in page and colors.style_for("invisible").dark in page
    assert len(re.findall(r'class="m r\d rv', page)) == 2  # the reverted change, in both cells
    assert window.last_message.startswith("Exported 3 changes to ")
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.html"]  # no temporary file left
    assert path.read_text(encoding="utf-8") == HOSTILE


def test_export_json_is_report_json_with_the_review(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "news.txt", HOSTILE)
    tab = open_and_wait(qtbot, window, path)
    tab.toggle_change(0, False)
    target = tmp_path / "news.json"
    monkeypatch.setattr(window.prompts, "ask_export_path", lambda suggestion, kind: str(target))
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
    export_action(window, "&JSON…").trigger()
    assert errors == ["Could not export"]


def test_export_needs_a_document(window: MainWindow) -> None:
    assert not export_action(window, "&HTML report…").isEnabled()
    assert not export_action(window, "&JSON…").isEnabled()
