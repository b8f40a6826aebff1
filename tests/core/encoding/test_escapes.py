"""Escape-sequence encodings (ISO-2022-JP/KR/CN, HZ): recognised, read, cleaned and saved intact."""

from __future__ import annotations

import sysconfig
from pathlib import Path

import pytest
from helpers.cli_streams import Streams, write

from glyphwash.core.changes import apply_changes
from glyphwash.core.encoding.decoding import UnsupportedEncodingError, decode_bytes
from glyphwash.core.encoding.escapes import (
    ISO_2022_CN,
    ISO_2022_JP,
    ISO_2022_KR,
    recognise_escape_encoding,
    scan_escapes,
)
from glyphwash.core.encoding.saving import encode_document
from glyphwash.core.engine import EngineConfig, analyze

# One sample per Python codec, each using what sets that codec adds (ISO-2022-JP-2: Korean, GB 2312
# and Latin; -2004/-3: JIS X 0213; -EXT: half-width katakana; -1: JIS X 0212).
SAMPLES: dict[str, tuple[str, str]] = {
    "iso2022_jp": ("ISO-2022-JP",
                   "日本語のテキストです。カタカナ、ひらがな、漢字。\nPython の開発は 1990 年ごろから。\n"),
    "iso2022_jp_1": ("ISO-2022-JP-1", "日本語と補助漢字「丂丄」のテキスト。\n"),
    "iso2022_jp_2": ("ISO-2022-JP-2", "日本語、한국어、中文「啊」、café、αβγ。\n二行目です。\n"),
    "iso2022_jp_2004": ("ISO-2022-JP-2004", "日本語と第三水準「俱剝𠂉」のテキスト。\n"),
    "iso2022_jp_3": ("ISO-2022-JP-3", "日本語と第三水準「丨丩丬」のテキスト。\n"),
    "iso2022_jp_ext": ("ISO-2022-JP-EXT", "日本語と半角カナ「ｱｲｳｴｵ」のテキスト。\n"),
    "iso2022_kr": ("ISO-2022-KR", "한국어 텍스트입니다. 가나다라.\n두 번째 줄.\n"),
    "hz": ("HZ-GB-2312", "中文文本。这是第二句。\nASCII and ~ tilde and 汉字\n"),
}
CJK_ENCODINGS = Path(sysconfig.get_paths()["stdlib"]) / "test" / "cjkencodings"
# "中文" in ISO-2022-CN: GB 2312 designated into G1, shifted in with SO and out with SI.
ISO_2022_CN_BYTES = b"\x1b$)A\x0eVPND\x0f text\n\x0eVPND\x0f\n"


@pytest.fixture
def streams() -> Streams:
    return Streams()


def clean(tmp_path: Path, data: bytes, *options: str) -> tuple[int, bytes | None, str]:
    """Run ``glyphwash clean`` on ``data``: exit status, the output (None if none) and stderr."""
    source = write(tmp_path / "in.txt", data)
    target = tmp_path / "out.txt"
    target.unlink(missing_ok=True)
    streams = Streams()
    code = streams.run("clean", source, "-o", target, *options)
    return code, target.read_bytes() if target.exists() else None, streams.err


def cjk(text: str) -> list[str]:
    return [char for char in text if ord(char) >= 0x2E80]


@pytest.mark.parametrize("codec", sorted(SAMPLES))
def test_escape_encodings_are_recognised_and_round_trip_through_clean(tmp_path: Path, codec: str) -> None:
    name, text = SAMPLES[codec]
    data = text.encode(codec)
    document = decode_bytes(data)
    assert (document.encoding, document.detected_by, document.text) == (name, "escape sequences", text)
    code, cleaned, _err = clean(tmp_path, data)
    assert code == 0 and cleaned is not None
    assert cjk(cleaned.decode(codec)) == cjk(text)
    code, untouched, _err = clean(tmp_path, data, "--rules", "none")
    assert code == 0 and untouched == data


@pytest.mark.parametrize(("name", "codec"), [("iso2022_jp", "iso2022_jp"), ("iso2022_kr", "iso2022_kr"),
                                             ("hz", "hz")])
def test_cpython_cjkencodings_files_round_trip(tmp_path: Path, name: str, codec: str) -> None:
    source, twin = CJK_ENCODINGS / f"{name}.txt", CJK_ENCODINGS / f"{name}-utf8.txt"
    if not source.is_file() or not twin.is_file():
        pytest.skip(f"CPython's test/cjkencodings/{name}.txt is not installed")
    data, text = source.read_bytes(), twin.read_text(encoding="utf-8")
    document = decode_bytes(data)
    assert document.text == text and document.detected_by == "escape sequences"
    code, cleaned, _err = clean(tmp_path, data)
    assert code == 0 and cleaned is not None
    assert cjk(cleaned.decode(codec)) == cjk(text)
    assert clean(tmp_path, data, "--rules", "none")[1] == data


@pytest.mark.parametrize("codec", ["iso2022_jp", "iso2022_jp_2", "iso2022_kr"])
def test_forced_utf8_keeps_every_escape_and_shift_and_warns(tmp_path: Path, codec: str) -> None:
    data = SAMPLES[codec][1].encode(codec)
    code, cleaned, err = clean(tmp_path, data, "--in-encoding", "utf-8")
    assert code == 0 and cleaned == data
    family = ISO_2022_KR if codec == "iso2022_kr" else ISO_2022_JP
    assert f"holds {family} escape sequences" in err and f"reinterpret it as {family}" in err
    document = decode_bytes(data, encoding="utf-8")
    assert document.warnings and family in document.warnings[0]
    assert [change.rule for change in analyze(document.text, EngineConfig()).changes] == []


def test_forced_ascii_hz_warns(tmp_path: Path) -> None:
    data = SAMPLES["hz"][1].encode("hz")
    code, cleaned, err = clean(tmp_path, data, "--in-encoding", "ascii")
    assert code == 0 and cleaned == data
    assert "looks like HZ-GB-2312" in err


def test_iso2022_inside_utf8_text_keeps_its_escapes() -> None:
    # A UTF-8 mailbox holding one ISO-2022-JP message: not 7-bit, so read as UTF-8 as a whole.
    text = "Grüße\n" + "日本語\n".encode("iso2022_jp").decode("ascii") + "zero\u200bwidth\n"
    analysis = analyze(text, EngineConfig())
    assert [change.original for change in analysis.changes] == ["\u200b"]
    assert "ISO-2022-JP" in decode_bytes(text.encode()).warnings[0]


def test_ansi_colours_in_a_utf8_log_are_treated_as_before() -> None:
    # ESC [ … m and the terminals' sgr0 reset ESC ( B are not ISO-2022 text: their ESC is removed.
    text = "\x1b[31mrot\x1b(B\x1b[m — Grüße\n"
    assert scan_escapes(text) is None
    changes = analyze(text, EngineConfig()).changes
    assert [change.offset for change in changes] == [0, 8, 11]
    assert decode_bytes(text.encode()).warnings == ()


def test_scan_names_the_family_and_the_controls_that_belong_to_it() -> None:
    jp = "a\x1b$BF|\x1b(B \x1b[0m"
    scan = scan_escapes(jp)
    assert scan is not None and scan.family == ISO_2022_JP and scan.first == "ESC $ B"
    assert scan.controls == {1, 6}  # not the ESC of the colour reset
    kr = "\x1b$)C\x0e0!\x0f \x0e0!\x0f"
    scan = scan_escapes(kr)
    assert scan is not None and scan.family == ISO_2022_KR
    assert scan.controls == {0, 4, 7, 9, 12}
    cn = ISO_2022_CN_BYTES.decode("ascii")
    scan = scan_escapes(cn)
    assert scan is not None and scan.family == ISO_2022_CN
    assert scan.controls == {index for index, char in enumerate(cn) if char in "\x1b\x0e\x0f"}


@pytest.mark.parametrize("data", [
    b"plain ASCII\n", b"echo ~{a,b} ~/home\n", b"~{~} and ~~\n", b"\x1b(Bsgr0 only\x1b[m\n",
    "日本語".encode() + "日本".encode("iso2022_jp"),  # not 7-bit
    b"\x1b$BF|K", b"\x1b$B\x7f\x7f\x1b(B\n",  # half a pair; an unassigned cell
], ids=["ascii", "shell-braces", "empty-hz", "sgr0", "not-7-bit", "truncated", "unassigned"])
def test_not_recognised_without_valid_escape_text(data: bytes) -> None:
    assert recognise_escape_encoding(data) is None


def test_iso2022_cn_is_named_and_refused_and_its_bytes_survive_forced_reading(tmp_path: Path) -> None:
    recognised = recognise_escape_encoding(ISO_2022_CN_BYTES)
    assert recognised is not None and (recognised.name, recognised.codec) == (ISO_2022_CN, None)
    with pytest.raises(UnsupportedEncodingError, match=r"ISO-2022-CN .*no codec.*iconv -f ISO-2022-CN"):
        decode_bytes(ISO_2022_CN_BYTES)
    code, cleaned, err = clean(tmp_path, ISO_2022_CN_BYTES)
    assert code == 2 and cleaned is None and "ISO-2022-CN" in err
    code, cleaned, err = clean(tmp_path, ISO_2022_CN_BYTES, "--in-encoding", "ascii")
    assert code == 0 and cleaned == ISO_2022_CN_BYTES
    assert "holds ISO-2022-CN escape sequences" in err and "iconv" in err


def test_saving_a_changed_line_keeps_the_other_lines_escape_sequences() -> None:
    # ESC ( J (JIS-Roman) where Python's encoder writes ESC ( B: equivalent, but not the file's bytes.
    lines = [b"\x1b$BF|K\\\x1b(J one", b"\x1b$B8l\x1b(J two", b"\x1b$BF|\x1b(J three"]
    data = b"\n".join(lines) + b"\n"
    document = decode_bytes(data, encoding="iso2022_jp")
    assert not document.reencodes_exactly
    text = document.text.replace("two", "2")
    saved = encode_document(document, text)
    assert saved.decode("iso2022_jp") == text
    assert saved.split(b"\n")[0] == lines[0] and saved.split(b"\n")[2] == lines[2]


def test_saving_falls_back_to_encoding_everything_when_a_line_ends_shifted() -> None:
    # A newline inside a JIS run (against RFC 1468, but Python reads it): no line stands alone.
    data = b"\x1b$BF|\nK\\\x1b(B one\n"
    document = decode_bytes(data, encoding="iso2022_jp")
    text = document.text.replace("one", "1")
    assert encode_document(document, text).decode("iso2022_jp") == text


def test_default_rules_on_decoded_escape_text_keep_every_cjk_character() -> None:
    for codec, (_name, text) in SAMPLES.items():
        document = decode_bytes(text.encode(codec))
        cleaned = apply_changes(document.text, analyze(document.text, EngineConfig()).changes)
        assert cjk(cleaned) == cjk(text), codec
