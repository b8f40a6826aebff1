"""One open document: banners, the two panes with overview strips, the review panel, saving.

The tab renders :class:`~core.document.ReviewDocument`; every review step goes through
:meth:`DocumentTab.apply_step`, which changes the review state (the source of truth) and then
re-renders. Text is never read back from a pane.
"""

from __future__ import annotations

from array import array
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontDatabase, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core.encoding.decoding import DecodedDocument
from ..core.encoding.disk import DiskState, FileStamp, disk_state
from ..core.encoding.mixed import describe as describe_encoding
from ..core.encoding.mixed import legacy_part
from ..core.encoding.saving import (
    SaveError,
    SaveOptions,
    SaveResult,
    UnrepresentableError,
    overwrites_input,
    save_document,
)
from ..core.engine import EngineConfig
from ..core.review import ReviewAction
from ..core.unicode.unicode_data import describe, script_of
from ..core.view.display import LINE_LIMIT, STAND_INS_PER_PIECE, escape_for_display
from ..core.view.document import ReviewDocument
from . import colors
from .banners import Banner
from .dialogs import preview_line
from .prompts import Prompts
from .review_panel import ReviewPanel, change_tooltip
from .textpane import CHUNK_SIZE, CONTINUATION, OverviewStrip, PaneModel, TextPane
from .worker import LoadWorker, ReanalyzeWorker, describe_config_change, detach

# Detection is called sure, and offers no other reading, only above this measured accuracy.
SURE_CONFIDENCE = 0.95
FILLING = "showing the text… {percent}%"
# Analyses kept for undoing rule and allowlist changes (each holds a whole document's arrays).
HISTORY_DOCUMENTS = 10
# A load's worker starts after the tab's first paint, or after this long if it is not drawn.
START_FALLBACK_MS = 100


class PaneFrame(QWidget):
    """A pane with its caption and overview strip.

    Attributes:
        caption: the label above the pane.
        filling: how much of a big text the pane holds yet (hidden once it holds all).
        pane: the text pane.
        strip: the overview strip.
    """

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(caption)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        font = self.caption.font()
        font.setBold(True)
        self.caption.setFont(font)
        self.pane = TextPane()
        self.strip = OverviewStrip()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.pane, 1)
        row.addWidget(self.strip)
        # While a big text is still arriving in the pane: how much of it is there. Neither label
        # may change the pane's width as it changes: that would re-wrap every line (seconds and a
        # gigabyte for 100 MB), so the caption ignores its size hint and this one has a fixed width.
        self.caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.filling = QLabel()
        self.filling.setTextFormat(Qt.TextFormat.PlainText)
        self.filling.setFixedWidth(self.filling.fontMetrics().horizontalAdvance(FILLING.format(percent=100)) + 8)
        self.filling.hide()  # the caption has the row while the pane holds all its text
        self.pane.fill_progress.connect(self._show_filling)
        heading = QHBoxLayout()
        heading.setContentsMargins(0, 0, 0, 0)
        heading.addWidget(self.caption, 1)
        heading.addWidget(self.filling)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addLayout(row, 1)

    def _show_filling(self, percent: int) -> None:
        self.filling.setText(FILLING.format(percent=percent))
        self.filling.setVisible(percent < 100)


class DocumentTab(QWidget):
    """A document under review.

    Signals:
        state_changed: title, modified mark, counts or encoding changed.
        message: (text) something the status bar should say (what a save wrote).
        inspector_changed: (text) the description of the character at the cursor.
        document_loaded: a document (first or reinterpreted) is shown.
        load_failed: (message) loading failed; the tab is empty.
        config_changed: (EngineConfig) the user switched a rule or allowed a character here.
        reanalyzed: another analysis of the same text is shown (a rule change, its undo or redo).

    Attributes:
        document: what is shown, or None while loading.
        path: where Save writes (the file opened, or the last Save As target).
        save_options: output encoding, BOM, newline and backup for the next save.
        worker: the running load, if any.
        current_change: the change last jumped to.
    """

    state_changed = Signal()
    message = Signal(str)
    inspector_changed = Signal(str)
    document_loaded = Signal()
    load_failed = Signal(str)
    config_changed = Signal(object)
    reanalyzed = Signal()

    def __init__(self, prompts: Prompts, config: EngineConfig, wrap: bool = True, font: QFont | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.config = config
        self.document: ReviewDocument | None = None
        self.path: Path | None = None
        self.save_options = SaveOptions()
        self.worker: LoadWorker | None = None
        self._unstarted: LoadWorker | None = None
        self.current_change: int | None = None
        self.pending_title = "Loading…"
        self._confirmed_overwrite = False
        self._disk_stamp: FileStamp | None = None
        self._backup: Path | None = None
        self._syncing = False
        self.reanalysis: ReanalyzeWorker | None = None
        self._undo_documents: list[tuple[ReviewDocument, str]] = []
        self._redo_documents: list[tuple[ReviewDocument, str]] = []
        self._saved_document: ReviewDocument | None = None

        self.banner_area = QVBoxLayout()
        self.banner_area.setContentsMargins(0, 0, 0, 0)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress_label = QLabel("Loading…")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self._cancel_clicked)
        # The progress row floats over the top of the panes instead of pushing them down: a
        # pane that changes size repaints whole, which beside a running analysis froze the
        # window for a quarter of a second each time a re-analysis started.
        self.progress_row = QWidget(self)
        self.progress_row.setAutoFillBackground(True)
        progress_layout = QHBoxLayout(self.progress_row)
        progress_layout.setContentsMargins(6, 2, 6, 2)
        progress_layout.addWidget(self.progress_label)
        progress_layout.addWidget(self.progress, 1)
        progress_layout.addWidget(self.cancel_button)
        self.progress_row.hide()

        self.left_frame = PaneFrame("Original")
        self.right_frame = PaneFrame("Cleaned")
        self.left = self.left_frame.pane
        self.right = self.right_frame.pane
        self.left.setAccessibleName("Original text")
        self.right.setAccessibleName("Cleaned text")
        self.panes = QSplitter(Qt.Orientation.Horizontal)
        self.panes.addWidget(self.left_frame)
        self.panes.addWidget(self.right_frame)
        self.panel = ReviewPanel()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.panes)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([1000, 380])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.banner_area)
        layout.addWidget(self.splitter, 1)
        self.splitter.splitterMoved.connect(self._place_progress)
        self.panes.splitterMoved.connect(self._place_progress)

        self.set_font(font or QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.set_wrap(wrap)
        for pane in (self.left, self.right):
            pane.tooltip_provider = self._tooltip
            pane.context_menu_hook = self._extend_context_menu
            pane.verticalScrollBar().valueChanged.connect(lambda _value, source=pane: self._sync_scroll(source))
            pane.horizontalScrollBar().valueChanged.connect(lambda _value, source=pane: self._sync_scroll(source))
            pane.cursor_moved.connect(lambda position, source=pane: self._inspect(source, position))
        for frame in (self.left_frame, self.right_frame):
            frame.strip.clicked.connect(self._strip_clicked)
        self.panel.group_toggled.connect(self.toggle_group)
        self.panel.change_toggled.connect(self.toggle_change)
        self.panel.change_activated.connect(self.go_to_change)
        self.panel.all_toggled.connect(self.toggle_all)
        self.panel.rules_changed.connect(self.set_rules)
        self.panel.set_rules(config.rules)

    # -- loading -----------------------------------------------------------------------------

    @property
    def title(self) -> str:
        """The escaped name for tabs and the window title."""
        name = self.document.title if self.document is not None else self.pending_title
        if self.path is not None:
            name = self.path.name
        return escape_for_display(name, limit=80)

    @property
    def busy(self) -> bool:
        """Whether a pane still brings its text up to date in the background."""
        return self.left.is_loading or self.right.is_loading

    @property
    def has_unsaved_work(self) -> bool:
        """Whether the cleaned text may differ from what the file holds.

        Before the first save that is whenever a change is accepted (the cleaning itself is the
        unsaved work); after a save, whenever review steps (reverts, rule or allowlist changes)
        were taken or undone since.
        """
        document = self.document
        if document is None:
            return False
        if self._saved_document is None:
            return document.state.accepted_count > 0
        return document is not self._saved_document or document.state.has_unsaved_work

    def load_path(self, path: Path, encoding: str | None = None) -> LoadWorker:
        """Open ``path`` in a worker; ``encoding`` reinterprets."""
        self.pending_title = path.name
        return self._start(LoadWorker(path=path, encoding=encoding, config=self.config, title=path.name))

    def load_bytes(self, data: bytes, title: str, encoding: str | None = None, path: Path | None = None,
                   stamp: FileStamp | None = None) -> LoadWorker:
        """Open bytes (pasted text, or a reinterpretation of the bytes ``path`` held, as ``stamp`` says)."""
        self.pending_title = title
        return self._start(LoadWorker(data=data, path=path, stamp=stamp, encoding=encoding, config=self.config,
                                      title=title))

    def _start(self, worker: LoadWorker) -> LoadWorker:
        self.cancel_load()
        self.worker = worker
        worker.progress.connect(self._on_progress)
        worker.succeeded.connect(self._on_loaded)
        worker.failed.connect(self._on_failed)
        worker.looks_binary.connect(self._on_looks_binary)
        worker.cancelled.connect(self._on_cancelled)
        self.progress.setValue(0)
        self.progress_label.setText("Loading…")
        self._show_progress()
        # The worker starts once the tab has been drawn (or after a moment, if it is not on
        # screen): drawn beside a running analysis, every Qt call into Python waits for the GIL,
        # and a new tab's first paint froze the window for 0.2 s.
        self._unstarted = worker
        self.left.viewport().installEventFilter(self)
        QTimer.singleShot(START_FALLBACK_MS, self._start_worker)
        self.state_changed.emit()
        return worker

    def _start_worker(self) -> None:
        worker, self._unstarted = self._unstarted, None
        self.left.viewport().removeEventFilter(self)
        if worker is not None and worker is self.worker:
            worker.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._unstarted is not None:
            QTimer.singleShot(0, self._start_worker)  # after this paint is done
        return False

    def _place_progress(self) -> None:
        """Lay the progress row over the top of the panes."""
        corner = self.panes.mapTo(self, QPoint(0, 0))
        self.progress_row.setGeometry(corner.x(), corner.y(), self.panes.width(), self.progress_row.sizeHint().height())
        self.progress_row.raise_()

    def _show_progress(self) -> None:
        self._place_progress()
        self.progress_row.show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_progress()

    def _cancel_clicked(self) -> None:
        self.cancel_load()
        self.cancel_reanalysis()

    def cancel_load(self) -> None:
        """Cancel a running (or not yet started) load; the old document, if any, stays."""
        if self.worker is not None and not self.worker.isFinished():
            self.worker.cancel()

    def release_workers(self) -> None:
        """Cancel the load and the analysis, if any, and let them end on their own (the tab is
        closing): nothing they send reaches the tab, and nothing here waits for them."""
        for worker in (self.worker, self.reanalysis):
            if worker is not None:
                detach(worker, self)
        self.worker = self.reanalysis = self._unstarted = None

    def _on_progress(self, percent: int, what: str) -> None:
        if self.sender() is self.worker or self.sender() is self.reanalysis:
            self.progress.setValue(percent)
            self.progress_label.setText(what)

    def _finish_worker(self) -> None:
        self.progress_row.hide()
        if self.worker is not None:
            self.worker.wait()

    def _on_cancelled(self) -> None:
        if self.sender() is not self.worker:
            return
        self._finish_worker()
        if self.document is None:
            self.load_failed.emit("Loading was cancelled.")

    def _on_failed(self, message: str) -> None:
        if self.sender() is not self.worker:
            return
        self._finish_worker()
        self.load_failed.emit(escape_for_display(message, limit=400))

    def _on_looks_binary(self, message: str) -> None:
        """Ask (here, on the GUI thread) whether to open bytes that look binary; if so, load them as text."""
        worker = self.worker
        if self.sender() is not worker or worker is None:
            return
        self._finish_worker()
        shown = escape_for_display(message, limit=400)
        if self.prompts.ask_open_binary(shown):
            self._start(worker.as_text())
        else:
            self.load_failed.emit(f"{shown} (not opened)")

    def _on_loaded(self, document: ReviewDocument) -> None:
        worker = self.worker
        if self.sender() is not worker:
            return
        if worker is not None and worker.data is None:
            self._backup = None  # read from disk: a new opened document, backed up at its first save
        self._finish_worker()
        self.set_document(document)

    def set_document(self, document: ReviewDocument) -> None:
        """Show ``document`` (fresh from loading or a reinterpretation)."""
        self.cancel_reanalysis()
        self.document = document
        self._saved_document = None
        self._undo_documents.clear()
        self._redo_documents.clear()
        decoded = document.decoded
        if decoded.path is not None:
            self.path = decoded.path
            self._disk_stamp = decoded.stamp
        self._confirmed_overwrite = False
        self.save_options = SaveOptions()
        self.current_change = None
        self.render()
        self._build_banners()
        self.panel.set_document(document)
        self.left_frame.caption.setText(f"Original — {decoded.encoding}"
                                        f"{' with BOM' if decoded.bom else ''} · stand-ins show hidden characters")
        self.document_loaded.emit()
        self.state_changed.emit()

    def _pane_model(self, right: bool) -> PaneModel:
        document = self.document
        assert document is not None
        layout = document.right() if right else document.left
        source = document.normalized_text() if right else document.decoded.text
        return PaneModel(layout, document.pieces, document.changes.rules, document.state.accepted, right,
                         document.marked_blocks(right), source)

    def render(self, *, keep_scroll: bool = False) -> None:
        """Show the document in both panes and the overview strips."""
        document = self.document
        if document is None:
            return
        self._syncing = True
        try:
            self.left.show_model(self._pane_model(False), keep_scroll=keep_scroll)
            right = self._pane_model(True)
            if len(right.layout.display.text) > CHUNK_SIZE:
                # A big text: the right pane starts on the next turn of the event loop, so the
                # window repaints between the two panes' first chunks.
                self.right.clear_model()
                QTimer.singleShot(0, lambda: self._show_right(right, keep_scroll))
            else:
                self.right.show_model(right, keep_scroll=keep_scroll)
        finally:
            self._syncing = False
        if keep_scroll:
            self._sync_scroll(self.left)
        self._update_strips(new_marks=True)

    def _show_right(self, model: PaneModel, keep_scroll: bool) -> None:
        if self.document is None or model.layout is not self.document.right():
            return  # another step or document replaced it meanwhile
        self._syncing = True
        try:
            self.right.show_model(model, keep_scroll=keep_scroll)
        finally:
            self._syncing = False
        self._sync_scroll(self.left)

    def _update_strips(self, new_marks: bool = False) -> None:
        document = self.document
        if document is None:
            return
        state = document.state
        for frame in (self.left_frame, self.right_frame):
            if new_marks:
                # Without changes the line count is not needed (counting a big file's lines takes a while).
                line_count = document.block_total() if state.count else 1
                frame.strip.set_marks(document.change_blocks(), line_count, document.changes.rules, state.accepted)
            else:
                frame.strip.invalidate()
        self._update_strip_viewport()
        self.right_frame.caption.setText(
            f"Cleaned — {state.accepted_count} of {state.count} changes applied · markers ▲ show deletions")

    # -- banners -----------------------------------------------------------------------------

    def _build_banners(self) -> None:
        while self.banner_area.count():
            item = self.banner_area.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        document = self.document
        if document is None:
            return
        decoded = document.decoded
        dark = colors.is_dark(self.palette())
        for warning in decoded.warnings:
            self._add_banner(Banner("warning", "info", escape_for_display(warning, limit=300), dark))
        if decoded.decode_errors:
            count = sum(len(issue.data) for issue in decoded.decode_errors)
            banner = Banner("decode-errors", "warning",
                            f"{count} byte(s) are not valid {decoded.encoding}. They are shown as boxed xNN "
                            f"stand-ins and written back unchanged if you save as {decoded.encoding}.", dark)
            banner.add_action("Reinterpret as…", self.reinterpret_dialog)
            self._add_banner(banner)
        encoding_banner = self._encoding_banner(decoded, dark)
        if encoding_banner is not None:
            self._add_banner(encoding_banner)
        for hidden in document.analysis.hidden_text:
            line, column = document.state.lines.line_column(hidden.offset)
            self._add_banner(Banner("hidden-text", "error",
                                    f"Hidden text in invisible tag characters at line {line}, column {column}: "
                                    f"“{escape_for_display(hidden.text, limit=300)}”", dark))
        broken = document.broken_lines()
        if broken:
            self._add_banner(Banner("long-lines", "info",
                                    f"{broken} line{'s are' if broken > 1 else ' is'} so long (over "
                                    f"{2 * LINE_LIMIT:,} characters) or so crowded with hidden characters (over "
                                    f"{STAND_INS_PER_PIECE:,} runs of them) that the panes show them in pieces, "
                                    f"marked {CONTINUATION} in "
                                    "the margin where a piece continues a line. This is for display only: the "
                                    "file's lines are analysed, cleaned and saved as they are.", dark))
        bidi = document.bidi_controls()
        if bidi:
            self._add_banner(Banner("bidi", "error",
                                    f"High severity: {bidi} bidirectional control character(s) found. They can make "
                                    "text show in a different order than it is read (Trojan Source). The original "
                                    "pane shows them as boxed RLO/LRI… labels instead of obeying them.", dark))

    def _encoding_banner(self, decoded: DecodedDocument, dark: bool) -> Banner | None:
        """The banner offering other readings: a line-by-line one for a file with UTF-8 and legacy
        lines (first), or any candidate when detection is not sure (at most 95% measured)."""
        others = [candidate for candidate in decoded.candidates if candidate.encoding != decoded.encoding]
        mixed = [candidate for candidate in others if legacy_part(candidate.encoding) is not None]
        guessed = decoded.detected_by == "detection" and decoded.confidence <= SURE_CONFIDENCE
        if not mixed and not guessed:
            return None
        if mixed:
            message = (f"Most lines are UTF-8, but some are not: they read as {legacy_part(mixed[0].encoding)}. "
                       "Read each line in its own encoding (saving copies unchanged lines byte for byte):")
        else:
            message = (f"The encoding was guessed as {decoded.encoding}; guesses like this one are right about "
                       f"{decoded.confidence:.0%} of the time. If the text looks wrong, read it with another "
                       "candidate:")
        banner = Banner("encoding", "warning", message, dark)
        for candidate in (mixed + [c for c in others if c not in mixed])[:5]:
            banner.add_action(f"Read as {describe_encoding(candidate.encoding)} ({candidate.confidence:.0%})",
                              lambda encoding=candidate.encoding: self.reinterpret(encoding),
                              preview_line(decoded.raw, candidate.encoding))
        return banner

    def _add_banner(self, banner: Banner) -> None:
        self.banner_area.addWidget(banner)

    def banners(self) -> list[Banner]:
        return [widget for index in range(self.banner_area.count())
                if isinstance(widget := self.banner_area.itemAt(index).widget(), Banner)]

    # -- review ------------------------------------------------------------------------------

    def apply_step(self, action: ReviewAction | None) -> None:
        """Show a review step (``action`` None: nothing changed).

        Only the blocks holding the changes the step touched are updated: their formats in the
        left pane, their text and formats in the right one; the visible ones at once, the others
        in timer slices. The right pane is reloaded whole only when the step changes its lines.
        """
        document = self.document
        if action is None or document is None:
            return
        lines = document.change_blocks()
        blocks = array("q", dict.fromkeys(map(lines.__getitem__, action.indices)))
        shown = self.right.model.layout if self.right.model is not None else None
        self._syncing = True
        try:
            self.left.update_blocks(self._pane_model(False), blocks, text_changed=False)
            if shown is not None and document.same_blocks(shown):
                self.right.update_blocks(self._pane_model(True), blocks, text_changed=True)
            else:
                self.right.show_model(self._pane_model(True), keep_scroll=True)
        finally:
            self._syncing = False
        self._update_strips()
        self.panel.refresh()
        self.state_changed.emit()

    def toggle_group(self, group: int, accept: bool) -> None:
        if self.document is not None:
            self._record(self.document.state.set_group(group, accept))

    def toggle_change(self, index: int, accept: bool) -> None:
        if self.document is not None:
            change = self.document.changes[index]
            verb = "Restore" if accept else "Revert"
            description = f"{verb} {escape_for_display(change.original, 20)} → " \
                          f"{escape_for_display(change.replacement, 20) or '(removed)'}"
            self._record(self.document.state.set_accepted([index], accept, description))

    def toggle_all(self, accept: bool) -> None:
        if self.document is not None:
            self._record(self.document.state.set_accepted(range(self.document.state.count), accept,
                                                          "Accept all changes" if accept else "Revert all changes"))

    def _record(self, action: ReviewAction | None) -> None:
        """Show a new review step; it ends any redo of rule changes."""
        if action is not None:
            self._redo_documents.clear()
        self.apply_step(action)

    # -- history across analyses: rule and allowlist changes are undoable steps too -------------

    @property
    def can_undo(self) -> bool:
        return self.document is not None and (self.document.state.can_undo or bool(self._undo_documents))

    @property
    def can_redo(self) -> bool:
        return self.document is not None and (self.document.state.can_redo or bool(self._redo_documents))

    @property
    def undo_text(self) -> str:
        if self.document is None:
            return ""
        if self.document.state.can_undo:
            return self.document.state.undo_text
        return self._undo_documents[-1][1] if self._undo_documents else ""

    @property
    def redo_text(self) -> str:
        if self.document is None:
            return ""
        if self.document.state.can_redo:
            return self.document.state.redo_text
        return self._redo_documents[-1][1] if self._redo_documents else ""

    def undo(self) -> None:
        """Take back the last review step: a revert, or a rule/allowlist change (with its decisions)."""
        if self.busy_reanalyzing or self.document is None:
            return
        if self.document.state.can_undo:
            self.apply_step(self.document.state.undo())
        elif self._undo_documents:
            previous, description = self._undo_documents.pop()
            self._redo_documents.append((self.document, description))
            self._switch_document(previous)

    def redo(self) -> None:
        if self.busy_reanalyzing or self.document is None:
            return
        if self.document.state.can_redo:
            self.apply_step(self.document.state.redo())
        elif self._redo_documents:
            following, description = self._redo_documents.pop()
            self._undo_documents.append((self.document, description))
            self._switch_document(following)

    def _switch_document(self, document: ReviewDocument) -> None:
        """Show another analysis of the same text (undo/redo of a rule change), keeping the place."""
        self.config = document.config._replace(newline=self.config.newline)
        self.panel.set_rules(self.config.rules)
        self._show_reanalyzed(document)
        self.config_changed.emit(self.config)

    def set_rules(self, rules: frozenset[str]) -> None:
        """Switch rules and analyse again, keeping the decisions already made."""
        self.set_config(self.config._replace(rules=rules))
        self.config_changed.emit(self.config)

    @property
    def busy_reanalyzing(self) -> bool:
        return self.reanalysis is not None and self.reanalysis.isRunning()

    def set_config(self, config: EngineConfig) -> ReanalyzeWorker | None:
        """Analyse again with ``config`` in a worker (progress, Cancel), keeping the reverted changes.

        The new analysis becomes an undoable step: undo brings back the previous rules, allowlist
        and decisions. Returns the worker, or None when there is nothing to analyse.
        """
        previous_config = self.config
        self.config = config
        self.panel.set_rules(config.rules)
        if self.document is None:
            return None
        self.cancel_reanalysis()
        document = self.document
        worker = ReanalyzeWorker(document, config._replace(newline=document.decoded.newline_sequence),
                                 describe_config_change(previous_config, config))
        self.reanalysis = worker
        worker.progress.connect(self._on_progress)
        worker.succeeded.connect(self._on_reanalyzed)
        worker.cancelled.connect(self._on_reanalysis_cancelled)
        worker.failed.connect(self._on_reanalysis_failed)
        self.progress.setValue(0)
        self.progress_label.setText("Analysing again…")
        self._show_progress()
        worker.start()
        return worker

    def cancel_reanalysis(self) -> None:
        if self.reanalysis is not None and self.reanalysis.isRunning():
            self.reanalysis.cancel()

    def _on_reanalyzed(self, result: tuple[ReviewDocument, ReviewDocument, bytes, str]) -> None:
        worker = self.sender()
        if worker is not self.reanalysis:
            return
        document, source, snapshot, description = result
        self._finish_reanalysis()
        if source is not self.document:
            return
        if bytes(source.state.accepted) != snapshot:
            # The reviewer changed decisions while the worker ran: carry the latest ones over.
            document.state.accepted[:] = b"\x01" * document.state.count
            document.state.carry_over(source.state)
        self._undo_documents.append((source, description))
        del self._undo_documents[:-HISTORY_DOCUMENTS]
        self._redo_documents.clear()
        self._show_reanalyzed(document)

    def _finish_reanalysis(self) -> None:
        self.progress_row.hide()
        if self.reanalysis is not None:
            self.reanalysis.wait()
            self.reanalysis = None

    def _on_reanalysis_cancelled(self) -> None:
        if self.sender() is not self.reanalysis:
            return
        self._finish_reanalysis()
        self._keep_shown_rules()

    def _keep_shown_rules(self) -> None:
        if self.document is not None:
            # The rules stay as the shown analysis has them.
            self.config = self.document.config._replace(newline=self.config.newline)
            self.panel.set_rules(self.config.rules)
            self.config_changed.emit(self.config)

    def _on_reanalysis_failed(self, message: str) -> None:
        if self.sender() is not self.reanalysis:
            return
        self._finish_reanalysis()
        self._keep_shown_rules()
        self.prompts.show_error("Could not analyse again", escape_for_display(message, limit=400))

    def _show_reanalyzed(self, document: ReviewDocument) -> None:
        self.document = document
        self.current_change = None
        self.render(keep_scroll=True)
        self._build_banners()
        self.panel.set_document(document)
        self.state_changed.emit()
        self.reanalyzed.emit()

    # -- navigation --------------------------------------------------------------------------

    def go_to_change(self, index: int) -> None:
        """Select change ``index`` in both panes and the list."""
        document = self.document
        if document is None or not 0 <= index < document.state.count:
            return
        self.current_change = index
        left = document.left
        right = document.right()
        self._syncing = True
        try:
            self.left.select_range(left.change_starts[index], left.change_ends[index])
            self.right.select_range(right.change_starts[index], right.change_ends[index])
        finally:
            self._syncing = False
        self._update_strip_viewport()
        self.panel.select_change(index)
        self.inspector_changed.emit(self._describe_change_short(index))

    def next_change(self) -> None:
        document = self.document
        if document is None or not document.state.count:
            return
        if self.current_change is not None:
            target = min(self.current_change + 1, document.state.count - 1)
        else:
            offset = document.left.display.to_source(self.left.textCursor().position())
            found = document.state.next_change(offset - 1)
            target = found if found is not None else document.state.count - 1
        self.go_to_change(target)

    def previous_change(self) -> None:
        document = self.document
        if document is None or not document.state.count:
            return
        if self.current_change is not None:
            target = max(self.current_change - 1, 0)
        else:
            offset = document.left.display.to_source(self.left.textCursor().position())
            found = document.state.previous_change(offset)
            target = found if found is not None else 0
        self.go_to_change(target)

    def _strip_clicked(self, fraction: float) -> None:
        document = self.document
        if document is None:
            return
        offset = document.offset_of_block(round(fraction * max(0, document.block_total() - 1)))
        found = document.state.next_change(offset - 1)
        if found is not None:
            self.go_to_change(found)
        else:
            block = self.left.document().findBlock(self.left.to_qt(document.left.display.to_display(offset)))
            self.left.verticalScrollBar().setValue(block.firstLineNumber())

    # -- scrolling ---------------------------------------------------------------------------

    def _sync_scroll(self, source: TextPane) -> None:
        """Scroll the other pane to the same place (guarded against feedback)."""
        if self._syncing or self.document is None or source.model is None:
            self._update_strip_viewport()
            return
        target = self.right if source is self.left else self.left
        if target.model is None:
            return
        self._syncing = True
        try:
            block = source.firstVisibleBlock()
            into = source.verticalScrollBar().value() - block.firstLineNumber()
            offset = source.model.layout.display.to_source(source.from_qt(block.position()))
            state = self.document.state
            other = state.to_normalized(offset) if source is self.left else state.to_original(offset)
            position = target.model.layout.display.to_display(other)
            target_block = target.document().findBlock(target.to_qt(position))
            into = max(0, min(into, target_block.lineCount() - 1))
            target.verticalScrollBar().setValue(target_block.firstLineNumber() + into)
            target.horizontalScrollBar().setValue(source.horizontalScrollBar().value())
        finally:
            self._syncing = False
        self._update_strip_viewport()

    def _update_strip_viewport(self) -> None:
        for frame in (self.left_frame, self.right_frame):
            bar = frame.pane.verticalScrollBar()
            total = max(1, bar.maximum() + bar.pageStep())
            frame.strip.set_viewport(bar.value() / total, (bar.value() + bar.pageStep()) / total)

    # -- hover, inspector, context menu --------------------------------------------------------

    def _tooltip(self, index: int) -> str:
        return change_tooltip(self.document, index) if self.document is not None else ""

    def _describe_change_short(self, index: int) -> str:
        assert self.document is not None
        change = self.document.changes[index]
        line, column = self.document.state.line_column(index)
        before = " ".join(f"U+{ord(char):04X}" for char in change.original[:3])
        after = " ".join(f"U+{ord(char):04X}" for char in change.replacement[:3]) or "removed"
        return (f"Change {index + 1} of {self.document.state.count} at {line}:{column}: {before} → {after} · "
                f"{change.rule}")

    def inspect_text(self, pane: TextPane, position: int) -> str:
        """What the status bar says about the character at display ``position`` of ``pane``."""
        document = self.document
        if document is None or pane.model is None:
            return ""
        text = document.decoded.text if pane is self.left else document.normalized_text()
        offset = pane.model.layout.display.to_source(position)
        if offset >= len(text):
            return "End of text"
        char = text[offset]
        original_offset = offset if pane is self.left else document.state.to_original(offset)
        line, column = document.state.lines.line_column(original_offset)
        return f"{escape_for_display(char)}  {describe(char)} · {script_of(char)} · Ln {line}, Col {column}"

    def _inspect(self, pane: TextPane, position: int) -> None:
        if not self._syncing:
            self.inspector_changed.emit(self.inspect_text(pane, position))

    def _extend_context_menu(self, menu: QMenu, change: int | None) -> None:
        if self.document is None or change is None:
            return
        menu.addSeparator()
        state = self.document.state
        if state.is_accepted(change):
            action = QAction("Revert this change (keep the original)", menu)
            action.triggered.connect(lambda: self.toggle_change(change, False))
        else:
            action = QAction("Restore this change", menu)
            action.triggered.connect(lambda: self.toggle_change(change, True))
        menu.addAction(action)
        group = state.group_of[change]
        kept = state.group_accepted(group)
        group_action = QAction(f"{'Revert' if kept else 'Accept'} all {state.groups[group].count} like this", menu)
        group_action.triggered.connect(lambda: self.toggle_group(group, not kept))
        menu.addAction(group_action)
        original = self.document.changes[change].original
        if len(original) == 1:
            allow = QAction(f"Always allow {escape_for_display(original)} ({describe(original)})", menu)
            allow.triggered.connect(lambda: self._allow(original))
            menu.addAction(allow)

    def _allow(self, char: str) -> None:
        self.set_config(self.config._replace(allow_chars=self.config.allow_chars | {char}))
        self.config_changed.emit(self.config)

    # -- view --------------------------------------------------------------------------------

    def set_wrap(self, wrap: bool) -> None:
        for pane in (self.left, self.right):
            pane.set_wrap(wrap)

    def set_font(self, font: QFont) -> None:
        for pane in (self.left, self.right):
            pane.setFont(font)
            pane.document().setDefaultFont(font)

    # -- reinterpret -------------------------------------------------------------------------

    def confirm_discard(self) -> bool:
        """Ask about unsaved review work; True when it is fine to go on."""
        if not self.has_unsaved_work:
            return True
        choice = self.prompts.ask_unsaved(self.title)
        if choice == "save":
            return self.save()
        return choice == "discard"

    def reinterpret(self, encoding: str) -> LoadWorker | None:
        """Decode the same bytes with ``encoding`` and review again."""
        if self.document is None or not self.confirm_discard():
            return None
        decoded = self.document.decoded
        return self.load_bytes(decoded.raw, self.document.title, encoding=encoding, path=decoded.path,
                               stamp=self._disk_stamp)

    def reinterpret_dialog(self) -> None:
        if self.document is None:
            return
        encoding = self.prompts.ask_reinterpret(self.document.decoded)
        if encoding:
            self.reinterpret(encoding)

    # -- saving ------------------------------------------------------------------------------

    def edit_save_options(self) -> bool:
        if self.document is None:
            return False
        options = self.prompts.ask_save_options(self.document.decoded, self.save_options)
        if options is None:
            return False
        self.save_options = options
        self.state_changed.emit()
        return True

    def save(self) -> bool:
        """Save to :attr:`path` (asking once before overwriting the original, which is backed up).

        If another program changed or deleted the file since it was read (or last saved), the
        user chooses first: reload it, overwrite or recreate it, or cancel.
        """
        if self.document is None:
            return False
        if self.path is None:
            return self.save_as()
        original = self.document.decoded.path
        answer = self._confirm_disk_state(self.path)
        if answer is None or answer == "saved":
            return answer == "saved"
        if answer == "overwrite" and self.path == original:
            self._confirmed_overwrite = True  # that was the answer; no second question
        if original is not None and self.path == original and self.path.exists() and not self._confirmed_overwrite:
            if not self.prompts.ask_yes_no("Overwrite the original?",
                                           f"Replace {escape_for_display(self.path.name)} with the cleaned text?"
                                           f"{self._backup_note()}"):
                return False
            self._confirmed_overwrite = True
        return self._write(self.path, self.save_options)

    def _backup_note(self) -> str:
        """What happens to the file as it is now, for the overwrite question."""
        if self._backup is not None:
            return f" The file as it was opened stays in {escape_for_display(self._backup.name)}."
        if self.save_options.backup and self.path is not None:
            name = escape_for_display(self.path.name)
            return f" The file as it is now is kept as a backup ({name}.bak, or the next free {name}.bak.N)."
        return " No backup is kept."

    def _confirm_disk_state(self, target: Path) -> str | None:
        """Check ``target`` against what this tab read or last wrote there, asking if it differs.

        Returns:
            None to stop (the user cancelled, or chose to reload); ``"unchanged"`` when the file
            holds what it held; ``"overwrite"`` when the user chose to write over (or recreate) it;
            ``"saved"`` when the user chose Save As instead, and it saved.
        """
        stamp = self._disk_stamp
        if stamp is None or target != self.path:
            return "unchanged"
        state = disk_state(target, stamp)
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
            self.reload()
        return "overwrite" if choice == "overwrite" else None

    def reload(self) -> LoadWorker | None:
        """Read :attr:`path` again from disk in this tab, with the encoding the user chose, if any."""
        if self.path is None:
            return None
        decoded = self.document.decoded if self.document is not None else None
        encoding = decoded.encoding if decoded is not None and decoded.detected_by == "user" \
            and decoded.path == self.path else None
        return self.load_path(self.path, encoding=encoding)

    def save_as(self) -> bool:
        """Ask for a file and the output options, then save there."""
        if self.document is None:
            return False
        suggestion = str(self.path.with_name(f"{self.path.stem}-clean{self.path.suffix}")) if self.path else "clean.txt"
        target = self.prompts.ask_save_path(suggestion)
        if not target:
            return False
        options = self.prompts.ask_save_options(self.document.decoded, self.save_options)
        if options is None:
            return False
        self.save_options = options
        answer = self._confirm_disk_state(Path(target))
        if answer is None or answer == "saved":
            return answer == "saved"
        if self._write(Path(target), options):
            self.path = Path(target)
            self._confirmed_overwrite = True
            self.state_changed.emit()
            return True
        return False

    def _write(self, target: Path, options: SaveOptions) -> bool:
        """Write the cleaned text to ``target``; on success it is what :attr:`path`'s file holds.

        The file as it was opened is backed up once per opened document: a second save keeps
        that backup instead of backing up the first save.
        """
        document = self.document
        assert document is not None
        text = document.normalized_text()
        options = options._replace(backup=options.backup and self._backup is None)
        try:
            saved = save_document(document.decoded, text, target, options)
        except UnrepresentableError as error:
            if not self.prompts.ask_unrepresentable(error):
                return False
            options = options._replace(encoding="utf-8", bom=False)
            self.save_options = self.save_options._replace(encoding="utf-8", bom=False)
            try:
                saved = save_document(document.decoded, text, target, options)
            except SaveError as second:
                self.prompts.show_error("Could not save", escape_for_display(str(second), limit=400))
                return False
        except SaveError as error:
            self.prompts.show_error("Could not save", escape_for_display(str(error), limit=400))
            return False
        document.state.mark_saved()
        self._saved_document = document
        self._disk_stamp = saved.stamp
        if saved.backup is not None:
            self._backup = saved.backup
        self.message.emit(self._saved_message(saved, options))
        self.state_changed.emit()
        return True

    def _saved_message(self, saved: SaveResult, options: SaveOptions) -> str:
        """What the status bar says after a save: where, how, and where the original is kept."""
        assert self.document is not None
        decoded = self.document.decoded
        encoding = options.encoding or decoded.encoding
        parts = [f"Saved {escape_for_display(str(saved.path), limit=200)} ({encoding})"]
        if saved.link is not None:
            parts.append(f"through the link {escape_for_display(saved.link.name)}")
        if self._backup is not None and overwrites_input(decoded, saved.path):
            parts.append(f"the original is kept as {escape_for_display(self._backup.name)}")
        return "; ".join(parts)

    def status_encoding(self) -> str:
        """The status bar's encoding text: input → output, BOM, newline."""
        if self.document is None:
            return ""
        decoded: DecodedDocument = self.document.decoded
        output = self.save_options.encoding or decoded.encoding
        arrow = f" → {output}" if output != decoded.encoding else ""
        bom = " BOM" if (self.save_options.bom if self.save_options.bom is not None else decoded.bom) else ""
        newline = decoded.newline.upper() if self.save_options.newline == "keep" else self.save_options.newline.upper()
        return f"{decoded.encoding}{arrow}{bom} · {newline}"
