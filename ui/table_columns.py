"""Columns of the review panel's tables sized to their contents, within the table's width.

Numbers (counts, line:column) always get their full width; text columns (a rule's name) get
theirs when it fits and share what is left otherwise, elided (each cell's tooltip says it all);
the stretch column takes the rest. So no column needs horizontal scrolling at 1024 px.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

# The stretch column keeps at least this much of the width before text columns are elided.
STRETCH_SHARE = 0.3


class ColumnFitter(QObject):
    """Keeps ``view``'s columns fitted as it is resized and its rows change.

    Args:
        view: the table.
        stretch: the column that takes the remaining width.
        numbers: columns given their full content width.
    """

    def __init__(self, view: QTableView, stretch: int, numbers: tuple[int, ...]) -> None:
        super().__init__(view)
        self.view = view
        self.stretch = stretch
        self.numbers = numbers
        # Least widths by column, set by the owner (the widest line:col of a million rows).
        self.minimums: dict[int, int] = {}
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(header.count()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
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

    def fit(self, *_args: object) -> None:
        """Size the columns for the current width and rows."""
        view = self.view
        columns = [column for column in range(view.model().columnCount()) if column != self.stretch]
        available = view.viewport().width()
        widths = {column: max(self.wanted(column), self.minimums.get(column, 0)) for column in columns}
        numbers = sum(widths[column] for column in columns if column in self.numbers)
        texts = [column for column in columns if column not in self.numbers]
        room = max(0, int(available * (1 - STRETCH_SHARE)) - numbers)
        # The narrowest wishes first, each given at most a fair share of what is left: a short
        # column (a rule's name) stays whole, the long ones share the rest.
        for left, column in enumerate(sorted(texts, key=widths.__getitem__)):
            share = room // (len(texts) - left)
            widths[column] = max(40, min(widths[column], share))
            room = max(0, room - widths[column])
        for column, width in widths.items():
            view.setColumnWidth(column, width)
