"""Build a one-folder Glyphwash with PyInstaller: ``dist/glyphwash/glyphwash[.exe]``, on macOS also an app.

Usage (from the project root, in an environment with Glyphwash's dependencies and PyInstaller)::

    pip install -e . pyinstaller
    python packaging/build_pyinstaller.py            # build, then run the bundle's --version and check
    python packaging/build_pyinstaller.py --console  # Windows: keep a console, so the CLI prints

The repository root is the ``glyphwash`` package, but the checkout folder has another name, so the
sources are first copied to ``build/pyinstaller/stage/glyphwash`` (with an ``__init__.py``) and the
bundle is built from a small launcher that calls ``glyphwash.main.run``. The bundle carries:

- ``glyphwash/resources`` (Unicode data, icons, desktop file) at the same place relative to the
  modules as in a checkout, so ``core/unicode/unicode_data.py`` and ``ui/help.py`` find them unchanged;
- chardet's model files (``chardet/models/*.bin``) and all its submodules (its pipeline stages are
  imported by name), ftfy's and every ``glyphwash`` submodule (the CLI and the window are imported
  lazily);
- Qt's plugins through PyInstaller's PySide6 hooks (platforms, image formats, styles...).

The window is built "windowed" on Windows and macOS (no console; macOS also gets
``dist/glyphwash.app``); on Windows that hides the CLI's output, so ``--console`` builds a console
executable instead. Linux executables are always console programs; the window opens all the same.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "pyinstaller"
STAGE = WORK / "stage"
DIST = ROOT / "dist"
NAME = "glyphwash"
PACKAGE_PARTS = ("main.py", "core", "ui", "resources")
LAUNCHER = '''"""PyInstaller entry point: the same dispatch as the installed `glyphwash` command."""
import sys

from glyphwash.main import run

if __name__ == "__main__":
    sys.exit(run())
'''
# Qt modules Glyphwash never imports; excluding them keeps the folder smaller.
EXCLUDED_MODULES = ("PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtWebEngineCore",
                    "PySide6.QtMultimedia", "PySide6.QtOpenGL", "PySide6.QtSql", "PySide6.QtTest", "tkinter",
                    "pytest", "hypothesis")


def stage() -> Path:
    """Copy the package into the staging folder; return the launcher's path."""
    if STAGE.exists():
        shutil.rmtree(STAGE)
    package = STAGE / NAME
    package.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in PACKAGE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, package / part, ignore=ignore)
        else:
            shutil.copy2(source, package / part)
    (package / "__init__.py").write_text('"""Glyphwash (frozen build)."""\n', encoding="utf-8")
    launcher = STAGE / "glyphwash_launcher.py"
    launcher.write_text(LAUNCHER, encoding="utf-8")
    return launcher


def package_modules() -> list[str]:
    """The dotted names of every module of the staged package."""
    modules = []
    for path in sorted((STAGE / NAME).rglob("*.py")):
        parts = path.relative_to(STAGE).with_suffix("").parts
        if "resources" in parts:
            continue
        modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


def pyinstaller_args(launcher: Path, console: bool) -> list[str]:
    """The PyInstaller command line for this platform."""
    separator = os.pathsep  # PyInstaller's SRC:DEST separator is ';' on Windows, ':' elsewhere
    args = [
        str(launcher),
        "--name", NAME,
        "--onedir",
        "--noconfirm",
        "--clean",
        "--distpath", str(DIST),
        "--workpath", str(WORK / "work"),
        "--specpath", str(WORK),
        "--paths", str(STAGE),
        "--add-data", f"{STAGE / NAME / 'resources'}{separator}{NAME}/resources",
        "--collect-submodules", "chardet",
        "--collect-data", "chardet",
        "--collect-data", "ftfy",
        "--hidden-import", "unicodedata2",
        "--hidden-import", "regex",
    ]
    # Every glyphwash module by name: the rules are imported with importlib, the CLI and the window
    # lazily (PyInstaller's collect_submodules does not see the staged package).
    for module in package_modules():
        args += ["--hidden-import", module]
    for module in EXCLUDED_MODULES:
        args += ["--exclude-module", module]
    icons = ROOT / "resources" / "icons"
    if sys.platform == "win32":
        args += ["--icon", str(icons / "glyphwash.ico")]
    elif sys.platform == "darwin":
        args += ["--icon", str(icons / "glyphwash.icns"), "--osx-bundle-identifier", "org.glyphwash.Glyphwash"]
    args.append("--console" if console else "--windowed")
    return args


def executable() -> Path:
    folder = DIST / NAME
    return folder / (f"{NAME}.exe" if sys.platform == "win32" else NAME)


def smoke_test() -> int:
    """Run the bundle's ``--version`` and ``check`` on a generated homoglyph line."""
    program = executable()
    if not program.exists():
        print(f"no executable at {program}", file=sys.stderr)
        return 1
    version = subprocess.run([str(program), "--version"], capture_output=True, text=True, check=False)
    print(f"$ {program} --version\n{version.stdout}{version.stderr}", end="")
    sample = WORK / "smoke.txt"
    sample.write_text("North Kor\u0435a\n", encoding="utf-8")
    check = subprocess.run([str(program), "check", str(sample)], capture_output=True, text=True, check=False)
    print(f"$ {program} check {sample}\n{check.stdout}{check.stderr}exit status {check.returncode}")
    if version.returncode != 0 or check.returncode != 1 or "homoglyphs" not in check.stdout:
        print("smoke test FAILED", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the one-folder PyInstaller bundle in dist/glyphwash.")
    parser.add_argument("--console", action="store_true", default=not sys.platform.startswith(("win", "darwin")),
                        help="a console executable (default on Linux; on Windows needed for CLI output)")
    parser.add_argument("--no-smoke", dest="smoke", action="store_false",
                        help="do not run the bundle's --version and check after building")
    options = parser.parse_args(argv)
    try:
        import PyInstaller.__main__ as pyinstaller
    except ImportError:
        print("PyInstaller is not installed: pip install pyinstaller", file=sys.stderr)
        return 2
    launcher = stage()
    pyinstaller.run(pyinstaller_args(launcher, options.console))
    print(f"built {DIST / NAME}")
    if options.smoke and not (sys.platform == "win32" and not options.console):
        return smoke_test()
    return 0


if __name__ == "__main__":
    sys.exit(main())
