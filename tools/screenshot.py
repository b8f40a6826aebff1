"""Make docs/screenshot.png: the real window with a sample file loaded.

Usage::

    python tools/screenshot.py [FILE] [--output docs/screenshot.png] [--size 1500x900]

Runs offscreen unless a display is set and ``--on-screen`` is given. The picture is the window's
own rendering (``QWidget.grab``) once loading and highlighting are done; nothing is edited by hand.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SAMPLE = ROOT / "docs" / "examples" / "homoglyph-news.txt"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(DEFAULT_SAMPLE))
    parser.add_argument("--output", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--size", default="1500x900")
    parser.add_argument("--on-screen", action="store_true", help="use the current display instead of offscreen")
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
    settings_file = Path(options.output).with_suffix(".settings.ini")
    settings = Settings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    window = MainWindow(settings)
    width, height = (int(part) for part in options.size.split("x"))
    window.resize(width, height)
    window.show()
    tabs = window.open_paths([options.file])
    if not tabs:
        print(f"cannot open {options.file}: {window.last_message}", file=sys.stderr)
        return 1
    tab = tabs[0]
    result = {"code": 1}

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


if __name__ == "__main__":
    sys.exit(main())
