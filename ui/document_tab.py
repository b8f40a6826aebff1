"""One open document: a :class:`~core.session.DocumentSession` wired to its widgets.

The session holds the document, the undo history and the save rules; the tab shows them. Its
jobs are split over sub-objects: :class:`~ui.loading.Loader` and :class:`~ui.loading.Reanalyzer`
(workers and the progress row), :class:`~ui.navigation.Navigator` (current change, scroll sync,
inspector), :class:`~ui.banners.BannerArea` and :class:`~ui.save_flow.SaveFlow`. Every review
step goes through the session (the source of truth) and is then shown; text is never read back
from a pane.
"""

from __future__ import annotations

from array import array
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontDatabase, QResizeEvent
from PySide6.QtWidgets import QMenu, QSplitter, QVBoxLayout, QWidget

from ..core.encoding.disk import FileStamp
from ..core.encoding.saving import SaveOptions
from ..core.engine import EngineConfig
from ..core.goto import offset_of
from ..core.review import ReviewAction
from ..core.session import AnalysisRequest, DocumentSession, Shown, StepKind
from ..core.unicode.unicode_data import describe
from ..core.view.display import escape_for_display
from ..core.view.document import ReviewDocument
from . import colors
from .banners import Banner, BannerArea
from .find_bar import FindBar
from .goto_line import GoToLineDialog
from .loading import Loader, ProgressRow, Reanalyzer
from .navigation import Navigator
from .pane_formats import PaneModel
from .pane_frame import PaneFrame
from .prompts import Prompts
from .review_keys import KeyboardReview
from .review_panel import ReviewPanel, change_tooltip
from .save_flow import SaveFlow
from .textpane import CHUNK_SIZE, TextPane
from .worker import LoadWorker, ReanalyzeWorker


class DocumentTab(QWidget):
    """A document under review.

    Signals:
        state_changed: title, modified mark, counts or encoding changed.
        message: (text) something the status bar should say (what a save wrote).
        inspector_changed: (text) the description of the character at the cursor.
        document_loaded: a document (first, reinterpreted, or a reading undone) is shown.
        load_failed: (message) loading failed; the tab is empty.
        config_changed: (EngineConfig) this tab's rules or allowlist changed (a toggle, its undo or redo).
        reanalyzed: another analysis of the same text is shown (a rule change, its undo or redo).

    Attributes:
        session: the document under review, or None while the first load runs.
        pending_title: the title while loading.
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
        self.session: DocumentSession | None = None
        self.pending_title = "Loading…"
        self._config = config

        self.banner_area = BannerArea()
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
        self.find_bar = FindBar((self.left, self.right), self._pane_text)
        self.find_bar.moved.connect(self._left_change)
        layout.addWidget(self.find_bar)

        self.progress_row = ProgressRow(self, self.panes)
        self.progress, self.progress_label = self.progress_row.progress, self.progress_row.label
        self.cancel_button = self.progress_row.cancel_button
        self.cancel_button.clicked.connect(self._cancel_clicked)
        self.splitter.splitterMoved.connect(self.progress_row.place)
        self.panes.splitterMoved.connect(self.progress_row.place)
        self.loader = Loader(self.progress_row, self.left.viewport(), prompts, self)
        self.loader.loaded.connect(self._on_loaded)
        self.loader.failed.connect(self.load_failed)
        self.loader.cancelled.connect(self._on_load_cancelled)
        self.reanalyzer = Reanalyzer(self.progress_row, self)
        self.reanalyzer.analyzed.connect(self._on_reanalyzed)
        self.reanalyzer.stopped.connect(self._on_reanalysis_stopped)
        self.navigator = Navigator((self.left_frame, self.right_frame), self.panel, lambda: self.session, self)
        self.navigator.inspector_changed.connect(self.inspector_changed)
        self.saving = SaveFlow(prompts, lambda: self.session, self.reload, self)
        self.saving.message.connect(self.message)
        self.saving.message.connect(self._on_saved)
        self.saving.state_changed.connect(self.state_changed)
        self.keyboard = KeyboardReview(self)
        self.keyboard.message.connect(self.message)

        self.set_font(font or QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.set_wrap(wrap)
        for pane in (self.left, self.right):
            pane.tooltip_provider = self._tooltip
            pane.context_menu_hook = self._extend_context_menu
        self.panel.group_toggled.connect(self.toggle_group)
        self.panel.change_toggled.connect(self.toggle_change)
        self.panel.change_activated.connect(self.go_to_change)
        self.panel.all_toggled.connect(self.toggle_all)
        self.panel.rules_changed.connect(self.set_rules)
        self.panel.set_rules(config.rules)

    # -- what the window reads -----------------------------------------------------------------

    @property
    def document(self) -> ReviewDocument | None:
        """The analysis shown, or None while loading."""
        return self.session.document if self.session is not None else None

    @property
    def config(self) -> EngineConfig:
        """This tab's rules and allowlist (of the analysis shown, or for the load running)."""
        return self.session.config if self.session is not None else self._config

    @property
    def path(self) -> Path | None:
        return self.session.path if self.session is not None else None

    @property
    def title(self) -> str:
        """The escaped name for tabs and the window title."""
        if self.session is not None:
            return self.session.title
        return escape_for_display(self.pending_title, limit=80)

    @property
    def busy(self) -> bool:
        """Whether a pane still brings its text up to date in the background."""
        return self.left.is_loading or self.right.is_loading

    @property
    def has_unsaved_work(self) -> bool:
        return self.session is not None and self.session.has_unsaved_work

    @property
    def current_change(self) -> int | None:
        return self.navigator.current_change

    @property
    def worker(self) -> LoadWorker | None:
        return self.loader.worker

    @property
    def reanalysis(self) -> ReanalyzeWorker | None:
        return self.reanalyzer.worker

    def status_encoding(self) -> str:
        return self.session.status_encoding() if self.session is not None else ""

    def banners(self) -> list[Banner]:
        return self.banner_area.banners()

    # -- loading -------------------------------------------------------------------------------

    def load_path(self, path: Path, encoding: str | None = None) -> LoadWorker:
        """Open ``path`` in a worker; ``encoding`` reads it with that codec."""
        self.pending_title = path.name
        return self._start(LoadWorker(path=path, encoding=encoding, config=self.config, title=path.name))

    def load_bytes(self, data: bytes, title: str, encoding: str | None = None, path: Path | None = None,
                   stamp: FileStamp | None = None, *, reading: bool = False) -> LoadWorker:
        """Open bytes (pasted text, or with ``reading`` another reading of the bytes ``path`` held,
        as ``stamp`` says)."""
        self.pending_title = title
        worker = LoadWorker(data=data, path=path, stamp=stamp, encoding=encoding, config=self.config, title=title)
        return self._start(worker, reading=reading)

    def _start(self, worker: LoadWorker, *, reading: bool = False) -> LoadWorker:
        self.loader.start(worker, reading=reading)
        self.state_changed.emit()
        return worker

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.banner_area.set_dark(colors.is_dark(self.palette()))  # a theme switch

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.progress_row.place()

    def _cancel_clicked(self) -> None:
        self.cancel_load()
        self.reanalyzer.cancel()

    def cancel_load(self) -> None:
        """Cancel a running (or not yet started) load; the document shown, if any, stays."""
        self.loader.cancel()

    def release_workers(self) -> None:
        """Let the load and the analysis, if any, end on their own (the tab is closing): nothing
        they send reaches the tab, and nothing here waits for them."""
        self.loader.release()
        self.reanalyzer.release()

    def _on_load_cancelled(self) -> None:
        if self.session is None:
            self.load_failed.emit("Loading was cancelled.")

    def _on_loaded(self, document: ReviewDocument, reading: bool) -> None:
        self.reanalyzer.cancel()
        if reading and self.session is not None:
            self.session.reinterpreted(document)
        else:
            self.session = DocumentSession(document, self._config)
        self._show_document()

    def _show_document(self, *, keep_scroll: bool = False) -> None:
        """Show the session's document whole: panes, banners, panel, captions."""
        session = self.session
        assert session is not None
        self._config = session.config
        self.navigator.current_change = None
        self.panel.set_rules(session.config.rules)
        self.render(keep_scroll=keep_scroll)
        self.banner_area.show_for(session, colors.is_dark(self.palette()), self.reinterpret, self.reinterpret_dialog)
        self.panel.set_document(session.document)
        self.left_frame.caption.setText(session.original_caption())
        self.find_bar.refresh()
        if keep_scroll:
            self.state_changed.emit()
            self.reanalyzed.emit()
        else:
            self.document_loaded.emit()
            self.state_changed.emit()

    # -- showing -------------------------------------------------------------------------------

    def _pane_model(self, right: bool) -> PaneModel:
        document = self.document
        assert document is not None
        layout = document.right() if right else document.left
        source = document.normalized_text() if right else document.decoded.text
        return PaneModel(layout, document.pieces, document.changes.rules, document.state.accepted, right,
                         document.marked_blocks(right), source)

    def render(self, *, keep_scroll: bool = False) -> None:
        """Show the document in both panes and the overview strips."""
        if self.document is None:
            return
        with self.navigator.quiet():
            self.left.show_model(self._pane_model(False), keep_scroll=keep_scroll)
            right = self._pane_model(True)
            if len(right.layout.display.text) > CHUNK_SIZE:
                # A big text: the right pane starts on the next turn of the event loop, so the
                # window repaints between the two panes' first chunks.
                self.right.clear_model()
                QTimer.singleShot(0, lambda: self._show_right(right, keep_scroll))
            else:
                self.right.show_model(right, keep_scroll=keep_scroll)
        if keep_scroll:
            self.navigator.sync_scroll(self.left)
        self._update_strips(new_marks=True)

    def _show_right(self, model: PaneModel, keep_scroll: bool) -> None:
        if self.document is None or model.layout is not self.document.right():
            return  # another step or document replaced it meanwhile
        with self.navigator.quiet():
            self.right.show_model(model, keep_scroll=keep_scroll)
        self.navigator.sync_scroll(self.left)

    def _update_strips(self, new_marks: bool = False) -> None:
        session = self.session
        if session is None:
            return
        document = session.document
        state = document.state
        for frame in (self.left_frame, self.right_frame):
            if new_marks:
                # Without changes the line count is not needed (counting a big file's lines takes a while).
                line_count = document.block_total() if state.count else 1
                frame.strip.set_marks(document.change_blocks(), line_count, document.changes.rules, state.accepted)
            else:
                frame.strip.invalidate()
        self.navigator.update_strip_viewport()
        self.right_frame.caption.setText(session.cleaned_caption())

    def _on_saved(self, text: str) -> None:
        """A save wrote the file: say so where the user looks (a banner, the pane's caption)."""
        self.banner_area.show_saved(text, colors.is_dark(self.palette()))
        if self.session is not None:
            self.right_frame.caption.setText(self.session.cleaned_caption())

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
        with self.navigator.quiet():
            self.left.update_blocks(self._pane_model(False), blocks, text_changed=False)
            if shown is not None and document.same_blocks(shown):
                self.right.update_blocks(self._pane_model(True), blocks, text_changed=True)
            else:
                self.right.show_model(self._pane_model(True), keep_scroll=True)
        self._update_strips()
        self.panel.refresh()
        self.find_bar.refresh()
        self.state_changed.emit()

    # -- review steps and their history --------------------------------------------------------

    def toggle_group(self, group: int, accept: bool) -> None:
        if self.session is not None:
            self.apply_step(self.session.set_group(group, accept))

    def toggle_change(self, index: int, accept: bool) -> None:
        if self.session is not None:
            self.apply_step(self.session.set_change(index, accept))

    def toggle_all(self, accept: bool) -> None:
        if self.session is not None:
            self.apply_step(self.session.set_all(accept))

    @property
    def can_undo(self) -> bool:
        return self.session is not None and self.session.can_undo

    @property
    def can_redo(self) -> bool:
        return self.session is not None and self.session.can_redo

    @property
    def undo_text(self) -> str:
        return self.session.undo_text if self.session is not None else ""

    @property
    def redo_text(self) -> str:
        return self.session.redo_text if self.session is not None else ""

    def undo(self) -> None:
        """Take back the last step: a review, a rule or allowlist change, or a reinterpretation."""
        if self.session is not None and not self.reanalyzer.busy:
            self._show_undone(self.session.undo())

    def redo(self) -> None:
        if self.session is not None and not self.reanalyzer.busy:
            self._show_undone(self.session.redo())

    def _show_undone(self, shown: Shown | None) -> None:
        if shown is None:
            return
        if shown.kind is StepKind.REVIEW:
            self.apply_step(shown.action)
            return
        self._show_document(keep_scroll=shown.kind is StepKind.ANALYSIS)
        self.config_changed.emit(self.config)

    # -- rules and allowlist (this tab's own) --------------------------------------------------

    def set_rules(self, rules: frozenset[str]) -> None:
        """Switch rules here and analyse again, keeping the decisions already made."""
        self.set_config(self.config._replace(rules=rules))
        self.config_changed.emit(self._config)

    def set_config(self, config: EngineConfig) -> ReanalyzeWorker | None:
        """Analyse again with ``config`` in a worker (progress, Cancel), keeping the reverted changes.

        The new analysis becomes an undoable step: undo brings back the previous rules, allowlist
        and decisions. Returns the worker, or None when there is nothing to analyse.
        """
        self._config = config
        self.panel.set_rules(config.rules)
        if self.session is None:
            return None
        request = self.session.request_analysis(config)
        return self.reanalyzer.start(request, config)

    @property
    def busy_reanalyzing(self) -> bool:
        return self.reanalyzer.busy

    def cancel_reanalysis(self) -> None:
        self.reanalyzer.cancel()

    def _on_reanalyzed(self, document: ReviewDocument, request: AnalysisRequest, snapshot: bytes) -> None:
        if self.session is not None and self.session.analyzed(document, request, snapshot):
            self._show_document(keep_scroll=True)

    def _on_reanalysis_stopped(self, message: str) -> None:
        if self.session is not None:
            # The rules stay as the shown analysis has them.
            self._config = self.session.config
            self.panel.set_rules(self._config.rules)
            self.config_changed.emit(self._config)
        if message:
            self.prompts.show_error("Could not analyse again", escape_for_display(message, limit=400))

    # -- hover, context menu -------------------------------------------------------------------

    def _tooltip(self, index: int) -> str:
        return change_tooltip(self.document, index) if self.document is not None else ""

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
        self.config_changed.emit(self._config)

    # -- navigation (see Navigator) ------------------------------------------------------------

    def go_to_change(self, index: int) -> None:
        self.navigator.go_to_change(index)

    def next_change(self) -> None:
        self.navigator.next_change()

    def previous_change(self) -> None:
        self.navigator.previous_change()

    def _left_change(self) -> None:
        """The cursor moved away from the change gone to (to a find match): F8 goes on from the cursor."""
        self.navigator.current_change = None

    def _pane_text(self, pane: TextPane) -> str | None:
        """The text ``pane`` shows, from the model (never read back from the widget)."""
        document = self.document
        if document is None:
            return None
        return document.decoded.text if pane is self.left else document.normalized_text()

    def focused_pane(self) -> TextPane:
        """The pane with the keyboard focus, else the one last searched (the original at first)."""
        return self.right if self.right.hasFocus() else self.left if self.left.hasFocus() else self.find_bar.pane

    def open_find(self) -> None:
        if self.document is not None:
            self.find_bar.open_for(self.focused_pane())

    def ask_go_to_line(self) -> GoToLineDialog | None:
        """Ask for a line[:column] of the original (not modal to the window's other work)."""
        document = self.document
        if document is None:
            return None
        offset = self.left.model.layout.display.to_source(self.left.textCursor().position()) if self.left.model else 0
        dialog = GoToLineDialog(document.state.lines.line_count, document.state.lines.line_column(offset)[0], self)
        dialog.chosen.connect(self.go_to_line)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def go_to_line(self, line: int, column: int = 1) -> None:
        """Put both panes at ``line``:``column`` of the original (1-based)."""
        document = self.document
        if document is None:
            return
        offset = offset_of(document.decoded.text, document.state.lines.starts, line, column)
        if offset is not None:
            self.navigator.go_to_offset(offset)
            self.left.setFocus()

    def _strip_clicked(self, fraction: float) -> None:
        self.navigator.strip_clicked(fraction)

    def inspect_text(self, pane: TextPane, position: int) -> str:
        return self.navigator.inspect_text(pane, position)

    # -- view ----------------------------------------------------------------------------------

    def set_wrap(self, wrap: bool) -> None:
        for pane in (self.left, self.right):
            pane.set_wrap(wrap)

    def set_font(self, font: QFont) -> None:
        for pane in (self.left, self.right):
            pane.setFont(font)
            pane.document().setDefaultFont(font)

    # -- reading again, reloading --------------------------------------------------------------

    def confirm_discard(self) -> bool:
        """Ask about unsaved review work; True when it is fine to go on."""
        if not self.has_unsaved_work:
            return True
        choice = self.prompts.ask_unsaved(self.title)
        if choice == "save":
            return self.save()
        return choice == "discard"

    def reinterpret(self, encoding: str) -> LoadWorker | None:
        """Decode the same bytes with ``encoding`` and review again (an undoable step)."""
        session = self.session
        if session is None:
            return None
        decoded = session.decoded
        return self.load_bytes(decoded.raw, session.document.title, encoding=encoding, path=decoded.path,
                               stamp=session.stamp, reading=True)

    def reinterpret_dialog(self) -> None:
        if self.session is None:
            return
        encoding = self.prompts.ask_reinterpret(self.session.decoded)
        if encoding:
            self.reinterpret(encoding)

    def reload(self) -> LoadWorker | None:
        """Read the file again from disk in this tab, with the encoding the user chose, if any."""
        if self.session is None or self.session.path is None:
            return None
        return self.load_path(self.session.path, encoding=self.session.reload_encoding())

    # -- saving (see SaveFlow) -----------------------------------------------------------------

    @property
    def save_options(self) -> SaveOptions:
        """The options of the next save (the defaults while loading)."""
        return self.session.save_options if self.session is not None else SaveOptions()

    @save_options.setter
    def save_options(self, options: SaveOptions) -> None:
        if self.session is not None:
            self.session.save_options = options

    def edit_save_options(self) -> bool:
        return self.saving.edit_options()

    def save(self) -> bool:
        return self.saving.save()

    def save_as(self) -> bool:
        return self.saving.save_as()
