"""The batch view's table: one row per scanned file, filled in batches while the scan runs.

Thousands of rows stay cheap: rows arrive as lists (one ``beginInsertRows`` per list), cells are
computed only when the view asks for a visible one, and sorting is a Python sort of the rows with
the selection carried over (``changePersistentIndexList``), not a proxy model re-sorting on every
insert.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from ..core.batch import SEVERITIES, CleanOutcome, FileScan, Outcome
from ..core.encoding.detection import is_sure
from ..core.view.display import escape_for_display
from . import colors

Index = QModelIndex | QPersistentModelIndex
COLUMNS: tuple[str, ...] = ("File", "Encoding", "Changes", "Error", "Warning", "Info", "By rule", "Status")
FILE, ENCODING, CHANGES, ERROR, WARNING, INFO, BY_RULE, STATUS = range(len(COLUMNS))
SEVERITY_COLUMNS = {ERROR: SEVERITIES[0], WARNING: SEVERITIES[1], INFO: SEVERITIES[2]}
HEADER_TIPS = {
    CHANGES: "Changes the rules propose in the file",
    ERROR: "Changes of severity error (invisible and bidi characters)",
    WARNING: "Changes of severity warning (look-alike letters, compatibility characters)",
    INFO: "Changes of severity info (spaces, typography)",
    BY_RULE: "Changes per rule, most first",
    STATUS: "Problems reading the file, and what Clean all did",
}
# Foregrounds for rows that were written, in a light and a dark palette (failed ones: colors.FAILED_TEXT).
WRITTEN_COLORS = ("#2b8a3e", "#69db7c")
FileScanRole = Qt.ItemDataRole.UserRole


def _dark() -> int:
    """1 in a dark palette, 0 in a light one."""
    return int(QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128)


def encoding_text(scan: FileScan) -> str:
    """The encoding column: the encoding, with the confidence unless detection is sure of it."""
    if scan.outcome is not Outcome.TEXT:
        return "—"
    return scan.encoding if is_sure(scan.confidence) else f"{scan.encoding} ({scan.confidence:.0%})"


def status_text(scan: FileScan, outcome: CleanOutcome | None) -> str:
    """What the Status column says: a problem, a note, or what cleaning did."""
    if outcome is not None:
        if not outcome.written:
            return f"Not written: {outcome.reason}"
        return "Cleaned" + (f", previous version kept as {outcome.backup.name}" if outcome.backup else "")
    if scan.outcome is Outcome.FAILED:
        return scan.reason[:1].upper() + scan.reason[1:]
    notes = []
    if scan.hidden_text:
        notes.append(f"{scan.hidden_text} hidden message{'s' if scan.hidden_text > 1 else ''} in tag characters")
    if scan.decode_errors:
        notes.append(f"{scan.decode_errors} undecodable byte run{'s' if scan.decode_errors > 1 else ''} (kept)")
    return "; ".join(notes)


class BatchModel(QAbstractTableModel):
    """Scanned files (text files and files that failed) as table rows, with what cleaning did."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[FileScan] = []
        self._arrival: dict[Path, int] = {}
        self._row_of: dict[Path, int] = {}
        self._outcomes: dict[Path, CleanOutcome] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- filling ----------------------------------------------------------------------------

    def append(self, scans: Sequence[FileScan]) -> None:
        """Add rows (skipped files are not rows); keeps the current sort."""
        scans = [scan for scan in scans if scan.outcome is not Outcome.SKIPPED and scan.path not in self._row_of]
        if not scans:
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(scans) - 1)
        for number, scan in enumerate(scans, start=first):
            self._arrival[scan.path] = len(self._arrival)
            self._row_of[scan.path] = number
            self.rows.append(scan)
        self.endInsertRows()
        if self._sort is not None:
            self.sort(*self._sort)

    def clear(self) -> None:
        self.beginResetModel()
        self.rows = []
        self._arrival.clear()
        self._row_of.clear()
        self._outcomes.clear()
        self.endResetModel()

    def set_outcomes(self, outcomes: Sequence[CleanOutcome]) -> None:
        """Show what cleaning did to these files."""
        for outcome in outcomes:
            self._outcomes[outcome.scan.path] = outcome
            row = self._row_of.get(outcome.scan.path)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def outcome(self, row: int) -> CleanOutcome | None:
        return self._outcomes.get(self.rows[row].path)

    def row_of(self, path: Path) -> int | None:
        return self._row_of.get(path)

    # -- Qt's model interface ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        scan = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(scan, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(scan, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and CHANGES <= column <= INFO:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(scan)
        if role == FileScanRole:
            return scan
        return None

    def _display(self, scan: FileScan, column: int) -> str:
        text = scan.outcome is Outcome.TEXT
        if column == FILE:
            return escape_for_display(scan.label, limit=500)
        if column == ENCODING:
            return encoding_text(scan)
        if column == CHANGES:
            return f"{scan.changes:,}" if text else ""
        if column in SEVERITY_COLUMNS:
            count = scan.count_of(SEVERITY_COLUMNS[column])
            return f"{count:,}" if count else ""
        if column == BY_RULE:
            return scan.rules_text
        return status_text(scan, self._outcomes.get(scan.path))

    def _tooltip(self, scan: FileScan, column: int) -> str | None:
        if column == FILE:
            return escape_for_display(str(scan.path), limit=1000)
        if column in (BY_RULE, STATUS):
            return self._display(scan, column) or None
        return None

    def _foreground(self, scan: FileScan) -> QColor | None:
        outcome = self._outcomes.get(scan.path)
        if scan.outcome is Outcome.FAILED or (outcome is not None and not outcome.written):
            return QColor(colors.FAILED_TEXT[_dark()])
        if outcome is not None:
            return QColor(WRITTEN_COLORS[_dark()])
        return None

    # -- sorting ----------------------------------------------------------------------------

    def _key(self, column: int) -> Callable[[FileScan], Any]:
        if column == FILE:
            return lambda scan: scan.label.casefold()
        if column == ENCODING:
            return encoding_text
        if column == CHANGES:
            return lambda scan: scan.changes
        if column in SEVERITY_COLUMNS:
            severity = SEVERITY_COLUMNS[column]
            return lambda scan: scan.count_of(severity)
        if column == BY_RULE:
            return lambda scan: scan.by_rule[0] if scan.by_rule else ("", 0)
        if column == STATUS:
            return lambda scan: status_text(scan, self._outcomes.get(scan.path))
        return lambda scan: self._arrival[scan.path]  # no column: the order the scan found them in

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by ``column`` (-1: scan order); rows added later take their place."""
        self._sort = (column, order) if column >= 0 else None
        key = self._key(column)
        self.layoutAboutToBeChanged.emit()
        old_paths = [scan.path for scan in self.rows]
        # Ties keep the scan order, in both directions.
        self.rows.sort(key=lambda scan: self._arrival[scan.path])
        self.rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self._row_of = {scan.path: row for row, scan in enumerate(self.rows)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(persistent, [self.index(self._row_of[old_paths[index.row()]], index.column())
                                                    for index in persistent])
        self.layoutChanged.emit()
