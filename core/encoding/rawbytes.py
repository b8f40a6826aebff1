"""Undecodable bytes kept inside ``str``: the ``glyphwash-bytes`` codec error handler.

Decoding with ``errors="glyphwash-bytes"`` turns every byte the codec rejects into the lone
surrogate ``U+DC00 + byte`` (like ``surrogateescape``, but for all 256 byte values, so truncated
UTF-16 and stray ASCII-range bytes in UTF-32 survive too). :func:`encode_keeping_bytes` writes
those surrogates back as the original bytes. Genuine decoded text never holds lone surrogates, so
the mapping is unambiguous and saving in the input's encoding restores the bytes exactly.

Qt drops lone surrogates, so the window shows stand-ins instead (:mod:`core.view.display`).
"""

from __future__ import annotations

import codecs
import re
import threading

ERRORS = "glyphwash-bytes"
RAW_BYTE_FIRST = 0xDC00
RAW_BYTE_LAST = 0xDCFF
RAW_BYTE_RUN = re.compile("[\udc00-\udcff]+")

_recorder = threading.local()


def is_raw_byte(char: str) -> bool:
    """True for a character that stands for an undecodable byte."""
    return RAW_BYTE_FIRST <= ord(char) <= RAW_BYTE_LAST


def raw_byte_value(char: str) -> int:
    """The byte a stand-in surrogate represents."""
    return ord(char) - RAW_BYTE_FIRST


def _handle(error: UnicodeError) -> tuple[str, int]:
    if isinstance(error, UnicodeDecodeError):
        bad = error.object[error.start:error.end]
        spans = getattr(_recorder, "spans", None)
        if spans is not None:
            spans.append((error.start, bytes(bad)))
        return "".join(chr(RAW_BYTE_FIRST + byte) for byte in bad), error.end
    raise error


codecs.register_error(ERRORS, _handle)


def decode_keeping_bytes(data: bytes, encoding: str) -> tuple[str, list[tuple[int, bytes]]]:
    """Decode ``data``, keeping undecodable bytes; also return ``(byte offset, bytes)`` of each error.

    Raises:
        LookupError: ``encoding`` is not a Python codec.
    """
    spans: list[tuple[int, bytes]] = []
    _recorder.spans = spans
    try:
        text = data.decode(encoding, ERRORS)
    finally:
        _recorder.spans = None
    return text, spans


def encode_keeping_bytes(text: str, encoding: str, errors: str = "strict") -> bytes:
    """Encode ``text``, writing raw-byte stand-ins back as their bytes.

    Runs of stand-ins are written between incrementally encoded segments (rather than by an
    error handler) because the UTF-16/32 encoders only accept whole code units from a handler.

    Raises:
        UnicodeEncodeError: a character other than a raw-byte stand-in has no encoding.
    """
    try:
        return text.encode(encoding, errors)
    except UnicodeEncodeError:
        # Stand-ins are lone surrogates, which no codec encodes: only then pay for the slow path.
        if RAW_BYTE_RUN.search(text) is None:
            raise
    encoder = codecs.getincrementalencoder(encoding)(errors)
    parts: list[bytes] = []
    position = 0
    for run in RAW_BYTE_RUN.finditer(text):
        parts.append(encoder.encode(text[position:run.start()]))
        parts.append(bytes(raw_byte_value(char) for char in run.group()))
        position = run.end()
    parts.append(encoder.encode(text[position:], True))
    return b"".join(parts)

