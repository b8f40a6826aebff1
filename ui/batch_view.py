"""The batch view: every text file of a dropped folder (or of many dropped files) in one list.

A tab of the main window. The scan runs in a :class:`~ui.batch_worker.ScanWorker`; its rows
stream into a :class:`~ui.batch_model.BatchModel` while a progress row says how far it is and
offers Cancel. A double-click (or Enter) opens a file in a normal document tab. *Clean all…*
shows what would be written (:class:`CleanConfirmDialog`), writes it in a
:class:`~ui.batch_worker.CleanWorker` with progress and Cancel, and ends with what was written and
what failed (:class:`CleanSummaryDialog`). All the deciding is :mod:`core.batch`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.batch import (
    CleanOutcome,
    CleanPlan,
    FileScan,
    Listing,
    ScanTotals,
    common_base,
    counted,
    plan_clean,
    plan_lines,
    summary_lines,
    totals_text,
)
from ..core.engine import EngineConfig
from ..core.view.display import escape_for_display
from .batch_model import BY_RULE, COLUMNS, ENCODING, FILE, BatchModel
from .batch_worker import CleanWorker, ScanWorker
from .help import heading
from .prompts import Prompts
from .worker import detach

# Dropping more files than this at once lists them in a batch view instead of opening a tab for each.
MAX_TABS_PER_DROP = 5
# The file column's share of the list's width, until the user drags its edge.
FILE_SHARE = 0.28


def wants_batch(paths: Sequence[str], *, dropped: bool = False) -> bool:
    """Whether opening ``paths`` should show a batch view: a folder among them, or many files
    dropped at once (files chosen one by one in the Open dialog each get a tab)."""
    return (dropped and len(paths) > MAX_TABS_PER_DROP) or any(Path(path).expanduser().is_dir() for path in paths)


def open_batch_view(window: Any, paths: Sequence[str]) -> BatchView:
    """Show ``paths`` in a new batch tab of ``window`` (a :class:`~ui.mainwindow.MainWindow`) and
    start scanning; a double-click in it opens the file in the window."""
    view = BatchView([Path(path).expanduser() for path in paths], window.config, window.prompts)
    view.open_requested.connect(lambda path: window.open_paths([path]))
    index = window.tabs.addTab(view, view.title)
    window.tabs.setTabToolTip(index, view.where)
    window.tabs.setCurrentWidget(view)
    window.stack.setCurrentWidget(window.tabs)
    view.start_scan()
    return view


class CleanConfirmDialog(QDialog):
    """What *Clean all* will write, before anything is: the files, their changes and backups.

    Attributes:
        plan: what accepting writes (follows the backup box).
        backup: keep each file's current version as a backup.
        files: one line per file.
        clean_button: starts the cleaning.
    """

    def __init__(self, scans: Sequence[FileScan], where: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Clean all")
        self._scans = list(scans)
        self.plan = plan_clean(self._scans)
        self.title = heading("", 1.2)
        explanation = QLabel(
            f"The cleaned text is written over each file in {where}, in the file's own encoding, newlines "
            "and byte order mark: first to a temporary file beside it, then renamed into place, so a failure "
            "never leaves half a file. A file that changed on disk since the scan is left alone and reported.")
        explanation.setWordWrap(True)
        self.backup = QCheckBox("Keep each file's current version as a backup (NAME.bak, or NAME.bak.2… "
                                "when that exists; no backup is ever overwritten)")
        self.backup.setChecked(True)
        self.backup.toggled.connect(self._replan)
        self.files = QPlainTextEdit()
        self.files.setReadOnly(True)
        self.files.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.clean_button = buttons.addButton("Clean", QDialogButtonBox.ButtonRole.AcceptRole)
        self.clean_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(explanation)
        layout.addWidget(self.backup)
        layout.addWidget(self.files, 1)
        layout.addWidget(buttons)
        self.resize(760, 480)
        self._show_plan()

    def _replan(self, backup: bool) -> None:
        self.plan = plan_clean(self._scans, backup=backup)
        self._show_plan()

    def _show_plan(self) -> None:
        count = counted(len(self.plan.files), "file")
        self.title.setText(f"Clean {count}: {counted(self.plan.changes, 'change')}")
        self.clean_button.setText(f"Clean {count}")
        self.files.setPlainText("\n".join(escape_for_display(line, limit=2000) for line in plan_lines(self.plan)))


class CleanSummaryDialog(QDialog):
    """What *Clean all* wrote and what failed, with the reasons.

    Attributes:
        headline: the counts.
        details: the files, failed ones first.
    """

    def __init__(self, headline: str, lines: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Clean all: done")
        self.headline = heading(headline, 1.2)
        self.headline.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setPlainText("\n".join(escape_for_display(line, limit=2000) for line in lines))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)


class BatchView(QWidget):
    """The files of a dropped folder, their findings, and cleaning them all.

    Signals:
        open_requested: (path) the user asked to open a file in a document tab.

    Attributes:
        roots: what was dropped.
        config: the rules the scan (and the cleaning) use.
        model: the rows.
        table: the list.
        totals: the counts line.
        progress, progress_label, cancel_button: the progress row (shown while working).
        clean_button, rescan_button: the actions.
        scan_worker, clean_worker: the running threads, if any.
        confirm_dialog, summary_dialog: the last dialogs shown, if any.
    """

    open_requested = Signal(str)

    def __init__(self, roots: Sequence[Path], config: EngineConfig, prompts: Prompts,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.roots = list(roots)
        self.config = config
        self.prompts = prompts
        self.listing: Listing | None = None
        self.counts = ScanTotals()
        self.scan_worker: ScanWorker | None = None
        self.clean_worker: CleanWorker | None = None
        self.confirm_dialog: CleanConfirmDialog | None = None
        self.summary_dialog: CleanSummaryDialog | None = None
        self.scanned = False
        self.cleaned = False
        self._ended = ""  # how the last scan ended: done, cancelled or failed: …
        self._outcomes: list[CleanOutcome] = []
        self._plan: CleanPlan | None = None

        self.model = BatchModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self._size_columns()
        header = self.table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.doubleClicked.connect(self._open_index)
        open_key = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, context=Qt.ShortcutContext.WidgetShortcut)
        open_key.activated.connect(lambda: self._open_index(self.table.currentIndex()))

        self.where_label = heading(self.where, 1.3)
        self.where_label.setTextFormat(Qt.TextFormat.PlainText)
        self.totals = QLabel("")
        self.totals.setTextFormat(Qt.TextFormat.PlainText)
        self.totals.setWordWrap(True)
        hint = QLabel("Double-click a file to review it in its own tab.")
        hint.setEnabled(False)
        self.clean_button = QPushButton("Clean all…")
        self.clean_button.setToolTip("Write the cleaned text over every file with changes (you see the list first)")
        self.clean_button.clicked.connect(self.clean_all)
        self.rescan_button = QPushButton("Scan again")
        self.rescan_button.clicked.connect(self.start_scan)

        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress_label = QLabel("")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.progress_row = QWidget()
        progress_layout = QHBoxLayout(self.progress_row)
        progress_layout.setContentsMargins(0, 0, 0, 0)
        progress_layout.addWidget(self.progress_label)
        progress_layout.addWidget(self.progress, 1)
        progress_layout.addWidget(self.cancel_button)
        self.progress_row.hide()

        actions = QHBoxLayout()
        actions.addWidget(self.clean_button)
        actions.addWidget(self.rescan_button)
        actions.addSpacing(12)
        actions.addWidget(hint)
        actions.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.addWidget(self.where_label)
        layout.addWidget(self.totals)
        layout.addLayout(actions)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.table, 1)
        self._update()

    # -- naming -----------------------------------------------------------------------------

    @property
    def title(self) -> str:
        """The tab's label: the folder's name, or how many items were dropped."""
        if len(self.roots) == 1:
            return escape_for_display(f"{self.roots[0].name or self.roots[0]}/", limit=60)
        return f"{len(self.roots)} dropped items"

    @property
    def where(self) -> str:
        """The folder the list's paths are relative to, escaped."""
        return escape_for_display(str(common_base(self.roots)) if self.roots else "", limit=400)

    def _size_columns(self) -> None:
        """Widths from the font, once: sizing to contents would measure every row of a big folder."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(metrics.horizontalAdvance("0000") + 12)
        widths = {ENCODING: "windows-1251 (88%)", BY_RULE: "homoglyphs 205 · invisible 3"}
        for column in range(len(COLUMNS)):
            sample = widths.get(column, f"{COLUMNS[column]} ▾")
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 16)
        # Status takes what is left; the file column a third of the width (see resizeEvent).
        header.setStretchLastSection(True)
        self._file_width_set_by_user = False
        header.sectionResized.connect(self._section_resized)

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        if column == FILE and self.table.horizontalHeader().underMouse():
            self._file_width_set_by_user = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._file_width_set_by_user:
            self.table.horizontalHeader().resizeSection(FILE, max(160, int(self.table.viewport().width() * FILE_SHARE)))

    # -- scanning ---------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.scan_worker is not None or self.clean_worker is not None

    def start_scan(self) -> None:
        """Scan (again) from the start: the list empties and fills as files are read."""
        if self.clean_worker is not None:
            return
        self._stop(self.scan_worker)
        self.model.clear()
        self.listing = None
        self.counts = ScanTotals()
        self.scanned = self.cleaned = False
        self._ended = ""
        self._outcomes = []
        worker = ScanWorker(self.roots, self.config, self)
        worker.listed.connect(self._on_listed)
        worker.found.connect(self._on_found)
        worker.progress.connect(self._on_progress)
        worker.succeeded.connect(lambda _result: self._scan_ended(worker, "done"))
        worker.cancelled.connect(lambda: self._scan_ended(worker, "cancelled"))
        worker.failed.connect(lambda message: self._scan_ended(worker, f"failed: {message}"))
        self.scan_worker = worker
        self._show_progress("Listing files…")
        worker.start()

    def _on_listed(self, listing: Listing) -> None:
        if self.sender() is self.scan_worker:
            self.listing = listing
            self._update()

    def _on_found(self, scans: list[FileScan]) -> None:
        if self.sender() is not self.scan_worker:
            return
        self.counts.add(scans)
        self.model.append(scans)
        self._update()

    def _scan_ended(self, worker: ScanWorker, how: str) -> None:
        if worker is not self.scan_worker:
            return
        self.scan_worker = None
        self.scanned = how == "done"
        self.progress_row.hide()
        self._ended = how
        self._update()

    # -- cleaning ---------------------------------------------------------------------------

    def clean_all(self) -> CleanConfirmDialog | None:
        """Show what cleaning all would write; cleaning starts when the user accepts."""
        if self.busy or not self.scanned or self.cleaned or not self.counts.with_changes:
            return None
        dialog = CleanConfirmDialog(self.model.rows, self.where, self)
        dialog.accepted.connect(lambda: self._start_clean(dialog.plan))
        self.confirm_dialog = dialog
        dialog.open()
        return dialog

    def _start_clean(self, plan: CleanPlan) -> None:
        if self.busy:
            return
        self._plan = plan
        self._outcomes = []
        worker = CleanWorker(plan, self.config, self)
        worker.cleaned.connect(self._on_cleaned)
        worker.progress.connect(self._on_progress)
        worker.succeeded.connect(lambda _result: self._clean_ended(worker, ""))
        worker.cancelled.connect(lambda: self._clean_ended(worker, ""))
        worker.failed.connect(lambda message: self._clean_ended(worker, message))
        self.clean_worker = worker
        self.cleaned = True
        self._show_progress("Cleaning…")
        worker.start()

    def _on_cleaned(self, outcomes: list[CleanOutcome]) -> None:
        if self.sender() is not self.clean_worker:
            return
        self._outcomes += outcomes
        self.model.set_outcomes(outcomes)

    def _clean_ended(self, worker: CleanWorker, failure: str) -> None:
        if worker is not self.clean_worker or self._plan is None:
            return
        self.clean_worker = None
        self.progress_row.hide()
        headline, lines = summary_lines(self._outcomes, self._plan)
        if failure:
            lines = [f"Cleaning stopped: {failure}", *lines]
        self.summary_dialog = CleanSummaryDialog(headline, lines, self)
        self.summary_dialog.open()
        self._update()

    # -- common -----------------------------------------------------------------------------

    def cancel(self) -> None:
        """Stop the scan (the files scanned so far stay listed) or the cleaning (after the file
        being written, if any: writes are never cut off)."""
        for worker in (self.scan_worker, self.clean_worker):
            if worker is not None:
                worker.cancel()
        self.cancel_button.setEnabled(False)
        self.progress_label.setText("Stopping…")

    def _stop(self, worker: ScanWorker | CleanWorker | None) -> None:
        if worker is not None:
            detach(worker, self)

    def release_workers(self) -> None:
        """Cancel whatever runs and let it end on its own (the view is closing)."""
        self._stop(self.scan_worker)
        self._stop(self.clean_worker)
        self.scan_worker = self.clean_worker = None

    @property
    def has_unsaved_work(self) -> bool:
        """Cleaning is under way (closing the window asks first)."""
        return self.clean_worker is not None

    def confirm_discard(self) -> bool:
        """Whether the view may close: while cleaning, only if the user agrees to stop."""
        if self.clean_worker is None:
            return True
        return self.prompts.ask_yes_no("Stop cleaning?", "Files are being cleaned. Stop after the file being "
                                       "written? The files written so far stay written.")

    def _show_progress(self, text: str) -> None:
        self.progress.setValue(0)
        self.progress_label.setText(text)
        self.cancel_button.setEnabled(True)
        self.progress_row.show()
        self._update()

    def _on_progress(self, percent: int, what: str) -> None:
        if self.sender() in (self.scan_worker, self.clean_worker):
            self.progress.setValue(percent)
            self.progress_label.setText(what)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(str(self.model.rows[index.row()].path))

    def _update(self) -> None:
        text = totals_text(self.counts, self.listing)
        ended = self._ended
        if ended == "cancelled":
            text += " — scan cancelled: the list is incomplete"
        elif ended.startswith("failed"):
            text += f" — scan {ended}"
        elif self.cleaned and self.clean_worker is None:
            text += " — cleaned: scan again to check the files as they are now"
        self.totals.setText(text)
        self.clean_button.setEnabled(not self.busy and self.scanned and not self.cleaned
                                     and bool(self.counts.with_changes))
        self.rescan_button.setEnabled(self.clean_worker is None)

