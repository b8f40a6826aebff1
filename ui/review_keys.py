"""Reviewing from the keyboard in one tab.

In a pane, Space reverts or restores the change at the cursor (a read-only pane has no other use
for it) and Shift+Space every change of its kind; the window's actions do the same with
Ctrl+Backspace and Ctrl+Shift+Backspace from anywhere in the tab (the change list's selection, or
the change last gone to, when no pane has the focus). Alt+F8 and Alt+Shift+F8 go to the next and
previous change not reviewed yet. Every decision is a step of the session's one undo history.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent

from .textpane import TextPane

if TYPE_CHECKING:
    from .document_tab import DocumentTab


class KeyboardReview(QObject):
    """The keys of review in one tab.

    Signals:
        message: (text) what the status bar should say (nothing at the cursor, nothing left).
    """

    message = Signal(str)

    def __init__(self, tab: DocumentTab) -> None:
        super().__init__(tab)
        self.tab = tab
        for pane in (tab.left, tab.right):
            pane.key_hook = lambda event, pane=pane: self._key(pane, event)

    def _key(self, pane: TextPane, event: QKeyEvent) -> bool:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() != Qt.Key.Key_Space or modifiers not in (Qt.KeyboardModifier.NoModifier,
                                                                Qt.KeyboardModifier.ShiftModifier):
            return False
        if modifiers == Qt.KeyboardModifier.ShiftModifier:
            self.toggle_kind(pane)
        else:
            self.toggle_change(pane)
        return True

    def _current(self, pane: TextPane | None) -> int | None:
        """The change a key is about: at the focused pane's cursor, else the one last gone to."""
        tab = self.tab
        if pane is None:
            pane = next((candidate for candidate in (tab.left, tab.right) if candidate.hasFocus()), None)
        if pane is not None:
            return tab.navigator.change_at_cursor(pane)
        return tab.navigator.current_change

    def _at_cursor(self, pane: TextPane | None) -> int | None:
        """The current change of a document shown, or None after saying there is none."""
        index = self._current(pane) if self.tab.session is not None else None
        if index is None:
            self.message.emit("No change at the cursor.")
        return index

    def toggle_change(self, pane: TextPane | None = None) -> None:
        """Revert the current change if it is kept, else restore it."""
        index = self._at_cursor(pane)
        if index is not None and self.tab.document is not None:
            self.tab.toggle_change(index, not self.tab.document.state.is_accepted(index))
            self.tab.go_to_change(index)

    def toggle_kind(self, pane: TextPane | None = None) -> None:
        """Revert every change of the current change's kind if any is kept, else restore them all."""
        index = self._at_cursor(pane)
        if index is not None and self.tab.document is not None:
            state = self.tab.document.state
            group = state.group_of[index]
            self.tab.toggle_group(group, not state.group_accepted(group))
            self.tab.go_to_change(index)

    def next_unreviewed(self, forward: bool = True) -> None:
        if self.tab.session is not None and not self.tab.navigator.next_unreviewed(forward):
            self.message.emit("Every change has been reviewed.")
