"""core.encoding.loading: the one loader the window, the commands and the tests share."""

from __future__ import annotations

import io
from pathlib import Path
from unittest.mock import patch

import pytest

from glyphwash.core.cancel import Cancelled
from glyphwash.core.cli import cli
from glyphwash.core.encoding import memory
from glyphwash.core.encoding.decoding import LoadError
from glyphwash.core.encoding.loading import decode_data, load_file


def test_progress_reports_reading_then_decoding(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(b"North Korea\n" * 1000)
    seen: list[tuple[float, str]] = []
    document = load_file(path, chunk_size=4096, progress=lambda fraction, what: seen.append((fraction, what)))
    assert document.text == "North Korea\n" * 1000 and document.stamp is not None
    fractions = [fraction for fraction, _ in seen]
    assert seen[0] == (0.0, "Reading…") and seen[-1] == (1.0, "Detecting the encoding…")
    assert fractions == sorted(fractions) and len(seen) >= 4
    assert any(what.startswith("Reading… 0.0") for _, what in seen[1:-1])


def test_a_hook_that_raises_stops_the_load(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(b"x" * 100_000)
    calls: list[float] = []

    def cancel_after_first_chunk(fraction: float, what: str) -> None:
        calls.append(fraction)
        if fraction > 0:
            raise Cancelled

    with pytest.raises(Cancelled):
        load_file(path, chunk_size=1000, progress=cancel_after_first_chunk)
    assert len(calls) == 2  # "Reading…", then the first chunk: nothing more is read


def test_the_memory_check_is_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(b"hello\n")
    with patch.object(memory, "available_memory", lambda: 10):
        assert load_file(path).text == "hello\n"
        with pytest.raises(LoadError, match="too large to review here"):
            load_file(path, check_memory=True)


def test_unknown_encoding_is_a_load_error_for_files_and_bytes(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(b"hello\n")
    with pytest.raises(LoadError, match="unknown encoding 'no-such-codec'") as from_file:
        load_file(path, encoding="no-such-codec")
    with pytest.raises(LoadError, match="unknown encoding 'no-such-codec'") as from_bytes:
        decode_data(b"hello\n", encoding="no-such-codec")
    assert str(from_file.value) == str(from_bytes.value)


def test_the_commands_load_through_the_shared_loader(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes("North Kor\u0435a\n".encode())
    calls: list[str] = []
    real = cli.load_file

    def spy(*args: object, **kwargs: object) -> object:
        calls.append(str(args[0]))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    with patch.object(cli, "load_file", spy):
        assert cli.main(["check", str(path)], stdout=io.StringIO(), stderr=io.StringIO()) == 1
    assert calls == [str(path)]
    assert cli.load_file is load_file


def test_a_known_binary_format_is_refused_from_its_first_bytes(tmp_path: Path) -> None:
    # A big executable dropped among text files fails at once: its signature is read, not the file.
    program = tmp_path / "program"
    program.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(1 << 20))
    with patch("glyphwash.core.encoding.loading.read_file", side_effect=AssertionError("read it all")), \
            pytest.raises(LoadError, match="this is an ELF executable, not a text file"):
        load_file(program)
    assert load_file(program, encoding="latin-1").text.startswith("\x7fELF")  # "Reinterpret as" still reads it
