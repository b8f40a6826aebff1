"""The review panel: counts, grouped summary with a checkbox per group, the change list, rule toggles.

Both lists are table models over the review state's arrays (no item per change), so a document
with hundreds of thousands of changes costs nothing until rows are painted.
"""

from __future__ import annotations

import bisect
from array import array
from itertools import compress, count
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QByteArray, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.change_names import name_text
from ..core.changes import Severity
from ..core.review import edit_key
from ..core.rules import RULES, RULES_BY_ID
from ..core.unicode.unicode_data import describe
from ..core.view.display import escape_for_display, stand_in
from ..core.view.document import ReviewDocument
from . import colors
from .table_columns import ColumnFitter
from .text_field import TextField

Index = QModelIndex | QPersistentModelIndex
# The share of the window the panel may claim for its change list's columns.
MOST_OF_WINDOW = 0.42
# The width the change list's reason column asks for (its whole text is in every row's tooltip).
REASON_WIDTH = 100
# A cell's text margins and a check box with its spacing, as a table draws them (Fusion, in pixels).
CELL_PADDING = 8
CHECK_BOX = 24


def shown(text: str) -> str:
    """``text`` as a list shows it: invisibles as ``<ZWSP>`` labels, deletions as ``(removed)``."""
    if not text:
        return "(removed)"
    return escape_for_display(text, limit=60)


def labelled(text: str) -> str:
    """``shown``, one or two characters named by script and code point: ``Cyrillic е U+0435``."""
    return name_text(text, limit=60)


def code_points(text: str, limit: int = 4) -> str:
    """``U+0435 U+0065`` for short texts."""
    points = " ".join(f"U+{ord(char):04X}" for char in text[:limit])
    return points + (" …" if len(text) > limit else "")


def change_tooltip(document: ReviewDocument, index: int) -> str:
    """What hovering a change shows: characters, code points and names before → after, rule, reason."""
    change = document.changes[index]
    rule = RULES_BY_ID.get(change.rule)
    line, column = document.state.line_column(index)
    lines = [f"Line {line}, column {column}  ·  "
             f"{'accepted' if document.state.is_accepted(index) else 'reverted (original kept)'}"]
    before = [f"  {shown(char)}  {describe(char)}" for char in change.original[:6]]
    if len(change.original) > 6:
        before.append(f"  … {len(change.original) - 6} more")
    after = [f"  {shown(char)}  {describe(char)}" for char in change.replacement[:6]] or ["  (nothing: removed)"]
    if len(change.replacement) > 6:
        after.append(f"  … {len(change.replacement) - 6} more")
    lines += ["Before:", *before, "After:", *after]
    lines.append(f"Rule: {rule.title if rule else change.rule} ({change.rule}) · {change.severity.label}")
    lines.append(f"Why: {escape_for_display(change.reason, limit=300)}")
    return "\n".join(lines)


class _ReviewTableModel(QAbstractTableModel):
    """A table over a document's review state whose first column is a checkbox per row.

    Signals:
        toggle_requested: (row, accept) the user ticked or unticked the row's checkbox.
    """

    toggle_requested = Signal(int, bool)
    HEADERS: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self.document: ReviewDocument | None = None

    def set_document(self, document: ReviewDocument | None) -> None:
        self.beginResetModel()
        self.document = document
        self.endResetModel()

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (Qt.ItemDataRole.DisplayRole,
                                                                 Qt.ItemDataRole.ToolTipRole):
            return self.HEADERS[section]  # as a tooltip too: a narrow column elides its header
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or self.document is None:
            return False
        checked = Qt.CheckState(value) if isinstance(value, int) else value
        self.toggle_requested.emit(index.row(), checked != Qt.CheckState.Unchecked)
        return True


class GroupModel(_ReviewTableModel):
    """One row per group: checkbox (accept/revert the group), rule, original → replacement, count.

    ``toggle_requested`` carries the group index.
    """

    HEADERS = ("Rule", "Original → replacement", "Kept")

    def refresh(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.document is None else len(self.document.state.groups)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.document is None or not index.isValid():
            return None
        state = self.document.state
        group = state.groups[index.row()]
        kept = state.group_accepted(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            if kept == group.count:
                return Qt.CheckState.Checked
            return Qt.CheckState.Unchecked if kept == 0 else Qt.CheckState.PartiallyChecked
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                rule = RULES_BY_ID.get(group.rule)
                return rule.title if rule else group.rule
            if column == 1:
                return f"{labelled(group.original)} → {labelled(group.replacement)}"
            return f"{kept} of {group.count}" if kept != group.count else str(group.count)
        if role == Qt.ItemDataRole.ToolTipRole:
            # The cell's whole text first: a narrow column elides it.
            return (f"{self.data(index)}\n{code_points(group.original)} → "
                    f"{code_points(group.replacement) or 'removed'}\n"
                    f"{group.count} change(s); untick to keep the original everywhere")
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return colors.strong(group.rule)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ChangeModel(_ReviewTableModel):
    """One row per shown change: kept checkbox, line:col, before → after, rule, reason.

    A filter (rule, severity, search text) shows a subset: ``rows`` holds the change index of
    each row, ascending, built in C from one match per distinct kind of change (a dense text has
    hundreds of thousands of changes but a few kinds). ``toggle_requested`` carries the change index.
    """

    HEADERS = ("Line:Col", "Before → after", "Rule", "Reason")

    def __init__(self) -> None:
        super().__init__()
        self.rows: array[int] | None = None  # None: every change, in order
        self._kinds: tuple[array[int], list[tuple[str, str, str, str]]] | None = None

    def set_document(self, document: ReviewDocument | None) -> None:
        self._kinds = None
        self.rows = None
        super().set_document(document)

    def refresh(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0))

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() or self.document is None:
            return 0
        return self.document.state.count if self.rows is None else len(self.rows)

    def change_of(self, row: int) -> int:
        """The change index shown in ``row``."""
        return row if self.rows is None else self.rows[row]

    def row_of(self, change: int) -> int | None:
        """The row showing change ``change``, or None when the filter hides it."""
        if self.rows is None:
            return change
        row = bisect.bisect_left(self.rows, change)
        return row if row < len(self.rows) and self.rows[row] == change else None

    def set_filter(self, rule: str | None, severity: Severity | None, search: str) -> None:
        """Show only the changes of ``rule`` and ``severity`` (None: any) whose kind matches ``search``.

        The search is case-insensitive over the change's texts, the code points and names of
        their characters (``U+0435``, ``CYRILLIC``), the rule and the reason.
        """
        self.beginResetModel()
        self.rows = self._matching(rule, severity, search.strip().casefold())
        self.endResetModel()

    def _matching(self, rule: str | None, severity: Severity | None, needle: str) -> array[int] | None:
        document = self.document
        if document is None or (rule is None and severity is None and not needle):
            return None
        kind_of, kinds = self._kind_ids()
        severities = document.changes.severities
        wanted = bytearray(len(kinds))
        for number, (kind_rule, original, replacement, reason) in enumerate(kinds):
            wanted[number] = (rule is None or kind_rule == rule) and (
                not needle or needle in _haystack(kind_rule, original, replacement, reason))
        shown = map(wanted.__getitem__, kind_of)
        if severity is not None:
            shown = map(min, shown, map(severity.__eq__, severities))
        return array("q", compress(range(len(kind_of)), shown))

    def _kind_ids(self) -> tuple[array[int], list[tuple[str, str, str, str]]]:
        """The number of each change's (rule, original, replacement, reason), and those by number."""
        if self._kinds is None:
            assert self.document is not None
            changes = self.document.changes
            seen: dict[tuple[str, str, str, str], int] = {}
            kind_of = array("q", map(seen.setdefault, zip(changes.rules, changes.originals, changes.replacements,
                                                          changes.reasons, strict=True), count()))
            numbers = {first: number for number, first in enumerate(seen.values())}
            self._kinds = array("q", map(numbers.__getitem__, kind_of)), list(seen)
        return self._kinds

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or self.document is None:
            return False
        checked = Qt.CheckState(value) if isinstance(value, int) else value
        self.toggle_requested.emit(self.change_of(index.row()), checked != Qt.CheckState.Unchecked)
        return True

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.document is None or not index.isValid():
            return None
        row, column = self.change_of(index.row()), index.column()
        change = self.document.changes[row]
        state = self.document.state
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if state.is_accepted(row) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                line, col = state.line_column(row)
                return f"{line}:{col}"
            if column == 1:
                before, after = edit_key(change)
                times = sum(1 for a, b in zip(change.original, change.replacement, strict=False) if a != b) \
                    if len(change.original) == len(change.replacement) and len(change.original) > 1 else 1
                return f"{labelled(before)} → {labelled(after)}" + (f" ×{times}" if times > 1 else "")
            if column == 2:
                return change.rule
            return escape_for_display(change.reason, limit=200)
        if role == Qt.ItemDataRole.ToolTipRole:
            # Before → after whole first: a narrow column elides it (the rule and the reason are in it).
            details = change_tooltip(self.document, row)
            return f"{self.data(index.siblingAtColumn(1))}\n{details}" if column == 1 else details
        if role == Qt.ItemDataRole.ForegroundRole and not state.is_accepted(row):
            return QColor("#868e96")
        return None


def _haystack(rule: str, original: str, replacement: str, reason: str) -> str:
    """What the change list's search looks in, for one kind of change (case-folded): what the
    window shows of it too (the ``ZWSP`` box, the rule's title "Look-alike letters")."""
    chars = (original + replacement)[:64]
    names = " ".join(describe(char) for char in chars)
    boxes = " ".join(label for char in chars if (label := stand_in(char)))
    title = RULES_BY_ID[rule].title if rule in RULES_BY_ID else ""
    return " ".join((original, replacement, names, boxes, rule, title, reason)).casefold()


class ReviewPanel(QWidget):
    """Counts, groups, changes and rules of the current document.

    Signals:
        group_toggled: (group index, accept).
        change_toggled: (change index, accept).
        change_activated: (change index) the user picked a change in the list.
        rules_changed: (frozenset of rule ids) a rule was switched on or off.
        all_toggled: (accept) Accept all / Revert all.

    Attributes:
        groups: the group model.
        changes: the change model.
        counts: the label with the counts.
        rule_boxes: one checkbox per rule id.
    """

    group_toggled = Signal(int, bool)
    change_toggled = Signal(int, bool)
    change_activated = Signal(int)
    rules_changed = Signal(frozenset)
    all_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.groups = GroupModel()
        self.changes = ChangeModel()
        self.counts = QLabel("No document")
        self.counts.setObjectName("counts")
        self.counts.setWordWrap(True)
        font = self.counts.font()
        font.setBold(True)
        self.counts.setFont(font)

        self.group_view = self._table(self.groups)
        self.group_columns = ColumnFitter(self.group_view, stretch=1, numbers=(2,))
        self.change_view = self._table(self.changes)
        self.change_columns = ColumnFitter(self.change_view, stretch=3, numbers=(0,), hide_stretch=True)
        self.change_view.setAccessibleName("Individual changes")
        # Sizing a column to contents reads a thousand rows by default; the list may have a
        # million, so only the visible ones are read (the widest Line:Col is added by hand).
        self.change_view.horizontalHeader().setResizeContentsPrecision(0)
        self.group_view.setAccessibleName("Changes grouped by kind")

        accept_all = QPushButton("Accept all")
        accept_all.clicked.connect(lambda: self.all_toggled.emit(True))
        revert_all = QPushButton("Revert all")
        revert_all.clicked.connect(lambda: self.all_toggled.emit(False))
        buttons = QHBoxLayout()
        buttons.addWidget(accept_all)
        buttons.addWidget(revert_all)
        buttons.addStretch()

        # The rules fold away under a one-line toggle: open, their ten checkboxes took a quarter of
        # the panel and left the change list 8 rows at 1024×700.
        rules_box = QWidget()
        rules_box.setObjectName("rules")
        rules_box.hide()
        self.rules_toggle = QToolButton()
        self.rules_toggle.setObjectName("rules-toggle")
        self.rules_toggle.setCheckable(True)
        self.rules_toggle.setAutoRaise(True)
        self.rules_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.rules_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.rules_toggle.toggled.connect(rules_box.setVisible)
        self.rules_toggle.toggled.connect(lambda shown: self.rules_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow))
        rules_layout = QGridLayout(rules_box)
        rules_layout.setContentsMargins(8, 0, 0, 0)
        self.rule_boxes: dict[str, QCheckBox] = {}
        for number, rule in enumerate(RULES):
            box = QCheckBox(rule.title)
            box.setToolTip(f"{rule.description}\n(rule id: {rule.id}, {rule.severity.label})")
            box.toggled.connect(self._rules_toggled)
            rules_layout.addWidget(box, number // 2, number % 2)
            self.rule_boxes[rule.id] = box

        groups_box = QWidget()
        groups_layout = QVBoxLayout(groups_box)
        groups_layout.setContentsMargins(0, 0, 0, 0)
        self.summary_label = QLabel("Summary — untick a kind to keep the original")
        groups_layout.addWidget(self.summary_label)
        groups_layout.addWidget(self.group_view)
        changes_box = QWidget()
        changes_layout = QVBoxLayout(changes_box)
        changes_layout.setContentsMargins(0, 0, 0, 0)
        changes_layout.addWidget(QLabel("Every change — click to jump, untick to revert"))
        changes_layout.addLayout(self._filter_bar())
        changes_layout.addWidget(self.change_view)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(groups_box)
        self.splitter.addWidget(changes_box)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        # Once the user drags it (or a saved height is restored), the summary keeps its height.
        self.splitter_chosen = False
        self.splitter.splitterMoved.connect(self._splitter_moved)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.counts)
        layout.addLayout(buttons)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.rules_toggle)
        layout.addWidget(rules_box)

        self.groups.toggle_requested.connect(self.group_toggled)
        self.changes.toggle_requested.connect(self.change_toggled)
        self.change_view.clicked.connect(self._row_activated)
        self.change_view.activated.connect(self._row_activated)
        self._updating_rules = False
        self._update_rules_toggle()

    def _splitter_moved(self, *_args: object) -> None:
        self.splitter_chosen = True

    def restore_splitter(self, state: QByteArray | None) -> None:
        """Restore the summary/list heights saved from an earlier tab (None: fit to the rows)."""
        if state is not None and self.splitter.restoreState(state):
            self.splitter_chosen = True

    def _row_activated(self, index: QModelIndex) -> None:
        self.change_activated.emit(self.changes.change_of(index.row()))

    def _filter_bar(self) -> QGridLayout:
        """Rule and severity choices, a search box and the "12 of 205" count over the change list."""
        self.rule_filter = QComboBox()
        self.rule_filter.setAccessibleName("Show the changes of rule")
        self.rule_filter.addItem("All rules", None)
        for rule in RULES:
            self.rule_filter.addItem(rule.title, rule.id)
        self.severity_filter = QComboBox()
        self.severity_filter.setAccessibleName("Show the changes of severity")
        self.severity_filter.addItem("All severities", None)
        for severity in sorted(Severity, reverse=True):
            self.severity_filter.addItem(severity.label.capitalize(), severity)
        self.search = TextField()
        self.search.setPlaceholderText("Search: text, U+0435, CYRILLIC, reason…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the changes")
        self.shown_count = QLabel("")
        self.shown_count.setObjectName("shown-count")
        self.rule_filter.currentIndexChanged.connect(self.apply_filter)
        self.severity_filter.currentIndexChanged.connect(self.apply_filter)
        self.search.textChanged.connect(self.apply_filter)
        # The search gets a row of its own: beside the choices it shrank to a few letters at 1024 px.
        bar = QGridLayout()
        bar.addWidget(self.search, 0, 0, 1, 2)
        bar.addWidget(self.shown_count, 0, 2)
        bar.addWidget(self.rule_filter, 1, 0)
        bar.addWidget(self.severity_filter, 1, 1)
        bar.setColumnStretch(0, 1)
        bar.setColumnStretch(1, 1)
        return bar

    def apply_filter(self) -> None:
        """Show the changes the rule, severity and search choices ask for, and how many they are."""
        self.changes.set_filter(self.rule_filter.currentData(), self.severity_filter.currentData(), self.search.text())
        self._update_shown_count()

    def _update_shown_count(self) -> None:
        document = self.changes.document
        total = document.state.count if document is not None else 0
        shown = self.changes.rowCount()
        self.shown_count.setText(f"{shown:,} of {total:,}" if shown != total else f"{total:,}")

    @staticmethod
    def _table(model: QAbstractTableModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.horizontalHeader().setHighlightSections(False)
        return view

    def set_rules(self, rules: frozenset[str]) -> None:
        self._updating_rules = True
        for rule, box in self.rule_boxes.items():
            box.setChecked(rule in rules)
        self._updating_rules = False
        self._update_rules_toggle()

    def enabled_rules(self) -> frozenset[str]:
        return frozenset(rule for rule, box in self.rule_boxes.items() if box.isChecked())

    def _update_rules_toggle(self) -> None:
        on = len(self.enabled_rules())
        self.rules_toggle.setText(f"Rules — {on} of {len(self.rule_boxes)} on")

    def _rules_toggled(self) -> None:
        self._update_rules_toggle()
        if not self._updating_rules:
            self.rules_changed.emit(self.enabled_rules())

    def set_document(self, document: ReviewDocument | None) -> None:
        self.groups.set_document(document)
        self.changes.set_document(document)
        self.apply_filter()  # a new analysis keeps the filter the user chose
        self.change_columns.minimums.clear()
        if document is not None and document.state.count:
            # The last change has the longest line number (the visible rows may not); the check
            # box and padding are the 40 pixels.
            line, column = document.state.line_column(document.state.count - 1)
            widest = self.change_view.fontMetrics().horizontalAdvance(f"{line}:{column}99") + 40
            self.change_columns.minimums[0] = widest
        self.group_columns.fit()
        self.change_columns.fit()
        self.fit_summary()
        self.update_counts()

    def minimumSizeHint(self) -> QSize:
        """Wide enough for the change list's columns, within :data:`MOST_OF_WINDOW` of the window
        (at 1024 px the panel was 296 px wide and cut before → after and the rule).

        The width comes from typical cells, not from the document's: it is the same before and
        after a document arrives, so the panes never change width (and re-wrap) once filled.
        """
        hint = super().minimumSizeHint()
        window = self.window()
        if window is self:
            return hint
        return QSize(max(hint.width(), min(self._typical_width(), int(window.width() * MOST_OF_WINDOW))),
                     hint.height())

    def _typical_width(self) -> int:
        """The panel's width for a long file's line:column, a look-alike letter's before → after, the
        longest rule id and :data:`REASON_WIDTH` of reason."""
        view = self.change_view
        metrics = view.fontMetrics()
        cells = ("99999:999", f"{labelled(chr(0x435))} → {labelled('e')}", *(rule.id for rule in RULES))
        widths = [metrics.horizontalAdvance(text) + CELL_PADDING for text in cells]
        columns = widths[0] + CHECK_BOX + widths[1] + max(widths[2:]) + REASON_WIDTH
        margins = self.layout().contentsMargins()
        return (columns + 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width()
                + margins.left() + margins.right())

    def fit_summary(self) -> None:
        """Give the summary the height of its rows (at most a third), the change list the rest;
        a height the user chose (a dragged or restored splitter) is kept."""
        if self.splitter_chosen:
            return
        view = self.group_view
        rows = max(1, self.groups.rowCount())
        wanted = (view.horizontalHeader().height() + rows * view.verticalHeader().defaultSectionSize()
                  + 2 * view.frameWidth() + self.summary_label.sizeHint().height() + 8)
        total = sum(self.splitter.sizes()) or self.splitter.height()
        summary = min(wanted, total // 3)
        self.splitter.setSizes([summary, max(0, total - summary)])

    def refresh(self) -> None:
        self.groups.refresh()
        self.changes.refresh()
        self.update_counts()

    def update_counts(self) -> None:
        document = self.groups.document
        if document is None:
            self.counts.setText("No document")
            return
        state = document.state
        if state.count == 0:
            self.counts.setText("No changes: nothing hidden or unusual was found with these rules.")
            return
        self.counts.setText(f"{state.count} changes ({document.changed_characters} characters) · "
                            f"{state.accepted_count} accepted · {state.reverted_count} reverted · "
                            f"{len(state.groups)} kind{'s' * (len(state.groups) != 1)}")

    def select_change(self, index: int) -> None:
        """Select change ``index`` in the list; a change the filter hides clears the selection."""
        row = self.changes.row_of(index)
        if row is None:
            self.change_view.clearSelection()
            return
        model_index = self.changes.index(row, 0)
        self.change_view.selectionModel().setCurrentIndex(
            model_index, self.change_view.selectionModel().SelectionFlag.ClearAndSelect
            | self.change_view.selectionModel().SelectionFlag.Rows)
        self.change_view.scrollTo(model_index)
