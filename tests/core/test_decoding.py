"""Loading: BOMs, UTF-8, detection, undecodable bytes, binary refusal and file errors."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glyphwash.core.decoding import (
    BinaryFileError,
    EmptyFileError,
    LoadError,
    UnsupportedEncodingError,
    decode_bytes,
    detect_newline,
    load_file,
)
from glyphwash.core.rawbytes import encode_keeping_bytes
from glyphwash.core.saving import encode_document

SENTENCE = "Grüße aus Köln — “quoted” € 10\n"


@pytest.mark.parametrize(("bom", "encoding"), [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_bom_decides_encoding_and_is_kept_apart(bom: bytes, encoding: str) -> None:
    document = decode_bytes(bom + SENTENCE.encode(encoding))
    assert (document.encoding, document.bom, document.text) == (encoding, bom, SENTENCE)
    assert document.detected_by == "bom"
    assert document.confidence == 1.0


def test_valid_utf8_wins_over_detection() -> None:
    document = decode_bytes("Korеa’s support\n".encode())
    assert document.encoding == "utf-8"
    assert document.detected_by == "utf-8"
    assert document.decode_errors == ()


@pytest.mark.parametrize(("text", "style"), [
    ("a\nb\n", "lf"), ("a\r\nb\r\n", "crlf"), ("a\rb\r", "cr"), ("a\r\nb\n", "mixed"),
    ("a\rb\n", "mixed"), ("no newline", "none"),
])
def test_newline_style(text: str, style: str) -> None:
    assert detect_newline(text) == style
    assert decode_bytes(text.encode()).newline == style


def test_invalid_utf8_bytes_are_reported_and_kept() -> None:
    data = b"caf" + b"\xe9" + b" ok " + b"\xff\xfe" + b"\n"
    document = decode_bytes(data, encoding="utf-8")
    assert [(issue.offset, issue.byte_offset, issue.data) for issue in document.decode_errors] == [
        (3, 3, b"\xe9"), (8, 8, b"\xff\xfe")]
    assert encode_document(document, document.text) == data


def test_surrogates_encoded_as_utf8_are_kept() -> None:
    data = b"a\xed\xa0\x80b"  # CESU-8 / WTF-8 style surrogate
    document = decode_bytes(data, encoding="utf-8")
    assert len(document.decode_errors) == 1
    assert document.decode_errors[0].data == b"\xed\xa0\x80"
    assert encode_document(document, document.text) == data


def test_truncated_utf16_keeps_the_odd_byte() -> None:
    data = codecs.BOM_UTF16_LE + "hi".encode("utf-16-le") + b"A"
    document = decode_bytes(data)
    assert document.decode_errors[0].data == b"A"
    assert encode_document(document, document.text) == data


def test_reinterpret_as_another_codec() -> None:
    data = "Привет, мир\n".encode("koi8-r")
    document = decode_bytes(data, encoding="koi8-r")
    assert document.text == "Привет, мир\n"
    assert document.detected_by == "user"
    assert decode_bytes(data, encoding="latin-1").text != document.text


def test_reinterpret_with_bom_of_that_family_strips_it() -> None:
    data = codecs.BOM_UTF16_BE + "x".encode("utf-16-be")
    assert decode_bytes(data, encoding="utf-16").text == "x"
    assert decode_bytes(data, encoding="utf-16").encoding == "utf-16-be"


def test_unknown_codec_is_a_clear_error() -> None:
    with pytest.raises(LookupError, match=r"unknown encoding 'klingon'"):
        decode_bytes(b"abc", encoding="klingon")
    with pytest.raises(LookupError, match="not a text encoding"):
        decode_bytes(b"abc", encoding="base64")


def test_empty_is_refused() -> None:
    with pytest.raises(EmptyFileError, match="empty"):
        decode_bytes(b"")


@pytest.mark.parametrize(("data", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (b"PK\x03\x04\x14\x00\x00\x00", "ZIP archive"),
    (b"\x7fELF\x02\x01\x01\x00" + bytes(40), "ELF executable"),
    (bytes(range(1, 32)) * 20, "control bytes"),
    (bytes(100), "only NUL bytes"),
])
def test_binary_is_refused_with_what_it_is(data: bytes, message: str) -> None:
    with pytest.raises(BinaryFileError, match=message):
        decode_bytes(data)


def test_text_padded_with_nul_bytes_still_loads() -> None:
    data = bytes(200) + b"<html>plain text</html>\n"
    document = decode_bytes(data)
    assert document.text.endswith("plain text</html>\n")
    assert encode_document(document, document.text) == data


def test_file_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="does not exist"):
        load_file(tmp_path / "missing.txt")
    with pytest.raises(LoadError, match="is a folder"):
        load_file(tmp_path)
    loop = tmp_path / "loop"
    os.symlink(loop, loop)
    with pytest.raises(LoadError, match="link loop"):
        load_file(loop)
    dangling = tmp_path / "dangling"
    os.symlink(tmp_path / "gone", dangling)
    with pytest.raises(LoadError, match="link to a file that does not exist"):
        load_file(dangling)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(EmptyFileError, match=r"empty\.txt: the file is empty"):
        load_file(empty)


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True,
                    reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    with pytest.raises(LoadError, match="permission denied"):
        load_file(path)


def test_unreadable_file_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x")

    def deny(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", deny)
    with pytest.raises(LoadError, match="permission denied"):
        load_file(path)


def test_large_file_warns(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2000)
    assert load_file(path, warn_size=1000).warnings
    assert not load_file(path, warn_size=5000).warnings


ENCODINGS = ["utf-8", "cp1252", "cp1251", "koi8-r", "iso-8859-7", "shift_jis", "gb18030", "utf-16-le",
             "big5", "euc-kr"]


@settings(max_examples=200, deadline=None)
@given(data=st.binary(min_size=1, max_size=300), encoding=st.sampled_from(ENCODINGS))
def test_any_bytes_round_trip_in_any_encoding(data: bytes, encoding: str) -> None:
    document = decode_bytes(data, encoding=encoding)
    assert encode_document(document, document.text) == data
    # Encoding the text itself, not the saver's shortcut for an unchanged text, restores the
    # bytes as well for the codecs that map bytes to text one to one.
    if encoding in ("utf-8", "cp1252", "koi8-r", "utf-16-le"):
        assert document.bom + encode_keeping_bytes(document.text, document.encoding) == data


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=1, max_size=400))
def test_detection_never_raises_and_round_trips(data: bytes) -> None:
    try:
        document = decode_bytes(data)
    except (BinaryFileError, UnsupportedEncodingError):
        return
    assert encode_document(document, document.text) == data
