"""Saving a tab's document: the questions the session's save rules call for, asked in order.

The session decides (changed on disk? overwrite the original? UTF-8 instead?); this module asks
the user through :class:`~ui.prompts.Prompts` and reports what was written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..core.encoding.disk import DiskState
from ..core.encoding.saving import SaveError, SaveOptions, UnrepresentableError
from ..core.session import DocumentSession
from ..core.view.display import escape_for_display
from .prompts import Prompts


class SaveFlow(QObject):
    """Save and Save As for one tab.

    Signals:
        message: (text) what a save wrote, for the status bar.
        state_changed: the path, the options or the saved state changed.
    """

    message = Signal(str)
    state_changed = Signal()

    def __init__(self, prompts: Prompts, session: Callable[[], DocumentSession | None], reload: Callable[[], object],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self._session = session
        self._reload = reload

    def edit_options(self) -> bool:
        session = self._session()
        if session is None:
            return False
        options = self.prompts.ask_save_options(session.decoded, session.save_options)
        if options is None:
            return False
        session.save_options = options
        self.state_changed.emit()
        return True

    def save(self) -> bool:
        """Save to the session's path (asking once before overwriting the original, which is backed up).

        If another program changed or deleted the file since it was read (or last saved), the
        user chooses first: reload it, overwrite or recreate it, or cancel.
        """
        session = self._session()
        if session is None:
            return False
        if session.path is None:
            return self.save_as()
        target = session.path
        answer = self._confirm_disk_state(session, target)
        if answer is None or answer == "saved":
            return answer == "saved"
        if answer == "overwrite" and target == session.decoded.path:
            session.confirmed_overwrite = True  # that was the answer; no second question
        question = session.overwrite_question(target)
        if question is not None:
            if not self.prompts.ask_yes_no("Overwrite the original?", question):
                return False
            session.confirmed_overwrite = True
        return self._write(session, target, session.save_options)

    def save_as(self) -> bool:
        """Ask for a file and the output options, then save there."""
        session = self._session()
        if session is None:
            return False
        target = self.prompts.ask_save_path(session.save_as_suggestion())
        if not target:
            return False
        options = self.prompts.ask_save_options(session.decoded, session.save_options)
        if options is None:
            return False
        session.save_options = options
        answer = self._confirm_disk_state(session, Path(target))
        if answer is None or answer == "saved":
            return answer == "saved"
        if self._write(session, Path(target), options):
            session.saved_as(Path(target))
            self.state_changed.emit()
            return True
        return False

    def _confirm_disk_state(self, session: DocumentSession, target: Path) -> str | None:
        """Check ``target`` against what the session read or last wrote there, asking if it differs.

        Returns:
            None to stop (the user cancelled, or chose to reload); ``"unchanged"`` when the file
            holds what it held; ``"overwrite"`` when the user chose to write over (or recreate) it;
            ``"saved"`` when the user chose Save As instead, and it saved.
        """
        state = session.disk_state(target)
        if state is DiskState.UNCHANGED:
            return "unchanged"
        name = escape_for_display(target.name)
        if state is DiskState.MISSING:
            choice = self.prompts.ask_deleted_on_disk(name)
            if choice == "save_as":
                return "saved" if self.save_as() else None
            return "overwrite" if choice == "recreate" else None
        choice = self.prompts.ask_changed_on_disk(name)
        if choice == "reload":
            self._reload()
        return "overwrite" if choice == "overwrite" else None

    def _write(self, session: DocumentSession, target: Path, options: SaveOptions) -> bool:
        """Write the cleaned text to ``target``, offering UTF-8 when the encoding cannot hold it."""
        try:
            saved = session.write(target, options)
        except UnrepresentableError as error:
            if not self.prompts.ask_unrepresentable(error):
                return False
            options = session.in_utf8(options)
            try:
                saved = session.write(target, options)
            except SaveError as second:
                self.prompts.show_error("Could not save", escape_for_display(str(second), limit=400))
                return False
        except SaveError as error:
            self.prompts.show_error("Could not save", escape_for_display(str(error), limit=400))
            return False
        self.message.emit(session.saved_message(saved, options))
        self.state_changed.emit()
        return True
