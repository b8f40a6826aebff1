"""The installed product: a wheel built from this tree, installed into a fresh virtual environment.

Builds the wheel once per test run (``pip wheel --no-deps``, about ten seconds), installs it with
``--no-deps`` into a venv whose dependencies come from the interpreter running the tests (so nothing
is downloaded but the build backend), and runs the installed ``glyphwash`` from a folder outside
the checkout. Skips, saying why, when the wheel cannot be built here (e.g. no build backend offline).
``GLYPHWASH_SKIP_PACKAGING=1`` skips it for quick local runs; CI runs it.
"""

from __future__ import annotations

import configparser
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD_TIMEOUT = 600
SEED = "North Kor\u0435a and the Kr\u0435mlin\n"
IGNORED = shutil.ignore_patterns(".git", ".venv*", "venv", "build", "dist", "*.egg-info", "__pycache__",
                                 ".pytest_cache", ".mypy_cache", ".ruff_cache", ".hypothesis", "*.pyc")

pytestmark = pytest.mark.skipif(os.environ.get("GLYPHWASH_SKIP_PACKAGING") == "1",
                                reason="GLYPHWASH_SKIP_PACKAGING=1")


class Installed(NamedTuple):
    """A venv with the built wheel installed, and how to run things in it."""

    wheel: Path
    venv: Path
    bin: Path
    python: Path
    workdir: Path
    env: dict[str, str]


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _run(args: list[str | Path], *, env: dict[str, str], cwd: Path | None = None, input: str | None = None,
         timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(arg) for arg in args], capture_output=True, text=True, check=False, env=env,
                          cwd=cwd, input=input, timeout=timeout)


def _outer_site_dirs() -> list[str]:
    """The test interpreter's site-packages (where the dependencies are), venv or not."""
    dirs = [*site.getsitepackages(), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    if site.ENABLE_USER_SITE and site.getusersitepackages():
        dirs.append(site.getusersitepackages())
    return list(dict.fromkeys(path for path in dirs if os.path.isdir(path)))


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    base = tmp_path_factory.mktemp("packaging")
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=IGNORED)
    wheels = base / "wheels"
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    try:
        build = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", wheels, source],
                     env=env, timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.skip("building the wheel took too long (no network for the build backend?)")
    found = sorted(wheels.glob("glyphwash-*.whl"))
    if build.returncode != 0 or not found:
        pytest.skip(f"cannot build the wheel here (offline, no setuptools?):\n{_tail(build.stderr)}")
    wheel = found[0]

    venv = base / "venv"
    made = _run([sys.executable, "-m", "venv", "--system-site-packages", venv], env=env, timeout=300)
    assert made.returncode == 0, made.stderr
    bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    python = bin_dir / ("python.exe" if sys.platform == "win32" else "python")
    # A venv made from a venv sees the *base* interpreter's packages only: point it at the test
    # interpreter's site-packages for the dependencies. Plain path lines: the .pth files there
    # (an editable install of this checkout) are not run, so only the wheel provides glyphwash.
    venv_site = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], env=env)
    Path(venv_site.stdout.strip(), "glyphwash-test-deps.pth").write_text("\n".join(_outer_site_dirs()) + "\n")
    install = _run([python, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", wheel], env=env,
                   timeout=300)
    assert install.returncode == 0, install.stderr

    workdir = base / "work"
    workdir.mkdir()
    env.update(QT_QPA_PLATFORM="offscreen", GLYPHWASH_CACHE_DIR=str(base / "cache"), HOME=str(base / "home"),
               XDG_CONFIG_HOME=str(base / "config"), PYTHONNOUSERSITE="1")
    yield Installed(wheel, venv, bin_dir, python, workdir, env)


def run_in(installed: Installed, args: list[str | Path], stdin: str | None = None,
           timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return _run(args, cwd=installed.workdir, env=installed.env, input=stdin, timeout=timeout)


def test_wheel_holds_the_package_and_its_resources_only(installed: Installed) -> None:
    names = zipfile.ZipFile(installed.wheel).namelist()
    assert all(name.startswith(("glyphwash/", "glyphwash-")) for name in names), names
    for expected in ("glyphwash/main.py", "glyphwash/core/cli/cli.py", "glyphwash/ui/help.py",
                     "glyphwash/core/unicode/unicode_data.py", "glyphwash/core/encoding/decoding.py",
                     "glyphwash/core/view/document.py", "glyphwash/core/rules/invisible.py",
                     "glyphwash/resources/unicode/confusables.txt", "glyphwash/resources/unicode/LICENSE.txt",
                     "glyphwash/resources/icons/glyphwash.svg", "glyphwash/resources/icons/glyphwash-256.png",
                     "glyphwash/resources/glyphwash.desktop"):
        assert expected in names
    assert not any(name.startswith("glyphwash/tests/") or "/bench/" in name for name in names)
    entry_points = next(name for name in names if name.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(installed.wheel).read(entry_points).decode()
    assert "[gui_scripts]\nglyphwash = glyphwash.main:run" in text
    assert "[console_scripts]\nglyphwash-cli = glyphwash.main:run" in text


def test_installed_command_prints_its_version(installed: Installed) -> None:
    from glyphwash.core.version import __version__

    for command in ("glyphwash", "glyphwash-cli"):
        result = run_in(installed, [installed.bin / command, "--version"])
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"glyphwash {__version__}"


def test_installed_copy_reads_resources_from_the_package(installed: Installed) -> None:
    script = ("import glyphwash.core.unicode.unicode_data as u, glyphwash.ui.help as h, glyphwash.core.cli.cli as c\n"
              "print(c.__file__); print(u.UNICODE_DIR); print(h.ICON_DIR)\n"
              "assert (u.UNICODE_DIR / 'Scripts.txt').is_file() and h.icon_path(48).is_file()\n"
              "print(u.script_of('\u0435'))\n")
    result = run_in(installed, [installed.python, "-c", script])
    assert result.returncode == 0, result.stderr
    cli_file, unicode_dir, icon_dir, script_name = result.stdout.splitlines()
    for path in (cli_file, unicode_dir, icon_dir):
        assert Path(path).resolve().is_relative_to(installed.venv.resolve()), path
    assert script_name == "Cyrillic"


def test_installed_check_and_clean(installed: Installed) -> None:
    sample = installed.workdir / "seed.txt"
    sample.write_text(SEED, encoding="utf-8")
    check = run_in(installed, [installed.bin / "glyphwash", "check", "seed.txt"])
    assert check.returncode == 1, check.stderr
    lines = check.stdout.splitlines()
    assert [line.split(" -> ")[0] for line in lines] == [
        "seed.txt:1:10: homoglyphs: U+0435 CYRILLIC SMALL LETTER IE",
        "seed.txt:1:23: homoglyphs: U+0435 CYRILLIC SMALL LETTER IE",
    ]
    clean = run_in(installed, [installed.bin / "glyphwash", "clean", "-", "-o", "-"], stdin=SEED)
    assert clean.returncode == 0, clean.stderr
    assert clean.stdout == "North Korea and the Kremlin\n"
    help_text = run_in(installed, [installed.bin / "glyphwash", "check", "--help"])
    assert help_text.returncode == 0 and "examples:" in help_text.stdout


def test_installed_check_finds_the_seed_letters(installed: Installed, sample_article: Path) -> None:
    result = run_in(installed, [installed.bin / "glyphwash", "check", sample_article])
    assert result.returncode == 1, result.stderr
    assert len(result.stdout.splitlines()) == 205


def test_installed_window_opens_a_file(installed: Installed) -> None:
    sample = installed.workdir / "seed.txt"
    sample.write_text(SEED, encoding="utf-8")
    script = """
import sys
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from glyphwash.ui.help import setup_application
from glyphwash.ui.mainwindow import MainWindow
from glyphwash.ui.settings import Settings

app = QApplication([sys.argv[0]])
setup_application(app)
window = MainWindow(Settings(QSettings("settings.ini", QSettings.Format.IniFormat)))
window.show()
tab = window.open_paths(["seed.txt"])[0]

def poll():
    if tab.document is None:
        QTimer.singleShot(20, poll)
        return
    print(tab.document.state.count, app.windowIcon().isNull(), window.windowTitle())
    window.prompts.ask_unsaved = lambda name: "discard"
    window.close()
    app.quit()

QTimer.singleShot(0, poll)
QTimer.singleShot(60000, lambda: app.exit(3))
sys.exit(app.exec())
"""
    result = run_in(installed, [installed.python, "-c", script], timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["2", "False"], result.stdout


def test_desktop_file_names_the_command_and_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment, method-assign]
    entry.read(ROOT / "resources" / "glyphwash.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Exec"].split()[0] == "glyphwash" and "%F" in desktop["Exec"]
    assert desktop["Icon"] == "glyphwash"
    assert desktop["Terminal"] == "false"
    for size in (16, 32, 48, 64, 128, 256):
        assert (ROOT / "resources" / "icons" / f"glyphwash-{size}.png").is_file()


def test_pre_commit_hook_definition() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: glyphwash-check" in text
    assert "entry: glyphwash check" in text
    assert "language: python" in text
    assert "types: [text]" in text


SCAN_IN_PROCESSES = """
import sys
from glyphwash.core.batch import list_files, scan_files
from glyphwash.core.engine import EngineConfig

if __name__ == "__main__":
    scans = scan_files(list_files([sys.argv[1]]).files, EngineConfig(), workers=2)
    print(" ".join(f"{scan.label}:{scan.changes}" for scan in scans))
"""


def test_installed_copy_scans_a_batch_in_worker_processes(installed: Installed) -> None:
    # The workers are fresh interpreters: they must find the installed package by themselves.
    folder = installed.workdir / "batch"
    folder.mkdir()
    for number in range(3):
        (folder / f"seed{number}.txt").write_text(SEED * (number + 1), encoding="utf-8")
    script = installed.workdir / "scan_batch.py"
    script.write_text(SCAN_IN_PROCESSES, encoding="utf-8")
    result = run_in(installed, [installed.python, script, folder])
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["seed0.txt:2", "seed1.txt:4", "seed2.txt:6"]


def test_a_worker_process_of_a_checkout_run_finds_the_package() -> None:
    # `python main.py` from a checkout: a spawned worker runs main.py again as __mp_main__ and
    # must register the checkout as `glyphwash` before it unpickles its work.
    script = ("import runpy, sys; runpy.run_path(sys.argv[1], run_name='__mp_main__'); "
              "package = sys.modules['glyphwash']; print(package.__spec__ is None, package.__path__)")
    result = subprocess.run([sys.executable, "-c", script, str(ROOT / "main.py")], capture_output=True,
                            text=True, check=False, cwd=ROOT.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"True {[str(ROOT)]}"
