"""Every question the window asks the user, in one object that tests replace.

Tests monkeypatch these methods (``monkeypatch.setattr(window.prompts, "ask_yes_no", ...)``)
instead of driving modal dialogs.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from ..core.decoding import DecodedDocument
from ..core.saving import SaveOptions, UnrepresentableError
from .dialogs import ReinterpretDialog, SaveOptionsDialog, UnrepresentableDialog

UnsavedChoice = Literal["save", "discard", "cancel"]
ChangedOnDiskChoice = Literal["reload", "overwrite", "cancel"]
DeletedOnDiskChoice = Literal["recreate", "save_as", "cancel"]
TEXT_FILTER = "Text files (*.txt *.md *.csv *.json *.xml *.html *.srt *.log);;All files (*)"


class Prompts:
    """Modal questions, parented to ``parent``."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def ask_open_paths(self) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(self.parent, "Open text files", "", TEXT_FILTER)
        return list(paths)

    def ask_save_path(self, suggestion: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, "Save the cleaned text as", suggestion, TEXT_FILTER)
        return path or None

    def ask_save_options(self, document: DecodedDocument, options: SaveOptions) -> SaveOptions | None:
        dialog = SaveOptionsDialog(document, options, self.parent)
        return dialog.options() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_reinterpret(self, document: DecodedDocument) -> str | None:
        dialog = ReinterpretDialog(document, self.parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_unrepresentable(self, error: UnrepresentableError) -> bool:
        """True: save as UTF-8 instead; False: cancel the save."""
        return UnrepresentableDialog(error, self.parent).exec() == QDialog.DialogCode.Accepted

    def ask_yes_no(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.parent, title, text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def ask_open_binary(self, reason: str) -> bool:
        """Whether to open a file that looks binary as text; ``reason`` (escaped) names it and says why."""
        box = QMessageBox(QMessageBox.Icon.Question, "Binary data",
                          "This looks like binary data — open anyway?",
                          QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel, self.parent)
        box.setInformativeText(f"{reason}.\n\nOpened as text it shows as gibberish; its bytes are kept, and "
                               "saving with every rule off writes them back unchanged.")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Open

    def ask_unsaved(self, name: str) -> UnsavedChoice:
        box = QMessageBox(QMessageBox.Icon.Warning, "Unsaved cleaning",
                          f"The cleaned text of {name} is not saved.",
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self.parent)
        box.setInformativeText("Save the cleaned text before going on?")
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        return "discard" if answer == QMessageBox.StandardButton.Discard else "cancel"

    def ask_changed_on_disk(self, name: str) -> ChangedOnDiskChoice:
        """Before saving over ``name`` (escaped), which another program changed since it was read."""
        box = QMessageBox(QMessageBox.Icon.Warning, "File changed on disk",
                          f"{name} was changed by another program since it was opened.",
                          QMessageBox.StandardButton.Cancel, self.parent)
        box.setInformativeText("Reload it to review the new text (your review of the old text is dropped), "
                               "or overwrite it with the cleaned text?")
        reload = box.addButton("&Reload", QMessageBox.ButtonRole.AcceptRole)
        overwrite = box.addButton("&Overwrite", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(reload)
        box.exec()
        clicked = box.clickedButton()
        if clicked is reload:
            return "reload"
        return "overwrite" if clicked is overwrite else "cancel"

    def ask_deleted_on_disk(self, name: str) -> DeletedOnDiskChoice:
        """Before saving to ``name`` (escaped), which was deleted or moved since it was opened."""
        box = QMessageBox(QMessageBox.Icon.Warning, "File deleted on disk",
                          f"{name} was deleted or moved by another program since it was opened.",
                          QMessageBox.StandardButton.Cancel, self.parent)
        box.setInformativeText("Save the cleaned text there anyway (the file is created again), "
                               "or choose another place?")
        save_as = box.addButton("Save &As…", QMessageBox.ButtonRole.AcceptRole)
        recreate = box.addButton("&Create it again", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(save_as)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save_as:
            return "save_as"
        return "recreate" if clicked is recreate else "cancel"

    def show_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)
