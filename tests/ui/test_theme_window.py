"""View › Theme: System, Light, Dark applied at once to open panes and banners, and kept in the settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QMenu
from pytestqt.qtbot import QtBot
from window_helpers import change_background, open_and_wait, write

from glyphwash.ui import colors
from glyphwash.ui.banners import LEVELS
from glyphwash.ui.mainwindow import MainWindow
from glyphwash.ui.settings import Settings
from glyphwash.ui.theme import apply_theme


@pytest.fixture
def system_theme_after() -> Iterator[None]:
    """Whatever a test chooses, the next one starts in the system palette."""
    yield
    apply_theme("system")


def _theme_action(window: MainWindow, text: str):  # type: ignore[no-untyped-def]
    """The action of View › Theme › ``text``, found through the menus as a user would."""
    view = next(action.menu() for action in window.menuBar().actions() if action.text() == "&View")
    theme = next(action.menu() for action in view.actions() if action.text() == "&Theme")
    assert isinstance(theme, QMenu)
    return next(action for action in theme.actions() if action.text() == text)


def test_dark_theme_recolours_open_panes_and_banners_and_persists(qtbot: QtBot, window: MainWindow,
                                                                   settings: Settings, tmp_path: Path,
                                                                   system_theme_after: None) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "a.txt", "Korеa \u202eevil\u202c\n"))
    qtbot.waitUntil(lambda: tab.left.fully_formatted)
    light_background = colors.background("homoglyphs", QApplication.palette()).name()
    assert change_background(tab) == light_background
    banner = tab.banners()[0]
    assert not banner.dark
    assert _theme_action(window, "&System").isChecked()

    _theme_action(window, "&Dark").trigger()
    dark_background = colors.style_for("homoglyphs").dark
    assert colors.is_dark(QApplication.palette())
    qtbot.waitUntil(lambda: change_background(tab) == dark_background, timeout=3000)
    assert banner.dark and LEVELS[banner.level][2] in banner.styleSheet()
    gutter = tab.left.palette().color(QPalette.ColorRole.PlaceholderText).name()
    assert gutter == colors.THEME_ROLES[QPalette.ColorRole.PlaceholderText][1]
    assert _theme_action(window, "&Dark").isChecked()
    assert settings.theme == "dark"

    _theme_action(window, "&Light").trigger()
    qtbot.waitUntil(lambda: change_background(tab) == colors.style_for("homoglyphs").light, timeout=3000)
    assert not banner.dark
    _theme_action(window, "&Dark").trigger()
    settings.sync()

    # A restart: a new window on the same settings starts dark.
    window.close()
    apply_theme("system")
    assert not colors.is_dark(QApplication.palette())
    again = MainWindow(Settings(settings.store))
    qtbot.addWidget(again)
    assert _theme_action(again, "&Dark").isChecked()
    assert colors.is_dark(QApplication.palette())

    _theme_action(again, "&System").trigger()
    assert not colors.is_dark(QApplication.palette())
    assert settings.theme == "system"


def test_the_empty_window_follows_the_theme(qtbot: QtBot, window: MainWindow, system_theme_after: None) -> None:
    # Its frame has a style sheet, which fixed its palette: Light left it dark, Dark left its text black.
    def colours() -> tuple[set[str], str]:
        labels = window.drop_target.findChildren(QLabel)
        return ({label.palette().color(QPalette.ColorRole.WindowText).name() for label in labels if label.text()},
                window.drop_target.palette().color(QPalette.ColorRole.Window).name())

    for name, dark in (("&Dark", True), ("&Light", False), ("&Dark", True)):
        _theme_action(window, name).trigger()
        qtbot.wait(10)
        texts, background = colours()
        window_palette = QApplication.palette()
        assert background == window_palette.color(QPalette.ColorRole.Window).name(), name
        assert texts == {window_palette.color(QPalette.ColorRole.WindowText).name()}, name
        assert colors.is_dark(window.drop_target.palette()) == dark
