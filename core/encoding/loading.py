"""Loading a document: the one way a file, or bytes already read, becomes a :class:`DecodedDocument`.

The window's worker, the headless commands and the tests all load through :func:`load_file` (a
file) or :func:`decode_data` (bytes in hand: standard input, a reinterpretation), so a refusal
reads the same wherever it happens. Progress goes to an optional hook, called with the fraction
of the load done and what is being done; the hook may raise (a cancelled load stops there).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from .decoding import (
    SIGNATURE_BYTES,
    BinaryFileError,
    DecodedDocument,
    LoadError,
    decode_bytes,
    read_file,
    signature_reason,
)
from .disk import READ_CHUNK, FileStamp
from .memory import check_fits

Progress = Callable[[float, str], None]
"""(fraction of the load done, from 0 to 1; what is being done) — may raise to stop the load."""


def _ignore(fraction: float, what: str) -> None:
    """The progress hook of a load nobody watches."""


def decode_data(data: bytes, *, encoding: str | None = None, path: Path | None = None,
                stamp: FileStamp | None = None, warnings: tuple[str, ...] = (), open_binary: bool = False,
                progress: Progress = _ignore) -> DecodedDocument:
    """Decode bytes already read (see :func:`core.encoding.decoding.decode_bytes`).

    Raises:
        LoadError: the bytes are empty or binary, or ``encoding`` is not a text codec.
    """
    progress(1.0, "Detecting the encoding…")
    try:
        return decode_bytes(data, encoding=encoding, path=path, stamp=stamp, warnings=warnings,
                            open_binary=open_binary)
    except LookupError as error:
        raise LoadError(str(error.args[0] if error.args else error)) from None


def load_file(path: str | os.PathLike[str], *, encoding: str | None = None, warn_size: int | None = None,
              open_binary: bool = False, check_memory: bool = False, chunk_size: int = READ_CHUNK,
              progress: Progress = _ignore) -> DecodedDocument:
    """Read and decode a file.

    Args:
        path: the file.
        encoding: decode with this codec instead of detecting ("reinterpret as").
        warn_size: files larger than this many bytes load with a warning (None: no warning).
        open_binary: decode bytes that look binary by their content anyway (the user said so).
        check_memory: refuse first a file that cannot fit in the free memory (the window).
        chunk_size: read this many bytes between two progress reports.
        progress: told how far reading has come, then that decoding starts.

    Raises:
        LoadError: the file is missing, a folder, unreadable, too big for the memory (if checked),
            empty, binary or the encoding unknown.
    """
    path = Path(path)
    if path.is_dir():
        raise LoadError(f"{path} is a folder, not a file")
    if check_memory:
        with contextlib.suppress(OSError):  # reading says what is wrong with the file
            check_fits(path, path.stat().st_size)
    if encoding is None and not open_binary:
        _refuse_known_binary(path)
    progress(0.0, "Reading…")

    def reading(read: int, size: int) -> None:
        progress(read / max(size, read, 1), f"Reading… {read / 1e6:.1f} of {size / 1e6:.1f} MB")

    data, stamp = read_file(path, chunk_size=chunk_size, on_chunk=reading)
    warnings: tuple[str, ...] = ()
    if warn_size is not None and len(data) > warn_size:
        warnings = (f"{path.name} is large ({len(data) / 1e6:.0f} MB); loading and review may be slow",)
    return decode_data(data, encoding=encoding, path=path, stamp=stamp, warnings=warnings,
                       open_binary=open_binary, progress=progress)


def _refuse_known_binary(path: Path) -> None:
    """Refuse a file of a known binary format (ELF, PNG, ZIP…) from its first bytes, before reading
    all of it: a 150 MB executable dropped among text files fails at once, not seconds later.
    Deliberately only signatures: a control-byte count needs the sample the decoder reads anyway.

    Raises:
        BinaryFileError: naming the format.
    """
    with contextlib.suppress(OSError), path.open("rb") as handle:  # reading says what is wrong
        reason = signature_reason(handle.read(SIGNATURE_BYTES))
        if reason is not None:
            raise BinaryFileError(f"{path}: {reason}")
