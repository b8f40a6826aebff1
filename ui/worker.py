"""Loading and analysis off the GUI thread, with progress and cancel.

The worker reads the file in chunks (progress by bytes), decodes it, runs the engine and lays out
both panes, all pure :mod:`core` code, and hands the finished
:class:`~core.view.document.ReviewDocument` to the GUI thread through a queued signal. Cancelling
sets a flag checked between chunks and stages and, through :mod:`core.cancel`, inside the long
loops of the rules and the engine; a cancelled load emits ``cancelled`` and nothing else.

A worker whose tab closes is detached (:func:`detach`): cancelled, unheard, and kept alive until
its thread ends by itself, so the GUI thread never waits for it.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from ..core.cancel import Cancelled, cancellable
from ..core.encoding.decoding import DecodedDocument, LoadError, LooksBinaryError
from ..core.encoding.disk import READ_CHUNK, FileStamp
from ..core.encoding.loading import decode_data, load_file
from ..core.encoding.memory import out_of_memory_message
from ..core.engine import EngineConfig
from ..core.view.document import ReviewDocument

_quiet_lock = threading.Lock()
_quiet_workers = 0


@contextlib.contextmanager
def quiet_collector() -> Iterator[None]:
    """No cyclic garbage collection while a document is built.

    A full collection walks every container in the process and holds the GIL while it does:
    building a document of a million changes set one off every second, each freezing the window
    for up to 0.14 s. The analysis makes no reference cycles worth collecting meanwhile.
    Deliberately not ``gc.freeze()`` afterwards: a closed tab's document is freed through a
    cycle, and frozen objects would never be. Process-wide, so counted: the collector comes back
    with the last worker.
    """
    global _quiet_workers
    with _quiet_lock:
        _quiet_workers += 1
        gc.disable()
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_workers -= 1
            if not _quiet_workers:
                gc.enable()


def prepare_view(document: ReviewDocument) -> None:
    """Compute what showing ``document`` needs, so the GUI thread does not: both layouts, their
    block counts and the blocks that get formats, and the line of every change (for the overview
    strips)."""
    for right in (False, True):
        document.marked_blocks(right)
        (document.right() if right else document.left).block_count()
    document.bidi_controls()
    document.broken_lines()
    _ = document.changed_characters  # the review panel's counts
    if document.state.count:
        _ = document.state.lines  # the overview strips' line count


class _DocumentWorker(QThread):
    """A thread that builds a document: progress, cancel, and every failure reported.

    Subclasses build in :meth:`_build`, calling :meth:`_check` between stages; whatever it returns
    is emitted with ``succeeded`` unless the build was cancelled.

    Signals:
        progress: (percent, what) while working.
        succeeded: (the result of :meth:`_build`) when done.
        failed: (message) when the document cannot be built.
        looks_binary: (message) when the bytes look binary by their content: the user may open
            them anyway (:meth:`LoadWorker.as_text`); nothing else is emitted.
        cancelled: after :meth:`cancel` took effect.
    """

    progress = Signal(int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    looks_binary = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Stop as soon as possible; ``cancelled`` follows."""
        self._cancel.set()

    def _check(self, percent: int, what: str) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self.progress.emit(percent, what)

    def _build(self) -> object:
        raise NotImplementedError

    def _source(self) -> Path | None:
        """The file the document comes from, for messages."""
        return None

    def _unexpected(self, error: Exception) -> str:
        """The message for a failure nobody foresaw."""
        return f"{type(error).__name__}: {error}"

    def run(self) -> None:
        with quiet_collector(), cancellable(self._cancel.is_set):
            try:
                result = self._build()
            except Cancelled:
                self.cancelled.emit()
                return
            except LooksBinaryError as error:
                self.looks_binary.emit(str(error))
                return
            except LoadError as error:
                self.failed.emit(str(error))
                return
            except MemoryError:
                self.failed.emit(out_of_memory_message(self._source()))
                return
            except Exception as error:  # any failure must reach the user
                self.failed.emit(self._unexpected(error))
                return
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                self.succeeded.emit(result)


class ReanalyzeWorker(_DocumentWorker):
    """Analyses a document's text again with another configuration, keeping reverted changes.

    Signals:
        succeeded: ((new document, old document, the old flags it carried over, description)).
        (and the others of :class:`_DocumentWorker`)
    """

    def __init__(self, document: ReviewDocument, config: EngineConfig, description: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.config = config
        self.description = description
        # The flags as they are now; decisions taken while the worker runs are added at the end.
        self.snapshot = bytes(document.state.accepted)

    def _source(self) -> Path | None:
        return self.document.decoded.path

    def _build(self) -> tuple[ReviewDocument, ReviewDocument, bytes, str]:
        self._check(10, "Analysing again…")
        old = self.document
        document = ReviewDocument(old.decoded, self.config, title=old.title)
        self._check(60, "Keeping your decisions…")
        document.state.carry_over(old.state, self.snapshot)
        self._check(75, "Preparing the view…")
        prepare_view(document)
        self._check(100, "Done")
        return document, self.document, self.snapshot, self.description


class LoadWorker(_DocumentWorker):
    """Builds a :class:`ReviewDocument` from a file or bytes in a thread.

    Signals:
        succeeded: (ReviewDocument) when done.
        (and the others of :class:`_DocumentWorker`)

    Attributes:
        path: the file to read, or None when ``data`` is given.
        data: bytes to decode instead of a file.
        stamp: what ``path`` held when ``data`` was read from it, if it was (a reinterpretation).
        encoding: decode with this codec ("reinterpret as"), or None to detect.
        config: the engine configuration.
        title: the document's title (the file name by default).
        open_binary: read bytes that look binary anyway (the user said so).
    """

    def __init__(self, *, path: Path | None = None, data: bytes | None = None, stamp: FileStamp | None = None,
                 encoding: str | None = None, config: EngineConfig = EngineConfig(), title: str | None = None,
                 chunk_size: int = READ_CHUNK, open_binary: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.data = data
        self.stamp = stamp
        self.encoding = encoding
        self.config = config
        self.title = title
        self.chunk_size = chunk_size
        self.open_binary = open_binary

    def as_text(self) -> LoadWorker:
        """A new worker for the same load that reads bytes looking binary as text anyway."""
        return LoadWorker(path=self.path, data=self.data, stamp=self.stamp, encoding=self.encoding, config=self.config,
                          title=self.title, chunk_size=self.chunk_size, open_binary=True, parent=self.parent())

    def _source(self) -> Path | None:
        return self.path

    def _unexpected(self, error: Exception) -> str:
        return f"could not open the file: {type(error).__name__}: {error}"

    def _loading(self, fraction: float, what: str) -> None:
        self._check(int(40 * fraction), what)

    def _decoded(self) -> DecodedDocument:
        if self.data is not None:
            return decode_data(self.data, encoding=self.encoding, path=self.path, stamp=self.stamp,
                               open_binary=self.open_binary, progress=self._loading)
        assert self.path is not None
        return load_file(self.path, encoding=self.encoding, open_binary=self.open_binary, check_memory=True,
                         chunk_size=self.chunk_size, progress=self._loading)

    def _build(self) -> ReviewDocument:
        decoded = self._decoded()
        self._check(50, "Looking for hidden characters…")
        document = ReviewDocument(decoded, self.config, title=self.title)
        self._check(80, "Preparing the view…")
        prepare_view(document)
        self._check(100, "Done")
        return document


_detached: set[_DocumentWorker] = set()


def detach(worker: _DocumentWorker, listener: QObject) -> None:
    """Cancel ``worker`` and let it end on its own, without waiting for it.

    Its signals no longer reach ``listener`` (the closing tab). A running worker is kept here
    until its thread has finished and is then deleted on the GUI thread (a ``QThread`` destroyed
    while it runs aborts the process); the cancel takes effect at its next check, within
    milliseconds.
    """
    worker.cancel()
    worker.disconnect(listener)
    if not worker.isRunning():
        return
    # Out of its parent's hands: the closing tab is deleted at once, and Qt deletes its children
    # with it; a running QThread deleted aborts the process (a batch worker waits for its worker
    # processes to stop, which takes a moment).
    worker.setParent(None)
    _detached.add(worker)
    worker.finished.connect(worker.deleteLater)
    worker.destroyed.connect(lambda: _detached.discard(worker))


def wait_for_detached() -> None:
    """Wait until every detached worker has ended (before the application quits)."""
    for worker in list(_detached):
        worker.wait()
