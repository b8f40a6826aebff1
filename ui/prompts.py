"""Every question the window asks the user, in one object that tests replace.

Tests monkeypatch these methods (``monkeypatch.setattr(window.prompts, "ask_yes_no", ...)``)
instead of driving modal dialogs.
"""

from __future__ import annotations

from typing import Literal, TypeVar

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

from ..core.encoding.decoding import DecodedDocument
from ..core.encoding.saving import SaveOptions, UnrepresentableError
from .dialogs import ReinterpretDialog, SaveOptionsDialog, UnrepresentableDialog
from .open_dialog import make_open_dialog

UnsavedChoice = Literal["save", "discard", "cancel"]
ChangedOnDiskChoice = Literal["reload", "overwrite", "cancel"]
DeletedOnDiskChoice = Literal["recreate", "save_as", "cancel"]
Choice = TypeVar("Choice", bound=str)
TEXT_FILTER = "Text files (*.txt *.md *.csv *.json *.xml *.html *.srt *.log);;All files (*)"
EXPORT_FILTERS = {"html": "HTML report (*.html *.htm);;All files (*)", "json": "JSON (*.json *.jsonl);;All files (*)"}


class Prompts:
    """Modal questions, parented to ``parent``."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def ask_open_paths(self, folder: str = "") -> list[str]:
        """Files to open, from a dialog that starts in ``folder``."""
        dialog = make_open_dialog(self.parent, folder)
        return list(dialog.selectedFiles()) if dialog.exec() == QDialog.DialogCode.Accepted else []

    def ask_folder(self) -> str | None:
        """A folder whose text files the batch view lists, or None."""
        return QFileDialog.getExistingDirectory(self.parent, "Open a folder: check every text file in it") or None

    def ask_save_path(self, suggestion: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, "Save the cleaned text as", suggestion, TEXT_FILTER)
        return path or None

    def ask_save_options(self, document: DecodedDocument, options: SaveOptions) -> SaveOptions | None:
        dialog = SaveOptionsDialog(document, options, self.parent)
        return dialog.options() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_allowlist(self, current: str) -> str | None:
        """The characters no rule may change, edited from ``current``; None when cancelled."""
        text, ok = QInputDialog.getText(self.parent, "Allowed characters",
                                        "Characters that no rule changes (type or paste them):", text=current)
        return text if ok else None

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
        return self._choose("File changed on disk", f"{name} was changed by another program since it was opened.",
                            "Reload it to review the new text (your review of the old text is dropped), "
                            "or overwrite it with the cleaned text?",
                            [("&Reload", QMessageBox.ButtonRole.AcceptRole, "reload"),
                             ("&Overwrite", QMessageBox.ButtonRole.DestructiveRole, "overwrite")], "cancel")

    def ask_deleted_on_disk(self, name: str) -> DeletedOnDiskChoice:
        """Before saving to ``name`` (escaped), which was deleted or moved since it was opened."""
        return self._choose("File deleted on disk",
                            f"{name} was deleted or moved by another program since it was opened.",
                            "Save the cleaned text there anyway (the file is created again), or choose another place?",
                            [("Save &As…", QMessageBox.ButtonRole.AcceptRole, "save_as"),
                             ("&Create it again", QMessageBox.ButtonRole.DestructiveRole, "recreate")], "cancel")

    def _choose(self, title: str, text: str, question: str, choices: list[tuple[str, QMessageBox.ButtonRole, Choice]],
                cancelled: Choice) -> Choice:
        """A warning with a Cancel button and ``choices`` (label, role, answer), the first the default."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel, self.parent)
        box.setInformativeText(question)
        buttons = [(box.addButton(label, role), answer) for label, role, answer in choices]
        box.setDefaultButton(buttons[0][0])
        box.exec()
        return next((answer for button, answer in buttons if box.clickedButton() is button), cancelled)

    def show_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)

    def show_open_failures(self, failures: list[str]) -> None:
        """List every file of a drop or an Open that could not be opened, and why."""
        count = len(failures)
        title = "Could not open a file" if count == 1 else f"Could not open {count} files"
        box = QMessageBox(QMessageBox.Icon.Warning, title, title + ":", QMessageBox.StandardButton.Ok, self.parent)
        box.setInformativeText("\n\n".join(failures))
        box.exec()

    def ask_export_path(self, suggestion: str, kind: str) -> str | None:
        """Where to write the exported findings (``kind`` is ``html`` or ``json``)."""
        name_filter = EXPORT_FILTERS[kind]
        path, _ = QFileDialog.getSaveFileName(self.parent, "Export the findings as", suggestion, name_filter)
        return path or None
