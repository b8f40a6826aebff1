"""Dialogs: save options, characters an encoding cannot hold, reinterpret as another encoding."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.encoding.decoding import DecodedDocument, decode_bytes
from ..core.encoding.mixed import first_other_line, legacy_part
from ..core.encoding.saving import NEWLINE_CHOICES, SaveOptions, UnrepresentableError
from ..core.unicode.unicode_data import describe
from ..core.view.display import escape_for_display

COMMON_ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "windows-1252", "iso-8859-1", "windows-1251",
                    "iso-8859-5", "koi8-r", "windows-1250", "iso-8859-2", "windows-1253", "iso-8859-7",
                    "windows-1254", "windows-1255", "windows-1256", "shift_jis", "cp932", "euc-jp", "gb18030",
                    "big5", "euc-kr", "ascii", "mac-roman", "cp437", "cp850")
NEWLINE_LABELS = {"keep": "Keep as in the file", "lf": "LF (Linux, macOS)", "crlf": "CRLF (Windows)",
                  "cr": "CR (classic Mac)"}


class SaveOptionsDialog(QDialog):
    """Output encoding, BOM and newline for saving.

    Attributes:
        encoding: the encoding combo box (editable: any Python codec).
        bom: write a byte order mark.
        newline: newline choice.
    """

    def __init__(self, document: DecodedDocument, options: SaveOptions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Save options")
        self.encoding = QComboBox()
        self.encoding.setEditable(True)
        self.encoding.addItems(list(dict.fromkeys((document.encoding, *COMMON_ENCODINGS))))
        self.encoding.setCurrentText(options.encoding or document.encoding)
        self.bom = QCheckBox("Write a byte order mark (BOM)")
        self.bom.setChecked(bool(document.bom) if options.bom is None else options.bom)
        self.newline = QComboBox()
        for choice in NEWLINE_CHOICES:
            self.newline.addItem(NEWLINE_LABELS[choice], choice)
        self.newline.setCurrentIndex(NEWLINE_CHOICES.index(options.newline))
        self.backup = QCheckBox("Keep a backup (.bak) when overwriting the original")
        self.backup.setChecked(options.backup)
        form = QFormLayout()
        form.addRow("Output encoding:", self.encoding)
        form.addRow("", self.bom)
        form.addRow("Line endings:", self.newline)
        form.addRow("", self.backup)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"The file was read as {document.encoding}"
                                f"{' with a BOM' if document.bom else ''}, {document.newline} line endings."))
        layout.addLayout(form)
        layout.addWidget(buttons)

    def options(self) -> SaveOptions:
        return SaveOptions(encoding=self.encoding.currentText().strip() or None, bom=self.bom.isChecked(),
                           newline=self.newline.currentData(), backup=self.backup.isChecked())


class UnrepresentableDialog(QDialog):
    """Lists the characters an encoding cannot hold; the user saves as UTF-8 or cancels.

    Attributes:
        table: character, code point and name, line:col.
    """

    def __init__(self, error: UnrepresentableError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Some characters cannot be saved")
        more = f" (showing the first {len(error.characters)})" if error.count > len(error.characters) else ""
        text = QLabel(f"{error.encoding} cannot hold {error.count} character(s) of the text{more}. Nothing was "
                      "written. Save as UTF-8 instead, or cancel and revert those changes or choose another "
                      "encoding.")
        text.setWordWrap(True)
        self.table = QTableWidget(len(error.characters), 3)
        self.table.setHorizontalHeaderLabels(["Character", "Code point", "Line:Col"])
        for row, character in enumerate(error.characters):
            self.table.setItem(row, 0, QTableWidgetItem(escape_for_display(character.char)))
            self.table.setItem(row, 1, QTableWidgetItem(describe(character.char)))
            self.table.setItem(row, 2, QTableWidgetItem(f"{character.line}:{character.column}"))
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox()
        self.utf8_button = buttons.addButton("Save as UTF-8", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 360)


def preview_line(data: bytes, encoding: str, limit: int = 90) -> str:
    """The first line of ``data`` with non-ASCII text, decoded with ``encoding``, for a preview."""
    try:
        text = decode_bytes(data[:65536], encoding=encoding).text
    except (LookupError, ValueError):
        return "(cannot decode)"
    other = first_other_line(data[:65536]) if legacy_part(encoding) is not None else None
    if other is not None:  # a line-by-line reading: show a line that is not UTF-8
        return escape_for_display(text.split("\n")[other].strip(), limit=limit)
    lines = [line for line in text.splitlines() if line.strip()]
    interesting = next((line for line in lines if any(ord(char) > 127 for char in line)), lines[0] if lines else "")
    return escape_for_display(interesting.strip(), limit=limit)


class ReinterpretDialog(QDialog):
    """Choose another encoding to read the bytes with, with a preview line.

    Attributes:
        encoding: the editable encoding combo box.
        preview: the decoded preview.
    """

    def __init__(self, document: DecodedDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Reinterpret as…")
        self._data = document.raw
        self.encoding = QComboBox()
        self.encoding.setEditable(True)
        ranked = [candidate.encoding for candidate in document.candidates]
        self.encoding.addItems(list(dict.fromkeys((*ranked, *COMMON_ENCODINGS))))
        self.encoding.setCurrentText(document.encoding)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.encoding.currentTextChanged.connect(self._update_preview)
        self._update_preview(self.encoding.currentText())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Read the file's bytes again with another encoding. The text and every change "
                                "are recomputed; the output encoding is a separate save option."))
        layout.addWidget(self.encoding)
        layout.addWidget(self.preview)
        layout.addWidget(buttons)
        self.resize(560, 200)

    def _update_preview(self, encoding: str) -> None:
        self.preview.setText(f"Preview: {preview_line(self._data, encoding.strip())}")

    def chosen(self) -> str:
        return self.encoding.currentText().strip()
