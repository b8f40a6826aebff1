"""Glyphwash's entry point: the window by default, ``check``/``clean``/``report`` headless.

Run from a checkout as ``python main.py`` or, once installed, as ``glyphwash``. The repository
root is the ``glyphwash`` package; run as a script, this file registers it under that name so that
the same package-relative imports work in a checkout and in an installed copy.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

HEADLESS_COMMANDS = ("check", "clean", "report")


def register_checkout_package() -> None:
    """Make ``import glyphwash`` load this checkout (a namespace package rooted here)."""
    if "glyphwash" in sys.modules:
        return
    package = types.ModuleType("glyphwash")
    package.__path__ = [str(Path(__file__).resolve().parent)]
    sys.modules["glyphwash"] = package


def wants_headless(args: list[str]) -> bool:
    """True when the arguments name a command or ask for help/version; file names open the window."""
    if not args:
        return False
    if args[0] in HEADLESS_COMMANDS or args[0] in ("-V", "--version", "-h", "--help"):
        return True
    # `glyphwash --rules none check x`: options before the command go to the CLI, which explains.
    return args[0].startswith("-") and any(arg in HEADLESS_COMMANDS for arg in args)


def run(argv: list[str] | None = None) -> int:
    """Dispatch to the CLI or the window; return the process exit code."""
    args = sys.argv[1:] if argv is None else argv
    if wants_headless(args):
        from glyphwash.core.cli import cli

        return cli.main(args)
    from glyphwash.ui import app

    return app.main(args)


if __name__ == "__mp_main__" and not __package__:
    # A worker process of a batch (core.processes), spawned by a window run from a checkout: it
    # imports this file under this name, and unpickles its work by the glyphwash name too.
    register_checkout_package()

if __name__ == "__main__":
    if not __package__:
        register_checkout_package()
    sys.exit(run())
