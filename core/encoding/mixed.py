"""Files whose lines are in two encodings: UTF-8, and a few lines in one legacy code page.

Such files are made by appending to a UTF-8 file with a tool that writes windows-1252 (or the
other way round). Read whole as UTF-8 their legacy lines are undecodable bytes; read whole in the
legacy code page their UTF-8 lines turn into mojibake. Read line by line, both are right: a line
that is valid UTF-8 is UTF-8, any other line is in the legacy code page. Legacy text is valid UTF-8
by chance only when it is short and odd (``Ã©`` is UTF-8 for ``é``), so the rule is safe for lines
with real UTF-8 text in them.

This module registers that reading as a Python codec named ``utf-8+LEGACY`` (``utf-8+windows-1252``),
so it goes wherever an encoding goes: "reinterpret as", ``--in-encoding``, the document's
encoding. Its encoder writes UTF-8: a line that was changed is written in the file's main
encoding, while saving (:mod:`core.saving`) copies the bytes of every unchanged line, so with no
change the file is written back byte for byte.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from .detection import CHARDET_BYTES, Candidate, familiar_name, implausibility, rank_candidates

if TYPE_CHECKING:
    from typing_extensions import Buffer  # collections.abc.Buffer from Python 3.12

_Handler = Callable[[UnicodeError], tuple[str | bytes, int]]

PREFIX = "utf-8+"
_NORMALISED_PREFIX = "utf_8_"  # what codecs.lookup hands a search function for "utf-8+…"

MIN_UTF8_CHARACTERS = 8
"""Multi-byte UTF-8 characters the valid lines must hold for a mixed reading to be offered: fewer
could be legacy text that happens to form valid UTF-8 (``Ã©``)."""

_RE_LINE = re.compile(rb"[^\n]*\n|[^\n]+")


def mixed_name(legacy: str) -> str:
    """The encoding name of UTF-8 with lines in ``legacy`` (``utf-8+windows-1252``)."""
    return PREFIX + legacy


def legacy_part(encoding: str) -> str | None:
    """The legacy code page of a mixed encoding name, or None when ``encoding`` is not mixed."""
    lowered = encoding.lower()
    if not lowered.startswith(PREFIX):
        return None
    return encoding[len(PREFIX):]


def describe(encoding: str) -> str:
    """How a mixed encoding is named to people: ``UTF-8 with windows-1252 lines``."""
    legacy = legacy_part(encoding)
    return f"UTF-8 with {legacy} lines" if legacy is not None else encoding


@functools.cache
def line_safe(encoding: str) -> bool:
    """Whether ``encoding`` can hold lines of a mixed file: ASCII-compatible and stateless, so a
    newline byte is a newline and every line decodes on its own (not UTF-16, not ISO-2022)."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        return False
    if info.name.startswith(("utf", "iso2022", "hz")) or legacy_part(info.name) is not None:
        return False
    ascii_bytes = bytes(range(128))
    try:
        return ascii_bytes.decode(info.name) == ascii_bytes.decode("ascii") \
            and "\n~{".encode(info.name) == b"\n~{"
    except (UnicodeError, LookupError):
        return False


def split_lines(data: bytes) -> list[bytes]:
    """``data`` cut after each newline byte (the pieces join back to ``data``)."""
    return _RE_LINE.findall(data)


class LineSplit(NamedTuple):
    """Which lines of some bytes are UTF-8 and which are not.

    Attributes:
        utf8_characters: multi-byte characters in the lines that are valid UTF-8.
        utf8_lines: the lines with non-ASCII bytes that are valid UTF-8, in order.
        other_lines: the lines that are not valid UTF-8, in order.
    """

    utf8_characters: int
    utf8_lines: list[bytes]
    other_lines: list[bytes]


def classify_lines(data: bytes) -> LineSplit:
    """Sort the lines of ``data`` into valid UTF-8 and the rest (ASCII lines are neither)."""
    characters = 0
    utf8: list[bytes] = []
    others: list[bytes] = []
    for line in split_lines(data):
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            others.append(line)
            continue
        utf8.append(line)
        characters += len(text) - sum(char.isascii() for char in text)
    return LineSplit(characters, utf8, others)


def decode_mixed(data: bytes, legacy: str, errors: str = "strict") -> str:
    """Decode each line of ``data`` as UTF-8 when it is valid UTF-8, else with ``legacy``.

    A byte ``legacy`` cannot decode goes to the ``errors`` handler with its offset in all of
    ``data`` (so :mod:`core.rawbytes` records the right byte offsets).
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    handler = codecs.lookup_error(errors) if errors != "strict" else None
    parts: list[str] = []
    start = 0
    for line in split_lines(data):
        try:
            parts.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            parts.append(_decode_legacy_line(data, start, len(line), legacy, handler))
        start += len(line)
    return "".join(parts)


def _decode_legacy_line(data: bytes, start: int, length: int, legacy: str,
                        handler: _Handler | None) -> str:
    """One line ``data[start:start + length]`` in ``legacy``, errors reported against all of ``data``."""
    parts: list[str] = []
    position, end = start, start + length
    while position < end:
        try:
            parts.append(data[position:end].decode(legacy))
            break
        except UnicodeDecodeError as error:
            parts.append(data[position:position + error.start].decode(legacy))
            whole = UnicodeDecodeError(mixed_name(legacy), data, position + error.start,
                                       position + error.end, error.reason)
            if handler is None:
                raise whole from None
            replacement, position = handler(whole)
            parts.append(replacement if isinstance(replacement, str) else replacement.decode("ascii"))
    return "".join(parts)


def _search(name: str) -> codecs.CodecInfo | None:
    """The codec search function: ``utf_8_<legacy>`` (how Python hands over ``utf-8+<legacy>``)."""
    if not name.startswith(_NORMALISED_PREFIX):
        return None
    legacy_name = name[len(_NORMALISED_PREFIX):]
    if not legacy_name or not line_safe(legacy_name):
        return None
    legacy = familiar_name(legacy_name)
    utf8 = codecs.lookup("utf-8")

    def decode(data: Buffer, errors: str = "strict", /) -> tuple[str, int]:
        raw = bytes(data)
        return decode_mixed(raw, legacy, errors), len(raw)

    return codecs.CodecInfo(
        name=mixed_name(legacy), encode=utf8.encode, decode=decode,
        incrementalencoder=utf8.incrementalencoder,
        streamwriter=utf8.streamwriter,
    )


codecs.register(_search)


def first_other_line(data: bytes) -> int | None:
    """The index of the first line of ``data`` that is not valid UTF-8 (for a preview), or None."""
    for index, line in enumerate(split_lines(data)):
        if not line.isascii():
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                return index
    return None


def mixed_candidate(data: bytes) -> Candidate | None:
    """UTF-8 with lines in one legacy code page, when ``data`` reads that way, else None.

    The lines that are valid UTF-8 must hold real UTF-8 text (:data:`MIN_UTF8_CHARACTERS`), and the
    others must all decode strictly in the code page found most plausible for them together.
    Only the first :data:`core.detection.CHARDET_BYTES` are looked at, as chardet does.
    """
    split = classify_lines(data[:CHARDET_BYTES])
    lines = len(split.utf8_lines) + len(split.other_lines)
    if split.utf8_characters < MIN_UTF8_CHARACTERS or not split.other_lines \
            or len(split.utf8_lines) < MIN_UTF8_LINE_SHARE * lines:
        return None
    others = b"".join(split.other_lines)
    for candidate in rank_candidates(others):
        if candidate.confidence < MIN_LEGACY_CONFIDENCE:
            return None
        if line_safe(candidate.encoding) and all(_decodes(line, candidate.encoding) for line in split.other_lines):
            if not _utf8_reads_better(b"".join(split.utf8_lines), candidate.encoding):
                return None  # legacy lines that are valid UTF-8 by chance (Johab, Big5)
            return Candidate(mixed_name(familiar_name(candidate.encoding)), candidate.confidence)
    return None


MIN_UTF8_LINE_SHARE = 0.25
"""The share of the lines with non-ASCII bytes that must be valid UTF-8: in a multi-byte legacy
file (Johab, Big5) a short line is valid UTF-8 by chance now and then, a tenth of them at most."""


def _utf8_reads_better(lines: bytes, legacy: str) -> bool:
    """Whether the valid UTF-8 lines read as more plausible text in UTF-8 than in ``legacy``
    (``Résumé`` rather than ``RÃ©sumÃ©``), as real UTF-8 lines do."""
    try:
        in_legacy = lines.decode(legacy)
    except UnicodeDecodeError:
        return True
    return implausibility(lines.decode("utf-8")) < implausibility(in_legacy)


MIN_LEGACY_CONFIDENCE = 0.001
"""Below this the legacy lines read as nonsense in every code page (the level at which
:mod:`core.decoding` calls bytes binary): no mixed reading is offered."""


def _decodes(line: bytes, encoding: str) -> bool:
    try:
        line.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
