"""A tab's workers: loading a document and analysing it again, with a progress row and Cancel.

A load's worker starts after the tab's first paint; the progress row floats over the top of the
panes. Each worker reports to the tab only while it is the current one; a closing tab's workers
are detached (:func:`ui.worker.detach`), never waited for.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from ..core.engine import EngineConfig
from ..core.session import AnalysisRequest
from ..core.view.display import escape_for_display
from ..core.view.document import ReviewDocument
from .prompts import Prompts
from .worker import LoadWorker, ReanalyzeWorker, detach

# A load's worker starts after the tab's first paint, or after this long if it is not drawn.
START_FALLBACK_MS = 100


class ProgressRow(QWidget):
    """What a worker is doing, with Cancel, laid over the top of the panes.

    It floats instead of pushing the panes down: a pane that changes size repaints whole, which
    beside a running analysis froze the window for a quarter of a second each time a
    re-analysis started.

    Attributes:
        progress: the bar.
        label: what is being done.
        cancel_button: stops the worker.
    """

    def __init__(self, parent: QWidget, panes: QWidget) -> None:
        super().__init__(parent)
        self._panes = panes
        self.setAutoFillBackground(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.label = QLabel("Loading…")
        self.cancel_button = QPushButton("Cancel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.label)
        layout.addWidget(self.progress, 1)
        layout.addWidget(self.cancel_button)
        self.hide()

    def place(self) -> None:
        """Lay the row over the top of the panes."""
        parent = self.parentWidget()
        corner = self._panes.mapTo(parent, QPoint(0, 0))
        self.setGeometry(corner.x(), corner.y(), self._panes.width(), self.sizeHint().height())
        self.raise_()

    def begin(self, what: str) -> None:
        self.progress.setValue(0)
        self.label.setText(what)
        self.place()
        self.show()

    def report(self, percent: int, what: str) -> None:
        self.progress.setValue(percent)
        self.label.setText(what)


class Loader(QObject):
    """Loads documents for a tab.

    Signals:
        loaded: (ReviewDocument, reading) a document arrived; ``reading`` is True for another
            reading of the bytes shown (reinterpret as).
        failed: (message) loading failed, or the user declined bytes that look binary.
        cancelled: the user cancelled the load.

    Attributes:
        worker: the current load, if any.
    """

    loaded = Signal(object, bool)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, row: ProgressRow, watched: QWidget, prompts: Prompts, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.prompts = prompts
        self.worker: LoadWorker | None = None
        self._watched = watched
        self._unstarted: LoadWorker | None = None
        self._reading = False

    def start(self, worker: LoadWorker, *, reading: bool = False) -> LoadWorker:
        """Run ``worker`` once the tab is drawn (or after a moment, if it is not on screen).

        Drawn beside a running analysis, every Qt call into Python waits for the GIL, and a new
        tab's first paint froze the window for 0.2 s.
        """
        self.cancel()
        self.worker = worker
        self._reading = reading
        worker.progress.connect(self._on_progress)
        worker.succeeded.connect(self._on_loaded)
        worker.failed.connect(self._on_failed)
        worker.looks_binary.connect(self._on_looks_binary)
        worker.cancelled.connect(self._on_cancelled)
        self.row.begin("Loading…")
        self._unstarted = worker
        self._watched.installEventFilter(self)
        QTimer.singleShot(START_FALLBACK_MS, self._start_worker)
        return worker

    def _start_worker(self) -> None:
        worker, self._unstarted = self._unstarted, None
        self._watched.removeEventFilter(self)
        if worker is not None and worker is self.worker:
            worker.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._unstarted is not None:
            QTimer.singleShot(0, self._start_worker)  # after this paint is done
        return False

    def cancel(self) -> None:
        """Cancel a running (or not yet started) load."""
        if self.worker is not None and not self.worker.isFinished():
            self.worker.cancel()

    def release(self) -> None:
        """Let the load end on its own, unheard (the tab is closing)."""
        if self.worker is not None:
            detach(self.worker, self)
        self.worker = self._unstarted = None

    def _current(self) -> bool:
        return self.sender() is self.worker and self.worker is not None

    def _on_progress(self, percent: int, what: str) -> None:
        if self._current():
            self.row.report(percent, what)

    def _finish(self) -> None:
        self.row.hide()
        if self.worker is not None:
            self.worker.wait()

    def _on_loaded(self, document: ReviewDocument) -> None:
        if self._current():
            self._finish()
            self.loaded.emit(document, self._reading)

    def _on_cancelled(self) -> None:
        if self._current():
            self._finish()
            self.cancelled.emit()

    def _on_failed(self, message: str) -> None:
        if self._current():
            self._finish()
            self.failed.emit(escape_for_display(message, limit=400))

    def _on_looks_binary(self, message: str) -> None:
        """Ask (here, on the GUI thread) whether to open bytes that look binary; if so, load them as text."""
        worker = self.worker
        if not self._current() or worker is None:
            return
        self._finish()
        shown = escape_for_display(message, limit=400)
        if self.prompts.ask_open_binary(shown):
            self.start(worker.as_text(), reading=self._reading)
        else:
            self.failed.emit(f"{shown} (not opened)")


class Reanalyzer(QObject):
    """Analyses a tab's document again in a worker.

    Signals:
        analyzed: (ReviewDocument, AnalysisRequest, snapshot) the new analysis, the request it
            answers and the flags it carried over.
        stopped: (message) the analysis was cancelled (empty message) or failed.

    Attributes:
        worker: the running analysis, if any.
    """

    analyzed = Signal(object, object, bytes)
    stopped = Signal(str)

    def __init__(self, row: ProgressRow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.worker: ReanalyzeWorker | None = None
        self._request: AnalysisRequest | None = None

    @property
    def busy(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    def start(self, request: AnalysisRequest, config: EngineConfig) -> ReanalyzeWorker:
        """Analyse ``request.document`` with ``config`` (its engine configuration)."""
        self.cancel()
        worker = ReanalyzeWorker(request.document, config, request.description)
        self.worker, self._request = worker, request
        worker.progress.connect(self._on_progress)
        worker.succeeded.connect(self._on_analyzed)
        worker.cancelled.connect(self._on_cancelled)
        worker.failed.connect(self._on_stopped)
        self.row.begin("Analysing again…")
        worker.start()
        return worker

    def cancel(self) -> None:
        if self.busy:
            assert self.worker is not None
            self.worker.cancel()

    def release(self) -> None:
        if self.worker is not None:
            detach(self.worker, self)
        self.worker = None

    def _on_progress(self, percent: int, what: str) -> None:
        if self.sender() is self.worker:
            self.row.report(percent, what)

    def _finish(self) -> AnalysisRequest | None:
        if self.sender() is not self.worker or self.worker is None:
            return None
        self.row.hide()
        self.worker.wait()
        self.worker = None
        return self._request

    def _on_analyzed(self, result: tuple[ReviewDocument, ReviewDocument, bytes, str]) -> None:
        request = self._finish()
        if request is not None:
            document, _source, snapshot, _description = result
            self.analyzed.emit(document, request, snapshot)

    def _on_cancelled(self) -> None:
        self._on_stopped("")

    def _on_stopped(self, message: str) -> None:
        if self._finish() is not None:
            self.stopped.emit(message)
