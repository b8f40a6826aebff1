"""The batch view's threads: scanning a folder and cleaning its files, with progress and cancel.

Both are :class:`~ui.worker._DocumentWorker` threads (cancel flag, :mod:`core.cancel` scope,
every failure reported, detached when their view closes). A big batch's files are analysed in
worker processes (:mod:`core.processes`), so these threads mostly wait on pipes and the GUI
thread, which runs the table's Python model, never queues for the GIL behind an analysis. Results
stream to the GUI thread in lists sent at most every :data:`FLUSH_SECONDS`, so the list fills
while the scan runs and the GUI thread handles a few dozen signals a second, never one per file.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..core.batch import CleanPlan, clean_all, counted, list_files, scan_files
from ..core.engine import EngineConfig
from ..core.processes import WorkerLost
from .worker import _DocumentWorker

FLUSH_SECONDS = 0.05
# Progress counts a file as this many bytes on top of its size: a folder of tiny files advances too.
BYTES_PER_FILE = 4096


class _Stream:
    """Items collected in the worker and sent together once :data:`FLUSH_SECONDS` have passed."""

    def __init__(self, signal: Signal) -> None:
        self.signal = signal
        self.items: list[object] = []
        self.sent_at = time.monotonic()

    def add(self, item: object) -> bool:
        """Keep ``item``; send what is kept if it is time. Whether it sent."""
        self.items.append(item)
        if time.monotonic() - self.sent_at < FLUSH_SECONDS:
            return False
        self.flush()
        return True

    def flush(self) -> None:
        if self.items:
            self.signal.emit(self.items)
            self.items = []
        self.sent_at = time.monotonic()


class _BatchWorker(_DocumentWorker):
    """A batch thread: a lost worker process is reported in its own words."""

    def _unexpected(self, error: Exception) -> str:
        return str(error) if isinstance(error, WorkerLost) else super()._unexpected(error)


class ScanWorker(_BatchWorker):
    """Lists the dropped files and folders, then scans each file.

    Signals:
        listed: (core.batch.Listing) once the walk is done, before scanning.
        found: (list of core.batch.FileScan), in list order; the folders that could not be read first.
        succeeded: (None) when every file was scanned.
        (and progress, failed, cancelled of :class:`_DocumentWorker`)
    """

    listed = Signal(object)
    found = Signal(object)

    def __init__(self, roots: Sequence[Path], config: EngineConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.roots = list(roots)
        self.config = config

    def _listing(self, count: int) -> None:
        self._check(0, f"Listing files… {count:,} found")

    def _build(self) -> None:
        self._check(0, "Listing files…")
        listing = list_files(self.roots, on_progress=self._listing)
        self.listed.emit(listing)
        stream = _Stream(self.found)
        for problem in listing.problems:
            stream.add(problem)
        total = sum(listed.size + BYTES_PER_FILE for listed in listing.files) or 1
        done = 0
        count = len(listing.files)
        try:
            with closing(scan_files(listing.files, self.config)) as scans:  # closing stops the workers
                for number, (listed, scan) in enumerate(zip(listing.files, scans, strict=True), start=1):
                    done += listed.size + BYTES_PER_FILE
                    if stream.add(scan):
                        self._check(int(100 * done / total), f"Scanning… {number:,} of {counted(count, 'file')}")
        finally:
            stream.flush()  # the files scanned before a cancel are listed too
        self._check(100, f"Scanned {counted(count, 'file')}")


class CleanWorker(_BatchWorker):
    """Cleans the files of a plan, one after the other.

    Signals:
        cleaned: (list of core.batch.CleanOutcome), in plan order.
        succeeded: (None) when every file of the plan was handled.
        (and progress, failed, cancelled of :class:`_DocumentWorker`)
    """

    cleaned = Signal(object)

    def __init__(self, plan: CleanPlan, config: EngineConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.config = config

    def _build(self) -> None:
        stream = _Stream(self.cleaned)
        count = len(self.plan.files)
        self._check(0, f"Cleaning… 0 of {counted(count, 'file')}")
        try:
            # Only clean_all decides when to stop (it raises Cancelled): what it hands back after a
            # cancel was written all the same and must reach the summary.
            with closing(clean_all(self.plan, self.config)) as outcomes:
                for number, outcome in enumerate(outcomes, start=1):
                    if stream.add(outcome):
                        self.progress.emit(int(100 * number / max(count, 1)),
                                           f"Cleaning… {number:,} of {counted(count, 'file')}")
        finally:
            stream.flush()  # what was written before a cancel is reported too
