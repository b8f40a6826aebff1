"""Make docs/screenshot.png: the real window with a sample file loaded.

Usage::

    python tools/screenshot.py [FILE_OR_FOLDER] [--output docs/screenshot.png] [--size 1500x900]
                               [--theme light|dark] [--empty]

A folder opens in the batch view (the picture is taken once its scan is done). Runs offscreen unless
a display is set and ``--on-screen`` is given. The picture is the window's
own rendering (``QWidget.grab``) once loading and highlighting are done; nothing is edited by hand.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from glyphwash.ui.mainwindow import MainWindow

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SAMPLE = ROOT / "docs" / "examples" / "homoglyph-news.txt"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(DEFAULT_SAMPLE))
    parser.add_argument("--output", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--size", default="1500x900")
    parser.add_argument("--on-screen", action="store_true", help="use the current display instead of offscreen")
    parser.add_argument("--theme", choices=("light", "dark"), default="light",
                        help="Fusion's light palette, or a dark one")
    parser.add_argument("--empty", action="store_true", help="the window before a file is opened")
    options = parser.parse_args(argv)
    if not options.on_screen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, str(ROOT))
    import main as entry

    entry.register_checkout_package()
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from glyphwash.ui.mainwindow import MainWindow
    from glyphwash.ui.settings import Settings

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    if options.theme == "dark":
        app.setPalette(dark_palette())
    settings_file = Path(options.output).with_suffix(".settings.ini")
    settings = Settings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    window = MainWindow(settings)
    width, height = (int(part) for part in options.size.split("x"))
    window.resize(width, height)
    window.show()
    if options.empty:
        return shoot_empty(app, window, options.output, settings_file)
    tabs = window.open_paths([options.file])
    result = {"code": 1}
    if Path(options.file).is_dir():
        return shoot_batch(app, window, options.output, result, settings_file)
    if not tabs:
        print(f"cannot open {options.file}: {window.last_message}", file=sys.stderr)
        return 1
    tab = tabs[0]

    def shoot() -> None:
        if tab.document is None or not (tab.left.fully_formatted and tab.right.fully_formatted):
            QTimer.singleShot(50, shoot)
            return
        tab.go_to_change(0)
        tab.left.verticalScrollBar().setValue(0)
        app.processEvents()
        Path(options.output).parent.mkdir(parents=True, exist_ok=True)
        if window.grab().save(options.output):
            print(f"wrote {options.output} ({tab.document.state.count} changes, "
                  f"{tab.document.changed_characters} characters)")
            result["code"] = 0
        app.quit()

    QTimer.singleShot(200, shoot)
    QTimer.singleShot(30000, app.quit)
    app.exec()
    window.prompts.ask_unsaved = lambda name: "discard"  # type: ignore[method-assign]
    window.close()
    settings_file.unlink(missing_ok=True)
    return result["code"]


def shoot_batch(app: Any, window: Any, output: str, result: dict[str, int], settings_file: Path) -> int:
    """Take the picture of the batch view once its scan is done, the first file with changes selected."""
    from PySide6.QtCore import QTimer

    view = window.tabs.currentWidget()

    def shoot() -> None:
        if not view.scanned:
            QTimer.singleShot(50, shoot)
            return
        rows = [row for row, scan in enumerate(view.model.rows) if scan.changes]
        if rows:
            view.table.selectRow(rows[0])
        app.processEvents()
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        if window.grab().save(output):
            print(f"wrote {output} ({view.model.rowCount()} files: {view.totals.text()})")
            result["code"] = 0
        app.quit()

    QTimer.singleShot(200, shoot)
    QTimer.singleShot(60000, app.quit)
    app.exec()
    view.release_workers()
    window.close()
    settings_file.unlink(missing_ok=True)
    return result["code"]


def dark_palette() -> QPalette:
    """A dark Fusion palette, as a desktop's dark theme gives one."""
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in ((roles.Window, "#2b2b2b"), (roles.WindowText, "#e6e6e6"), (roles.Base, "#1e1e1e"),
                         (roles.AlternateBase, "#2d2d2d"), (roles.Text, "#e6e6e6"), (roles.Button, "#353535"),
                         (roles.ButtonText, "#e6e6e6"), (roles.ToolTipBase, "#353535"), (roles.ToolTipText, "#e6e6e6"),
                         (roles.PlaceholderText, "#6c6c6c"), (roles.Highlight, "#2f6fb3"),
                         (roles.HighlightedText, "#ffffff"), (roles.Mid, "#5a5a5a"), (roles.Dark, "#1a1a1a"),
                         (roles.Light, "#4a4a4a"), (roles.Link, "#74b0f4")):
        palette.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette


def shoot_empty(app: QApplication, window: MainWindow, output: str, settings_file: Path) -> int:
    """Grab the empty window (the drop target) once it is laid out."""
    for _ in range(5):
        app.processEvents()
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    written = window.grab().save(output)
    print(f"wrote {output} (empty window)" if written else f"could not write {output}")
    window.close()
    settings_file.unlink(missing_ok=True)
    return 0 if written else 1


if __name__ == "__main__":
    sys.exit(main())
