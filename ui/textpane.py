"""A read-only text pane that shows a :class:`~core.view.document.PaneLayout` with colored changes.

Highlighting never uses ExtraSelections (one per change would cost seconds and slow every
repaint): each block's changes become ``QTextLayout.FormatRange``\\ s set with
``block.layout().setFormats()`` and ``markContentsDirty``. The visible blocks are formatted at
once, so the first paint is colored; the rest follow in short timer slices, and any block
scrolled into view before its turn is formatted on demand. Big texts are inserted in ~1 MB
chunks from a timer so the window keeps repainting.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QKeyEvent,
    QPaintEvent,
    QResizeEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QToolTip, QWidget

from ..core.review import scatter
from ..core.session import CONTINUATION  # the gutter's mark for a piece continuing a line
from ..core.view.display import copyable
from .deletion_markers import DeletionMarker, deletion_markers, paint_deletion_markers
from .pane_formats import PaneModel, block_ranges, char_format
from .pane_gutter import LineNumberArea

# Texts longer than CHUNK_SIZE characters are inserted in chunks: a short first one, then chunks
# sized to take about CHUNK_SECONDS each.
CHUNK_SIZE = 1 << 20
FIRST_CHUNK_SIZE = 1 << 18
MIN_CHUNK_SIZE = 1 << 14
MAX_CHUNK_SIZE = 1 << 22
CHUNK_SECONDS = 0.03
SLICE_SECONDS = 0.012
# Characters of stale block text replaced in one slice: measured and adapted, within these bounds.
MIN_PATCH_BUDGET = 1 << 10
MAX_PATCH_BUDGET = 1 << 20


def paced(done: int, began: float, seconds: float, low: int, high: int) -> int:
    """How much work takes about ``seconds``, given that ``done`` took from ``began`` until now
    (between ``low`` and ``high``): the next chunk's size, measured rather than guessed."""
    rate = done / max(time.perf_counter() - began, 1e-4)
    return int(min(high, max(low, rate * seconds)))


class TextPane(QPlainTextEdit):
    """One side of the comparison.

    Formats are applied block by block: ``_done`` has one byte per block, 0 while the block
    still needs its formats (and, in ``_stale``, 1 while its text is out of date after a review
    step). Visible blocks are brought up to date at once; the others in short timer slices,
    found with ``bytearray.find`` so that blocks without any change cost nothing.

    Signals:
        loaded: the whole text is in the widget and the visible part is formatted.
        fill_progress: (percent) how much of a text inserted in chunks is in the widget (100 at the end).
        formatted: every block carries its formats.
        cursor_moved: (display position) the text cursor moved.
        zoom_requested: (steps) Ctrl+wheel.

    Attributes:
        model: what is shown, or None while empty.
        context_menu_hook: called with the menu and the change under the mouse (or None) before
            a context menu opens, so the owner can add review actions.
        tooltip_provider: returns the tooltip for a change index.
        key_hook: called with each key press first; True when it took the key (Space reviews).
    """

    loaded = Signal()
    fill_progress = Signal(int)
    formatted = Signal()
    cursor_moved = Signal(int)
    zoom_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        # A scroll bar that came and went with the length of the text would leave the two panes
        # of different widths, so one side would wrap a line into more rows than the other.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.model: PaneModel | None = None
        self.context_menu_hook: Callable[[QMenu, int | None], None] | None = None
        self.tooltip_provider: Callable[[int], str] | None = None
        self.key_hook: Callable[[QKeyEvent], bool] | None = None
        self._formats: dict[tuple[str, int, int], QTextCharFormat] = {}
        self._done = bytearray()
        self._stale = bytearray()
        self._stale_count = 0
        self._next_block = 0
        self._inserted = 0
        self._chunk_size = CHUNK_SIZE
        self._pending_selection: tuple[int, int] | None = None
        self._patch_budget = MIN_PATCH_BUDGET
        self._loading = False
        self._margin = -1
        self._slicer = QTimer(self)
        self._slicer.setSingleShot(True)
        self._slicer.setInterval(0)
        self._slicer.timeout.connect(self._format_slice)
        self._inserter = QTimer(self)
        self._inserter.setSingleShot(True)
        self._inserter.setInterval(0)
        self._inserter.timeout.connect(self._insert_chunk)
        self._line_numbers = LineNumberArea(self)
        self.blockCountChanged.connect(self._update_margins)
        self.updateRequest.connect(self._on_update_request)
        self.verticalScrollBar().valueChanged.connect(self._format_visible)
        self.cursorPositionChanged.connect(lambda: self.cursor_moved.emit(self.from_qt(self.textCursor().position())))
        self._update_margins()

    # -- content -----------------------------------------------------------------------------

    def show_model(self, model: PaneModel, *, keep_scroll: bool = False) -> None:
        """Show ``model``'s text and color its changes; big texts arrive in chunks."""
        vertical = self.verticalScrollBar().value()
        horizontal = self.horizontalScrollBar().value()
        self.model = model
        self._formats.clear()
        self._slicer.stop()
        self._inserter.stop()
        self._pending_selection = None
        text = model.layout.display.text
        # Every block is done but those holding a change or stand-in.
        self._done = bytearray(b"\x01") * model.layout.block_count()
        scatter(self._done, model.marked_blocks, 0)
        self._stale = bytearray()
        self._stale_count = 0
        self._next_block = 0
        self._update_margins()
        if len(text) <= CHUNK_SIZE:
            if self._loading:
                self.fill_progress.emit(100)
            self._loading = False
            self._inserted = len(text)
            self.setPlainText(text)
            self._after_text(keep_scroll, vertical, horizontal)
            return
        self._loading = True
        # A short first chunk paints the window sooner; the rest is cut at line ends as it goes.
        self._inserted = self._chunk_end(0, FIRST_CHUNK_SIZE)
        self._chunk_size = CHUNK_SIZE
        self.setPlainText(text[:self._inserted])
        self.fill_progress.emit(self._inserted * 100 // len(text))
        self._format_visible()
        self._inserter.start()

    def _chunk_end(self, start: int, size: int) -> int:
        """Where the chunk of about ``size`` characters from ``start`` ends (after a line end if any)."""
        assert self.model is not None
        text = self.model.layout.display.text
        cut = text.rfind("\n", start, start + size)
        return cut + 1 if cut > start else min(start + size, len(text))

    def _insert_chunk(self) -> None:
        if self.model is None or not self._loading:
            return
        start = self._inserted
        self._inserted = self._chunk_end(start, self._chunk_size)
        began = time.perf_counter()
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(self.model.layout.display.text[start:self._inserted])
        # Size the next chunk to take about CHUNK_SECONDS here, whatever the machine and the text
        # (long lines, many stand-ins) make of the speed.
        self._chunk_size = paced(self._inserted - start, began, CHUNK_SECONDS, MIN_CHUNK_SIZE, MAX_CHUNK_SIZE)
        total = len(self.model.layout.display.text)
        self.fill_progress.emit(min(99, self._inserted * 100 // total) if self._inserted < total else 100)
        if self._inserted < total:
            self._inserter.start()
        else:
            self._loading = False
            self._after_text(False, 0, 0)

    def _after_text(self, keep_scroll: bool, vertical: int, horizontal: int) -> None:
        if keep_scroll:
            self.verticalScrollBar().setValue(vertical)
            self.horizontalScrollBar().setValue(horizontal)
        self._update_margins()
        self.viewport().update()
        self._format_visible()
        self._slicer.start()
        if self._pending_selection is not None:
            self.select_range(*self._pending_selection)
        self.loaded.emit()

    def update_blocks(self, model: PaneModel, blocks: Sequence[int], *, text_changed: bool) -> None:
        """Show ``model`` where only ``blocks`` changed (their formats, and their text if ``text_changed``).

        The block structure must be the same as the shown one. The visible blocks are brought up
        to date now, the others in timer slices.
        """
        if self._loading or self.model is None:
            self.show_model(model, keep_scroll=True)
            return
        self.model = model
        scatter(self._done, blocks, 0)
        if text_changed:
            if not self._stale:
                self._stale = bytearray(len(self._done))
            scatter(self._stale, blocks, 1)
            self._stale_count = len(self._stale) - self._stale.count(0)
        self._next_block = 0
        self._format_visible()
        self._slicer.start()

    def clear_model(self) -> None:
        self.model = None
        self._pending_selection = None
        self._slicer.stop()
        self._inserter.stop()
        if self._loading:
            self.fill_progress.emit(100)
        self._loading = False
        self._done = bytearray()
        self._stale = bytearray()
        self._stale_count = 0
        self.setPlainText("")

    @property
    def is_loading(self) -> bool:
        """Whether text is still being inserted or brought up to date."""
        return self._loading or self._stale_count > 0

    @property
    def fully_formatted(self) -> bool:
        return self.model is not None and not self._loading and self._stale_count == 0 and self._done.find(0) < 0

    # -- positions: the model's display positions and Qt's ----------------------------------------

    def to_qt(self, position: int) -> int:
        """The Qt position of display ``position`` (they differ only while blocks are stale)."""
        if not self._stale_count or self.model is None:
            return position
        starts = self.model.layout.block_starts()
        number = bisect.bisect_right(starts, position) - 1
        block = self.document().findBlockByNumber(number)
        if not block.isValid():
            return min(position, self.document().characterCount() - 1)
        return block.position() + min(position - starts[number], block.length() - 1)

    def from_qt(self, position: int) -> int:
        """The display position of Qt ``position``."""
        if not self._stale_count or self.model is None:
            return position
        block = self.document().findBlock(position)
        starts = self.model.layout.block_starts()
        number = block.blockNumber()
        if not block.isValid() or number >= len(starts):
            return position
        return starts[number] + position - block.position()

    def _block_start(self, block: QTextBlock) -> int:
        """The display position where ``block`` starts in the model."""
        if not self._stale_count or self.model is None:
            return block.position()
        return self.model.layout.block_starts()[block.blockNumber()]

    # -- formatting --------------------------------------------------------------------------

    def _format(self, rule: str, accepted: int, strong: int) -> QTextCharFormat:
        key = (rule, accepted, strong)
        cached = self._formats.get(key)
        if cached is None:
            cached = self._formats[key] = char_format(rule, accepted, strong, self.palette())
        return cached

    def _patch_text(self, block: QTextBlock, cursor: QTextCursor) -> None:
        """Replace a stale block's text with the model's."""
        model = self.model
        number = block.blockNumber()
        assert model is not None
        starts = model.layout.block_starts()
        end = starts[number + 1] - 1 if number + 1 < len(starts) else len(model.layout.display.text)
        cursor.setPosition(block.position())
        cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(model.layout.display.text[starts[number]:end])
        self._stale[number] = 0
        self._stale_count -= 1

    def format_block(self, block: QTextBlock) -> None:
        """Give ``block`` the formats of the pieces and stand-ins it holds (its text first, if stale)."""
        model = self.model
        number = block.blockNumber()
        if model is None or number >= len(self._done):
            return
        if self._stale and self._stale[number]:
            cursor = QTextCursor(self.document())
            self._patch_text(block, cursor)
            block = self.document().findBlockByNumber(number)
        self._done[number] = 1
        start = self._block_start(block)
        ranges = block_ranges(model, start, start + block.length(), self._format)
        if ranges or block.layout().formats():
            block.layout().setFormats(ranges)  # also tells the document layout (no markContentsDirty)

    def visible_blocks(self) -> list[QTextBlock]:
        """The blocks on screen now."""
        blocks = []
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        height = self.viewport().height()
        while block.isValid():
            top = self.blockBoundingGeometry(block).translated(offset).top()
            if top > height:
                break
            blocks.append(block)
            block = block.next()
        return blocks

    def _format_visible(self) -> None:
        if self.model is None or not self._done:
            return
        done = self._done
        for block in self.visible_blocks():
            number = block.blockNumber()
            if number < len(done) and not done[number]:
                self.format_block(block)

    def _format_slice(self) -> None:
        if self.model is None or self._loading:
            return
        began = time.perf_counter()
        deadline = began + SLICE_SECONDS
        document = self.document()
        done = self._done
        stale = self._stale
        number = done.find(0, self._next_block)
        layout = document.documentLayout()
        layout.blockSignals(True)  # blocks off screen need no repaint
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        patched: list[int] = []
        patched_length = 0
        try:
            # Stale texts first, in one edit block (Qt then lays them out once, when it ends:
            # that is most of the cost, so how much to patch is measured, not guessed).
            while number >= 0:
                if stale and stale[number]:
                    if patched_length >= self._patch_budget:
                        break
                    block = document.findBlockByNumber(number)
                    patched_length += block.length()
                    self._patch_text(block, cursor)
                    patched.append(number)
                else:
                    self.format_block(document.findBlockByNumber(number))
                if time.perf_counter() > deadline:
                    break
                number = done.find(0, number + 1)
        finally:
            cursor.endEditBlock()
            for patched_number in patched:
                self.format_block(document.findBlockByNumber(patched_number))
            layout.blockSignals(False)
        if patched_length:
            self._patch_budget = paced(patched_length, began, SLICE_SECONDS, MIN_PATCH_BUDGET, MAX_PATCH_BUDGET)
        # Blocks laid out before may have changed height: let the scroll bars know.
        layout.documentSizeChanged.emit(layout.documentSize())
        if number >= 0:
            self._next_block = number
            self._slicer.start()
        else:
            self._next_block = 0
            if self._done.find(0) >= 0:
                self._slicer.start()
            else:
                self.viewport().update()
                self.formatted.emit()

    def refresh_formats(self) -> None:
        """Recompute every marked block's formats (after a palette change)."""
        if self.model is None:
            return
        self._formats.clear()
        scatter(self._done, self.model.marked_blocks, 0)
        self._next_block = 0
        self._format_visible()
        self._slicer.start()

    # -- geometry, painting ------------------------------------------------------------------

    def line_number_width(self) -> int:
        # The final block count is known before a big text has arrived: the gutter (and with it
        # the wrapping width, whose change re-lays out every block) is set once.
        digits = len(str(max(1, self.blockCount(), len(self._done))))
        return 10 + self.fontMetrics().horizontalAdvance("9") * digits

    def _update_margins(self) -> None:
        width = self.line_number_width()
        if width != self._margin:
            self._margin = width
            self.setViewportMargins(width, 0, 0, 0)

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._line_numbers.scroll(0, dy)
        else:
            self._line_numbers.update(0, rect.y(), self._line_numbers.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self._format_visible)
        rect = self.contentsRect()
        self._line_numbers.setGeometry(QRect(rect.left(), rect.top(), self.line_number_width(), rect.height()))

    def line_label(self, block: QTextBlock) -> str:
        """The gutter's text for ``block``: its line number, or a mark where it continues a line
        broken for display."""
        if self.model is None:
            return str(block.blockNumber() + 1)
        line = self.model.layout.display.line_of_block(block.blockNumber(), self._block_start(block))
        return CONTINUATION if line is None else str(line + 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model
        if model is not None and model.show_deletions and model.layout.change_starts:
            paint_deletion_markers(self)

    def deletion_markers(self) -> list[DeletionMarker]:
        """The markers of accepted deletions on screen (see :func:`ui.deletion_markers.deletion_markers`)."""
        return deletion_markers(self)

    # -- interaction -------------------------------------------------------------------------

    def position_at(self, point: QPoint) -> int:
        """The display position of the character under viewport ``point``."""
        cursor = self.cursorForPosition(point)
        position = cursor.position()
        rect = self.cursorRect(cursor)
        block_start = cursor.block().position()
        if point.x() < rect.left() and position > block_start:
            position -= 1
        return self.from_qt(position)

    def change_under(self, point: QPoint) -> int | None:
        """The change under viewport ``point``, if any."""
        if self.model is None:
            return None
        cursor = self.cursorForPosition(point)
        exact = self.model.change_at(self.from_qt(cursor.position()))
        if exact is not None and self.model.layout.change_starts[exact] == self.model.layout.change_ends[exact]:
            return exact
        return self.model.change_at(self.position_at(point))

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.tooltip_provider is not None:
            help_event = event  # a QHelpEvent
            change = self.change_under(help_event.pos())  # type: ignore[attr-defined]
            if change is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(help_event.globalPos(), self.tooltip_provider(change),  # type: ignore[attr-defined]
                                  self.viewport())
            return True
        return super().viewportEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        point = self.menu_point(event)
        menu = self.createStandardContextMenu(point - self.contentOffset().toPoint())
        if self.context_menu_hook is not None:
            self.context_menu_hook(menu, self.change_under(point))
        self.show_menu(menu, event.globalPos())

    def menu_point(self, event: QContextMenuEvent) -> QPoint:
        """The viewport point a context menu is about.

        A mouse's menu event reaches a scroll area from its viewport, in viewport coordinates
        (mapping it again from the pane shifted it by the line-number margin, onto the change to
        the left); a keyboard's is about the text cursor.
        """
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            return self.cursorRect().center()
        return event.pos()

    def show_menu(self, menu: QMenu, global_position: QPoint) -> None:
        """Run the context menu (tests replace this: a popup would wait for a click)."""
        menu.exec(global_position)
        menu.deleteLater()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.key_hook is not None and self.key_hook(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event):  # type: ignore[no-untyped-def]
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_requested.emit(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copy what the selection shows from the text itself: the hidden characters a stand-in
        stands for, the file's own line ends, no line break added for display."""
        model = self.model
        cursor = self.textCursor()
        if model is None or model.source is None or not cursor.hasSelection():
            return super().createMimeDataFromSelection()
        start, end = model.layout.display.source_span(self.from_qt(cursor.selectionStart()),
                                                      self.from_qt(cursor.selectionEnd()))
        data = QMimeData()
        data.setText(copyable(model.source[start:end]))
        return data

    def select_range(self, start: int, end: int) -> None:
        """Select display ``start``..``end`` and scroll it to the middle (once the text has
        arrived there, for a big text still being inserted)."""
        if self._loading and end > self._inserted:
            self._pending_selection = (start, end)
            return
        self._pending_selection = None
        limit = self.document().characterCount() - 1
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(self.to_qt(start), limit))
        cursor.setPosition(min(self.to_qt(end), limit), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._update_margins()
            QTimer.singleShot(0, self._format_visible)
        elif event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            # Change backgrounds are light or dark by the palette: a switch at runtime redraws them.
            self.refresh_formats()

    def set_wrap(self, wrap: bool) -> None:
        # The editor derives the document's wrap option from both modes (NoWrap when the line wrap
        # mode is off); setting the document's option directly would wrap an unwrapped pane.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth if wrap else QPlainTextEdit.LineWrapMode.NoWrap)
        QTimer.singleShot(0, self._format_visible)
