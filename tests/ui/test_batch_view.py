"""The batch view, driven as a user drives it: a folder dropped on the window, a double-click on a
row, Clean all with its confirmation and summary, Cancel while scanning and while cleaning."""

from __future__ import annotations

import multiprocessing
import re
import threading
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from window_helpers import drop_paths

from glyphwash.core import batch, processes
from glyphwash.core.batch import CHANGED_SINCE_SCAN, FileScan, Outcome
from glyphwash.core.encoding import detection
from glyphwash.core.engine import EngineConfig
from glyphwash.ui.batch_model import CHANGES, ENCODING, ERROR, FILE, INFO, STATUS, WARNING, encoding_text
from glyphwash.ui.batch_view import BatchView
from glyphwash.ui.mainwindow import MainWindow
from glyphwash.ui.worker import wait_for_detached

HOMOGLYPHS = "The capital of South Korеa is Sеoul.\n"  # two Cyrillic е
ZERO_WIDTH = "pay\u200bpal\n"
RUSSIAN = "Привет, как дела? Это обычный русский текст в кодировке windows-1251, и его должно быть видно.\n" * 3


def project(root: Path) -> Path:
    """A small folder: text with changes, clean text, cp1251, binary, and files a .gitignore leaves out."""
    files: dict[str, bytes] = {
        ".gitignore": b"*.log\nbuild/\n",
        "article.txt": HOMOGLYPHS.encode(),
        "clean.md": b"Nothing to see here.\n",
        "docs/russian.txt": RUSSIAN.encode("cp1251"),
        "docs/pay.txt": ZERO_WIDTH.encode(),
        "image.png": b"\x89PNG\r\n\x1a\n" + bytes(64),
        "debug.log": HOMOGLYPHS.encode(),
        "build/out.txt": HOMOGLYPHS.encode(),
    }
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root


def dropped_view(qtbot: QtBot, window: MainWindow, paths: list[Path]) -> BatchView:
    drop_paths(window, paths)
    view = window.tabs.currentWidget()
    assert isinstance(view, BatchView)
    qtbot.waitUntil(lambda: view.scanned, timeout=20000)
    return view


def cells(view: BatchView, column: int) -> list[str]:
    model = view.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def click_row(view: BatchView, label: str, *, double: bool = False) -> None:
    row = cells(view, FILE).index(label)
    index = view.model.index(row, FILE)
    view.table.scrollTo(index)
    center = view.table.visualRect(index).center()
    QTest.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, center)
    if double:  # a double click is a click, then a press that the system calls a double click
        QTest.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, center)


def test_the_encoding_column_shows_a_percentage_exactly_when_detection_is_not_sure(tmp_path: Path) -> None:
    # The same calibrated threshold as the document window's banner (core.encoding.detection.is_sure).
    for confidence in [*(rate for _, rate in detection._LEVELS), 0.9499, 0.95]:
        scan = FileScan(tmp_path / "a.txt", "a.txt", 10, Outcome.TEXT, encoding="windows-1251", confidence=confidence)
        expected = "windows-1251" if confidence >= 0.95 else f"windows-1251 ({confidence:.0%})"
        assert encoding_text(scan) == expected


def test_dropping_a_folder_lists_its_text_files(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    view = dropped_view(qtbot, window, [project(tmp_path / "project")])
    assert window.tabs.tabText(window.tabs.currentIndex()) == "project/"
    assert cells(view, FILE) == [".gitignore", "article.txt", "clean.md", "docs/pay.txt", "docs/russian.txt"]
    encodings = cells(view, ENCODING)  # a legacy reading shows its measured confidence unless sure
    assert encodings[:4] == ["utf-8"] * 4 and re.fullmatch(r"windows-1251( \(\d+%\))?", encodings[4])
    assert cells(view, CHANGES) == ["0", "2", "0", "1", "0"]
    assert [cells(view, column)[1:4] for column in (ERROR, WARNING, INFO)] == \
        [["", "", "1"], ["2", "", ""], ["", "", ""]]
    assert view.totals.text() == ("5 text files · 2 with changes (3 changes) · 1 binary or empty skipped · "
                                  "2 ignored by .gitignore")
    assert not view.progress_row.isVisible()
    assert view.clean_button.isEnabled()


def test_double_click_opens_the_file_in_a_document_tab(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    folder = project(tmp_path / "project")
    view = dropped_view(qtbot, window, [folder])
    click_row(view, "docs/pay.txt", double=True)
    assert len(window.documents()) == 1
    tab = window.documents()[0]
    assert window.current_tab() is tab
    qtbot.waitUntil(lambda: tab.document is not None)
    assert tab.path == (folder / "docs" / "pay.txt").resolve()
    assert tab.document is not None and tab.document.state.count == 1
    window.tabs.setCurrentWidget(view)
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_Return)  # Enter opens the current row: the same tab again
    assert len(window.documents()) == 1 and window.current_tab() is tab


def test_clean_all_shows_what_it_writes_then_writes_it(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    folder = project(tmp_path / "project")
    (folder / "article.txt.bak").write_bytes(b"an older backup")
    view = dropped_view(qtbot, window, [folder])
    qtbot.mouseClick(view.clean_button, Qt.MouseButton.LeftButton)
    dialog = view.confirm_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.title.text() == "Clean 2 files: 3 changes"
    assert dialog.files.toPlainText().splitlines() == [
        "article.txt — 2 changes (utf-8) — backup article.txt.bak.2",
        "docs/pay.txt — 1 change (utf-8) — backup pay.txt.bak"]
    qtbot.mouseClick(dialog.clean_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.summary_dialog is not None and view.summary_dialog.isVisible(), timeout=20000)
    summary = view.summary_dialog
    assert summary is not None
    assert summary.headline.text() == "Wrote 2 files (3 changes)."
    assert "article.txt — 2 changes — previous version kept as article.txt.bak.2" in summary.details.toPlainText()
    assert (folder / "article.txt").read_text(encoding="utf-8") == HOMOGLYPHS.replace("\u0435", "e")
    assert (folder / "article.txt.bak.2").read_text(encoding="utf-8") == HOMOGLYPHS
    assert (folder / "article.txt.bak").read_bytes() == b"an older backup"
    assert (folder / "docs" / "pay.txt").read_text(encoding="utf-8") == "paypal\n"
    assert (folder / "debug.log").read_text(encoding="utf-8") == HOMOGLYPHS  # ignored: never touched
    assert cells(view, STATUS)[1] == "Cleaned, previous version kept as article.txt.bak.2"
    assert not view.clean_button.isEnabled()  # the scan is stale now
    assert "scan again" in view.totals.text()
    qtbot.mouseClick(summary.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close),
                     Qt.MouseButton.LeftButton)
    assert not summary.isVisible()
    qtbot.mouseClick(view.rescan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.scanned, timeout=20000)
    assert cells(view, CHANGES) == ["0", "0", "0", "0", "0"]
    assert "backups left out" in view.totals.text()


def test_clean_all_refuses_a_file_changed_since_the_scan(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    folder = project(tmp_path / "project")
    view = dropped_view(qtbot, window, [folder])
    (folder / "article.txt").write_text("Sеoul, edited elsewhere\n", encoding="utf-8")
    qtbot.mouseClick(view.clean_button, Qt.MouseButton.LeftButton)
    assert view.confirm_dialog is not None
    qtbot.mouseClick(view.confirm_dialog.clean_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.summary_dialog is not None, timeout=20000)
    assert view.summary_dialog is not None
    assert view.summary_dialog.headline.text() == "Wrote 1 file (1 change); 1 failed."
    assert f"article.txt: {CHANGED_SINCE_SCAN}" in view.summary_dialog.details.toPlainText()
    assert (folder / "article.txt").read_text(encoding="utf-8") == "Sеoul, edited elsewhere\n"
    assert cells(view, STATUS)[1] == f"Not written: {CHANGED_SINCE_SCAN}"


def test_cancel_in_the_confirmation_writes_nothing(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    folder = project(tmp_path / "project")
    view = dropped_view(qtbot, window, [folder])
    qtbot.mouseClick(view.clean_button, Qt.MouseButton.LeftButton)
    dialog = view.confirm_dialog
    assert dialog is not None
    dialog.backup.click()  # no backups: the list says so
    assert dialog.files.toPlainText().splitlines()[0] == "article.txt — 2 changes (utf-8) — no backup"
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert view.clean_worker is None and view.summary_dialog is None
    assert (folder / "article.txt").read_text(encoding="utf-8") == HOMOGLYPHS
    assert view.clean_button.isEnabled()


def many_files(folder: Path, count: int, repeat: int = 200) -> Path:
    folder.mkdir()
    for number in range(count):
        (folder / f"file{number:04}.txt").write_text(HOMOGLYPHS * repeat, encoding="utf-8")
    return folder


def test_cancel_stops_the_scan_and_keeps_what_was_listed(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    folder = many_files(tmp_path / "many", 400)
    cancelled = threading.Event()
    real_scan_file = batch.scan_file
    # Slowed down in this process: the batch stays in the scan thread (worker processes would not
    # see the patch; test_cancel_stops_a_scan_in_worker_processes covers them).
    monkeypatch.setattr(processes, "workers_for", lambda files, total_bytes: 0)

    def slow_after_ten(listed: batch.ListedFile, config: EngineConfig) -> batch.FileScan:
        if listed.path.name > "file0010.txt":  # the scan is still running when Cancel is clicked
            cancelled.wait(timeout=0.05)
        return real_scan_file(listed, config)

    monkeypatch.setattr(batch, "scan_file", slow_after_ten)
    drop_paths(window, [folder])
    view = window.tabs.currentWidget()
    assert isinstance(view, BatchView)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=20000)
    assert view.progress_row.isVisible()
    qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    cancelled.set()
    qtbot.waitUntil(lambda: view.scan_worker is None, timeout=20000)
    assert 0 < view.model.rowCount() < 400
    assert view.totals.text().endswith("scan cancelled: the list is incomplete")
    assert not view.progress_row.isVisible()
    assert not view.clean_button.isEnabled()  # an incomplete list is not cleaned


def test_cancel_stops_a_scan_in_worker_processes(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    folder = tmp_path / "russian"
    folder.mkdir()
    for number in range(150):  # 30 MB of Russian: seconds of analysis, in worker processes
        (folder / f"ru{number:03}.txt").write_bytes((RUSSIAN * 700).encode("cp1251"))
    drop_paths(window, [folder])
    view = window.tabs.currentWidget()
    assert isinstance(view, BatchView)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=20000)
    qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.scan_worker is None, timeout=20000)
    assert 0 < view.model.rowCount() < 150
    assert cells(view, ENCODING)[0] == "windows-1251"
    assert view.totals.text().endswith("scan cancelled: the list is incomplete")
    assert not multiprocessing.active_children()  # the workers ended with the scan


def test_cancel_stops_cleaning_after_the_file_being_written(qtbot: QtBot, window: MainWindow,
                                                           tmp_path: Path) -> None:
    folder = many_files(tmp_path / "many", 150, repeat=2000)  # 11 MB: seconds of cleaning
    view = dropped_view(qtbot, window, [folder])
    qtbot.mouseClick(view.clean_button, Qt.MouseButton.LeftButton)
    assert view.confirm_dialog is not None
    qtbot.mouseClick(view.confirm_dialog.clean_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(cells(view, STATUS)), timeout=20000)
    qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.summary_dialog is not None, timeout=20000)
    assert view.summary_dialog is not None
    headline = view.summary_dialog.headline.text()
    assert "not cleaned (cancelled)" in headline
    written = [path for path in sorted(folder.iterdir()) if path.suffix == ".txt"
               and path.read_text(encoding="utf-8") != HOMOGLYPHS * 2000]
    backups = sorted(path.name for path in folder.iterdir() if path.name.endswith(".bak"))
    assert 0 < len(written) < 150
    assert backups == [path.name + ".bak" for path in written]
    assert headline.startswith(f"Wrote {len(written)} file")


def test_several_files_dropped_at_once_are_listed_too(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    paths = []
    for number in range(6):
        paths.append(tmp_path / f"note{number}.txt")
        paths[-1].write_text(HOMOGLYPHS if number % 2 else "plain\n", encoding="utf-8")
    view = dropped_view(qtbot, window, paths)
    assert cells(view, FILE) == [f"note{number}.txt" for number in range(6)]
    assert window.tabs.tabText(window.tabs.currentIndex()) == "6 dropped items"


def test_open_folder_in_the_file_menu(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    folder = project(tmp_path / "project")
    window.prompts.ask_folder = lambda: str(folder)  # type: ignore[method-assign]
    window.actions["open_folder"].trigger()
    view = window.tabs.currentWidget()
    assert isinstance(view, BatchView)
    qtbot.waitUntil(lambda: view.scanned, timeout=20000)
    assert view.model.rowCount() == 5


def test_clicking_a_column_header_sorts_and_keeps_the_selection(qtbot: QtBot, window: MainWindow,
                                                               tmp_path: Path) -> None:
    view = dropped_view(qtbot, window, [project(tmp_path / "project")])
    click_row(view, "docs/pay.txt")
    header = view.table.horizontalHeader()
    point = QPoint(header.sectionViewportPosition(CHANGES) + header.sectionSize(CHANGES) // 2, header.height() // 2)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert cells(view, CHANGES)[:2] == ["2", "1"]  # most changes first
    assert cells(view, FILE)[view.table.currentIndex().row()] == "docs/pay.txt"


def test_hostile_file_names_are_escaped_in_the_list(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / "invoice\u202etxt.exe").write_text(HOMOGLYPHS, encoding="utf-8")
    view = dropped_view(qtbot, window, [folder])
    assert cells(view, FILE) == ["invoice<RLO>txt.exe"]


def test_closing_the_batch_tab_while_scanning_stops_the_scan(qtbot: QtBot, window: MainWindow,
                                                            tmp_path: Path) -> None:
    folder = many_files(tmp_path / "many", 200)
    drop_paths(window, [folder])
    view = window.tabs.currentWidget()
    assert isinstance(view, BatchView)
    worker = view.scan_worker
    assert worker is not None
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=20000)  # in worker processes
    window.actions["close_tab"].trigger()
    assert window.tabs.count() == 0
    assert window.stack.currentWidget() is window.drop_target
    qtbot.wait(50)  # the closed view is deleted now, while its scan thread still stops its workers
    wait_for_detached()  # the cancelled scan ends by itself
    assert not shiboken6.isValid(worker) or worker.isFinished()  # deleted once it has finished
    assert not multiprocessing.active_children()


def test_closing_the_tab_while_cleaning_asks_first(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    folder = many_files(tmp_path / "many", 150, repeat=2000)  # 11 MB: seconds of cleaning
    view = dropped_view(qtbot, window, [folder])
    qtbot.mouseClick(view.clean_button, Qt.MouseButton.LeftButton)
    assert view.confirm_dialog is not None
    qtbot.mouseClick(view.confirm_dialog.clean_button, Qt.MouseButton.LeftButton)
    assert view.clean_worker is not None
    asked: list[str] = []
    window.prompts.ask_yes_no = lambda title, text: bool(asked.append(title))  # type: ignore[method-assign]
    window.actions["close_tab"].trigger()
    assert asked == ["Stop cleaning?"] and window.tabs.indexOf(view) >= 0  # "No": it goes on
    window.prompts.ask_yes_no = lambda title, text: True  # type: ignore[method-assign]
    window.actions["close_tab"].trigger()
    assert window.tabs.count() == 0
    qtbot.wait(50)  # the closed view is deleted now, while its cleaning thread still stops its workers
    wait_for_detached()
    assert not multiprocessing.active_children()
    untouched = [path for path in folder.glob("*.txt") if path.read_text(encoding="utf-8") == HOMOGLYPHS * 2000]
    assert untouched  # stopped before the end
