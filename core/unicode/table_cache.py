"""Built Unicode tables kept on disk between runs, so a process pays for them once per version.

Building the look-alike and styled-letter tables from ``resources/unicode`` takes tens of
milliseconds, more than the rest of a small ``clean``. :func:`disk_cached` keeps what a builder
returns in the user cache directory (``$GLYPHWASH_CACHE_DIR``, else ``$XDG_CACHE_HOME/glyphwash``,
else ``~/.cache/glyphwash``; on Windows ``%LOCALAPPDATA%\\glyphwash``) as a ``marshal`` file.

A file is valid only for the exact inputs it was built from: its name carries a hash of the app
version, the Python version, ``unicodedata2``'s version, and the size and modification time of
every resource file and of the modules that build tables. Editing any of them makes a new key, so
stale files are never read (old ones are removed when a new one is written). Files are written to
a temporary name and renamed, so a reader never sees half a file. Any failure to read or write
(no home directory, read-only disk, a corrupt file) silently falls back to building the table.

``GLYPHWASH_CACHE_DIR=off`` (or empty) turns the cache off.
"""

from __future__ import annotations

import _thread
import functools
import marshal
import os
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

_CORE_DIR = Path(__file__).resolve().parent.parent
_RESOURCE_DIR = _CORE_DIR.parent / "resources" / "unicode"
# Modules whose code decides what the cached tables contain.
_BUILDER_MODULES = ("unicode/table_cache.py", "unicode/unicode_data.py", "unicode/unicode_props.py",
                    "unicode/confusables.py", "unicode/graphemes.py", "lexicon.py", "rules/invisible.py",
                    "rules/spaces.py", "rules/compat.py", "rules/typography.py")
_SUFFIX = ".marshal"
ENV_VAR = "GLYPHWASH_CACHE_DIR"


def cache_dir() -> Path | None:
    """Where tables are kept, or None when the cache is turned off."""
    configured = os.environ.get(ENV_VAR)
    if configured is not None:
        return None if configured.strip() in ("", "off", "0") else Path(configured)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "glyphwash"
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "glyphwash"
    return Path.home() / ".cache" / "glyphwash"


@functools.cache
def inputs_key() -> str:
    """A short hash of everything the tables are built from (see the module docstring)."""
    from ..version import __version__

    parts = [__version__, sys.version, _unicodedata2_version()]
    paths = sorted(_RESOURCE_DIR.iterdir()) + [_CORE_DIR / name for name in _BUILDER_MODULES]
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            parts.append(f"{path.name}:missing")
            continue
        parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    data = "\n".join(parts).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def _unicodedata2_version() -> str:
    try:
        import unicodedata2
    except ImportError:  # pragma: no cover - a required dependency
        return "none"
    return str(getattr(unicodedata2, "__version__", "")) + "/" + str(unicodedata2.unidata_version)


def _path_for(name: str) -> Path | None:
    directory = cache_dir()
    if directory is None:
        return None
    return directory / f"{name}-{inputs_key()}{_SUFFIX}"


def load(name: str) -> Any:
    """The stored value of table ``name``, or None if there is none (or it cannot be read)."""
    try:
        path = _path_for(name)
        if path is None:
            return None
        with open(path, "rb") as handle:
            data = handle.read()
        return marshal.loads(data)  # marshal.load() reads a file object item by item: slow
    except Exception:  # any unreadable cache means "build it"
        return None


def store(name: str, value: Any) -> None:
    """Keep ``value`` (marshal-able) as table ``name``; failures are ignored."""
    try:
        path = _path_for(name)
        if path is None:
            return
        data = marshal.dumps(value)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{_thread.get_ident()}.tmp")
        try:
            with open(temporary, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        finally:
            if temporary.exists():
                temporary.unlink()
        _remove_stale(path.parent, name, path.name)
    except Exception:  # the cache is an optimization only
        pass


def _remove_stale(directory: Path, name: str, keep: str) -> None:
    for old in directory.glob(f"{name}-*{_SUFFIX}"):
        if old.name != keep and old.name[len(name) + 1:-len(_SUFFIX)].isalnum():
            old.unlink(missing_ok=True)


def expect(kind: type[T]) -> Callable[[Any], T]:
    """A ``decode`` for :func:`disk_cached` that only checks the stored value's type."""
    def check(stored: Any) -> T:
        if not isinstance(stored, kind):
            raise TypeError(f"stored table is a {type(stored).__name__}, not a {kind.__name__}")
        return stored

    return check


def disk_cached(name: str, build: Callable[[], T], encode: Callable[[T], Any] | None = None,
                decode: Callable[[Any], T] | None = None) -> T:
    """``build()``, or its stored result from an earlier run with the same inputs.

    ``encode``/``decode`` convert to and from what ``marshal`` stores (plain dicts, tuples, sets,
    strings, numbers, bytes) when the value is something else; a stored value ``decode`` rejects
    (by raising) is rebuilt.
    """
    stored = load(name)
    if stored is not None:
        try:
            return decode(stored) if decode is not None else stored
        except Exception:  # a malformed file: rebuild it
            pass
    value = build()
    store(name, encode(value) if encode is not None else value)
    return value
