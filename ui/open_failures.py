"""Every file that could not be opened, gathered and shown together in one dialog.

A drop or a command line names several files; some fail at once (a broken link), others only
when their worker has read them (an unreadable file, an ELF executable). Failures that arrive
within a short moment of each other are one batch: one dialog lists them all, so none is lost
behind the next status line.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

# Long enough for the workers of one drop to report, short enough to feel immediate.
BATCH_WINDOW_MS = 250


class OpenFailures(QObject):
    """Collects open failures and shows each batch once through ``show``.

    Attributes:
        pending: the failures of the batch not yet shown.
    """

    def __init__(self, show: Callable[[list[str]], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show = show
        self.pending: list[str] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(BATCH_WINDOW_MS)
        self._timer.timeout.connect(self.flush)

    def add(self, message: str) -> None:
        """Remember one failure; the batch is shown once no other failure follows it for a moment."""
        self.pending.append(message)
        self._timer.start()

    def flush(self) -> None:
        """Show the failures gathered so far (nothing if there are none)."""
        self._timer.stop()
        failures, self.pending = self.pending, []
        if failures:
            self._show(failures)
