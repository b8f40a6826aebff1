"""File › Export: the current document's findings as an HTML report or a JSON record.

The content comes from :mod:`core.export` (the colours from :mod:`ui.colors`, so the report looks
like the panes); the file is written atomically by :func:`core.encoding.saving.write_atomic`. The opened
file itself is never a target: exporting over it would replace the text under review.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from ..core.encoding.saving import SaveError, write_atomic
from ..core.export import html_report, json_report
from ..core.view.display import escape_for_display
from . import colors
from .document_tab import DocumentTab

Kind = Literal["html", "json"]
SUFFIXES: dict[Kind, str] = {"html": ".html", "json": ".json"}


def suggested_path(tab: DocumentTab, kind: Kind) -> str:
    """``news-report.html`` next to the document's file, or in the home folder for pasted text."""
    source = tab.document.decoded.path if tab.document is not None else None
    if source is None:
        return str(Path.home() / f"glyphwash-report{SUFFIXES[kind]}")
    return str(source.with_name(f"{source.stem}-report{SUFFIXES[kind]}"))


def export_findings(tab: DocumentTab, kind: Kind) -> Path | None:
    """Ask where, build the report of ``tab``'s document as reviewed now and write it.

    Returns:
        The file written, or None when cancelled or refused (the user is told why).
    """
    document = tab.document
    if document is None:
        return None
    answer = tab.prompts.ask_export_path(suggested_path(tab, kind), kind)
    if not answer:
        return None
    target = Path(answer)
    source = document.decoded.path
    if source is not None and _same_file(target, source):
        tab.prompts.show_error("Could not export", f"{escape_for_display(target.name)} is the file under review; "
                                                   "choose another name for the report.")
        return None
    label = str(source) if source is not None else tab.title
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        content = html_report(document, colors.export_colors(), label) if kind == "html" \
            else json_report(document, label)
        saved = write_atomic(target, content.encode("utf-8"))
    except SaveError as error:
        tab.prompts.show_error("Could not export", escape_for_display(str(error), limit=400))
        return None
    finally:
        QGuiApplication.restoreOverrideCursor()
    tab.message.emit(f"Exported {document.state.count:,} changes to {escape_for_display(str(saved.path), limit=200)}")
    return saved.path


def _same_file(target: Path, source: Path) -> bool:
    if Path(os.path.abspath(target)) == Path(os.path.abspath(source)):
        return True
    try:
        return target.exists() and os.path.samefile(target, source)
    except OSError:
        return False
