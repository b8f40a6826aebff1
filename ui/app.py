"""Start the window: ``python main.py [FILE...]``.

Before Qt is asked for a platform plugin, a Linux desktop is checked for what the ``xcb`` plugin
needs (a display and nine system libraries a fresh install may lack), so a missing package gives
a clear hint with the ``apt-get install`` line instead of Qt's abort. Once the window is up,
:class:`ui.crash.CrashHandler` catches uncaught exceptions (a dialog with the details, a log file).
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import os
import sys
from collections.abc import Callable, Mapping

# Debian/Ubuntu package → the shared library (soname, find_library name) it provides.
XCB_LIBRARIES: dict[str, tuple[str, str]] = {
    "libxcb-cursor0": ("libxcb-cursor.so.0", "xcb-cursor"),
    "libxcb-icccm4": ("libxcb-icccm.so.4", "xcb-icccm"),
    "libxcb-keysyms1": ("libxcb-keysyms.so.1", "xcb-keysyms"),
    "libxcb-image0": ("libxcb-image.so.0", "xcb-image"),
    "libxcb-render-util0": ("libxcb-render-util.so.0", "xcb-render-util"),
    "libxcb-shape0": ("libxcb-shape.so.0", "xcb-shape"),
    "libxcb-xinerama0": ("libxcb-xinerama.so.0", "xcb-xinerama"),
    "libxcb-randr0": ("libxcb-randr.so.0", "xcb-randr"),
    "libxkbcommon-x11-0": ("libxkbcommon-x11.so.0", "xkbcommon-x11"),
}


def library_present(soname: str, name: str) -> bool:
    """Whether the dynamic loader can load ``soname`` (or finds ``name`` at all)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return ctypes.util.find_library(name) is not None
    return True


def missing_xcb_packages(present: Callable[[str, str], bool] = library_present) -> list[str]:
    """The packages whose libraries Qt's xcb plugin needs and the system lacks."""
    return [package for package, (soname, name) in XCB_LIBRARIES.items() if not present(soname, name)]


def platform_problem(environ: Mapping[str, str], platform: str = sys.platform,
                     present: Callable[[str, str], bool] = library_present) -> str | None:
    """Why Qt would abort on this system, as a hint for the user; None when it should start."""
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("WAYLAND_DISPLAY") and not environ.get("DISPLAY"):
        return None
    if not environ.get("DISPLAY"):
        return ("Glyphwash needs a graphical display, but neither DISPLAY nor WAYLAND_DISPLAY is set.\n"
                "Start it from a desktop session, or use the command line: python main.py check FILE\n"
                "(For a headless run, set QT_QPA_PLATFORM=offscreen.)")
    missing = missing_xcb_packages(present)
    if not missing:
        return None
    return ("Glyphwash cannot open its window: Qt's X11 (xcb) platform plugin needs system libraries that are "
            "missing:\n  " + ", ".join(missing) + "\nInstall them with:\n"
            "  sudo apt-get install " + " ".join(missing) + "\n"
            "(On Fedora: sudo dnf install xcb-util-cursor xcb-util-wm xcb-util-keysyms xcb-util-image "
            "xcb-util-renderutil libxkbcommon-x11)")


def parse_args(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="glyphwash", description="Open text files for review in the window.")
    parser.add_argument("files", nargs="*", help="text files to open, each in a tab")
    return parser.parse_args(args)


def main(args: list[str] | None = None) -> int:
    """Run the window; return the exit code."""
    options = parse_args(sys.argv[1:] if args is None else args)
    problem = platform_problem(os.environ)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication

    from .crash import CrashHandler
    from .help import setup_application
    from .mainwindow import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "glyphwash"])
    assert isinstance(app, QApplication)
    app.setApplicationName("Glyphwash")
    app.setOrganizationName("Glyphwash")
    setup_application(app)
    window = MainWindow()
    # An uncaught exception shows its details and is logged; the window and its documents stay.
    crash_handler = CrashHandler(window)
    crash_handler.install()
    try:
        window.show()
        if options.files:
            window.open_paths(options.files)
        return int(app.exec())
    finally:
        crash_handler.uninstall()
