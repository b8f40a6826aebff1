"""The main window: tabs of documents, menus, toolbar, status bar, and the preferences it owns.

Files open by dropping them anywhere on the window, File → Open, Open Recent, the command line,
or as pasted text (New from clipboard) or dropped text. Each opens in its own tab, with the
preferred rules and allowlist; from then on each tab's rules are its own (a tab's change becomes
the preference for documents opened later, never for the open ones).
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

from PySide6.QtCore import QMimeData, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontDatabase,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QFontDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTabWidget,
    QToolButton,
)

from ..core.engine import EngineConfig
from ..core.session import likelihood
from ..core.tab_labels import tab_labels
from ..core.view.display import escape_for_display
from .batch_view import BatchView, open_batch_view, wants_batch
from .document_tab import DocumentTab
from .drop_target import DropTarget, accepts_drop, local_paths, unopenable_reason
from .export import Exporter
from .help import NAME_PROPERTY, install_help_menu
from .layout_state import restore_layout, save_layout
from .open_dialog import start_folder
from .open_failures import OpenFailures
from .prompts import Prompts
from .settings import Settings
from .theme import install_theme_menu
from .window_keys import DOCUMENT_ACTIONS, install_keyboard_actions
from .worker import wait_for_detached

GUI_SWITCH_INTERVAL = 0.0002

APP_NAME = "Glyphwash"
MESSAGE_TIMEOUT_MS = 15000


class MainWindow(QMainWindow):
    """Glyphwash's window.

    Attributes:
        settings: the preferences.
        prompts: every modal question (tests replace its methods).
        tabs: the open documents.
        drop_target: the empty state.
        last_message: the last message shown (a refused drop, an error).
        actions: the window's actions by name.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        # Every Qt call into Python (a paint, an event, a table cell, even Qt asking whether a
        # Python subclass overrides a method) waits for the GIL, which a busy worker thread hands
        # over only once per switch interval. At Python's 5 ms, drawing a new tab beside a running
        # analysis took 0.4 s; at 1 ms, repainting the review panel while an export built its
        # record still froze the window for 0.3-0.5 s (bench_export.py, one run in three); at
        # 0.2 ms it is at most 0.13 s. The worker pays only while the GUI thread asks for the GIL
        # (bench_gui.py's times did not move). Batches go further: processes (core/processes.py).
        sys.setswitchinterval(GUI_SWITCH_INTERVAL)
        self.settings = settings if settings is not None else Settings()
        self.prompts = Prompts(self)
        # Through a lambda: tests replace the prompt after the window is built.
        self.open_failures = OpenFailures(lambda failures: self.prompts.show_open_failures(failures), self)
        self.last_message = ""
        self._untitled: dict[str, int] = {}
        self.setAcceptDrops(True)
        self.setWindowTitle(APP_NAME)
        self.resize(1400, 860)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._current_changed)
        self.drop_target = DropTarget()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.drop_target)
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)

        font_text = self.settings.font
        self.pane_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        if font_text:
            self.pane_font.fromString(font_text)
        self.wrap = self.settings.wrap
        self.config = EngineConfig(rules=self.settings.rules, allow_chars=self.settings.allow_chars)

        self.actions: dict[str, QAction] = {}
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self.exporter = Exporter(self.statusBar(), partial(self.show_message, problem=False), self)
        geometry = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        self._update_actions()

    # -- actions and menus -------------------------------------------------------------------

    def _action(self, name: str, text: str, slot: object, shortcut: QKeySequence | str | None = None,
                tip: str = "", checkable: bool = False) -> QAction:
        action = QAction(text, self)
        action.setProperty(NAME_PROPERTY, text)  # Undo's text names the step; the help says "Undo"
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                              if shortcut else tip)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        self.actions[name] = action
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self._action("open", "&Open…", self.open_dialog, key.Open, "Open text files")
        self._action("open_folder", "Open &Folder…", lambda: (folder := self.prompts.ask_folder()) and
                     self.open_paths([folder]), "Ctrl+Shift+O", "Check every text file in a folder")
        self._action("paste", "New from &clipboard", self.new_from_clipboard, "Ctrl+Shift+V",
                     "Check the text on the clipboard")
        self._action("save", "&Save", self.save, key.Save, "Save the cleaned text")
        self._action("save_as", "Save &As…", self.save_as, "Ctrl+Shift+S",
                     "Save the cleaned text to another file, choosing encoding, BOM and line endings")
        self._action("save_options", "Save &Options…", self.save_options, None,
                     "Output encoding, BOM and line endings")
        self._action("reinterpret", "&Reinterpret As…", self.reinterpret, None,
                     "Read the file's bytes again with another encoding")
        self._action("export_html", "&HTML report…", lambda: self._with_tab(partial(self.exporter.export, kind="html")),
                     None, "Export the findings as a self-contained HTML report")
        self._action("export_json", "&JSON…", lambda: self._with_tab(partial(self.exporter.export, kind="json")),
                     None, "Export the findings as the JSON record of 'glyphwash report --json'")
        self._action("close_tab", "&Close", lambda: self.close_tab(self.tabs.currentIndex()), key.Close)
        self._action("quit", "&Quit", self.close, key.Quit)
        self._action("undo", "&Undo", self.undo, "Ctrl+Z", "Undo the last review step")
        self._action("redo", "&Redo", self.redo, "Ctrl+Shift+Z", "Redo")
        self._action("copy_clean", "Copy &clean text", self.copy_clean_text, "Ctrl+Shift+C",
                     "Copy the whole cleaned text to the clipboard")
        self._action("accept_all", "&Accept all changes", lambda: self._with_tab(lambda t: t.toggle_all(True)))
        self._action("revert_all", "Re&vert all changes", lambda: self._with_tab(lambda t: t.toggle_all(False)))
        self._action("allowlist", "A&llowed characters…", self.edit_allowlist, None,
                     "Characters no rule ever changes")
        self._action("next", "&Next change", lambda: self._with_tab(DocumentTab.next_change), "F8",
                     "Go to the next change")
        self._action("previous", "&Previous change", lambda: self._with_tab(DocumentTab.previous_change),
                     "Shift+F8", "Go to the previous change")
        wrap = self._action("wrap", "&Word wrap", self.set_wrap, "Alt+Z", "Wrap long lines", checkable=True)
        wrap.setChecked(self.wrap)
        zoom_in = self._action("zoom_in", "Zoom &in", lambda: self.zoom(1), key.ZoomIn)
        zoom_in.setShortcuts([QKeySequence(key.ZoomIn), QKeySequence("Ctrl+=")])
        self._action("zoom_out", "Zoom &out", lambda: self.zoom(-1), key.ZoomOut)
        self._action("zoom_reset", "&Reset zoom", lambda: self.zoom(0), "Ctrl+0")
        self._action("font", "&Font…", self.choose_font)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.actions["open"])
        file_menu.addAction(self.actions["open_folder"])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self.actions["paste"])
        file_menu.addSeparator()
        for name in ("save", "save_as", "save_options", "reinterpret"):
            file_menu.addAction(self.actions[name])
        self.export_menu = file_menu.addMenu("&Export")
        self.export_menu.addActions([self.actions["export_html"], self.actions["export_json"]])
        file_menu.addSeparator()
        file_menu.addAction(self.actions["close_tab"])
        file_menu.addAction(self.actions["quit"])
        edit_menu = bar.addMenu("&Edit")
        for name in ("undo", "redo", None, "copy_clean", None, "accept_all", "revert_all", None, "allowlist"):
            if name is None:
                edit_menu.addSeparator()
            else:
                edit_menu.addAction(self.actions[name])
        view_menu = bar.addMenu("&View")
        for name in ("next", "previous", None, "wrap", "zoom_in", "zoom_out", "zoom_reset", "font"):
            if name is None:
                view_menu.addSeparator()
            else:
                view_menu.addAction(self.actions[name])
        install_keyboard_actions(self, edit_menu, view_menu)
        install_theme_menu(self, view_menu)
        install_help_menu(self, bar.addMenu("&Help"))

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.setIconSize(QSize(16, 16))
        for name in ("open", "paste", "save", None, "undo", "redo", None, "previous", "next", None, "wrap",
                     "copy_clean"):
            if name is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(self.actions[name])
        self.actions["previous"].setIconText("◀ Previous")
        self.actions["next"].setIconText("Next ▶")
        self.actions["paste"].setIconText("Paste")
        self.actions["copy_clean"].setIconText("Copy clean")

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.inspector = QLabel("")
        self.inspector.setTextFormat(Qt.TextFormat.PlainText)
        self.inspector.setToolTip("The character at the cursor: code point, name, script, position")
        self.counts = QLabel("")
        self.encoding_button = QToolButton()
        self.encoding_button.setAutoRaise(True)
        self.encoding_button.setToolTip("Encoding: click to reinterpret or choose the output encoding")
        self.encoding_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.encoding_button)
        menu.addAction(self.actions["reinterpret"])
        self.candidates_menu = menu.addMenu("Reinterpret as candidate")
        self.candidates_menu.aboutToShow.connect(self._fill_candidates_menu)
        menu.addAction(self.actions["save_options"])
        self.encoding_button.setMenu(menu)
        status.addWidget(self.inspector, 1)
        status.addPermanentWidget(self.counts)
        status.addPermanentWidget(self.encoding_button)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files
        for path in recent:
            action = self.recent_menu.addAction(escape_for_display(path, limit=120))
            action.triggered.connect(lambda _checked=False, path=path: self.open_paths([path]))
        if not recent:
            self.recent_menu.addAction("(none)").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear list", self.settings.clear_recent_files)

    def _fill_candidates_menu(self) -> None:
        self.candidates_menu.clear()
        tab = self.current_tab()
        if tab is None or tab.session is None:
            return
        for candidate in tab.session.candidates:
            action = self.candidates_menu.addAction(f"{candidate.encoding} ({likelihood(candidate.confidence)})")
            action.triggered.connect(lambda _checked=False, encoding=candidate.encoding: tab.reinterpret(encoding))

    # -- tabs --------------------------------------------------------------------------------

    def current_tab(self) -> DocumentTab | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, DocumentTab) else None

    def documents(self) -> list[DocumentTab]:
        return [widget for index in range(self.tabs.count())
                if isinstance(widget := self.tabs.widget(index), DocumentTab)]

    def _with_tab(self, function: object) -> None:
        tab = self.current_tab()
        if tab is not None:
            function(tab)  # type: ignore[operator]

    def _new_tab(self) -> DocumentTab:
        tab = DocumentTab(self.prompts, self.config, wrap=self.wrap, font=self.pane_font)
        restore_layout(tab, self.settings)
        tab.state_changed.connect(lambda tab=tab: self._tab_changed(tab))
        tab.message.connect(lambda text: self.show_message(text, problem=False))
        tab.inspector_changed.connect(self.inspector.setText)
        tab.load_failed.connect(lambda message, tab=tab: self._load_failed(tab, message))
        tab.document_loaded.connect(lambda tab=tab: self._tab_changed(tab))
        tab.config_changed.connect(self.set_config)
        for pane in (tab.left, tab.right):
            pane.zoom_requested.connect(self.zoom)
        self.tabs.addTab(tab, tab.title)
        self.tabs.setCurrentWidget(tab)
        self.stack.setCurrentWidget(self.tabs)
        return tab

    def _load_failed(self, tab: DocumentTab, message: str) -> None:
        self.show_open_failure(f"Could not open: {message}")
        if tab.document is None:
            self._remove_tab(tab)

    def _remove_tab(self, tab: DocumentTab | BatchView) -> None:
        tab.release_workers()
        if isinstance(tab, DocumentTab):
            save_layout(tab, self.settings)
        self.tabs.removeTab(self.tabs.indexOf(tab))
        tab.deleteLater()
        self._show_tab_title()
        if not self.tabs.count():
            self.stack.setCurrentWidget(self.drop_target)
        self._update_actions()

    def close_tab(self, index: int) -> bool:
        tab = self.tabs.widget(index)
        if not isinstance(tab, DocumentTab | BatchView):
            return False
        if not tab.confirm_discard():
            return False
        self._remove_tab(tab)
        return True

    def _current_changed(self, _index: int) -> None:
        self._update_actions()
        tab = self.current_tab()
        self.inspector.setText("")
        if tab is not None:
            tab.setFocus()

    # -- opening -----------------------------------------------------------------------------

    def show_message(self, text: str, *, problem: bool = True) -> None:
        """Tell the user something without a modal dialog: in the status bar, and a problem also
        in the empty window (where a refused drop is looked for)."""
        self.last_message = text
        self.statusBar().showMessage(text, MESSAGE_TIMEOUT_MS)
        self.drop_target.message.setText(text if problem else "")

    def show_open_failure(self, text: str) -> None:
        """A file that could not be opened: in the status bar at once, and in the dialog that lists
        every failure of the same drop or Open."""
        self.show_message(text)
        self.open_failures.add(text)
        self.drop_target.message.setText("\n".join(self.open_failures.pending))

    def open_paths(self, paths: list[str]) -> list[DocumentTab]:
        """Open each file in a tab (switching to a tab that already shows it, after asking to reload);
        a folder, or many files, in a batch view instead."""
        if wants_batch(paths):
            open_batch_view(self, paths)
            return []
        tabs = []
        for raw in paths:
            path = Path(raw).expanduser()
            if not path.exists():
                # False for a missing file, a dangling link and a symbolic link loop alike: the
                # loader's own error says which.
                problem = unopenable_reason(path)
                if problem is not None:
                    self.show_open_failure(f"Could not open: {escape_for_display(problem, limit=400)}")
                    continue
            path = path.resolve()
            existing = next((tab for tab in self.documents() if tab.path == path), None)
            if existing is not None:
                self.tabs.setCurrentWidget(existing)
                if not existing.confirm_discard():
                    continue
                existing.load_path(path)
                tabs.append(existing)
            else:
                tabs.append(self._start_load(self._new_tab(), path))
            self.settings.add_recent_file(str(path))
        return tabs

    def _start_load(self, tab: DocumentTab, path: Path) -> DocumentTab:
        tab.load_path(path)
        self._show_tab_title(tab)
        return tab

    def open_dialog(self) -> None:
        current = self.current_tab()
        paths = self.prompts.ask_open_paths(start_folder(current.path if current else None,
                                                         self.settings.last_open_folder))
        if paths:
            self.settings.last_open_folder = str(Path(paths[0]).parent)
            self.open_paths(paths)

    def new_from_clipboard(self) -> DocumentTab | None:
        text = QApplication.clipboard().text()
        if not text:
            self.show_message("The clipboard holds no text to check.")
            return None
        return self.open_text(text, "Pasted text")

    def open_text(self, text: str, kind: str) -> DocumentTab:
        """Open ``text`` in a new untitled tab, named ``kind`` and a number ("Pasted text 1")."""
        number = self._untitled[kind] = self._untitled.get(kind, 0) + 1
        tab = self._new_tab()
        tab.load_bytes(text.encode("utf-8", "surrogatepass"), f"{kind} {number}", encoding="utf-8")
        return tab

    def copy_clean_text(self) -> None:
        tab = self.current_tab()
        if tab is None or tab.document is None:
            return
        QApplication.clipboard().setText(tab.document.normalized_text())
        self.show_message(f"Copied the clean text of {tab.title} ({tab.document.state.accepted_count} changes "
                          "applied).")

    def urls_from(self, mime: QMimeData) -> list[str] | None:
        """Local files in a drag, or None (after saying why) when it holds none."""
        if not mime.hasUrls():
            return None
        paths, addresses = local_paths(mime)
        if addresses and not paths:
            self.show_message(f"Only files can be opened: {escape_for_display(addresses[0], limit=120)} is a web "
                              "address. Save the page as a text file first, or copy its text and use Paste "
                              "(Ctrl+Shift+V).")
        return paths

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        accepted = accepts_drop(event)
        self.drop_target.set_dragging(accepted)
        if accepted:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.drop_target.set_dragging(False)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if accepts_drop(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_target.set_dragging(False)
        mime = event.mimeData()
        if not accepts_drop(event):
            event.ignore()
            return
        event.acceptProposedAction()
        if not mime.hasUrls():
            text = mime.text()
            if text:
                self.open_text(text, "Dropped text")
            else:
                self.show_message("The dropped text is empty: there is nothing to check.")
            return
        paths = self.urls_from(mime)
        if paths and wants_batch(paths, dropped=True):
            open_batch_view(self, paths)
        elif paths:
            self.open_paths(paths)

    # -- review and saving -------------------------------------------------------------------

    def save(self) -> None:
        self._with_tab(DocumentTab.save)

    def save_as(self) -> None:
        self._with_tab(DocumentTab.save_as)

    def save_options(self) -> None:
        self._with_tab(DocumentTab.edit_save_options)

    def reinterpret(self) -> None:
        self._with_tab(DocumentTab.reinterpret_dialog)

    def undo(self) -> None:
        self._with_tab(DocumentTab.undo)

    def redo(self) -> None:
        self._with_tab(DocumentTab.redo)

    def edit_allowlist(self) -> None:
        """Edit the allowlist of the current document (and the default for new ones)."""
        tab = self.current_tab()
        config = tab.config if tab is not None else self.config
        text = self.prompts.ask_allowlist("".join(sorted(config.allow_chars)))
        if text is not None:
            config = config._replace(allow_chars=frozenset(text) - {" "})
            if tab is not None:
                tab.set_config(config)
            self.set_config(config)

    def set_config(self, config: EngineConfig) -> None:
        """Make ``config``'s rules and allowlist the preferences: the default of documents opened
        from now on. Open documents keep their own (each tab's rules are its own)."""
        self.config = EngineConfig(rules=config.rules, allow_chars=config.allow_chars)
        self.settings.rules = config.rules
        self.settings.allow_chars = config.allow_chars

    # -- view --------------------------------------------------------------------------------

    def set_wrap(self, wrap: bool) -> None:
        self.wrap = wrap
        self.settings.wrap = wrap
        self.actions["wrap"].setChecked(wrap)
        for tab in self.documents():
            tab.set_wrap(wrap)

    def zoom(self, steps: int) -> None:
        font = QFont(self.pane_font)
        if steps == 0:
            font.setPointSizeF(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).pointSizeF())
        else:
            font.setPointSizeF(max(5.0, min(72.0, font.pointSizeF() + steps)))
        self.set_pane_font(font)

    def set_pane_font(self, font: QFont) -> None:
        self.pane_font = font
        self.settings.font = font.toString()
        for tab in self.documents():
            tab.set_font(font)

    def choose_font(self) -> None:
        ok, font = QFontDialog.getFont(self.pane_font, self, "Text font")
        if ok:
            self.set_pane_font(font)

    def _tab_changed(self, tab: DocumentTab) -> None:
        """A tab's title, counts or state changed: its label, and the window if it is the current one.

        Only that tab's label: relabelling every tab on each change of any tab made opening 50
        files at once relabel tabs thousands of times (quadratic in the tabs).
        """
        self._show_tab_title(tab)
        if tab is self.current_tab():
            self._update_actions()

    def _show_tab_title(self, _tab: DocumentTab | None = None) -> None:
        """Every tab's label (one tab's name may clash with another's) and its full path as tooltip."""
        tabs = self.documents()
        labels = tab_labels([tab.path for tab in tabs], [tab.title for tab in tabs])
        for index, (tab, label) in enumerate(zip(tabs, labels, strict=True)):
            text = label + ("*" if tab.has_unsaved_work else "")
            if self.tabs.tabText(index) != text:  # relabelling every tab each time grows as n²
                self.tabs.setTabText(index, text)
            self.tabs.setTabToolTip(index, escape_for_display(str(tab.path), 300) if tab.path else tab.title)

    def _update_actions(self) -> None:
        """The actions, title and status bar for the current tab."""
        tab = self.current_tab()
        has_document = tab is not None and tab.document is not None
        for name in ("save", "save_as", "save_options", "reinterpret", "copy_clean", "accept_all", "revert_all",
                     "next", "previous", "export_html", "export_json", *DOCUMENT_ACTIONS):
            self.actions[name].setEnabled(has_document)
        self.actions["close_tab"].setEnabled(self.tabs.currentWidget() is not None)
        session = tab.session if tab is not None else None
        can_undo = tab is not None and tab.can_undo
        can_redo = tab is not None and tab.can_redo
        self.actions["undo"].setEnabled(can_undo)
        self.actions["redo"].setEnabled(can_redo)
        # The menu names the step; the toolbar button keeps its short label (a label that grows
        # pushes the buttons after it sideways), the full text in its tooltip.
        for name, label, able, step in (("undo", "Undo", can_undo, tab and tab.undo_text),
                                        ("redo", "Redo", can_redo, tab and tab.redo_text)):
            action = self.actions[name]
            action.setText(f"&{label} {step}" if able else f"&{label}")
            action.setIconText(label)
            action.setToolTip(f"{label} {step}" if able else label)
        if tab is None:
            self.setWindowTitle(APP_NAME)
            self.counts.setText("")
            self.encoding_button.setText("")
            self.encoding_button.setVisible(False)
            return
        self.setWindowTitle(f"{tab.title}{'*' if tab.has_unsaved_work else ''} — {APP_NAME}")
        self.encoding_button.setVisible(session is not None)
        self.encoding_button.setText(tab.status_encoding())
        if session is not None:
            self.counts.setText(session.counts_text())
        else:
            self.counts.setText("Loading…")

    # -- closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        for tab in [*self.findChildren(BatchView), *self.documents()]:
            if tab.has_unsaved_work:
                self.tabs.setCurrentWidget(tab)
                if not tab.confirm_discard():
                    event.ignore()
                    return
        self.settings.save_window(self.saveGeometry(), self.saveState())
        tab = self.current_tab()
        if tab is not None:
            save_layout(tab, self.settings)
        self.settings.sync()
        for tab in [*self.findChildren(BatchView), *self.documents()]:
            tab.release_workers()
        self.exporter.release()
        wait_for_detached()  # cancelled, they end within milliseconds; a thread left running aborts at exit
        event.accept()
