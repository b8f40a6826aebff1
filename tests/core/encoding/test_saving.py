"""Saving: target encodings, BOM and newline options, refusals, atomic writes and backups."""

from __future__ import annotations

import codecs
import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from glyphwash.core.cancel import Cancelled
from glyphwash.core.encoding import saving
from glyphwash.core.encoding.decoding import decode_bytes
from glyphwash.core.encoding.disk import DiskState, disk_state
from glyphwash.core.encoding.loading import load_file
from glyphwash.core.encoding.saving import (
    ChangedOnDiskError,
    SaveError,
    SaveOptions,
    UnrepresentableError,
    convert_newlines,
    encode_document,
    save_document,
    write_atomic,
)


def test_unchanged_text_is_written_back_byte_for_byte() -> None:
    data = codecs.BOM_UTF8 + b"mixed\r\nnew\nlines\r"
    document = decode_bytes(data)
    assert encode_document(document, document.text) == data


def test_changed_text_keeps_encoding_bom_and_newlines() -> None:
    document = decode_bytes(codecs.BOM_UTF16_LE + "Korеa\r\n".encode("utf-16-le"))
    out = encode_document(document, "Korea\r\n")
    assert out == codecs.BOM_UTF16_LE + "Korea\r\n".encode("utf-16-le")


@pytest.mark.parametrize(("newline", "expected"), [
    ("keep", "a\r\nb\rc\n"), ("lf", "a\nb\nc\n"), ("crlf", "a\r\nb\r\nc\r\n"), ("cr", "a\rb\rc\r"),
])
def test_newline_conversion(newline: saving.NewlineChoice, expected: str) -> None:
    assert convert_newlines("a\r\nb\rc\n", newline) == expected


def test_convert_to_another_encoding_and_bom_choices() -> None:
    document = decode_bytes("Grüße\n".encode("cp1252"), encoding="cp1252")
    assert encode_document(document, document.text, SaveOptions(encoding="utf-8")) == "Grüße\n".encode()
    assert encode_document(document, document.text, SaveOptions(encoding="utf-8", bom=True)) \
        == codecs.BOM_UTF8 + "Grüße\n".encode()
    assert encode_document(document, document.text, SaveOptions(encoding="utf-16")) \
        == codecs.BOM_UTF16_LE + "Grüße\n".encode("utf-16-le")
    bom_document = decode_bytes(codecs.BOM_UTF8 + b"x")
    assert encode_document(bom_document, "y", SaveOptions(bom=False)) == b"y"
    with pytest.raises(SaveError, match="no byte order mark"):
        encode_document(document, document.text, SaveOptions(bom=True))
    with pytest.raises(SaveError, match="unknown encoding"):
        encode_document(document, document.text, SaveOptions(encoding="nope"))


def test_unrepresentable_characters_are_listed_never_replaced() -> None:
    document = decode_bytes(b"plain\n", encoding="cp1252")
    with pytest.raises(UnrepresentableError) as caught:
        encode_document(document, "ok\nKorеa and ѕрасе\n")
    error = caught.value
    assert error.count == 6
    first = error.characters[0]
    assert (first.char, first.line, first.column) == ("е", 2, 4)
    assert "U+0435 CYRILLIC SMALL LETTER IE at line 2, column 4" in str(error)
    assert "UTF-8" in str(error)


def test_undecodable_bytes_cannot_be_converted_to_another_encoding() -> None:
    document = decode_bytes(b"ab\xffc", encoding="utf-8")
    assert encode_document(document, document.text + "!") == b"ab\xffc!"
    with pytest.raises(UnrepresentableError, match="undecodable byte 0xFF at line 1, column 3"):
        encode_document(document, document.text, SaveOptions(encoding="utf-16-le"))


def test_save_over_the_input_keeps_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(b"old\n")
    path.chmod(0o640)
    document = load_file(path)
    backup = save_document(document, "new\n", path).backup
    assert path.read_bytes() == b"new\n"
    assert backup == tmp_path / "note.txt.bak"
    assert backup.read_bytes() == b"old\n"
    assert (path.stat().st_mode & 0o777) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.txt", "note.txt.bak"]
    assert save_document(load_file(path), "newer\n", path, SaveOptions(backup=False)).backup is None
    assert backup.read_bytes() == b"old\n"


def test_save_elsewhere_makes_no_backup(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_bytes(b"x\n")
    target = tmp_path / "out.txt"
    target.write_bytes(b"earlier output\n")
    assert save_document(load_file(source), "y\n", target).backup is None
    assert target.read_bytes() == b"y\n"
    assert source.read_bytes() == b"x\n"


@pytest.mark.parametrize("failing_step", ["write", "fsync", "replace"])
def test_failure_at_any_step_leaves_everything_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      failing_step: str) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(b"original\n")

    def no_space(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if failing_step == "write":
        real_fdopen = os.fdopen

        class FullStream:
            def __init__(self, *args: object, **kwargs: object) -> None:
                self._stream = real_fdopen(*args, **kwargs)  # type: ignore[call-overload]

            def __enter__(self) -> FullStream:
                return self

            def __exit__(self, *exc: object) -> None:
                self._stream.close()

            def write(self, data: bytes) -> None:
                no_space()

        monkeypatch.setattr(saving.os, "fdopen", FullStream)
    else:
        monkeypatch.setattr(saving.os, failing_step, no_space)
    with pytest.raises(SaveError, match="No space left on device; the file on disk is unchanged"):
        save_document(load_file(path), "changed\n", path)
    assert path.read_bytes() == b"original\n"
    leftovers = sorted(p.name for p in tmp_path.iterdir())
    assert leftovers in (["note.txt"], ["note.txt", "note.txt.bak"])
    if "note.txt.bak" in leftovers:
        assert (tmp_path / "note.txt.bak").read_bytes() == b"original\n"


def test_read_only_folder_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(saving.tempfile, "mkstemp", read_only)
    with pytest.raises(SaveError, match="Permission denied"):
        write_atomic(tmp_path / "out.txt", b"x")
    assert list(tmp_path.iterdir()) == []


def test_untouched_lines_keep_their_bytes_in_ambiguous_codecs() -> None:
    # In CP932 both 0x8790 and 0x81E0 decode to U+2252 '≒'; encoding writes 0x81E0.
    data = b"\x87\x90 first line\nKor\x84ua\n"
    document = decode_bytes(data, encoding="cp932")
    assert not document.reencodes_exactly
    changed = document.text.replace("\u0435", "e")
    assert encode_document(document, changed) == b"\x87\x90 first line\nKorea\n"


def test_a_second_save_keeps_the_first_backup(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(b"original\n")
    first = save_document(load_file(path), "first save\n", path).backup
    second = save_document(load_file(path), "second save\n", path).backup
    assert first == tmp_path / "note.txt.bak" and first.read_bytes() == b"original\n"
    assert second == tmp_path / "note.txt.bak.2" and second.read_bytes() == b"first save\n"
    assert path.read_bytes() == b"second save\n"


def test_backup_names_skip_every_taken_name(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(b"now\n")
    for name in ("note.txt.bak", "note.txt.bak.2", "note.txt.bak.3"):
        (tmp_path / name).write_bytes(name.encode())
    assert write_atomic(path, b"new\n", backup=True).backup == tmp_path / "note.txt.bak.4"
    assert [(tmp_path / name).read_bytes() for name in ("note.txt.bak", "note.txt.bak.2", "note.txt.bak.3",
                                                        "note.txt.bak.4")] == \
        [b"note.txt.bak", b"note.txt.bak.2", b"note.txt.bak.3", b"now\n"]


def test_saving_to_a_symbolic_link_writes_through_it(tmp_path: Path) -> None:
    real = tmp_path / "data" / "real.txt"
    real.parent.mkdir()
    real.write_bytes("Korеa\n".encode())
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    saved = save_document(load_file(link), "Korea\n", link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == b"Korea\n"
    assert saved.path == real and saved.link == link
    assert saved.backup == real.parent / "real.txt.bak" and saved.backup.read_bytes() == "Korеa\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "link.txt"]


@pytest.mark.parametrize("meanwhile", ["changed", "deleted"])
def test_expected_stamp_refuses_a_file_changed_since_reading(tmp_path: Path, meanwhile: str) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes("Korеa\n".encode())
    document = load_file(path)
    if meanwhile == "changed":
        path.write_bytes("Korеa, and more written by another program\n".encode())
    else:
        path.unlink()
    with pytest.raises(ChangedOnDiskError, match="nothing was written"):
        save_document(document, "Korea\n", path, expected=document.stamp)
    assert sorted(p.name for p in tmp_path.iterdir()) == ([] if meanwhile == "deleted" else ["note.txt"])
    if meanwhile == "changed":
        assert path.read_bytes() == "Korеa, and more written by another program\n".encode()
    save_document(load_file(tmp_path / "note.txt") if meanwhile == "changed" else document, "Korea\n", path,
                  expected=None)
    assert path.read_bytes() == b"Korea\n"


def test_the_saved_stamp_matches_the_file(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes("Korеa\n".encode())
    saved = save_document(load_file(path), "Korea\n", path)
    assert disk_state(path, saved.stamp) is DiskState.UNCHANGED


def test_bytes_in_pieces_are_written_as_they_come_and_stamped_whole(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    saved = saving.write_atomic(path, iter([b"<p>", b"", "Korеa".encode(), b"</p>\n"]))
    assert path.read_bytes() == "<p>Korеa</p>\n".encode()
    assert saved.stamp.size == len(path.read_bytes())
    assert disk_state(path, saved.stamp) is DiskState.UNCHANGED


def test_pieces_that_stop_half_way_leave_the_file_as_it_was(tmp_path: Path) -> None:
    """A cancelled export: the iterable raises after some pieces were written to the temporary file."""
    path = tmp_path / "report.html"
    path.write_bytes(b"the earlier report\n")

    def pieces() -> Iterator[bytes]:
        yield b"half of a "
        raise Cancelled

    with pytest.raises(Cancelled):
        saving.write_atomic(path, pieces())
    assert path.read_bytes() == b"the earlier report\n"
    assert [child.name for child in tmp_path.iterdir()] == ["report.html"]  # no temporary file left


def test_a_read_only_file_is_never_replaced(tmp_path: Path) -> None:
    # Renaming a new file over it would work in a writable folder: a 0444 file says "leave me alone"
    # (to root too), so the save is refused and nothing is left behind.
    target = tmp_path / "locked.txt"
    target.write_bytes(b"Kor\xd0\xb5a\n")
    target.chmod(0o444)
    try:
        with pytest.raises(SaveError, match="the file is read-only; the file on disk is unchanged"):
            write_atomic(target, b"Korea\n", backup=True)
        assert target.read_bytes() == b"Kor\xd0\xb5a\n"
        assert sorted(path.name for path in tmp_path.iterdir()) == ["locked.txt"]
        write_atomic(tmp_path / "new.txt", b"fresh\n")  # a new file, or a writable one, is written
        assert (tmp_path / "new.txt").read_bytes() == b"fresh\n"
    finally:
        target.chmod(0o644)
