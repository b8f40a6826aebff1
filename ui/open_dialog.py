"""File › Open's dialog: where it starts and which files it lists.

It starts in the current document's folder (else the last folder opened from), and lists all
files by default: the usual targets of a Trojan Source attack are ``.py``, ``.js`` or ``.rs``
files, which a "text files" filter would hide.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

SOURCE_SUFFIXES = ("py", "pyi", "js", "mjs", "ts", "tsx", "jsx", "c", "h", "cpp", "cc", "hpp", "cs", "rs", "go",
                   "java", "kt", "swift", "rb", "php", "pl", "lua", "sh", "bash", "ps1", "sql", "yaml", "yml",
                   "toml", "ini", "cfg")
TEXT_SUFFIXES = ("txt", "md", "rst", "csv", "tsv", "json", "xml", "html", "htm", "srt", "vtt", "log", "tex")
OPEN_FILTERS = (
    "All files (*)",
    "Text files (" + " ".join(f"*.{suffix}" for suffix in TEXT_SUFFIXES) + ")",
    "Source code (" + " ".join(f"*.{suffix}" for suffix in SOURCE_SUFFIXES) + ")",
)


def start_folder(current: Path | None, last_folder: str) -> str:
    """The folder the dialog opens in: the current document's, else the last used one ("" if none).

    Args:
        current: the current tab's file, if it has one.
        last_folder: the folder of the last Open (from the settings).
    """
    if current is not None and current.parent.is_dir():
        return str(current.parent)
    if last_folder and Path(last_folder).is_dir():
        return last_folder
    return ""


def make_open_dialog(parent: QWidget, folder: str) -> QFileDialog:
    """The Open dialog in ``folder``, several existing files, all files listed first."""
    dialog = QFileDialog(parent, "Open text files", folder)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setNameFilters(list(OPEN_FILTERS))
    dialog.selectNameFilter(OPEN_FILTERS[0])
    return dialog
