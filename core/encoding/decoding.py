"""Loading: from a path or bytes to a :class:`DecodedDocument`, never losing a byte.

Order of decisions: a BOM (UTF-8, UTF-32 LE/BE, UTF-16 LE/BE) → BOM-less UTF-16/32 → refusing
binary data by its signature or its many control bytes → escape-sequence encodings (ISO-2022, HZ:
:mod:`core.escapes`) → strict UTF-8 → chardet's candidates re-ranked by :mod:`core.detection`;
when none of them reads as text, BOM-less UTF-16/32 in one script (CJK), else refusing bytes that
look binary. The user can override all of it with any Python codec ("reinterpret as"), and open
what looks binary anyway; the encoding choice is only about reading the bytes, while the output
encoding is a separate save option.

Bytes the chosen codec rejects are kept as raw-byte stand-ins (:mod:`core.rawbytes`) and reported
with their positions; saving in the same encoding writes them back unchanged.
"""

from __future__ import annotations

import codecs
import errno
import functools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NamedTuple

from ..slices import count
from .detection import (
    SAMPLE_BYTES,
    Candidate,
    rank_candidates,
    sniff_bomless_utf16_32,
    sniff_wide_text_by_script,
)
from .disk import READ_CHUNK, FileStamp, read_stamped
from .escapes import HZ, escape_warning, hz_warning, recognise_escape_encoding, scan_escapes, unsupported_message
from .mixed import mixed_candidate
from .rawbytes import RAW_BYTE_RUN, decode_keeping_bytes, encode_keeping_bytes

NewlineStyle = Literal["lf", "crlf", "cr", "mixed", "none"]
NEWLINES: dict[str, str] = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}

DEFAULT_WARN_SIZE = 64 * 1024 * 1024
UNICODE_CODECS = frozenset({"utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"})

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of common binary formats, for a message that names what the file is.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"%PDF-", "a PDF document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x00asm", "a WebAssembly module"),
    (b"\xca\xfe\xba\xbe", "a Java class or Mach-O file"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
)

# C0 controls that plain text does carry: tab, LF, VT, FF, CR, SO/SI and ESC (ISO-2022), SUB.
TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x0e\x0f\x1b\x1a")
NON_TEXT_CONTROLS = bytes(byte for byte in range(1, 0x20) if byte not in TEXT_CONTROLS)
BINARY_SAMPLE = 64 * 1024
BINARY_CONTROL_SHARE = 0.10
# Bytes that are not valid UTF-8 look binary when at least this share of them are control bytes
# or NULs text does not hold (random data: 9 %; no file of the shared corpora: any) and the best
# reading of them is this implausible (random data: below 0.0002; corpus texts: above 0.005).
LOOKS_BINARY_SHARE = 0.01
IMPLAUSIBLE_CONFIDENCE = 0.001
# A run of NULs this long is padding (a preallocated or zero-filled tail), not binary structure.
NUL_PADDING = re.compile(rb"\x00{8,}")


class LoadError(Exception):
    """A file cannot be loaded; the message says why in words a user understands."""


class BinaryFileError(LoadError):
    """The bytes are not text."""


class LooksBinaryError(BinaryFileError):
    """The bytes look binary by their content (no file signature): the user may open them anyway."""


class UnsupportedEncodingError(LoadError):
    """The bytes are in an encoding Python has no codec for (ISO-2022-CN)."""


class EmptyFileError(LoadError):
    """The file has no bytes."""


class DecodeIssue(NamedTuple):
    """A run of bytes the codec could not decode, kept as raw-byte stand-ins.

    Attributes:
        offset: code point offset of the first stand-in in the decoded text.
        byte_offset: offset of the first byte in the file (after the BOM).
        data: the undecodable bytes.
    """

    offset: int
    byte_offset: int
    data: bytes


@dataclass(frozen=True)
class DecodedDocument:
    """Decoded bytes and everything needed to write them back unchanged.

    Attributes:
        raw: the bytes as read, BOM included.
        text: the decoded text after the BOM; undecodable bytes appear as raw-byte stand-ins.
        encoding: the Python codec used (an explicit-endian name for UTF-16/32).
        confidence: how sure detection is, 0..1 (1 for a BOM, valid UTF-8 or a user's choice).
        candidates: ranked alternatives, best first, for "reinterpret as".
        bom: the byte order mark that preceded the text, or ``b""``.
        newline: the newline style of the text.
        decode_errors: undecodable byte runs, in order.
        detected_by: how the encoding was chosen: ``bom``, ``utf-16/32 pattern``,
            ``escape sequences``, ``utf-8``, ``detection`` or ``user``.
        path: where the bytes came from, if a file.
        stamp: what that file held when the bytes were read (:mod:`core.disk`), if a file.
        warnings: things the user should know that did not stop loading.
    """

    raw: bytes
    text: str
    encoding: str
    confidence: float
    candidates: tuple[Candidate, ...]
    bom: bytes
    newline: NewlineStyle
    decode_errors: tuple[DecodeIssue, ...]
    detected_by: str
    path: Path | None = None
    stamp: FileStamp | None = None
    warnings: tuple[str, ...] = field(default=())

    @functools.cached_property
    def reencodes_exactly(self) -> bool:
        """Whether encoding :attr:`text` again gives the bytes read (false for a few codecs such
        as Big5 or CP932, where several byte sequences decode to the same character)."""
        if self.encoding in UNICODE_CODECS and not self.decode_errors:
            return True  # the UTFs map text and bytes one to one
        try:
            return encode_keeping_bytes(self.text, self.encoding) == self.raw[len(self.bom):]
        except UnicodeEncodeError:
            return False

    @property
    def newline_sequence(self) -> str:
        """The newline to use when text is added: the document's own, LF when mixed or none."""
        return NEWLINES.get(self.newline, "\n")


def detect_newline(text: str) -> NewlineStyle:
    """Classify the line endings of ``text``."""
    # Most texts hold no CR at all; a memchr-fast test spares two full counts.
    has_cr = "\r" in text
    crlf = count(text, "\r\n") if has_cr else 0
    cr = count(text, "\r") - crlf if has_cr else 0
    lf = count(text, "\n") - crlf
    present = [style for style, count in (("lf", lf), ("crlf", crlf), ("cr", cr)) if count]
    if not present:
        return "none"
    if len(present) > 1:
        return "mixed"
    return present[0]  # type: ignore[return-value]


def canonical_codec(encoding: str) -> str:
    """Check that ``encoding`` is a Python text codec and return its normal name.

    Raises:
        LookupError: with a message for people, for unknown or non-text codecs.
    """
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise LookupError(f"unknown encoding {encoding!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise LookupError(f"{encoding!r} is not a text encoding")
    return info.name


def same_codec(first: str, second: str) -> bool:
    """Whether two encoding names read bytes the same way (``windows-1251`` and ``cp1251``)."""
    try:
        return canonical_codec(first) == canonical_codec(second)
    except LookupError:  # a line-by-line reading's name, or an encoding Python lacks
        return first == second


def split_bom(data: bytes) -> tuple[bytes, str | None]:
    """The BOM at the start of ``data`` and the encoding it announces."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return bom, encoding
    return b"", None


# The longest signature: the bytes a file's first read needs to tell (SIGNATURE_BYTES).
SIGNATURE_BYTES = max(len(signature) for signature, _ in BINARY_SIGNATURES)


def signature_reason(head: bytes) -> str | None:
    """What known binary format ``head`` (a file's first bytes) starts, as a reason; None if none."""
    for signature, what in BINARY_SIGNATURES:
        if head.startswith(signature):
            return f"this is {what}, not a text file"
    return None


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not text, or None when it may be text.

    A NUL byte alone does not make binary: text padded with NULs decodes, and the ``invisible``
    rule shows and removes them. Known file signatures and a high share of other control bytes do.
    """
    reason = signature_reason(data)
    if reason is not None:
        return reason
    sample = data[:BINARY_SAMPLE]
    non_nul = len(sample) - sample.count(0)
    if non_nul == 0:
        return "the file contains only NUL bytes"
    controls = _count_controls(sample)
    # CJK in BOM-less UTF-16 has control bytes in its low bytes (U+3002 。 is 02 30): it is text.
    if controls / non_nul > BINARY_CONTROL_SHARE and sniff_wide_text_by_script(data) is None:
        return f"{controls / non_nul:.0%} of its first bytes are control bytes, so it is not a text file"
    return None


def _count_controls(sample: bytes) -> int:
    """How many bytes of ``sample`` are C0 controls that text does not carry (NUL aside)."""
    return sum(map(sample.count, NON_TEXT_CONTROLS))


def looks_binary_reason(data: bytes, best: Candidate) -> str | None:
    """Why ``data``, which is not UTF-8 and whose most plausible reading is ``best``, looks binary.

    Two things must hold: the bytes include control bytes and NULs (outside NUL padding) that no
    text encoding but UTF-16/32 produces, and even the best candidate reads them as nonsense
    (a BOM-less UTF-16 text that the NUL pattern missed still reads well). Random, compressed,
    executable and image data all have both; a text in any legacy encoding has neither.
    """
    sample = data[:BINARY_SAMPLE]
    padding = sum(map(len, NUL_PADDING.findall(sample))) if b"\x00" * 8 in sample else 0
    stray = _count_controls(sample) + sample.count(0) - padding
    share = stray / max(len(sample) - padding, 1)
    if share < LOOKS_BINARY_SHARE or best.confidence >= IMPLAUSIBLE_CONFIDENCE:
        return None
    return (f"this looks like binary data, not text: {share:.0%} of its first bytes are control bytes or NULs, "
            "which text does not hold, and no encoding reads it as text")


def decode_bytes(data: bytes, *, encoding: str | None = None, path: Path | None = None,
                 stamp: FileStamp | None = None, warnings: tuple[str, ...] = (),
                 open_binary: bool = False) -> DecodedDocument:
    """Decode ``data``, detecting the encoding unless ``encoding`` is given ("reinterpret as").

    Args:
        data: the bytes.
        encoding: a Python codec to read them with instead of detecting.
        path: where they come from, for messages.
        stamp: what the file at ``path`` held when ``data`` was read from it (:mod:`core.disk`).
        warnings: warnings to pass on (a large file).
        open_binary: read bytes that look binary by their content anyway, in their most
            plausible (if implausible) reading; undecodable bytes become raw-byte stand-ins.

    Raises:
        EmptyFileError: ``data`` is empty (the message names ``path`` when given).
        BinaryFileError: ``data`` is not text (only when detecting; named likewise); a
            :class:`LooksBinaryError` when only its content says so and ``open_binary`` is false.
        UnsupportedEncodingError: ``data`` is in an escape-sequence encoding Python cannot decode
            (ISO-2022-CN).
        LookupError: ``encoding`` is not a Python text codec.
    """
    if not data:
        raise EmptyFileError(_named(path, "the file is empty: there is no text to check"))
    bom, bom_encoding = split_bom(data)
    candidates: tuple[Candidate, ...] = ()
    strict_utf8: str | None = None
    if encoding is not None:
        chosen = canonical_codec(encoding)
        if bom_encoding is not None and _bom_matches(chosen, bom_encoding):
            chosen = bom_encoding
        else:
            bom, chosen = b"", _without_bom(chosen)
        confidence, detected_by = 1.0, "user"
    elif bom_encoding is not None:
        chosen, confidence, detected_by = bom_encoding, 1.0, "bom"
    elif (sniffed := _sniff_utf16_32(data)) is not None:
        chosen, confidence, detected_by = sniffed, 0.9, "utf-16/32 pattern"
    else:
        reason = binary_reason(data)
        if reason is not None:
            raise BinaryFileError(_named(path, reason))
        escaped = recognise_escape_encoding(data)
        if escaped is not None:
            if escaped.codec is None:
                raise UnsupportedEncodingError(_named(path, unsupported_message(escaped.name)))
            chosen, confidence, detected_by = escaped.name, 1.0, "escape sequences"
        else:
            try:
                strict_utf8 = data.decode("utf-8")
            except UnicodeDecodeError:
                candidates, detected_by = _rank_not_utf8(data, path, open_binary)
                chosen, confidence = candidates[0]
            else:
                chosen, confidence, detected_by = "utf-8", 1.0, "utf-8"
    if not candidates:
        candidates = (Candidate(chosen, confidence),)
    body = data[len(bom):]
    # Valid UTF-8 was decoded once already, while detecting; a large file need not be decoded twice.
    text, error_spans = (strict_utf8, []) if strict_utf8 is not None else decode_keeping_bytes(body, chosen)
    decode_errors = _locate_decode_errors(text, error_spans)
    nuls = text.count("\x00") if "\x00" in text else 0
    if nuls:
        warnings = (*warnings, f"the text contains {nuls} NUL character(s) (U+0000), as binary files do; they "
                               "are shown as ␀ and the 'invisible' rule removes them")
    misread = _misread_escapes_warning(data, text, chosen, detected_by)
    if misread is not None:
        warnings = (*warnings, misread)
    return DecodedDocument(
        raw=data, text=text, encoding=chosen, confidence=confidence, candidates=candidates, bom=bom,
        newline=detect_newline(text), decode_errors=decode_errors, detected_by=detected_by,
        path=path, stamp=stamp, warnings=warnings,
    )


def _rank_not_utf8(data: bytes, path: Path | None, open_binary: bool) -> tuple[tuple[Candidate, ...], str]:
    """The candidates for bytes that are not valid UTF-8, best first, and how the first was chosen.

    Raises:
        LooksBinaryError: the bytes look binary, unless ``open_binary``.
    """
    ranked = tuple(rank_candidates(data))
    mixed = mixed_candidate(data)
    if mixed is not None or _mostly_utf8(data):
        # UTF-8 with a few bad bytes (a damaged file, WTF-8/CESU-8 surrogates), or with lines in
        # a legacy code page: reading all of it in a legacy code page would garble every other
        # non-ASCII character. Read as UTF-8, every byte is kept; the line-by-line reading is
        # offered first.
        return (Candidate("utf-8", UTF8_WITH_ERRORS_CONFIDENCE), *([mixed] if mixed else []),
                *(candidate for candidate in ranked if candidate.encoding != "utf-8")), "utf-8"
    if ranked[0].confidence < IMPLAUSIBLE_CONFIDENCE:
        # Nonsense in every code page: perhaps CJK in UTF-16 without a BOM, which has few NULs.
        wide = sniff_wide_text_by_script(data)
        if wide is not None:
            return (Candidate(wide, WIDE_BY_SCRIPT_CONFIDENCE), *ranked), "detection"
    reason = None if open_binary else looks_binary_reason(data, ranked[0])
    if reason is not None:
        raise LooksBinaryError(_named(path, reason))
    return ranked, "detection"


def _misread_escapes_warning(data: bytes, text: str, chosen: str, detected_by: str) -> str | None:
    """A warning when the text is ISO-2022 or HZ text read in another encoding, else None."""
    scan = scan_escapes(text)
    if scan is not None:
        return escape_warning(scan, chosen)
    if detected_by == "user" and b"~{" in data:
        escaped = recognise_escape_encoding(data)
        if escaped is not None and escaped.family == HZ and escaped.codec != canonical_codec(chosen):
            return hz_warning(chosen)
    return None


def _sniff_utf16_32(data: bytes) -> str | None:
    """BOM-less UTF-16/32, also when the file ends inside a code unit (a truncated file)."""
    sniffed = sniff_bomless_utf16_32(data)
    if sniffed is not None or len(data) < MIN_TRUNCATED_SNIFF:
        return sniffed
    for width, family in ((4, "utf-32"), (2, "utf-16")):
        if len(data) % width:
            whole = len(data) - len(data) % width
            # The sniffer reads a sample and the length's remainders; copying all of a big file
            # to cut a byte off would cost more than the sniffing (SAMPLE_BYTES is a multiple of 4).
            sniffed = sniff_bomless_utf16_32(data[:min(whole, SAMPLE_BYTES + whole % 4)])
            if sniffed is not None and sniffed.startswith(family):
                return sniffed
    return None


# A truncated UTF-16/32 file is recognised only with this many bytes of evidence.
MIN_TRUNCATED_SNIFF = 32
# A UTF-16 surrogate encoded as if it were a character (CESU-8, WTF-8): ED A0..BF 80..BF.
ENCODED_SURROGATE = re.compile(rb"\xed[\xa0-\xbf][\x80-\xbf]")
UTF8_WITH_ERRORS_CONFIDENCE = 0.75
# BOM-less UTF-16/32 recognised by its script alone, when no code page reads the bytes.
WIDE_BY_SCRIPT_CONFIDENCE = 0.5
# Valid multi-byte characters needed for each undecodable byte run before UTF-8 is assumed.
UTF8_CHARACTERS_PER_ERROR = 8


def _mostly_utf8(data: bytes) -> bool:
    """Whether ``data``, which is not valid UTF-8, is still UTF-8 with a few bad bytes.

    True when every undecodable run is an encoded surrogate (CESU-8, WTF-8), or when valid
    multi-byte characters outnumber the undecodable runs many times over: legacy 8-bit text
    almost never forms a valid UTF-8 sequence by chance.
    """
    # Only bytes from 0x80 up are ever invalid in UTF-8, so surrogateescape (a C fast path, where
    # a Python error handler would be called for every bad byte of a big legacy file) keeps them
    # all, as U+DC80..U+DCFF: the same stand-ins core.rawbytes uses.
    text = data.decode("utf-8", "surrogateescape")
    runs = RAW_BYTE_RUN.findall(text)
    if all(map(_all_surrogates, runs)):
        return True
    escaped = sum(map(len, runs))
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - escaped
    return multibyte >= UTF8_CHARACTERS_PER_ERROR * len(runs)


def _all_surrogates(run: str) -> bool:
    """Whether a run of raw-byte stand-ins is one or more encoded surrogates and nothing else."""
    raw = bytes(ord(char) - 0xDC00 for char in run)
    return ENCODED_SURROGATE.sub(b"", raw) == b""


def _named(path: Path | None, message: str) -> str:
    """``message`` about the file at ``path``, naming it (a window opening several files shows whose it is)."""
    return f"{path}: {message}" if path is not None else message


def _bom_matches(codec_name: str, bom_encoding: str) -> bool:
    """Whether a BOM announcing ``bom_encoding`` is a BOM for the user's codec (not text)."""
    generic = {"utf-8-sig": "utf-8", "utf-16": "utf-16", "utf-32": "utf-32"}.get(codec_name)
    if generic is not None:
        return bom_encoding.startswith(generic)
    return codec_name == bom_encoding


def _without_bom(codec_name: str) -> str:
    """Codecs that write or strip a BOM themselves, replaced by their explicit-order twins.

    The BOM is metadata here (:attr:`DecodedDocument.bom`), so the text never starts with one.
    """
    return {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(codec_name, codec_name)


def _locate_decode_errors(text: str, error_spans: list[tuple[int, bytes]]) -> tuple[DecodeIssue, ...]:
    """Pair the codec's byte-offset error reports with the stand-ins' code point offsets."""
    if not error_spans:
        return ()
    stand_in_offsets = [offset for run in RAW_BYTE_RUN.finditer(text)
                        for offset in range(run.start(), run.end())]
    issues: list[DecodeIssue] = []
    index = 0
    for byte_offset, data in error_spans:
        offset = stand_in_offsets[index]
        last = issues[-1] if issues else None
        if last is not None and last.offset + len(last.data) == offset \
                and last.byte_offset + len(last.data) == byte_offset:
            issues[-1] = last._replace(data=last.data + data)
        else:
            issues.append(DecodeIssue(offset, byte_offset, data))
        index += len(data)
    return tuple(issues)


def read_file(path: Path, *, chunk_size: int = READ_CHUNK,
              on_chunk: Callable[[int, int], None] | None = None) -> tuple[bytes, FileStamp]:
    """Read a whole file and stamp what was read (:mod:`core.disk`).

    ``on_chunk`` is called with (bytes read, size) after each ``chunk_size`` bytes and may raise
    to stop reading. Every OS failure becomes a :class:`LoadError` that says what happened.
    """
    try:
        return read_stamped(path, chunk_size=chunk_size, on_chunk=on_chunk)
    except FileNotFoundError:
        if os.path.islink(path):
            raise LoadError(f"{path} is a link to a file that does not exist") from None
        raise LoadError(f"{path} does not exist (was it moved or deleted?)") from None
    except IsADirectoryError:
        raise LoadError(f"{path} is a folder, not a file") from None
    except PermissionError:
        raise LoadError(f"{path} cannot be read: permission denied") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise LoadError(f"{path} is a symbolic link loop") from None
        raise LoadError(f"{path} cannot be read: {error.strerror or error}") from None


