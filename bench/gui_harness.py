"""What the GUI benchmarks share: the real main window offscreen, a heartbeat that measures the
event loop's longest stall, and waiting as ``app.exec()`` waits.

Used by ``bench_gui.py`` and ``bench_hostile.py`` in a child process each (one input per process,
so peak memory and the GIL belong to that input alone).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HEARTBEAT_MS = 10


class Harness:
    """A shown main window with a 10 ms heartbeat timer.

    Attributes:
        app: the QApplication.
        window: the MainWindow (settings in a temporary file, unsaved work discarded on close).
    """

    def __init__(self) -> None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        sys.path.insert(0, str(ROOT))
        import main as entry

        entry.register_checkout_package()
        from PySide6.QtCore import QSettings, QTimer
        from PySide6.QtWidgets import QApplication

        from glyphwash.ui.mainwindow import MainWindow
        from glyphwash.ui.settings import Settings

        app = QApplication.instance() or QApplication([sys.argv[0]])
        assert isinstance(app, QApplication)
        self.app = app
        self._settings_dir = tempfile.TemporaryDirectory()
        settings = QSettings(str(Path(self._settings_dir.name) / "s.ini"), QSettings.Format.IniFormat)
        self.window: Any = MainWindow(Settings(settings))
        self.window.prompts.ask_unsaved = lambda name: "discard"
        self.window.resize(1400, 860)
        self.window.show()
        for _ in range(5):
            app.processEvents()
        self._last = time.perf_counter()
        self._worst = 0.0
        self._timer = QTimer()
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self._beat)
        self._timer.start()

    def _beat(self) -> None:
        now = time.perf_counter()
        self._worst = max(self._worst, now - self._last)
        self._last = now

    def reset_heartbeat(self) -> None:
        """Start measuring the longest stall anew."""
        self._last = time.perf_counter()
        self._worst = 0.0

    @property
    def longest_stall(self) -> float:
        """The longest gap between two heartbeats since the last reset (how long the window could not react)."""
        return max(self._worst, time.perf_counter() - self._last)

    def wait(self, condition: Callable[[], object], timeout: float) -> bool:
        """Run the event loop (as app.exec() would: asleep in C++ between events) until ``condition``.

        A Python loop of processEvents() and short sleeps would take the GIL a thousand times a
        second and slow the worker thread down, which no real session does.
        """
        from PySide6.QtCore import QEventLoop, QTimer

        if condition():
            return True
        loop = QEventLoop()
        deadline = time.perf_counter() + timeout
        poll = QTimer()
        poll.setInterval(2)
        poll.timeout.connect(lambda: (condition() or time.perf_counter() > deadline) and loop.quit())
        poll.start()
        loop.exec()
        poll.stop()
        return bool(condition())

    def repaint(self, tab: Any) -> float:
        """Repaint both panes of ``tab`` now; the seconds it took."""
        begin = time.perf_counter()
        for pane in (tab.left, tab.right):
            pane.viewport().repaint()
        self.app.processEvents()
        return time.perf_counter() - begin

    def close(self) -> None:
        """Let every worker end (cancelled), as closing the window does."""
        from glyphwash.ui.worker import wait_for_detached

        for tab in self.window.documents():
            tab.release_workers()
        wait_for_detached()


def verdict(value: float | None, target: float) -> str:
    """``0.123 s (target ≤ 0.25 s: MET)``, or MISSED."""
    if value is None:
        return f"— (target ≤ {target:g} s: MISSED)"
    return f"{value:.3f} s (target ≤ {target:g} s: {'MET' if value <= target else 'MISSED'})"
