"""The headless commands, run in-process through ``cli.main`` and once as a real process."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.cli_streams import Streams, write

from glyphwash.core.version import __version__

ROOT = Path(__file__).resolve().parents[3]
HOMOGLYPH_LINE = "Putin hails North Korеa’s ‘strong support’\n"


@pytest.fixture
def streams() -> Streams:
    return Streams()


def test_report_json_fields(tmp_path: Path, streams: Streams) -> None:
    source = write(tmp_path / "a.txt", codecs.BOM_UTF8 + b"one\r\ntwo\r\n")
    assert streams.run("report", str(source), "--json", "--rules", "none") == 0
    record = json.loads(streams.out)
    assert record["path"] == str(source)
    assert (record["encoding"], record["bom"], record["newline"]) == ("utf-8", True, "crlf")
    assert record["changes"] == [] and record["counts"] == {} and record["error"] is None
    assert set(record) >= {"path", "encoding", "confidence", "candidates", "bom", "newline", "decode_errors",
                           "changes", "counts", "hidden_text", "error"}


def test_report_lists_decode_errors_in_code_points(tmp_path: Path, streams: Streams) -> None:
    source = write(tmp_path / "bad.txt", "é€".encode() + b"\xff" + b"x\n")
    assert streams.run("report", str(source), "--json", "--in-encoding", "utf-8") == 0
    record = json.loads(streams.out)
    assert record["decode_errors"] == [{"offset": 2, "byte_offset": 5, "bytes": "ff"}]


def test_batch_continues_past_bad_files_and_exits_2(tmp_path: Path, streams: Streams) -> None:
    good = write(tmp_path / "good.txt", b"fine\n")
    binary = write(tmp_path / "image.png", b"\x89PNG\r\n\x1a\n" + bytes(20))
    code = streams.run("report", str(tmp_path / "missing.txt"), str(binary), str(good), "--json")
    assert code == 2
    records = [json.loads(line) for line in streams.out.splitlines()]
    assert [r["path"] for r in records] == [str(tmp_path / "missing.txt"), str(binary), str(good)]
    assert "does not exist" in records[0]["error"]
    assert "PNG image" in records[1]["error"]
    assert records[2]["error"] is None
    assert "missing.txt does not exist" in streams.stderr.getvalue()


def test_human_report(tmp_path: Path, streams: Streams) -> None:
    source = write(tmp_path / "a.txt", b"plain\n")
    assert streams.run("report", str(source)) == 0
    assert "encoding  utf-8" in streams.out and "newlines  lf" in streams.out


def test_clean_rules_none_is_byte_identical(tmp_path: Path, streams: Streams) -> None:
    data = codecs.BOM_UTF16_BE + "mixed\r\nlines\nand \u200b zero width\r".encode("utf-16-be")
    source = write(tmp_path / "in.txt", data)
    out = tmp_path / "out.txt"
    assert streams.run("clean", str(source), "-o", str(out), "--rules", "none") == 0
    assert out.read_bytes() == data


def test_clean_stdin_to_stdout_with_conversions(streams: Streams) -> None:
    streams = Streams(stdin="a\r\nb\r\n".encode("cp1252"))
    code = streams.run("clean", "-", "-o", "-", "--rules", "none", "--newline", "lf", "--out-encoding", "utf-16-le",
                       "--bom")
    assert code == 0
    assert streams.out_bytes == codecs.BOM_UTF16_LE + "a\nb\n".encode("utf-16-le")


def test_clean_out_dir_mirrors_relative_paths(tmp_path: Path, streams: Streams) -> None:
    first = write(tmp_path / "in" / "a" / "one.txt", b"1\n")
    second = write(tmp_path / "in" / "b" / "two.txt", b"2\n")
    out_dir = tmp_path / "out"
    assert streams.run("clean", str(first), str(second), "--out-dir", str(out_dir), "--rules", "none") == 0
    assert (out_dir / "a" / "one.txt").read_bytes() == b"1\n"
    assert (out_dir / "b" / "two.txt").read_bytes() == b"2\n"


def test_clean_refuses_unrepresentable_output(tmp_path: Path, streams: Streams) -> None:
    source = write(tmp_path / "in.txt", "Привет\n".encode())
    out = tmp_path / "out.txt"
    assert streams.run("clean", str(source), "-o", str(out), "--out-encoding", "latin-1", "--rules", "none") == 2
    assert not out.exists()
    assert "U+041F CYRILLIC CAPITAL LETTER PE at line 1, column 1" in streams.stderr.getvalue()
    assert "UTF-8" in streams.stderr.getvalue()


def test_clean_in_place_keeps_backup(tmp_path: Path, streams: Streams) -> None:
    source = write(tmp_path / "in.txt", b"abc\r\n")
    assert streams.run("clean", str(source), "--in-place", "--newline", "lf", "--rules", "none") == 0
    assert source.read_bytes() == b"abc\n"
    assert (tmp_path / "in.txt.bak").read_bytes() == b"abc\r\n"


@pytest.mark.parametrize(("args", "message"), [
    (["check", "x", "--rules", "bogus"], "unknown rule 'bogus'"),
    (["check", "x", "--allow-script", "Elvish"], "unknown script 'Elvish'"),
    (["clean", "a", "b", "-o", "out"], "-o takes one input"),
    (["clean", "-", "--out-dir", "out"], "stdin"),
    (["clean", "-", "--in-place"], "--in-place cannot overwrite stdin"),
])
def test_command_line_errors(streams: Streams, args: list[str], message: str) -> None:
    assert streams.run(*args) == 2
    assert message in streams.stderr.getvalue()


def test_check_exit_codes(tmp_path: Path, streams: Streams) -> None:
    source = write(tmp_path / "clean.txt", b"nothing odd here\n")
    assert streams.run("check", str(source)) == 0
    assert streams.out == ""
    assert Streams().run("check", str(tmp_path / "missing.txt")) == 2


def test_check_lists_findings_by_line_and_column(tmp_path: Path, streams: Streams) -> None:
    source = write(tmp_path / "news.txt", ("title\n" + HOMOGLYPH_LINE).encode())
    assert streams.run("check", str(source)) == 1
    lines = streams.out.splitlines()
    assert lines == [f"{source}:2:22: homoglyphs: U+0435 CYRILLIC SMALL LETTER IE -> U+0065 LATIN SMALL LETTER E"]


def test_version_and_help(streams: Streams) -> None:
    assert streams.run("--version") == 0
    assert __version__ in streams.out
    for command in ("check", "clean", "report"):
        help_streams = Streams()
        assert help_streams.run(command, "--help") == 0
        assert "examples:" in help_streams.out


def test_main_py_runs_headless_as_a_process(tmp_path: Path) -> None:
    source = write(tmp_path / "in.txt", b"text\n")
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", str(source)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    version = subprocess.run([sys.executable, str(ROOT / "main.py"), "--version"], capture_output=True, text=True,
                             timeout=120)
    assert version.stdout.strip() == f"glyphwash {__version__}"


def test_cleaning_utf8_does_not_import_chardet(tmp_path: Path) -> None:
    """chardet (slow to import) is only for files that are not UTF-8."""
    source = tmp_path / "in.txt"
    source.write_text("Korеa\n", encoding="utf-8")
    script = ("import sys; sys.path.insert(0, sys.argv[1]); import main; main.register_checkout_package(); "
              "from glyphwash.core.cli import cli; cli.main(['clean', sys.argv[2], '-o', sys.argv[3]]); "
              "print('chardet' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script, str(ROOT), str(source), str(tmp_path / "out.txt")],
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "Korea\n"


def test_in_encoding_reads_utf8_with_legacy_lines_and_writes_them_back(tmp_path: Path, streams: Streams) -> None:
    utf8 = "Résumé — “naïve” café; déjà vu. Über die Straße, schön und grün.\n" * 2
    legacy = "Notes añadidas: señor Muñoz pagó 30 € por el café.\n"
    data = utf8.encode() + legacy.encode("cp1252")
    source = write(tmp_path / "mixed.txt", data)
    assert streams.run("report", str(source), "--json", "--rules", "none") == 0
    record = json.loads(streams.out)
    assert record["encoding"] == "utf-8"
    assert record["candidates"][1]["encoding"] == "utf-8+windows-1252"
    out = tmp_path / "out.txt"
    assert streams.run("clean", str(source), "-o", str(out), "--rules", "none",
                       "--in-encoding", "utf-8+windows-1252") == 0
    assert out.read_bytes() == data
    converted = tmp_path / "utf8.txt"
    assert streams.run("clean", str(source), "-o", str(converted), "--rules", "none",
                       "--in-encoding", "utf-8+windows-1252", "--out-encoding", "utf-8") == 0
    assert converted.read_text(encoding="utf-8") == utf8 + legacy


def test_help_names_the_line_by_line_encodings(streams: Streams) -> None:
    assert streams.run("clean", "--help") == 0
    assert "utf-8+windows-1252" in " ".join(streams.out.split())
