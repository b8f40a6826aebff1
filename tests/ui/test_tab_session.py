"""Each tab is its own session: its rules, its undo history; reinterpreting is undoable; pane
colours follow a palette switch. Driven with real clicks and keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox
from pytestqt.qtbot import QtBot
from window_helpers import change_background, open_and_wait, write

from glyphwash.ui import colors
from glyphwash.ui.mainwindow import MainWindow

TEXT = "Korеa and pay\u200bpal\n"


def click(box: QCheckBox) -> None:
    """Click the checkbox's indicator, as a user does."""
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(6, box.height() // 2))


def press_undo(window: MainWindow) -> None:
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_a_rule_checkbox_changes_only_its_own_tab(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    first = open_and_wait(qtbot, window, write(tmp_path, "a.txt", TEXT))
    second = open_and_wait(qtbot, window, write(tmp_path, "b.txt", TEXT))
    window.tabs.setCurrentWidget(first)
    with qtbot.waitSignal(first.reanalyzed, timeout=10000):
        click(first.panel.rule_boxes["invisible"])
    assert first.document is not None and second.document is not None
    assert first.document.state.count == 1 and "invisible" not in first.config.rules
    assert second.document.state.count == 2 and "invisible" in second.config.rules
    assert second.panel.rule_boxes["invisible"].isChecked() and not second.can_undo
    assert "invisible" not in window.settings.rules  # the default for documents opened next

    press_undo(window)
    assert first.document.state.count == 2 and "invisible" in first.config.rules
    assert not second.can_undo and not second.can_redo  # undo in one tab never records a step in another
    assert second.document.state.count == 2


def test_a_new_tab_takes_the_default_and_open_tabs_keep_theirs(qtbot: QtBot, window: MainWindow,
                                                                tmp_path: Path) -> None:
    first = open_and_wait(qtbot, window, write(tmp_path, "a.txt", TEXT))
    with qtbot.waitSignal(first.reanalyzed, timeout=10000):
        click(first.panel.rule_boxes["homoglyphs"])
    window.set_config(window.config._replace(rules=window.config.rules | {"homoglyphs"}))  # the preference
    assert first.document is not None and "homoglyphs" not in first.config.rules  # not pushed to open tabs
    second = open_and_wait(qtbot, window, write(tmp_path, "b.txt", TEXT))
    assert "homoglyphs" in second.config.rules and second.panel.rule_boxes["homoglyphs"].isChecked()


def test_reinterpreting_is_undoable_and_keeps_the_candidates(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes("Привет, как дела? Это проверка кодировки текста.\n".encode("cp1251"))
    tab = open_and_wait(qtbot, window, path)
    assert tab.document is not None
    detected = tab.document.decoded.encoding
    window._fill_candidates_menu()
    offered = [action.text() for action in window.candidates_menu.actions()]
    assert len(offered) > 1
    with qtbot.waitSignal(tab.document_loaded, timeout=10000):
        tab.reinterpret("koi8-r")
    assert tab.document.decoded.encoding == "koi8-r"
    assert window.actions["undo"].isEnabled() and "koi8-r" in window.actions["undo"].text()
    window._fill_candidates_menu()
    assert [action.text() for action in window.candidates_menu.actions()] == offered
    encoding_banners = [banner for banner in tab.banners() if banner.kind == "encoding"]
    assert encoding_banners and any(detected in button.text() or "1251" in button.text()
                                    for button in encoding_banners[0].buttons)

    press_undo(window)
    assert tab.document.decoded.encoding == detected
    assert tab.left.document().toPlainText().startswith("Привет")
    assert window.actions["redo"].isEnabled()


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window):
        palette.setColor(role, QColor("#1e1e1e"))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        palette.setColor(role, QColor("#e0e0e0"))
    return palette


def test_a_palette_switch_recolours_the_panes(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "a.txt", "Korеa\n"))
    qtbot.waitUntil(lambda: tab.left.fully_formatted)
    light = QApplication.palette()
    assert change_background(tab) == colors.background("homoglyphs", light).name()
    QApplication.setPalette(_dark_palette())
    try:
        dark = colors.background("homoglyphs", _dark_palette()).name()
        assert dark != colors.background("homoglyphs", light).name()
        qtbot.waitUntil(lambda: change_background(tab) == dark, timeout=2000)
    finally:
        QApplication.setPalette(light)
    qtbot.waitUntil(lambda: change_background(tab) == colors.background("homoglyphs", light).name())
