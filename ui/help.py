"""The Help menu and the application's identity: icon, color legend, keyboard shortcuts, About.

Everything here is read from the code it describes, so it cannot drift from it: the legend from
:data:`core.rules.RULES` (titles, samples, colour roles) and :data:`ui.colors.STYLES` (drawn with
the same character formats the panes use), the shortcuts from the window's own actions, the versions
from the running libraries.

The window uses two hooks::

    install_help_menu(window, menu_bar.addMenu("&Help"))   # in the main window's menus
    setup_application(app)                                  # window icon and desktop file name

Icons are package resources (``resources/icons``), found next to the installed package, in a
checkout and in a PyInstaller bundle alike.
"""

from __future__ import annotations

import platform
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextTableFormat,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QMainWindow,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.rules import RULES, RuleInfo
from ..core.unicode.unicode_data import UNICODE_VERSION
from ..core.version import __version__
from . import colors

APP_NAME = "Glyphwash"
DESKTOP_FILE_NAME = "glyphwash"
RESOURCE_DIR = Path(__file__).resolve().parent.parent / "resources"
ICON_DIR = RESOURCE_DIR / "icons"
ICON_SIZES = (16, 32, 48, 64, 128, 256)

# -- the application's identity -------------------------------------------------------------------


def icon_path(size: int) -> Path:
    """The PNG of the application icon at ``size`` pixels."""
    return ICON_DIR / f"glyphwash-{size}.png"


def application_icon() -> QIcon:
    """The application icon with every PNG size (an empty icon if the resources are missing).

    Needs a QGuiApplication (a pixmap cannot exist without one).
    """
    icon = QIcon()
    for size in ICON_SIZES:
        path = icon_path(size)
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


def setup_application(app: QGuiApplication) -> None:
    """Give the application its icon (every window's, and the taskbar's) and its desktop file name.

    The desktop file name lets Wayland compositors and docks match windows to
    ``glyphwash.desktop`` (and so to its icon and name).
    """
    app.setWindowIcon(application_icon())
    app.setDesktopFileName(DESKTOP_FILE_NAME)


# -- versions -------------------------------------------------------------------------------------


def _module_version(name: str) -> str:
    try:
        module = __import__(name)
    except ImportError:
        return "not installed"
    version = getattr(module, "__version__", None)
    if version:
        return str(version)
    try:
        from importlib.metadata import version as distribution_version

        return distribution_version(name)
    except Exception:  # a frozen build may carry no metadata
        return "unknown"


def versions() -> list[tuple[str, str]]:
    """(component, version) of the app and of everything that decides what it shows."""
    import PySide6
    from PySide6.QtCore import qVersion

    unicodedata2_version = _module_version("unicodedata2")
    try:
        import unicodedata2

        unicodedata2_version += f" (Unicode {unicodedata2.unidata_version})"
    except ImportError:  # pragma: no cover - a required dependency
        pass
    return [
        (APP_NAME, __version__),
        ("Unicode data", f"{UNICODE_VERSION} (confusables, scripts, properties)"),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("chardet", _module_version("chardet")),
        ("ftfy", _module_version("ftfy")),
        ("unicodedata2", unicodedata2_version),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
        ("System", f"{platform.system()} {platform.release()} {platform.machine()}".strip()),
    ]


def about_text() -> str:
    """The About box's facts as plain text (what Copy puts on the clipboard for a bug report)."""
    width = max(len(name) for name, _ in versions())
    return "\n".join(f"{name.ljust(width)}  {version}" for name, version in versions())


# -- the color legend -----------------------------------------------------------------------------


UNDERLINE_NAMES: dict[QTextCharFormat.UnderlineStyle, str] = {
    QTextCharFormat.UnderlineStyle.WaveUnderline: "wavy",
    QTextCharFormat.UnderlineStyle.SingleUnderline: "solid",
    QTextCharFormat.UnderlineStyle.DotLine: "dotted",
    QTextCharFormat.UnderlineStyle.DashUnderline: "dashed",
    QTextCharFormat.UnderlineStyle.DashDotLine: "dash-dot",
    QTextCharFormat.UnderlineStyle.DashDotDotLine: "dash-dot-dot",
}
LEGEND_HEADERS = ("Looks like", "Rule", "Underline", "Default", "What changes")


def change_format(rule: str, widget: QWidget, *, stand_in: bool = False, accepted: bool = True) -> QTextCharFormat:
    """The character format the panes give a change of ``rule`` (see ``ui/textpane.py``)."""
    style = colors.style_for(rule)
    char_format = QTextCharFormat()
    if stand_in:
        char_format.setBackground(colors.strong(rule))
        char_format.setForeground(QColor("#ffffff"))
        char_format.setFontWeight(QFont.Weight.Bold)
        return char_format
    char_format.setUnderlineStyle(style.underline)
    char_format.setUnderlineColor(QColor(style.strong))
    if accepted:
        char_format.setBackground(colors.background(rule, widget.palette()))
    else:
        colors.set_reverted(char_format, widget.palette())
    return char_format


def underline_description(rule: str) -> str:
    style = colors.style_for(rule)
    return f"{UNDERLINE_NAMES.get(style.underline, 'underlined')}, {style.strong}"


def legend_document(widget: QWidget) -> QTextDocument:
    """The legend: one table row per rule, each sample drawn with the panes' own formats."""
    document = QTextDocument(widget)
    document.setDefaultFont(widget.font())
    cursor = QTextCursor(document)
    plain = QTextCharFormat()
    bold = QTextCharFormat()
    bold.setFontWeight(QFont.Weight.Bold)
    cursor.insertText("Every changed character is colored by the rule that found it, and underlined in a style of "
                      "its own, so the kinds stay apart without color too. The original (left) pane shows "
                      "invisible characters and unusual spaces as boxed labels such as ZWSP, RLO or NBSP, an "
                      "undecodable byte as xC3; a gray box is a hidden character that no rule changes.\n", plain)
    table_format = QTextTableFormat()
    table_format.setCellPadding(4)
    table_format.setCellSpacing(0)
    table_format.setBorder(0.5)
    table_format.setHeaderRowCount(1)
    table = cursor.insertTable(len(RULES) + 1, len(LEGEND_HEADERS), table_format)
    for column, header in enumerate(LEGEND_HEADERS):
        table.cellAt(0, column).firstCursorPosition().insertText(header, bold)
    fixed = QTextCharFormat()
    fixed.setFontFixedPitch(True)
    fixed.setFontFamilies(["monospace"])
    for row, rule in enumerate(RULES, start=1):
        sample = rule.sample
        cell = table.cellAt(row, 0).firstCursorPosition()
        cell.insertText(sample.before, fixed)
        changed = change_format(rule.id, widget, stand_in=sample.stand_in)
        changed.setFontFixedPitch(True)
        changed.setFontFamilies(["monospace"])
        cell.insertText(sample.changed, changed)
        cell.insertText(sample.after, fixed)
        table.cellAt(row, 1).firstCursorPosition().insertText(f"{rule.title} ({rule.id})", plain)
        table.cellAt(row, 2).firstCursorPosition().insertText(underline_description(rule.id), plain)
        table.cellAt(row, 3).firstCursorPosition().insertText(_default_text(rule), plain)
        table.cellAt(row, 4).firstCursorPosition().insertText(rule.description, plain)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText(f"\nA change you revert keeps the original, in both panes drawn with a "
                      f"{colors.REVERTED_DESCRIPTION}: ",
                      plain)
    reverted = change_format("homoglyphs", widget, accepted=False)
    reverted.setFontFamilies(["monospace"])
    cursor.insertText("е", reverted)
    cursor.insertText(". Severity: error (invisible and bidi characters), warning (look-alike and styled "
                      "letters, mojibake), info (spacing and typography). Turn rules on or off in the review "
                      "panel; the command line takes the same ids with --rules.", plain)
    return document


def _default_text(rule: RuleInfo) -> str:
    return f"{'on' if rule.default_on else 'off'}, {rule.severity.label}"


class ColorLegendDialog(QDialog):
    """Help → What the colors mean."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help-color-legend")
        self.setWindowTitle("What the colors mean — Glyphwash")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(900, 560)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the legend (the palette may have changed between light and dark)."""
        self.browser.setDocument(legend_document(self.browser))


# -- keyboard shortcuts ---------------------------------------------------------------------------

# Ways in that are not menu actions.
EXTRA_SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Revert or restore the change at the cursor (in a pane)", "Space"),
    ("Revert or restore every change of its kind (in a pane)", "Shift+Space"),
    ("Next / previous match (in the find bar)", "Enter, Shift+Enter"),
    ("Close the find bar", "Esc"),
    ("Zoom the text (in a pane)", "Ctrl+mouse wheel"),
    ("Open files", "drop them on the window"),
    ("Show a change's explanation", "hover over it"),
)


# The name an action was made with (its text may change: "Undo Revert е → e"), for the shortcuts list.
NAME_PROPERTY = "glyphwash_name"


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(what, keys) for every action of ``window`` that has a shortcut, in the window's order."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    # QWidget.actions() unbound: a window may shadow the method with an attribute of its own.
    for action in QWidget.actions(window):
        keys = ", ".join(sequence.toString(QKeySequence.SequenceFormat.NativeText)
                         for sequence in action.shortcuts() if not sequence.isEmpty())
        if not keys:
            continue
        name = str(action.property(NAME_PROPERTY) or action.text())
        name = name.replace("&&", "\0").replace("&", "").replace("\0", "&")
        if name in seen:
            continue
        seen.add(name)
        rows.append((name, keys))
    return rows + list(EXTRA_SHORTCUTS)


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts: read from the window's actions each time it is shown."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("help-shortcuts")
        self.setWindowTitle("Keyboard shortcuts — Glyphwash")
        self.window_actions_of = window
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Action", "Keys"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(520, 620)
        self.refresh()

    def refresh(self) -> None:
        rows = shortcut_rows(self.window_actions_of)
        self.table.setRowCount(len(rows))
        for row, (name, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            self.table.setItem(row, 1, QTableWidgetItem(keys))

    def rows(self) -> list[tuple[str, str]]:
        """What the table shows."""
        return [(self._text(row, 0), self._text(row, 1)) for row in range(self.table.rowCount())]

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""


# -- About ----------------------------------------------------------------------------------------


class AboutDialog(QDialog):
    """Help → About Glyphwash: what it is, and the versions a bug report needs (with Copy)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help-about")
        self.setWindowTitle("About Glyphwash")
        icon = QLabel()
        icon.setPixmap(application_icon().pixmap(QSize(96, 96)))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = heading(f"{APP_NAME} {__version__}", 1.6)
        summary = QLabel("Makes hidden text tricks visible and removes them: look-alike letters from\n"
                         "other scripts, invisible and bidi characters, hidden tag text, unusual spaces\n"
                         "and styled letters, without damaging genuine text in any language.\n\n"
                         "MIT licence. Unicode data © Unicode, Inc., under the Unicode License v3.")
        summary.setTextFormat(Qt.TextFormat.PlainText)
        self.facts = QLabel(about_text())
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        fixed = self.facts.font()
        fixed.setFamilies(["monospace"])
        fixed.setStyleHint(QFont.StyleHint.Monospace)
        self.facts.setFont(fixed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton("&Copy versions")
        copy.setToolTip("Copy the versions to the clipboard, for a bug report")
        copy.clicked.connect(self.copy_versions)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(summary)
        text.addWidget(self.facts)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.addLayout(row)
        layout.addWidget(buttons)

    def refresh(self) -> None:
        self.facts.setText(about_text())

    def copy_versions(self) -> None:
        QApplication.clipboard().setText(self.facts.text())


# -- the menu -------------------------------------------------------------------------------------

D = TypeVar("D", ColorLegendDialog, ShortcutsDialog, AboutDialog)


def show_dialog(window: QWidget, kind: type[D]) -> D:
    """Show the window's dialog of ``kind`` (made once, refreshed each time), not modal."""
    dialog = window.findChild(kind)
    if dialog is None:
        dialog = kind(window)
    else:
        dialog.refresh()
    dialog.show()
    dialog.activateWindow()
    return dialog


def heading(text: str, scale: float) -> QLabel:
    """A bold label ``scale`` times the normal text size."""
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def install_help_menu(window: QMainWindow, menu: QMenu) -> None:
    """Fill ``menu`` with the help entries; their shortcuts work in all of ``window``."""
    entries: tuple[tuple[str, str, type[ColorLegendDialog | ShortcutsDialog | AboutDialog], str | None, str], ...] = (
        ("help-colors", "What the &colors mean", ColorLegendDialog, "F1",
         "The color and underline of each kind of change"),
        ("help-shortcuts", "&Keyboard shortcuts", ShortcutsDialog, None, "Every keyboard shortcut"),
        ("help-about", "&About Glyphwash", AboutDialog, None, "Versions of Glyphwash, Qt and the Unicode data"),
    )
    for index, (name, text, kind, shortcut, tip) in enumerate(entries):
        if index == len(entries) - 1:
            menu.addSeparator()
        action = QAction(text, window)
        action.setObjectName(name)
        action.setStatusTip(tip)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(_shower(window, kind))
        window.addAction(action)
        menu.addAction(action)


def _shower(window: QWidget, kind: type[ColorLegendDialog | ShortcutsDialog | AboutDialog]) -> Callable[[], None]:
    def show(_checked: bool = False) -> None:
        show_dialog(window, kind)  # type: ignore[type-var]
    return show

