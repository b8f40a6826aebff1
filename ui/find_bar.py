"""The find bar under a tab's panes: Ctrl+F, Enter or F3 for the next match, Shift+Enter or
Shift+F3 for the previous one, Esc to close.

Matching is the model's (:mod:`core.find`): loose by default (across hidden characters and
look-alike letters), exact on request, case-sensitive on request. The bar searches the text of the
pane it was opened from (the original or the cleaned text, never what a widget holds), folds it a
window at a time between events, and highlights the matches on screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QKeySequence, QShortcut, QShowEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QTextEdit, QToolButton, QWidget

from ..core.find import FindOptions, FoldedText, Matches
from . import colors
from .text_field import TextField
from .textpane import TextPane

# Folding a big text: at most this long per event (the rest on the next turn of the event loop).
FOLD_SLICE_SECONDS = 0.012
# Matches highlighted at most (those on screen; a dense page holds far fewer).
MAX_HIGHLIGHTS = 2000


class FindField(TextField):
    """The query: Enter finds the next match, Shift+Enter the previous one, Esc closes the bar."""

    next_requested = Signal()
    previous_requested = Signal()
    close_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            (self.previous_requested if shift else self.next_requested).emit()
        elif event.key() == Qt.Key.Key_Escape:
            self.close_requested.emit()
        else:
            super().keyPressEvent(event)


class FindBar(QFrame):
    """Find in one pane of a tab.

    Signals:
        moved: the selection moved to a match (the tab's current change is then the cursor's).

    Attributes:
        pane: the pane searched.
        field: the query.
        count_label: "3 of 12", "No matches", "Searching…".
        exact: match the characters as typed.
        match_case: upper and lower case differ.
        matches: the matches of the query in the pane's text, once it is folded.
        current: the match selected, if any.
    """

    moved = Signal()

    def __init__(self, panes: tuple[TextPane, TextPane], source_text: Callable[[TextPane], str | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find-bar")
        self.panes = panes
        self.pane = panes[0]
        self._source_text = source_text
        self.field = FindField()
        self.field.setPlaceholderText("Find (also across hidden characters and look-alike letters)")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Find")
        self.scope = QLabel()
        self.count_label = QLabel()
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance("99999 of 99999"))
        self.exact = QCheckBox("E&xact")
        self.exact.setToolTip("Match the characters as typed: no look-alike letters, hidden characters count")
        self.match_case = QCheckBox("Match c&ase")
        previous = self._button("▲", "Previous match (Shift+Enter, Shift+F3)", self.find_previous)
        following = self._button("▼", "Next match (Enter, F3)", self.find_next)
        close = self._button("✕", "Close (Esc)", self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for widget in (self.scope, self.field, self.count_label, previous, following, self.exact, self.match_case):
            layout.addWidget(widget, 1 if widget is self.field else 0)
        layout.addWidget(close)
        self.matches: Matches | None = None
        self.current: int | None = None
        self._folded: FoldedText | None = None
        self._steps: Iterator[int] | None = None
        self._origin = 0
        self._pending_from_origin = True
        self._folder = QTimer(self)
        self._folder.setSingleShot(True)
        self._folder.setInterval(0)
        self._folder.timeout.connect(self._fold_slice)
        self.field.textChanged.connect(lambda _text: self._search(from_origin=True))
        self.field.next_requested.connect(self.find_next)
        self.field.previous_requested.connect(self.find_previous)
        self.field.close_requested.connect(self.close_bar)
        self.exact.toggled.connect(lambda _on: self._search(from_origin=True))
        self.match_case.toggled.connect(lambda _on: self._search(from_origin=True))
        for pane in panes:
            pane.verticalScrollBar().valueChanged.connect(lambda _value, pane=pane: self._highlight_if(pane))
            pane.loaded.connect(lambda pane=pane: self._highlight_if(pane))
        # Esc closes the bar from a pane too (after F3 the focus is often there), only while it is shown.
        self._escapes = [QShortcut(QKeySequence(Qt.Key.Key_Escape), pane) for pane in panes]
        for escape in self._escapes:
            escape.setContext(Qt.ShortcutContext.WidgetShortcut)
            escape.activated.connect(self.close_bar)
        self.hide()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        for escape in self._escapes:
            escape.setEnabled(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        for escape in self._escapes:
            escape.setEnabled(False)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._highlight_if(self.pane)  # the match color is light or dark by the palette

    def _button(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    @property
    def options(self) -> FindOptions:
        return FindOptions(exact=self.exact.isChecked(), match_case=self.match_case.isChecked())

    # -- opening and closing -------------------------------------------------------------------

    def open_for(self, pane: TextPane) -> None:
        """Show the bar searching ``pane``, the query selected (a short selection in the pane becomes it)."""
        if pane is not self.pane:
            self._clear_highlights()
            self.pane = pane
            self._folded = None
        self.scope.setText("In original:" if pane is self.panes[0] else "In cleaned:")
        selected = pane.textCursor().selectedText()
        if selected and len(selected) <= 200 and "\u2029" not in selected and pane.model is not None:
            self.field.setText(self._selected_source(pane))
        self._origin = self._cursor_offset()
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self._search(from_origin=True)

    def _selected_source(self, pane: TextPane) -> str:
        """The text a pane's selection shows, from the model (the hidden characters a stand-in stands for)."""
        text = self._source_text(pane)
        assert pane.model is not None
        cursor = pane.textCursor()
        start, end = pane.model.layout.display.source_span(pane.from_qt(cursor.selectionStart()),
                                                           pane.from_qt(cursor.selectionEnd()))
        return text[start:end] if text is not None else ""

    def close_bar(self) -> None:
        self._folder.stop()
        self._clear_highlights()
        self.hide()
        self.pane.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- searching -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """The pane's text may have changed (a review step, another analysis): search again."""
        if self.isVisible():
            self._search(from_origin=False)

    def _cursor_offset(self) -> int:
        model = self.pane.model
        if model is None:
            return 0
        return model.layout.display.to_source(self.pane.from_qt(self.pane.textCursor().selectionStart()))

    def _search(self, *, from_origin: bool) -> None:
        text = self._source_text(self.pane)
        self.matches = None
        if text is None or not self.field.text():
            self.current = None
            self.count_label.setText("")
            self._clear_highlights()
            return
        if self._folded is None or self._folded.text is not text or self._folded.options != self.options:
            self._folded = FoldedText(text, self.options, defer=True)
            self._steps = self._folded.steps()
        if not self._folded.ready:
            self.count_label.setText("Searching…")
            self._pending_from_origin = from_origin
            self._fold_slice()
            return
        self._found(from_origin)

    def _fold_slice(self) -> None:
        if self._steps is None or self._folded is None:
            return
        deadline = time.perf_counter() + FOLD_SLICE_SECONDS
        for _done in self._steps:
            if time.perf_counter() > deadline:
                break
        if self._folded.ready:
            self._steps = None
            self._found(self._pending_from_origin)
        else:
            self._folder.start()

    def _found(self, from_origin: bool) -> None:
        assert self._folded is not None
        self.matches = Matches(self._folded, self.field.text())
        if not self.matches:
            self.current = None
            self.count_label.setText("No matches")
            self._clear_highlights()
            return
        if from_origin or self.current is None:
            found = self.matches.first_at_or_after(self._origin)
            self._select(found if found is not None else 0)
        else:
            self._select(min(self.current, len(self.matches) - 1))

    def find_next(self) -> None:
        """Select the next match (after the last one, the first)."""
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        if not self.isVisible():
            if not self.field.text():
                return
            self.show()
            self._search(from_origin=False)
        if not self.matches:
            return
        if self.current is None:
            self._select(0)
        else:
            self._select((self.current + direction) % len(self.matches))

    def _select(self, index: int) -> None:
        matches, model = self.matches, self.pane.model
        if matches is None or model is None:
            return
        self.current = index
        start, end = matches.span(index)
        self._origin = start
        display = model.layout.display
        self.pane.select_range(display.to_display(start), display.to_display(end))
        self.count_label.setText(f"{index + 1} of {len(matches)}")
        self.highlight()
        self.moved.emit()

    # -- highlighting the matches on screen ----------------------------------------------------

    def _highlight_if(self, pane: TextPane) -> None:
        if pane is self.pane and self.isVisible():
            self.highlight()

    def highlight(self) -> None:
        """Mark the matches on screen (the current one is the pane's selection)."""
        pane, matches, model = self.pane, self.matches, self.pane.model
        if matches is None or model is None or not matches:
            self._clear_highlights()
            return
        display = model.layout.display
        top = pane.from_qt(pane.cursorForPosition(pane.viewport().rect().topLeft()).position())
        bottom = pane.from_qt(pane.cursorForPosition(pane.viewport().rect().bottomRight()).position())
        visible = matches.between(display.to_source(top), display.to_source(bottom) + 1)
        match_format = QTextCharFormat()
        match_format.setBackground(colors.find_match(pane.palette()))
        selections = []
        for index in visible[:MAX_HIGHLIGHTS]:
            start, end = matches.span(index)
            cursor = QTextCursor(pane.document())
            cursor.setPosition(pane.to_qt(display.to_display(start)))
            cursor.setPosition(pane.to_qt(display.to_display(end)), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = match_format  # type: ignore[attr-defined]
            selections.append(selection)
        pane.setExtraSelections(selections)

    def highlighted(self) -> list[tuple[int, int]]:
        """The Qt ranges highlighted as matches (what tests look at)."""
        return [(selection.cursor.selectionStart(), selection.cursor.selectionEnd())  # type: ignore[attr-defined]
                for selection in self.pane.extraSelections()]

    def _clear_highlights(self) -> None:
        if self.pane.extraSelections():
            self.pane.setExtraSelections([])
