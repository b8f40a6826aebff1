"""Moving through a tab's document: the current change, F8/Shift+F8, the overview strips, the
panes scrolled together and the character inspector."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..core.unicode.unicode_data import describe, script_of
from ..core.view.display import escape_for_display
from .textpane import TextPane

if TYPE_CHECKING:
    from ..core.session import DocumentSession
    from .pane_frame import PaneFrame
    from .review_panel import ReviewPanel


class Navigator(QObject):
    """Where the reviewer is in one tab's document.

    Signals:
        inspector_changed: (text) the description of the character at the cursor, or of the change jumped to.

    Attributes:
        current_change: the change last jumped to.
    """

    inspector_changed = Signal(str)

    def __init__(self, frames: tuple[PaneFrame, PaneFrame], panel: ReviewPanel,
                 session: Callable[[], DocumentSession | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.frames = frames
        self.left, self.right = frames[0].pane, frames[1].pane
        self.panel = panel
        self._session = session
        self.current_change: int | None = None
        self._syncing = False
        for pane in (self.left, self.right):
            pane.verticalScrollBar().valueChanged.connect(lambda _value, source=pane: self.sync_scroll(source))
            pane.horizontalScrollBar().valueChanged.connect(lambda _value, source=pane: self.sync_scroll(source))
            pane.cursor_moved.connect(lambda position, source=pane: self._inspect(source, position))
        for frame in frames:
            frame.strip.clicked.connect(self.strip_clicked)

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Move panes without one following the other (while both are being set)."""
        self._syncing = True
        try:
            yield
        finally:
            self._syncing = False

    def go_to_change(self, index: int) -> None:
        """Select change ``index`` in both panes and the list."""
        session = self._session()
        if session is None or not 0 <= index < session.document.state.count:
            return
        document = session.document
        self.current_change = index
        left = document.left
        right = document.right()
        with self.quiet():
            self.left.select_range(left.change_starts[index], left.change_ends[index])
            self.right.select_range(right.change_starts[index], right.change_ends[index])
        self.update_strip_viewport()
        self.panel.select_change(index)
        session.reviewed.mark((index,))
        self.inspector_changed.emit(session.change_summary(index))

    @staticmethod
    def change_at_cursor(pane: TextPane) -> int | None:
        """The change at ``pane``'s cursor (or at its selection's start), if any."""
        if pane.model is None:
            return None
        return pane.model.change_at(pane.from_qt(pane.textCursor().selectionStart()))

    def next_unreviewed(self, forward: bool) -> bool:
        """Go to the next (or previous) change not yet reviewed, round the ends; False if none is left."""
        session = self._session()
        if session is None:
            return False
        here = self.change_at_cursor(self.left)
        if here is None:
            here = self.current_change
        marks = session.reviewed
        target = marks.next_after(here) if forward else marks.previous_before(here)
        if target is None:
            return False
        self.go_to_change(target)
        return True

    def go_to_offset(self, offset: int) -> None:
        """Put both panes' cursors at code point ``offset`` of the original (and its place in the
        cleaned text), centered."""
        session = self._session()
        if session is None or self.left.model is None or self.right.model is None:
            return
        self.current_change = None
        left = self.left.model.layout.display.to_display(offset)
        right = self.right.model.layout.display.to_display(session.document.state.to_normalized(offset))
        with self.quiet():
            self.left.select_range(left, left)
            self.right.select_range(right, right)
        self.update_strip_viewport()

    def next_change(self) -> None:
        session = self._session()
        if session is None or not session.document.state.count:
            return
        document = session.document
        if self.current_change is not None:
            target = min(self.current_change + 1, document.state.count - 1)
        else:
            offset = document.left.display.to_source(self.left.textCursor().position())
            found = document.state.next_change(offset - 1)
            target = found if found is not None else document.state.count - 1
        self.go_to_change(target)

    def previous_change(self) -> None:
        session = self._session()
        if session is None or not session.document.state.count:
            return
        document = session.document
        if self.current_change is not None:
            target = max(self.current_change - 1, 0)
        else:
            offset = document.left.display.to_source(self.left.textCursor().position())
            found = document.state.previous_change(offset)
            target = found if found is not None else 0
        self.go_to_change(target)

    def strip_clicked(self, fraction: float) -> None:
        session = self._session()
        if session is None:
            return
        document = session.document
        offset = document.offset_of_block(round(fraction * max(0, document.block_total() - 1)))
        found = document.state.next_change(offset - 1)
        if found is not None:
            self.go_to_change(found)
        else:
            block = self.left.document().findBlock(self.left.to_qt(document.left.display.to_display(offset)))
            self.left.verticalScrollBar().setValue(block.firstLineNumber())

    def sync_scroll(self, source: TextPane) -> None:
        """Scroll the other pane to the same place (guarded against feedback)."""
        session = self._session()
        if self._syncing or session is None or source.model is None:
            self.update_strip_viewport()
            return
        target = self.right if source is self.left else self.left
        if target.model is None:
            return
        with self.quiet():
            block = source.firstVisibleBlock()
            into = source.verticalScrollBar().value() - block.firstLineNumber()
            offset = source.model.layout.display.to_source(source.from_qt(block.position()))
            state = session.document.state
            other = state.to_normalized(offset) if source is self.left else state.to_original(offset)
            position = target.model.layout.display.to_display(other)
            target_block = target.document().findBlock(target.to_qt(position))
            into = max(0, min(into, target_block.lineCount() - 1))
            target.verticalScrollBar().setValue(target_block.firstLineNumber() + into)
            target.horizontalScrollBar().setValue(source.horizontalScrollBar().value())
        self.update_strip_viewport()

    def update_strip_viewport(self) -> None:
        for frame in self.frames:
            bar = frame.pane.verticalScrollBar()
            total = max(1, bar.maximum() + bar.pageStep())
            frame.strip.set_viewport(bar.value() / total, (bar.value() + bar.pageStep()) / total)

    def inspect_text(self, pane: TextPane, position: int) -> str:
        """What the status bar says about the character at display ``position`` of ``pane``."""
        session = self._session()
        if session is None or pane.model is None:
            return ""
        document = session.document
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
