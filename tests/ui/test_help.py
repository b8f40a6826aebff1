"""The Help menu: color legend, keyboard shortcuts, About, and the application icon."""

from __future__ import annotations

import struct
from pathlib import Path

import chardet
import PySide6
import pytest
from PySide6.QtCore import QSize, Qt, qVersion
from PySide6.QtGui import QAction, QColor, QKeySequence, QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.core.rules import RULES
from glyphwash.core.unicode.unicode_data import UNICODE_VERSION
from glyphwash.core.version import __version__
from glyphwash.ui import colors, help
from glyphwash.ui.mainwindow import MainWindow
from glyphwash.ui.settings import Settings


def help_action(window: MainWindow, name: str) -> QAction:
    """The window's help action ``name``, installing the Help entries in a menu if the window has none."""
    action = window.findChild(QAction, name)
    if action is None:
        help.install_help_menu(window, window.menuBar().addMenu("Help (test)"))
        action = window.findChild(QAction, name)
    assert action is not None
    return action


def fragments(document: QTextDocument) -> list[tuple[str, object]]:
    """(text, char format) of every fragment, tables included, in document order."""
    found = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            found.append((fragment.text(), fragment.charFormat()))
            iterator += 1
        block = block.next()
    return found


def test_application_icon_has_every_size(qtbot: QtBot) -> None:
    icon = help.application_icon()
    assert not icon.isNull()
    sizes = {(size.width(), size.height()) for size in icon.availableSizes()}
    assert sizes == {(size, size) for size in help.ICON_SIZES}
    assert icon.pixmap(QSize(48, 48)).width() == 48
    assert (help.ICON_DIR / "glyphwash.svg").is_file()


def test_setup_application_sets_icon_and_desktop_name(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old_icon, old_name = app.windowIcon(), app.desktopFileName()
    try:
        help.setup_application(app)
        assert not app.windowIcon().isNull()
        assert app.desktopFileName() == "glyphwash"
    finally:
        app.setWindowIcon(old_icon)
        app.setDesktopFileName(old_name)


def test_windows_and_mac_icon_files_hold_the_pngs() -> None:
    ico = (help.ICON_DIR / "glyphwash.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(help.ICON_SIZES))
    for index, size in enumerate(help.ICON_SIZES):
        width, _height, _colors, _reserved, _planes, _bits, length, offset = struct.unpack(
            "<BBBBHHII", ico[6 + 16 * index:22 + 16 * index])
        assert width == size % 256
        assert ico[offset:offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(ico)
    icns = (help.ICON_DIR / "glyphwash.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert b"ic08" in icns and b"ic07" in icns


def test_color_legend_uses_the_panes_colors_for_every_rule(qtbot: QtBot, window: MainWindow) -> None:
    help_action(window, "help-colors").trigger()
    dialog = window.findChild(help.ColorLegendDialog)
    assert dialog is not None and dialog.isVisible()
    document = dialog.browser.document()
    text = document.toPlainText()
    for rule in RULES:
        assert f"{rule.title} ({rule.id})" in text
        assert rule.description in text
    pieces = fragments(document)
    for rule in RULES:
        sample = rule.sample
        style = colors.style_for(rule.id)
        matching = [char_format for piece, char_format in pieces if piece == sample.changed]
        assert matching, rule.id
        char_format = matching[0]
        if sample.stand_in:
            assert char_format.background().color() == QColor(style.strong)
        else:
            assert char_format.underlineStyle() == style.underline, rule.id
            assert char_format.underlineColor() == QColor(style.strong), rule.id
            assert char_format.background().color() == colors.background(rule.id, dialog.browser.palette())


def test_legend_has_a_sample_and_a_style_for_every_rule() -> None:
    assert all(rule.sample.changed for rule in RULES)
    assert {rule.role for rule in RULES} == set(colors.STYLES)
    assert {style.underline for style in colors.STYLES.values()} <= set(help.UNDERLINE_NAMES)


def test_shortcuts_list_every_window_shortcut(qtbot: QtBot, window: MainWindow) -> None:
    help_action(window, "help-shortcuts").trigger()
    dialog = window.findChild(help.ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    rows = dict(dialog.rows())
    expected = 0
    for action in window.actions.values():
        if action.shortcut().isEmpty():
            continue
        expected += 1
        name = str(action.property(help.NAME_PROPERTY)).replace("&", "")
        assert name in rows, name
        assert action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) in rows[name]
    assert expected >= 10
    assert rows["Next change"] == "F8"
    assert rows["What the colors mean"] == "F1"
    assert "Ctrl+mouse wheel" in rows.values()


def test_shortcuts_name_undo_as_undo_whatever_the_last_step(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "a.txt", "Kor\u0435a\n"))
    tab.toggle_group(0, False)
    assert window.actions["undo"].text() != "&Undo"  # it names the step now
    rows = dict(help.shortcut_rows(window))
    assert rows["Undo"] == "Ctrl+Z" and rows["Redo"] == "Ctrl+Shift+Z"
    assert not any(name.startswith("Undo ") for name in rows)


def test_about_names_the_versions_and_copies_them(qtbot: QtBot, window: MainWindow) -> None:
    help_action(window, "help-about").trigger()
    dialog = window.findChild(help.AboutDialog)
    assert dialog is not None and dialog.isVisible()
    facts = dialog.facts.text()
    for expected in (f"Glyphwash     {__version__}", qVersion(), PySide6.__version__, chardet.__version__,
                     UNICODE_VERSION):
        assert expected in facts
    dialog.copy_versions()
    assert QApplication.clipboard().text() == facts


def test_a_help_dialog_is_made_once_and_refreshed(qtbot: QtBot, window: MainWindow) -> None:
    action = help_action(window, "help-shortcuts")
    action.trigger()
    first = window.findChild(help.ShortcutsDialog)
    assert first is not None
    first.close()
    window.actions["wrap"].setShortcut("Ctrl+Alt+W")
    action.trigger()
    assert window.findChildren(help.ShortcutsDialog) == [first]
    assert first.isVisible()
    assert dict(first.rows())["Word wrap"] == "Ctrl+Alt+W"


def test_reverted_change_is_shown_hatched_grey(qtbot: QtBot, window: MainWindow) -> None:
    char_format = help.change_format("homoglyphs", window, accepted=False)
    assert char_format.underlineColor() == QColor(colors.REVERTED_LIGHT)
    assert char_format.background().style() == Qt.BrushStyle.BDiagPattern


@pytest.mark.parametrize("rule", [rule.id for rule in RULES])
def test_underline_description_names_style_and_color(rule: str) -> None:
    description = help.underline_description(rule)
    assert colors.style_for(rule).strong in description


def test_the_window_help_menu_holds_the_help_entries(qtbot: QtBot, window: MainWindow) -> None:
    menus = {action.text(): action.menu() for action in window.menuBar().actions() if action.menu() is not None}
    assert list(menus)[-1] == "&Help"
    entries = [action.objectName() for action in menus["&Help"].actions() if not action.isSeparator()]
    assert entries == ["help-colors", "help-shortcuts", "help-about"]
    assert "about" not in window.actions  # the old one-line About box is gone
    assert window.findChild(QAction, "help-colors").shortcut() == QKeySequence("F1")


def test_app_main_sets_up_the_application(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, settings: Settings) -> None:
    from glyphwash.ui import app

    calls: list[object] = []
    monkeypatch.setattr(app, "platform_problem", lambda environ: None)
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    monkeypatch.setattr(help, "setup_application", calls.append)
    shown: list[MainWindow] = []
    monkeypatch.setattr("glyphwash.ui.mainwindow.MainWindow.show", lambda self: shown.append(self))
    real_window = MainWindow
    monkeypatch.setattr("glyphwash.ui.mainwindow.MainWindow", lambda: real_window(settings))  # no user settings
    assert app.main([]) == 0
    qtbot.addWidget(shown[0])
    assert calls == [QApplication.instance()]
