"""The real question dialogs: each button gives its answer (tests elsewhere replace the questions)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from glyphwash.ui.prompts import Prompts


def click_when_shown(label: str) -> None:
    """Click the button labelled ``label`` (mnemonics ignored) of the next modal message box."""
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        button = next(button for button in box.findChildren(QAbstractButton) if button.text().replace("&", "") == label)
        button.click()
    QTimer.singleShot(0, click)


@pytest.mark.parametrize(("label", "answer"), [("Reload", "reload"), ("Overwrite", "overwrite"), ("Cancel", "cancel")])
def test_changed_on_disk_buttons(qtbot: QtBot, label: str, answer: str) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    click_when_shown(label)
    assert Prompts(parent).ask_changed_on_disk("notes.txt") == answer


@pytest.mark.parametrize(("label", "answer"), [("Save As…", "save_as"), ("Create it again", "recreate"),
                                               ("Cancel", "cancel")])
def test_deleted_on_disk_buttons(qtbot: QtBot, label: str, answer: str) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    click_when_shown(label)
    assert Prompts(parent).ask_deleted_on_disk("notes.txt") == answer
