"""The window's actions for Find, Go to line and reviewing from the keyboard (each works on the
current tab; see :mod:`ui.find_bar`, :mod:`ui.goto_line`, :mod:`ui.review_keys`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from .document_tab import DocumentTab

if TYPE_CHECKING:
    from .mainwindow import MainWindow

# (name, menu text, what it does to the current tab, shortcut, status tip); None: a separator.
FIND_ACTIONS: tuple[tuple[str, str, Callable[[DocumentTab], object], str, str] | None, ...] = (
    ("find", "&Find…", DocumentTab.open_find, "Ctrl+F",
     "Find in the pane with the focus, also across hidden characters and look-alike letters"),
    ("find_next", "Find ne&xt", lambda tab: tab.find_bar.find_next(), "F3", "Go to the next match"),
    ("find_previous", "Find pre&vious", lambda tab: tab.find_bar.find_previous(), "Shift+F3",
     "Go to the previous match"),
    ("go_to_line", "&Go to line…", DocumentTab.ask_go_to_line, "Ctrl+G", "Go to a line (and column) of the original"),
)
REVIEW_ACTIONS: tuple[tuple[str, str, Callable[[DocumentTab], object], str, str] | None, ...] = (
    ("toggle_change", "Revert or restore this c&hange", lambda tab: tab.keyboard.toggle_change(), "Ctrl+Backspace",
     "Revert the change at the cursor, or restore it (Space in a pane)"),
    ("toggle_kind", "Revert or restore all of this &kind", lambda tab: tab.keyboard.toggle_kind(),
     "Ctrl+Shift+Backspace", "Revert every change like the one at the cursor, or restore them (Shift+Space in a pane)"),
    None,
    ("next_unreviewed", "Next &unreviewed change", lambda tab: tab.keyboard.next_unreviewed(True), "Alt+F8",
     "Go to the next change you have not been to or decided on"),
    ("previous_unreviewed", "Previous u&nreviewed change", lambda tab: tab.keyboard.next_unreviewed(False),
     "Alt+Shift+F8", "Go to the previous change you have not been to or decided on"),
)
DOCUMENT_ACTIONS = tuple(entry[0] for entry in FIND_ACTIONS + REVIEW_ACTIONS if entry is not None)


def install_keyboard_actions(window: MainWindow, edit_menu: QMenu, view_menu: QMenu) -> None:
    """Add Find and Go to line to ``edit_menu``, the keyboard review to ``view_menu``."""
    for menu, entries in ((edit_menu, FIND_ACTIONS), (view_menu, REVIEW_ACTIONS)):
        menu.addSeparator()
        for entry in entries:
            if entry is None:
                menu.addSeparator()
                continue
            name, text, function, shortcut, tip = entry
            action = window._action(name, text, lambda _checked=False, function=function: window._with_tab(function),
                                       QKeySequence(shortcut), tip)
            menu.addAction(action)
