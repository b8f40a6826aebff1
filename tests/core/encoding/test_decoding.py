"""Loading: BOMs, UTF-8, detection, undecodable bytes, binary refusal and file errors."""

from __future__ import annotations

import bz2
import codecs
import lzma
import marshal
import os
import random
import sys
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_detection import CASES, CHINESE, ENGLISH, FRENCH, GERMAN, JAPANESE, RUSSIAN

from glyphwash.core.encoding.decoding import (
    BinaryFileError,
    EmptyFileError,
    LoadError,
    LooksBinaryError,
    UnsupportedEncodingError,
    decode_bytes,
    detect_newline,
)
from glyphwash.core.encoding.loading import load_file
from glyphwash.core.encoding.rawbytes import encode_keeping_bytes
from glyphwash.core.encoding.saving import encode_document

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


# --------------------------------------------------------------------------------------------------
# Binary data by its content


def _random(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


def _compressed() -> dict[str, bytes]:
    """Compressed data with its format's signature cut off: what is left is near-random."""
    source = Path(codecs.__file__).read_bytes()  # ~40 KB of Python, present wherever Python is
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    return {
        "raw-deflate": deflate.compress(source) + deflate.flush(),
        "zlib-without-header": zlib.compress(source)[2:],
        "gzip-without-header": __import__("gzip").compress(source)[10:],
        "bz2-without-magic": bz2.compress(source)[4:],
        "xz-without-magic": lzma.compress(source)[6:],
        "raw-lzma2": lzma.compress(source, format=lzma.FORMAT_RAW, filters=[{"id": lzma.FILTER_LZMA2}]),
    }


def _photo(width: int = 96, height: int = 96) -> bytes:
    """Raw RGB pixels of a noisy gradient, as in a headerless bitmap."""
    noise = random.Random(7)
    return bytes((x * 3 + y * 2 + channel * 85 + noise.randint(-24, 24)) % 256
                 for y in range(height) for x in range(width) for channel in range(3))


BINARY_SOUPS = {
    **_compressed(),
    "executable-without-header": Path(sys.executable).resolve().read_bytes()[4096:4096 + 65536],
    "marshalled-code": marshal.dumps(compile(Path(codecs.__file__).read_text(encoding="utf-8"), "codecs", "exec")),
    "raw-rgb-pixels": _photo(),
    "png-pixel-stream": zlib.compress(_photo(32, 32))[2:],
}


@pytest.mark.parametrize("size", [64, 100, 256, 1024, 4096, 65536, 1 << 20])
def test_random_bytes_look_binary(size: int) -> None:
    for seed in range(40 if size <= 4096 else 2):
        data = _random(size, seed)
        with pytest.raises(BinaryFileError, match=r"binary|control bytes"):
            decode_bytes(data)


@pytest.mark.parametrize("name", sorted(BINARY_SOUPS))
def test_compressed_executable_and_image_data_look_binary(name: str) -> None:
    with pytest.raises(BinaryFileError, match=r"binary|control bytes"):
        decode_bytes(BINARY_SOUPS[name])


def test_the_binary_guess_says_why_and_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "blob.dat"
    path.write_bytes(_random(4096, 1))
    with pytest.raises(LooksBinaryError) as refused:
        load_file(path)
    assert str(refused.value).startswith(f"{path}: this looks like binary data, not text: ")
    assert "control bytes or NULs" in str(refused.value)


@pytest.mark.parametrize("data", [_random(64, 3), _random(4096, 4), BINARY_SOUPS["raw-deflate"]],
                         ids=["random-64", "random-4k", "deflate"])
def test_binary_looking_bytes_open_on_request_and_save_back_unchanged(data: bytes) -> None:
    document = decode_bytes(data, open_binary=True)
    assert document.detected_by == "detection"
    assert encode_document(document, document.text) == data
    assert document.bom + encode_keeping_bytes(document.text, document.encoding) == data


TEXTS_THAT_STAY_TEXT = {
    **{f"{text.split()[0]}-{encoding}": text.encode(encoding) for text, encoding in CASES},
    **{f"{text.split()[0]}-{encoding}-16-bytes": text.encode(encoding)[:16] for text, encoding in CASES},
    "nul-padded-cp1251": RUSSIAN.encode("cp1251") + bytes(4096),
    "nul-block-then-cp1252": bytes(512) + FRENCH.encode("cp1252") + bytes(3),
    "utf-16-le-japanese-no-bom": JAPANESE.encode("utf-16-le"),
    "utf-16-be-chinese-no-bom": CHINESE.encode("utf-16-be"),
    "utf-16-le-russian-no-bom": RUSSIAN.encode("utf-16-le"),
    "utf-32-be-english-no-bom": ENGLISH.encode("utf-32-be"),
    "form-feeds-cp1252": ("\f".join([GERMAN, FRENCH, GERMAN]) + "\f").encode("cp1252"),
    "ansi-escapes-cp1252": f"\x1b[1;31m{FRENCH}\x1b[0m\n\x1b[32m{GERMAN}\x1b(B\x1b[m\n".encode("cp1252"),
    "one-bell-in-cp1251": (RUSSIAN + "\x07" + RUSSIAN).encode("cp1251"),
    "latin-1-letter": b"\xe9", "latin-1-word": "café".encode("latin-1"), "one-high-byte": b"\x80",
}


@pytest.mark.parametrize("name", sorted(TEXTS_THAT_STAY_TEXT))
def test_text_in_any_encoding_is_not_called_binary(name: str) -> None:
    data = TEXTS_THAT_STAY_TEXT[name]
    document = decode_bytes(data)
    assert encode_document(document, document.text) == data


@pytest.mark.parametrize(("text", "encoding"),
                         [(JAPANESE, "utf-16-le"), (CHINESE, "utf-16-be"), (JAPANESE, "utf-32-le")],
                         ids=["japanese-utf-16-le", "chinese-utf-16-be", "japanese-utf-32-le"])
def test_bomless_utf16_cjk_is_read_as_utf16(text: str, encoding: str) -> None:
    # Few NULs (no NUL pattern) and many control bytes (U+3002 is 02 30): once read as nonsense.
    document = decode_bytes(text.encode(encoding))
    assert (document.encoding, document.text) == (encoding, text)


@settings(max_examples=100, deadline=None)
@given(st.binary(min_size=1, max_size=400))
def test_binary_looking_bytes_always_open_on_request(data: bytes) -> None:
    try:
        document = decode_bytes(data, open_binary=True)
    except LooksBinaryError:
        raise
    except (BinaryFileError, UnsupportedEncodingError):
        return  # a file signature or only control bytes: still refused
    assert encode_document(document, document.text) == data
