"""A one-line text field that keeps its editing keys when the window binds the same keys.

The window reviews from the keyboard with Ctrl+Backspace and Ctrl+Shift+Backspace (revert the
change at the cursor, or its kind). In a text field Ctrl+Backspace deletes the word before the
cursor, and a typist pressing it there must never revert a change unseen: the field claims
those keys before the window's shortcut sees them (Qt's ``ShortcutOverride``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

# The keys a field keeps: Backspace with Ctrl, with or without Shift.
KEPT_KEY = Qt.Key.Key_Backspace


def keeps_key(event: QKeyEvent) -> bool:
    """Whether ``event`` is an editing key a text field takes before the window's shortcuts."""
    return event.key() == KEPT_KEY and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)


class TextField(QLineEdit):
    """A :class:`QLineEdit` whose Ctrl+Backspace edits it (see the module's docstring)."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and keeps_key(event):
            event.accept()
            return True
        return super().event(event)
