"""View › Theme: System, Light or Dark, saved in the settings and applied at once.

A theme is an application palette: every pane (its change colors follow the palette, see
:meth:`ui.textpane.TextPane.refresh_formats`), gutter, strip, review panel, find bar and banner
repaints in it. *System* gives back the palette the application started with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QStyleFactory

from . import colors

if TYPE_CHECKING:
    from .mainwindow import MainWindow

THEMES = (("system", "&System"), ("light", "&Light"), ("dark", "&Dark"))
# The palette and style the application had before any theme was applied (the system's).
_system: tuple[QPalette, str] | None = None


def _remember_system() -> tuple[QPalette, str]:
    global _system
    if _system is None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        _system = (QPalette(app.palette()), app.style().name())
    return _system


def apply_theme(name: str) -> None:
    """Make ``name`` (``system``, ``light`` or ``dark``) the application's palette."""
    palette, style = _remember_system()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if name in ("light", "dark"):
        # Fusion draws every widget from the palette (some native styles ignore parts of it).
        if app.style().name().lower() != "fusion":
            app.setStyle(QStyleFactory.create("Fusion"))
        palette = colors.theme_palette(name == "dark")
    elif app.style().name().lower() != style.lower():
        app.setStyle(QStyleFactory.create(style))
    QApplication.setPalette(palette)


def install_theme_menu(window: MainWindow, view_menu: QMenu) -> QActionGroup:
    """Add View › Theme with one radio action per theme; apply the saved one."""
    _remember_system()
    menu = view_menu.addMenu("&Theme")
    group = QActionGroup(window)
    group.setExclusive(True)
    saved = window.settings.theme
    for name, text in THEMES:
        action = QAction(text, group)
        action.setCheckable(True)
        action.setChecked(name == saved)
        action.setStatusTip(f"Show the window in the {name} colors")
        action.triggered.connect(lambda _checked=False, name=name: _choose(window, name))
        menu.addAction(action)
        window.actions[f"theme_{name}"] = action
    if saved != "system":
        apply_theme(saved)
    return group


def _choose(window: MainWindow, name: str) -> None:
    window.settings.theme = name
    apply_theme(name)
    window.drop_target.follow_palette()
