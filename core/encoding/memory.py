"""Whether a file fits in memory before it is loaded.

A document under review holds its text several times over (the decoded text, two display copies,
Qt's two documents with their layouts) plus columns per change: measured with
``bench/bench_gui.py``, about twelve bytes of memory per byte of clean text and up to about
seventy for text full of changes. A file that cannot fit would end the whole process (the
kernel's out-of-memory killer does not ask), taking every other open document with it, so it is
refused before reading, with a message that says why. The check uses the lower figure: it
refuses only what cannot fit in any case (how many changes a text holds is known only after
analysing it). Where the free memory cannot be read (no ``/proc/meminfo``), nothing is refused.
"""

from __future__ import annotations

from pathlib import Path

from .decoding import LoadError

# Bytes of memory the window needs per byte of a clean text (bench_gui: 1.2 GB for 100 MB).
WINDOW_BYTES_PER_BYTE = 12
MEMINFO = Path("/proc/meminfo")


def available_memory() -> int | None:
    """Bytes of memory the system can give without swapping (Linux's MemAvailable), or None."""
    try:
        for line in MEMINFO.read_text(encoding="ascii").splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def check_fits(path: Path, size: int, per_byte: int = WINDOW_BYTES_PER_BYTE) -> None:
    """Raise :class:`LoadError` when reviewing ``size`` bytes of ``path`` cannot fit in memory."""
    available = available_memory()
    needed = size * per_byte
    if available is not None and needed > available:
        raise LoadError(f"{path} is too large to review here: {size / 1e6:,.0f} MB of text needs about "
                        f"{needed / 1e9:,.1f} GB of memory and {available / 1e9:,.1f} GB is free. Close other "
                        "programs, or split the file, or clean it with the command line (glyphwash clean), "
                        "which needs less")


def out_of_memory_message(path: Path | None) -> str:
    """What to say when memory ran out while a document was being prepared."""
    name = f"{path}: " if path is not None else ""
    return (f"{name}there was not enough memory to prepare this document for review; the other open "
            "documents are unchanged. Close other programs, or split the file, or clean it with the command "
            "line (glyphwash clean)")
