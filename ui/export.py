"""File › Export: the current document's findings as an HTML report or a JSON record, in a worker.

The content comes from :mod:`core.export` (the colours from :mod:`ui.colors`, so the report looks
like the panes). The window takes a :class:`~core.export.ReviewSnapshot` when the export is asked
for, so changes reverted while it is written do not tear it; a worker thread builds the file a
piece at a time and writes it atomically as the pieces come (:func:`core.encoding.saving.write_atomic`:
a cancel or a failure leaves nothing). Meanwhile a row in the status bar says how much is written,
with Cancel; a failure is a message, a success a banner in the document's tab (with *Open report*)
and a status line. The opened file itself is never a target: exporting over it would replace the
text under review.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from ..core.batch import counted
from ..core.encoding.saving import SaveError, SaveResult, write_atomic
from ..core.export import ExportError, ReviewSnapshot, RuleColors, encoded, html_pieces, json_pieces
from ..core.session import Notice
from ..core.view.display import escape_for_display
from . import colors
from .document_tab import DocumentTab
from .worker import _DocumentWorker, detach

Kind = Literal["html", "json"]
SUFFIXES: dict[Kind, str] = {"html": ".html", "json": ".json"}
NAMES: dict[Kind, str] = {"html": "HTML report", "json": "JSON record"}
MB = 1 << 20


def suggested_path(tab: DocumentTab, kind: Kind) -> str:
    """``news-report.html`` next to the document's file, or in the home folder for pasted text."""
    source = tab.document.decoded.path if tab.document is not None else None
    if source is None:
        return str(Path.home() / f"glyphwash-report{SUFFIXES[kind]}")
    return str(source.with_name(f"{source.stem}-report{SUFFIXES[kind]}"))


class ExportWorker(_DocumentWorker):
    """Builds and writes one export in a thread, a piece at a time (cancel between pieces).

    Signals:
        succeeded: (core.encoding.saving.SaveResult) the file is written.
        progress: (0, "Exporting… 3.0 MB written") after each piece.
        (and failed, cancelled of :class:`~ui.worker._DocumentWorker`)
    """

    def __init__(self, snapshot: ReviewSnapshot, kind: Kind, rule_colors: dict[str, RuleColors], target: Path,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.snapshot = snapshot
        self.kind = kind
        self.rule_colors = rule_colors
        self.target = target

    def _build(self) -> SaveResult:
        pieces = html_pieces(self.snapshot, self.rule_colors) if self.kind == "html" else json_pieces(self.snapshot)
        return write_atomic(self.target, self._counted(encoded(pieces)))

    def _counted(self, chunks: Iterator[bytes]) -> Iterator[bytes]:
        written = 0
        for chunk in chunks:
            self._check(0, f"Exporting… {written / MB:,.1f} MB written")
            yield chunk
            written += len(chunk)

    def _source(self) -> Path | None:
        return self.snapshot.document.decoded.path

    def _unexpected(self, error: Exception) -> str:
        if isinstance(error, SaveError | ExportError):
            return str(error)
        return super()._unexpected(error)


class ExportRow(QWidget):
    """The status bar's row while an export runs: what is written so far, a busy bar and Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: how big the file will be is not known in advance
        self.progress.setMaximumWidth(120)
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the export; nothing is written")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel_button)
        self.hide()


class Exporter(QObject):
    """The window's exports: one at a time, in a worker, shown in the status bar.

    Signals:
        finished: (the file written, or None when cancelled or failed) after each export.

    Attributes:
        worker: the running export, if any.
        row: its row in the status bar.
    """

    finished = Signal(object)

    def __init__(self, status_bar: QStatusBar, say: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._say = say
        self.worker: ExportWorker | None = None
        self._tab: DocumentTab | None = None
        self.row = ExportRow()
        self.row.cancel_button.clicked.connect(self.cancel)
        status_bar.addPermanentWidget(self.row)

    @property
    def busy(self) -> bool:
        return self.worker is not None

    def export(self, tab: DocumentTab, kind: Kind) -> ExportWorker | None:
        """Ask where, snapshot ``tab``'s review as it is now and start writing it.

        Returns:
            The worker started, or None when cancelled or refused (the user is told why).
        """
        document = tab.document
        if document is None:
            return None
        if self.worker is not None:
            self._say("An export is already being written: wait for it, or cancel it first.")
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
        snapshot = ReviewSnapshot.of(document, str(source) if source is not None else tab.title)
        worker = self.worker = ExportWorker(snapshot, kind, colors.export_colors(), target)
        self._tab = tab
        tab.destroyed.connect(self._forget_tab)
        worker.progress.connect(self._on_progress)
        worker.succeeded.connect(self._on_written)
        worker.failed.connect(self._on_failed)
        worker.cancelled.connect(self._on_cancelled)
        self.row.label.setText(f"Exporting the {NAMES[kind]}…")
        self.row.show()
        worker.start()
        return worker

    def cancel(self) -> None:
        """Stop the running export; ``finished`` (None) follows, nothing is written."""
        if self.worker is not None:
            self.worker.cancel()

    def release(self) -> None:
        """Let the export end on its own, cancelled and unheard (the window is closing)."""
        if self.worker is not None:
            detach(self.worker, self)
        self.worker = None

    def _forget_tab(self) -> None:
        self._tab = None

    def _let_go(self, result: Path | None) -> None:
        """The export is over: no more banner for its tab; tell whoever waits."""
        if self._tab is not None:
            self._tab.destroyed.disconnect(self._forget_tab)
            self._tab = None
        self.finished.emit(result)

    def _on_progress(self, _percent: int, what: str) -> None:
        if self.sender() is self.worker:
            self.row.label.setText(what)

    def _finish(self) -> ExportWorker | None:
        worker = self.worker
        if self.sender() is not worker or worker is None:
            return None
        worker.wait()
        self.worker = None
        self.row.hide()
        return worker

    def _on_written(self, saved: SaveResult) -> None:
        worker = self._finish()
        if worker is None:
            return
        accepted = worker.snapshot.accepted
        text = (f"Exported {counted(len(accepted), 'change')} ({accepted.count(1):,} kept) to "
                f"{escape_for_display(str(saved.path), limit=200)}")
        self._say(text)
        tab = self._tab
        if tab is not None:
            banner = tab.banner_area.show_latest(Notice("exported", "info", text), colors.is_dark(tab.palette()))
            url = QUrl.fromLocalFile(str(saved.path))
            banner.add_action("Open report" if worker.kind == "html" else "Open file",
                              lambda: QDesktopServices.openUrl(url))
        self._let_go(saved.path)

    def _on_failed(self, message: str) -> None:
        if self._finish() is None:
            return
        shown = escape_for_display(message, limit=400)
        self._say(f"Could not export: {shown}")
        if self._tab is not None:
            self._tab.prompts.show_error("Could not export", shown)
        self._let_go(None)

    def _on_cancelled(self) -> None:
        if self._finish() is not None:
            self._say("Export cancelled; nothing was written.")
            self._let_go(None)


def _same_file(target: Path, source: Path) -> bool:
    if Path(os.path.abspath(target)) == Path(os.path.abspath(source)):
        return True
    try:
        return target.exists() and os.path.samefile(target, source)
    except OSError:
        return False
