"""Saving: encode a text for a document's target encoding and write it atomically.

Nothing here ever writes ``?`` for a character the target encoding lacks: the save is refused
with the characters, their code points and positions. Writes go to a temporary file in the same
folder, are fsynced and then renamed over the target, so any failure leaves the original and any
earlier output intact. With no change and the input's encoding, BOM and newlines, the bytes
written are the bytes read (the round-trip guarantee).
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import re
import shutil
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal, NamedTuple

from ..positions import LineIndex
from ..unicode.unicode_data import describe
from .decoding import NEWLINES, DecodedDocument, canonical_codec
from .disk import DiskState, FileStamp, disk_state, stamp_hasher, stamp_written
from .escapes import line_by_line_codecs
from .rawbytes import RAW_BYTE_RUN, encode_keeping_bytes, is_raw_byte

NewlineChoice = Literal["keep", "lf", "crlf", "cr"]
NEWLINE_CHOICES: tuple[NewlineChoice, ...] = ("keep", "lf", "crlf", "cr")

BOM_FOR_ENCODING: dict[str, bytes] = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}
# Codecs that would write a BOM of their own, and the explicit-order codec plus BOM we use instead.
BOM_WRITING_CODECS: dict[str, str] = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}

ANY_LINE_BREAK = re.compile(r"\r\n|\r|\n")
MAX_LISTED_CHARACTERS = 50
# Stateful or 16/32-bit codecs: a line's bytes depend on what came before, or 0x0A is not newline.
LINE_UNSAFE_CODECS = ("utf-16", "utf-32", "utf-7", "iso2022", "iso-2022", "hz")


class SaveOptions(NamedTuple):
    """How to write a document.

    Attributes:
        encoding: the output codec; None keeps the input's ("convert to" when set).
        bom: write a BOM; None keeps the input's choice (and adds none for another encoding).
        newline: ``keep`` the text's own line endings, or convert all of them.
        backup: when overwriting the document's own file, keep its old bytes as a new backup
            (``NAME.bak``, or ``NAME.bak.2``… when that exists: a backup is never overwritten).
    """

    encoding: str | None = None
    bom: bool | None = None
    newline: NewlineChoice = "keep"
    backup: bool = True


class SaveError(Exception):
    """Writing failed; the target and every earlier output are unchanged."""


class UnrepresentableCharacter(NamedTuple):
    """A character the target encoding cannot hold, and where it is (1-based line and column)."""

    char: str
    offset: int
    line: int
    column: int

    def describe(self) -> str:
        if is_raw_byte(self.char):
            what = f"undecodable byte 0x{ord(self.char) - 0xDC00:02X}"
        else:
            what = f"{self.char!r} {describe(self.char)}"
        return f"{what} at line {self.line}, column {self.column}"


class UnrepresentableError(SaveError):
    """The target encoding cannot hold some characters; nothing was written.

    Attributes:
        encoding: the target encoding.
        characters: the first characters found (at most ``MAX_LISTED_CHARACTERS``).
        count: how many there are in all.
    """

    def __init__(self, encoding: str, characters: list[UnrepresentableCharacter], count: int) -> None:
        self.encoding = encoding
        self.characters = characters
        self.count = count
        first = characters[0].describe()
        more = f" and {count - 1} more" if count > 1 else ""
        super().__init__(f"{encoding} cannot represent {first}{more}; save as UTF-8 to keep every character")


_unencodable = threading.local()


def _record_unencodable(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    _unencodable.positions.extend(range(error.start, error.end))
    return "", error.end


codecs.register_error("glyphwash-record", _record_unencodable)


def find_unrepresentable(text: str, encoding: str, *, keep_raw_bytes: bool) -> list[int]:
    """Offsets of the characters of ``text`` that ``encoding`` cannot hold.

    Raw-byte stand-ins count as representable only when ``keep_raw_bytes`` (saving back into the
    encoding they were read in); in any other encoding their bytes would mean something else.
    """
    positions: list[int] = []
    _unencodable.positions = positions
    try:
        text.encode(encoding, "glyphwash-record")
    finally:
        _unencodable.positions = None
    if keep_raw_bytes:
        return [offset for offset in positions if not is_raw_byte(text[offset])]
    raw_offsets = [offset for run in RAW_BYTE_RUN.finditer(text) for offset in range(run.start(), run.end())]
    return sorted(set(positions) | set(raw_offsets))


def convert_newlines(text: str, newline: NewlineChoice) -> str:
    """``text`` with every LF, CRLF and CR turned into ``newline`` (unchanged for ``keep``)."""
    if newline == "keep":
        return text
    return ANY_LINE_BREAK.sub(NEWLINES[newline], text)


def resolve_encoding(document: DecodedDocument, options: SaveOptions) -> tuple[str, bytes]:
    """The codec and BOM bytes a save with ``options`` uses.

    Raises:
        SaveError: unknown encoding, or a BOM asked for an encoding that has none.
    """
    try:
        encoding = canonical_codec(options.encoding) if options.encoding else document.encoding
    except LookupError as error:
        raise SaveError(str(error.args[0])) from None
    wants_bom = options.bom
    if encoding in BOM_WRITING_CODECS:
        encoding = BOM_WRITING_CODECS[encoding]
        wants_bom = True if wants_bom is None else wants_bom
    if wants_bom is None:
        wants_bom = bool(document.bom) and encoding == document.encoding
    if not wants_bom:
        return encoding, b""
    if encoding not in BOM_FOR_ENCODING:
        raise SaveError(f"{encoding} has no byte order mark; save without a BOM or as UTF-8/16/32")
    return encoding, BOM_FOR_ENCODING[encoding]


def encode_document(document: DecodedDocument, text: str, options: SaveOptions = SaveOptions()) -> bytes:
    """The bytes of ``text`` saved with ``options`` for ``document``.

    Raises:
        UnrepresentableError: some characters have no encoding in the target; nothing encoded.
        SaveError: the options are impossible.
    """
    encoding, bom = resolve_encoding(document, options)
    same_encoding = encoding == document.encoding
    if text == document.text and same_encoding and bom == document.bom \
            and options.newline in ("keep", document.newline):
        return document.raw
    text = convert_newlines(text, options.newline)
    try:
        if not same_encoding:
            return bom + text.encode(encoding)
        if options.newline in ("keep", document.newline) and not document.reencodes_exactly:
            return bom + _encode_reusing_unchanged_lines(document, text)
        return bom + encode_keeping_bytes(text, encoding)
    except UnicodeEncodeError:
        pass
    offsets = find_unrepresentable(text, encoding, keep_raw_bytes=same_encoding)
    lines = LineIndex(text)
    characters = [UnrepresentableCharacter(text[offset], offset, *lines.line_column(offset))
                  for offset in offsets[:MAX_LISTED_CHARACTERS]]
    raise UnrepresentableError(encoding, characters, len(offsets))


def _encode_reusing_unchanged_lines(document: DecodedDocument, text: str) -> bytes:
    """Encode ``text``, copying the original bytes of every line it did not change.

    For codecs where several byte sequences decode to the same character, this keeps the lines a
    user did not touch byte-identical. It needs a codec whose newline byte means newline
    everywhere (ASCII-compatible ones, and 7-bit escape-sequence ones without a file header),
    and as many lines as the original; otherwise it encodes it all.
    """
    encoding = document.encoding
    body = document.raw[len(document.bom):]
    escape_codec = canonical_codec(encoding) in line_by_line_codecs()
    ascii_compatible = "\n".encode(encoding, "ignore") == b"\n" and not encoding.startswith(LINE_UNSAFE_CODECS)
    original_lines = document.text.split("\n")
    new_lines = text.split("\n")
    raw_lines = body.split(b"\n")
    if not (ascii_compatible or escape_codec) or not len(original_lines) == len(new_lines) == len(raw_lines):
        return encode_keeping_bytes(text, encoding)
    if escape_codec:
        return _encode_escape_codec_reusing_lines(encoding, text, zip(raw_lines, original_lines, new_lines,
                                                                      strict=True))
    return b"\n".join(raw if old == new else encode_keeping_bytes(new, encoding)
                      for raw, old, new in zip(raw_lines, original_lines, new_lines, strict=True))


def _encode_escape_codec_reusing_lines(encoding: str, text: str, lines: Iterable[tuple[bytes, str, str]]) -> bytes:
    """The same for an escape-sequence codec (ISO-2022, HZ), whose bytes depend on a shift state.

    Python's encoder writes its own choice of escape sequences (``ESC ( B`` where the file had the
    equivalent ``ESC ( J``), so a line it encodes may differ from the original even unchanged.
    Changed lines go through one encoder, which returns to ASCII before each newline; unchanged
    ones are copied. Whether every copied line starts and ends in that state is checked the only
    sure way, by decoding the result; if it does not read back as ``text``, all of it is encoded.
    """
    encoder = codecs.getincrementalencoder(encoding)()
    parts: list[bytes] = []
    try:
        for index, (raw, old, new) in enumerate(lines):
            newline = "\n" if index else ""
            if old == new:
                parts.append(encoder.encode(newline) + raw)
            else:
                parts.append(encoder.encode(newline + new))
        parts.append(encoder.encode("", True))
    except UnicodeEncodeError:
        return encode_keeping_bytes(text, encoding)
    data = b"".join(parts)
    try:
        reads_back = data.decode(encoding) == text
    except UnicodeDecodeError:
        reads_back = False
    return data if reads_back else encode_keeping_bytes(text, encoding)


class SaveResult(NamedTuple):
    """What a save wrote.

    Attributes:
        path: the file written; when asked to write to a symbolic link, the file it points to
            (the link itself is kept).
        backup: the new backup of the file's previous bytes, if one was made.
        stamp: what the file holds now, for the next changed-on-disk check.
        link: the symbolic link written through, if the path asked for was one.
    """

    path: Path
    backup: Path | None
    stamp: FileStamp
    link: Path | None = None


class ChangedOnDiskError(SaveError):
    """The file to overwrite no longer holds what was read from it; nothing was written."""


MAX_BACKUPS = 10_000


def backup_names(target: Path) -> Iterator[Path]:
    """Where backups of ``target`` go, in the order they are taken: ``NAME.bak``, ``NAME.bak.2``, …"""
    yield target.with_name(target.name + ".bak")
    for number in range(2, MAX_BACKUPS + 1):
        yield target.with_name(f"{target.name}.bak.{number}")


def write_atomic(path: str | os.PathLike[str], data: bytes | Iterable[bytes], *, backup: bool = False) -> SaveResult:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    ``data`` may come in pieces (an iterable of bytes), written as they come: a big export never
    holds its whole encoding, and a worker encodes a piece at a time. Whatever the iterable raises
    (a cancel) leaves the file as it was, like any failure.

    The temporary file is fsynced and renamed over the file (an atomic step on POSIX and Windows),
    so readers see either the old or the new file, never a partial one. A symbolic link is written
    through: the file it points to gets the new bytes and the link stays a link. When ``backup``
    and the file exists, its old bytes are kept under the first free name of
    :func:`backup_names`; an existing backup is never overwritten, so the oldest one keeps the
    file as it first was. Everything is written and synced to temporary files first and only then
    renamed into place, so a full disk or any other failure leaves the file and every backup as
    they were.

    Raises:
        SaveError: the folder is missing or read-only, the disk is full, or any other OS failure.
            The file and its backups are then unchanged and no temporary file is left.
    """
    asked = Path(path)
    link = asked if asked.is_symlink() else None
    target = Path(os.path.realpath(asked)) if link is not None else asked
    if _is_read_only(target):
        raise SaveError(f"could not save {target}: the file is read-only; the file on disk is unchanged "
                        "(make it writable, or save under another name)")
    backup_path: Path | None = None
    staged: list[Path] = []
    try:
        new = _stage(target, data, like=target if target.exists() else None)
        staged.append(new.path)
        if backup and target.is_file():
            staged.append(old := _stage(target, target.read_bytes(), like=target).path)
            backup_path = _place_under_new_name(old, backup_names(target))
            staged.remove(old)
        os.replace(new.path, target)
        staged.remove(new.path)
    except OSError as error:
        reason = error.strerror or str(error)
        raise SaveError(f"could not save {target}: {reason}; the file on disk is unchanged") from error
    finally:
        for temporary in staged:
            with contextlib.suppress(OSError):
                temporary.unlink()
        if staged and backup_path is not None:  # the file was not replaced: its backup is a spare copy
            with contextlib.suppress(OSError):
                backup_path.unlink()
    _fsync_folder(target.parent)
    return SaveResult(target, backup_path, stamp_written(target, new.size, new.digest), link)


def _is_read_only(target: Path) -> bool:
    """Whether ``target`` is an existing file its owner made read-only (no write permission, or
    none for anyone: root may write anything, but a 0444 file says "leave me alone"). Renaming a
    new file over it would succeed, in a writable folder, and silently replace it."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False  # missing (a new file), or staging says what is wrong
    return stat.S_ISREG(mode) and (not stat.S_IMODE(mode) & 0o222 or not os.access(target, os.W_OK))


def _place_under_new_name(staged: Path, names: Iterator[Path]) -> Path:
    """Rename ``staged`` to the first of ``names`` that does not exist, never replacing a file.

    The name is claimed by creating it exclusively, then the staged file is renamed over the
    empty claim, so two saves at once cannot take the same name.

    Raises:
        OSError: no name is free, or the folder refuses.
    """
    for name in names:
        try:
            os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            continue
        try:
            os.replace(staged, name)
        except BaseException:
            with contextlib.suppress(OSError):
                name.unlink()
            raise
        return name
    raise OSError(errno.EEXIST, f"every backup name up to {MAX_BACKUPS} is taken")


class _Staged(NamedTuple):
    """A temporary file written in full: where it is, and its size and digest (for the stamp)."""

    path: Path
    size: int
    digest: bytes


def _stage(target: Path, data: bytes | Iterable[bytes], *, like: Path | None) -> _Staged:
    """Write ``data`` to a new synced temporary file next to ``target``, with the permissions of
    ``like`` if given. On any failure (or whatever ``data`` raises) the temporary file is removed."""
    handle, temporary_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(temporary_name)
    digest = stamp_hasher()
    size = 0
    try:
        with os.fdopen(handle, "wb") as stream:
            for piece in [data] if isinstance(data, bytes) else data:
                stream.write(piece)
                digest.update(piece)
                size += len(piece)
            stream.flush()
            os.fsync(stream.fileno())
        if like is not None:
            shutil.copymode(like, temporary)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return _Staged(temporary, size, digest.digest())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (best effort); folders cannot be opened for this on Windows."""
    if os.name != "posix":
        return
    # The rename is done and the file holds the new bytes; a folder that cannot be synced (some
    # network and FUSE file systems refuse) must not turn a completed save into a reported failure.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def save_document(document: DecodedDocument, text: str, path: str | os.PathLike[str],
                  options: SaveOptions = SaveOptions(), *, expected: FileStamp | None = None) -> SaveResult:
    """Encode ``text`` for ``document`` and write it to ``path`` atomically (:func:`write_atomic`).

    A backup is made only when ``path`` is the document's own file and ``options.backup``.

    Args:
        document: the document the text comes from.
        text: the text to write.
        path: where to write it.
        options: encoding, BOM, newlines and backup.
        expected: what ``path`` must still hold (a stamp taken when it was read); None writes
            whatever the file holds now.

    Raises:
        UnrepresentableError: nothing was written.
        ChangedOnDiskError: ``path`` does not hold what ``expected`` says; nothing was written.
        SaveError: nothing was changed on disk.
    """
    data = encode_document(document, text, options)
    target = Path(path)
    if expected is not None:
        state = disk_state(target, expected)
        if state is DiskState.MISSING:
            raise ChangedOnDiskError(f"{target} was deleted or moved since it was read; nothing was written")
        if state is DiskState.CHANGED:
            raise ChangedOnDiskError(f"{target} was changed by another program since it was read; "
                                     "nothing was written")
    return write_atomic(target, data, backup=options.backup and overwrites_input(document, target))


def overwrites_input(document: DecodedDocument, path: str | os.PathLike[str]) -> bool:
    """Whether writing to ``path`` would replace the file ``document`` was read from (also when
    that file has since been deleted)."""
    if document.path is None:
        return False
    try:
        return os.path.samefile(path, document.path)
    except OSError:
        return os.path.realpath(path) == os.path.realpath(document.path)
