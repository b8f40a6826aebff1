"""Go to line (Ctrl+G): a small dialog for "line[:column]" of the original, checked as typed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..core.goto import parse_target


class GoToLineDialog(QDialog):
    """Asks for a line (and optionally a column) of a text of ``line_count`` lines; not modal to
    the application, so nothing waits on it.

    Signals:
        chosen: (line, column) 1-based, when the user accepts a valid target.

    Attributes:
        field: what the user types.
        hint: the valid range, or what is wrong with the input.
    """

    chosen = Signal(int, int)

    def __init__(self, line_count: int, current_line: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("go-to-line")
        self.setWindowTitle("Go to line")
        self.line_count = line_count
        self.field = QLineEdit(str(current_line))
        self.field.setAccessibleName("Line and column")
        self.field.selectAll()
        self.hint = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        label = QLabel(f"Line of the original (1–{line_count}), optionally :column")
        label.setBuddy(self.field)
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.field.textChanged.connect(self._check)
        self._check(self.field.text())

    def target(self) -> tuple[int, int] | None:
        """The line and column typed, if valid for this text."""
        target = parse_target(self.field.text())
        if target is None or target[0] > self.line_count:
            return None
        return target

    def _check(self, text: str) -> None:
        target = self.target()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(target is not None)
        if target is not None:
            self.hint.setText("")
        elif parse_target(text) is not None:
            self.hint.setText(f"There are {self.line_count} lines.")
        else:
            self.hint.setText("Type a line number, or line:column (12:5).")

    def accept(self) -> None:
        target = self.target()
        if target is None:
            return  # Enter on an invalid target does nothing; the hint says why
        super().accept()
        self.chosen.emit(*target)
