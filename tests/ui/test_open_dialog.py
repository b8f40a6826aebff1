"""File › Open starts where the user works and lists source files too."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.ui.mainwindow import MainWindow
from glyphwash.ui.open_dialog import OPEN_FILTERS, make_open_dialog
from glyphwash.ui.settings import Settings


@dataclass
class OpenPrompt:
    """The folders the Open prompt was started in, and the files it answers next."""

    folders: list[str] = field(default_factory=list)
    answers: list[list[str]] = field(default_factory=list)

    def __call__(self, folder: str = "") -> list[str]:
        self.folders.append(folder)
        return self.answers.pop(0) if self.answers else []


@pytest.fixture
def asked(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> OpenPrompt:
    prompt = OpenPrompt()
    monkeypatch.setattr(window.prompts, "ask_open_paths", prompt)
    return prompt


def test_ctrl_o_starts_in_the_current_documents_folder(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                        asked: OpenPrompt) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    open_and_wait(qtbot, window, write(folder, "a.txt", "Korеa\n"))
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert asked.folders == [str(folder)]


def test_without_a_document_the_last_folder_is_used_and_kept(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                             settings: Settings, asked: OpenPrompt) -> None:
    source = write(tmp_path, "trojan.py", "access = 'user\u202e \u2066# admin\u2069 \u2066'\n")
    asked.answers.append([str(source)])
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert asked.folders == [""]
    assert settings.last_open_folder == str(tmp_path)
    qtbot.waitUntil(lambda: bool(window.documents()) and window.documents()[0].document is not None)
    window.close_tab(0)
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert asked.folders[-1] == str(tmp_path)


def test_the_dialog_lists_all_files_first_with_text_and_source_filters(qtbot: QtBot, window: MainWindow,
                                                                       tmp_path: Path) -> None:
    dialog = make_open_dialog(window, str(tmp_path))
    qtbot.addWidget(dialog)
    assert Path(dialog.directory().absolutePath()) == tmp_path
    assert dialog.selectedNameFilter() == "All files (*)"
    assert dialog.fileMode() == QFileDialog.FileMode.ExistingFiles
    assert any(name.startswith("Text files") and "*.txt" in name for name in OPEN_FILTERS)
    source = next(name for name in OPEN_FILTERS if name.startswith("Source code"))
    for suffix in ("py", "js", "ts", "c", "h", "cpp", "rs", "go", "java", "sh"):
        assert f"*.{suffix} " in source + " " or f"*.{suffix})" in source
