"""What a file on disk held when it was read, and whether it still holds it.

A document remembers a :class:`FileStamp` of the bytes it was decoded from, taken while they were
read (not when the analysis ended, which for a big file can be seconds later). Before anything is
written over that file, :func:`disk_state` compares the file with the stamp, so a change made by
another program in the meantime is never overwritten without a question.

The comparison goes by content: a file whose modification time changed but whose bytes did not
(touched, or saved unchanged by an editor) is the same file; a file rewritten within the
modification time's granularity is not.
"""

from __future__ import annotations

import enum
import hashlib
import os
from collections.abc import Callable
from typing import NamedTuple

READ_CHUNK = 1 << 20


class FileStamp(NamedTuple):
    """A file's size, modification time and a digest of its bytes, as read.

    Attributes:
        size: the number of bytes read.
        mtime_ns: the file's modification time when reading began.
        digest: BLAKE2b-128 of the bytes read.
    """

    size: int
    mtime_ns: int
    digest: bytes


class DiskState(enum.Enum):
    """How a file compares with the stamp taken when it was read."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    MISSING = "missing"


def stamp_hasher() -> hashlib.blake2b:
    """A hasher whose digest is the one a :class:`FileStamp` keeps (for bytes that come in pieces)."""
    return hashlib.blake2b(digest_size=16)


def read_stamped(path: str | os.PathLike[str], *, chunk_size: int = READ_CHUNK,
                 on_chunk: Callable[[int, int], None] | None = None) -> tuple[bytes, FileStamp]:
    """Read a whole file and stamp what was read.

    Args:
        path: the file.
        chunk_size: bytes read at a time.
        on_chunk: called with (bytes read so far, the file's size when reading began) after each
            chunk; it may raise to stop reading (a cancelled load).

    Raises:
        OSError: the file cannot be opened or read.
    """
    hasher = stamp_hasher()
    parts: list[bytes] = []
    read = 0
    with open(path, "rb") as handle:
        status = os.fstat(handle.fileno())
        while chunk := handle.read(chunk_size):
            hasher.update(chunk)
            parts.append(chunk)
            read += len(chunk)
            if on_chunk is not None:
                on_chunk(read, status.st_size)
    return b"".join(parts), FileStamp(read, status.st_mtime_ns, hasher.digest())


def stamp_written(path: str | os.PathLike[str], size: int, digest: bytes) -> FileStamp:
    """The stamp of a file that was just written with ``size`` bytes of digest ``digest``."""
    try:
        mtime_ns = os.stat(path).st_mtime_ns
    except OSError:
        mtime_ns = 0
    return FileStamp(size, mtime_ns, digest)


def disk_state(path: str | os.PathLike[str], stamp: FileStamp) -> DiskState:
    """Whether ``path`` still holds the bytes ``stamp`` was taken of.

    A file that cannot be read for another reason than being gone counts as changed: nothing may
    be written over it without asking.
    """
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return DiskState.MISSING
    except OSError:
        return DiskState.CHANGED
    if status.st_size != stamp.size:
        return DiskState.CHANGED
    hasher = stamp_hasher()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(READ_CHUNK):
                hasher.update(chunk)
    except FileNotFoundError:
        return DiskState.MISSING
    except OSError:
        return DiskState.CHANGED
    return DiskState.UNCHANGED if hasher.digest() == stamp.digest else DiskState.CHANGED
