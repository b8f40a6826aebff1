"""Line numbers stay readable in a dark theme whose faint text colour is too faint."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.core.contrast import MINIMUM_TEXT_CONTRAST, contrast_ratio
from glyphwash.ui.mainwindow import MainWindow


def dark_palette(base: QPalette) -> QPalette:
    palette = QPalette(base)
    for role, colour in ((QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.AlternateBase, "#2d2d2d"),
                         (QPalette.ColorRole.Window, "#2d2d2d"), (QPalette.ColorRole.Text, "#e6e6e6"),
                         (QPalette.ColorRole.WindowText, "#e6e6e6"), (QPalette.ColorRole.PlaceholderText, "#5a5a5a")):
        palette.setColor(role, QColor(colour))
    return palette


def test_dark_gutter_numbers_reach_wcag_contrast(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "n.txt", "".join(f"line {n} Korеa\n" for n in range(60))))
    window.setPalette(dark_palette(window.palette()))
    gutter = tab.left._line_numbers  # the painted gutter is what the user reads
    image = gutter.grab().toImage()
    background = image.pixelColor(1, 1)
    assert background == QColor("#2d2d2d")
    back = (background.red(), background.green(), background.blue())
    best = max(contrast_ratio((colour.red(), colour.green(), colour.blue()), back)
               for y in range(image.height()) for x in range(image.width())
               if (colour := image.pixelColor(x, y)) is not None)
    assert best >= MINIMUM_TEXT_CONTRAST
