"""Columns of the review panel's tables sized to their contents, within the table's width.

Numbers (counts, line:column) always get their full width; text columns (a rule's name, before →
after) get theirs when it fits, first from the room beyond the stretch column's share and then
from that share too; only when even that is short do they share what is left, elided (each
cell's tooltip starts with its whole text). The stretch column (the reason, also in every
tooltip) takes the rest, or (asked to) is hidden when that is narrower than its header. Headers
elide too, with their text as tooltip. So no column needs horizontal scrolling (and the review
panel asks for the width of typical cells).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

# The stretch column keeps this much of the width when the text columns need less (else they take it).
STRETCH_SHARE = 0.3


class ColumnFitter(QObject):
    """Keeps ``view``'s columns fitted as it is resized and its rows change.

    Args:
        view: the table.
        stretch: the column that takes the remaining width.
        numbers: columns given their full content width.
        hide_stretch: hide the stretch column when what is left is narrower than its header.
    """

    def __init__(self, view: QTableView, stretch: int, numbers: tuple[int, ...], *, hide_stretch: bool = False) -> None:
        super().__init__(view)
        self.view = view
        self.stretch = stretch
        self.numbers = numbers
        self.hide_stretch = hide_stretch
        self._header_width = 0
        # Least widths by column, set by the owner (the widest line:col of a million rows).
        self.minimums: dict[int, int] = {}
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(header.count()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        # Centred, a header too narrow for its text was cut at both ends ("ore → af"); left-aligned it elides.
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.dataChanged, model.rowsInserted):
            signal.connect(self.fit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def wanted(self, column: int) -> int:
        """The width ``column``'s visible cells and header ask for."""
        return max(self.view.sizeHintForColumn(column), self.view.horizontalHeader().sectionSizeHint(column))

    def _wanted_widths(self) -> dict[int, int]:
        """The width each column but the stretch one asks for (at least its least width)."""
        columns = [column for column in range(self.view.model().columnCount()) if column != self.stretch]
        return {column: max(self.wanted(column), self.minimums.get(column, 0)) for column in columns}

    def fit(self, *_args: object) -> None:
        """Size the columns for the current width and rows."""
        view = self.view
        available = view.viewport().width()
        widths = self._wanted_widths()
        columns = list(widths)
        numbers = sum(widths[column] for column in columns if column in self.numbers)
        texts = [column for column in columns if column not in self.numbers]
        # The stretch column's share goes to the text columns before any of them is elided.
        whole = sum(widths[column] for column in texts)
        room = max(0, max(int(available * (1 - STRETCH_SHARE)), min(available, numbers + whole)) - numbers)
        # The narrowest wishes first, each given at most a fair share of what is left: a short
        # column (a rule's name) stays whole, the long ones share the rest.
        for left, column in enumerate(sorted(texts, key=widths.__getitem__)):
            share = room // (len(texts) - left)
            widths[column] = max(40, min(widths[column], share))
            room = max(0, room - widths[column])
        for column, width in widths.items():
            view.setColumnWidth(column, width)
        if self.hide_stretch:
            # Left narrower than its header, the stretch column would show a letter and "…": it
            # goes (its text is in every row's tooltip) and comes back when there is room.
            view.setColumnHidden(self.stretch, available - sum(widths.values()) < self._stretch_header())

    def _stretch_header(self) -> int:
        """The stretch column's header width (a hidden section's hint is 0: the last one seen)."""
        if not self.view.isColumnHidden(self.stretch):
            self._header_width = self.view.horizontalHeader().sectionSizeHint(self.stretch)
        return self._header_width
