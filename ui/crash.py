"""Uncaught exceptions in the window: tell the user, keep their documents, keep a log.

:class:`CrashHandler` replaces ``sys.excepthook`` (exceptions in Qt slots and event handlers reach
it) and ``threading.excepthook`` (Python threads). For each exception it writes the details to
``crash.log`` in the user's state folder (``$XDG_STATE_HOME/glyphwash``, by default
``~/.local/state/glyphwash``) and then, on the GUI thread and outside the failing event, shows them
through an injectable prompt: by default :class:`CrashDialog`, with the details selectable and a
*Copy details* button. The window is not closed and no document is dropped: the user can go on or
save their work.

A failure that repeats (a paint handler failing on every repaint) is logged each time but shown
once, and no dialog opens while another is showing. Details are escaped like file names
(:func:`core.view.display.escape_for_display`, line by line), so a bidi control in a path or message
cannot reorder what the user reads or pastes.
"""

from __future__ import annotations

import datetime
import os
import platform
import sys
import threading
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.version import __version__
from ..core.view.display import escape_for_display

LOG_NAME = "crash.log"
MAX_LOG_BYTES = 1_000_000

# (summary, details, log file or None) → shows them; must not raise.
CrashPrompt = Callable[[str, str, "Path | None"], None]
ExceptionInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def state_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where Glyphwash keeps its logs: ``$XDG_STATE_HOME/glyphwash`` or ``~/.local/state/glyphwash``.

    A relative ``XDG_STATE_HOME`` is ignored, as the XDG specification says.
    """
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_STATE_HOME", "")
    if not base or not os.path.isabs(base):
        home = environ.get("HOME") or str(Path.home())
        base = os.path.join(home, ".local", "state")
    return Path(base) / "glyphwash"


def safe_text(text: str) -> str:
    """``text`` with control, bidi and invisible characters escaped on every line."""
    return "\n".join(escape_for_display(line, limit=max(len(line), 1)) for line in text.split("\n"))


def summary_of(exc_type: type[BaseException], exc: BaseException) -> str:
    message = str(exc)
    return safe_text(f"{exc_type.__name__}: {message}" if message else exc_type.__name__)[:500]


def format_details(info: ExceptionInfo, thread: str | None = None) -> str:
    """A report of an exception: when, versions, where (thread) and the traceback."""
    exc_type, exc, tb = info
    lines = [
        f"Glyphwash {__version__} crash report, {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"Python {platform.python_version()} on {platform.platform()}",
    ]
    try:
        import PySide6

        lines.append(f"PySide6 {PySide6.__version__}")
    except ImportError:  # pragma: no cover - the window needs it
        pass
    if thread:
        lines.append(f"In thread {thread}")
    lines.append("")
    lines.extend(line.rstrip("\n") for line in traceback.format_exception(exc_type, exc, tb))
    return safe_text("\n".join(lines))


def write_log(details: str, folder: Path) -> Path | None:
    """Append ``details`` to the crash log in ``folder``; the log's path, or None if it cannot be written.

    A log larger than :data:`MAX_LOG_BYTES` is moved to ``crash.log.1`` first.
    """
    log = folder / LOG_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if log.exists() and log.stat().st_size > MAX_LOG_BYTES:
            os.replace(log, log.with_name(LOG_NAME + ".1"))
        with open(log, "a", encoding="utf-8", errors="backslashreplace") as stream:
            stream.write(details.rstrip("\n") + "\n\n")
    except OSError:
        return None
    return log


class CrashDialog(QDialog):
    """What the user sees: what failed, that their documents are still open, the details and the log.

    Attributes:
        details: the report, read-only but selectable.
        copy_button: copies the report to the clipboard.
    """

    def __init__(self, summary: str, details: str, log: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Glyphwash hit an error")
        self._details_text = details
        heading = QLabel(f"Something went wrong: {summary}\n\nYour open documents are still there; you can go on "
                         "or save your work. If it happens again, please report it with the details below.")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        where = QLabel(f"The details were written to {safe_text(str(log))}." if log is not None
                       else "The details could not be written to a log file.")
        where.setTextFormat(Qt.TextFormat.PlainText)
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setMinimumSize(640, 240)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy details")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.details, 1)
        layout.addWidget(where)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self._details_text)
        self.copy_button.setText("Copied")


def dialog_prompt(parent: QWidget | None) -> CrashPrompt:
    """The default prompt: a modal :class:`CrashDialog` over ``parent``."""
    def show(summary: str, details: str, log: Path | None) -> None:
        CrashDialog(summary, details, log, parent).exec()
    return show


class CrashHandler(QObject):
    """Catches uncaught exceptions of the GUI and of Python threads; see the module docstring.

    Signals:
        shown: (summary) after the prompt for a report returned (or was skipped as a repeat).

    Attributes:
        prompt: shows a report; tests replace it.
        log_folder: where ``crash.log`` goes; None: :func:`state_dir` at the time of the crash.
        reports: how many exceptions were handled.
        last_log: the log file of the last report, if it could be written.
    """

    shown = Signal(str)
    _report = Signal(str, str, object, str)

    def __init__(self, parent: QWidget | None = None, prompt: CrashPrompt | None = None,
                 log_folder: Path | None = None) -> None:
        super().__init__(parent)
        self.prompt: CrashPrompt = prompt if prompt is not None else dialog_prompt(parent)
        self.log_folder = log_folder
        self.reports = 0
        self.last_log: Path | None = None
        self._seen: set[str] = set()
        self._showing = False
        self._previous: tuple[Callable[..., object], Callable[..., object]] | None = None
        # Always queued: the dialog opens after the failing event handler has returned.
        self._report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        """Become ``sys.excepthook`` and ``threading.excepthook`` (until :meth:`uninstall`)."""
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
            sys.excepthook = self.excepthook
            threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        """Put back the hooks that were there before :meth:`install`."""
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous  # type: ignore[assignment]
            self._previous = None

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.handle((exc_type, exc, tb))

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        exc = args.exc_value if args.exc_value is not None else args.exc_type()
        name = args.thread.name if args.thread is not None else None
        self.handle((args.exc_type, exc, args.exc_traceback), thread=name)

    def handle(self, info: ExceptionInfo, thread: str | None = None) -> Path | None:
        """Log an exception and ask for it to be shown on the GUI thread; return the log file.

        Safe to call from any thread, and never raises.
        """
        try:
            details = format_details(info, thread)
            summary = summary_of(info[0], info[1])
            folder = self.log_folder if self.log_folder is not None else state_dir()
            log = write_log(details, folder)
            self.reports += 1
            self.last_log = log
            print(details, file=sys.stderr)
            key = "".join(traceback.format_exception_only(info[0], info[1])) + \
                "".join(traceback.format_tb(info[2])[-3:])
            self._report.emit(summary, details, log, key)
            return log
        except Exception:  # the handler itself must never become the next crash
            sys.__excepthook__(*info)
            return None

    def _show(self, summary: str, details: str, log: Path | None, key: str) -> None:
        if self._showing or key in self._seen:
            self.shown.emit(summary)
            return
        self._seen.add(key)
        self._showing = True
        try:
            self.prompt(summary, details, log)
        except Exception:
            traceback.print_exc()
        finally:
            self._showing = False
        self.shown.emit(summary)
