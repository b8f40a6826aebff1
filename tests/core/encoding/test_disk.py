"""Disk stamps: what a file held when it was read, and whether it still holds it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glyphwash.core.encoding.decoding import read_file
from glyphwash.core.encoding.disk import DiskState, FileStamp, disk_state, read_stamped, stamp_hasher
from glyphwash.core.encoding.loading import load_file


def digest_of(data: bytes) -> bytes:
    hasher = stamp_hasher()
    hasher.update(data)
    return hasher.digest()


def test_the_stamp_describes_the_bytes_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 10_000)
    seen: list[tuple[int, int]] = []
    data, stamp = read_stamped(path, chunk_size=4096, on_chunk=lambda read, size: seen.append((read, size)))
    assert data == b"x" * 10_000
    assert stamp == FileStamp(10_000, path.stat().st_mtime_ns, digest_of(data))
    assert seen == [(4096, 10_000), (8192, 10_000), (10_000, 10_000)]


def test_a_loaded_document_carries_the_stamp_of_what_was_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Korеa\n".encode())
    document = load_file(path)
    assert document.stamp == read_file(path)[1]
    path.write_bytes(b"changed after reading\n")
    assert document.stamp is not None and document.stamp.digest == digest_of("Korеa\n".encode())


def test_touched_but_unchanged_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"same\n")
    _, stamp = read_stamped(path)
    os.utime(path, ns=(0, stamp.mtime_ns + 7_000_000_000))
    assert disk_state(path, stamp) is DiskState.UNCHANGED


def test_rewritten_within_the_same_mtime_is_changed(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"one\n")
    _, stamp = read_stamped(path)
    path.write_bytes(b"two\n")  # the same size, and the same modification time below
    os.utime(path, ns=(0, stamp.mtime_ns))
    assert disk_state(path, stamp) is DiskState.CHANGED


@pytest.mark.parametrize(("after", "expected"), [
    (b"longer than before\n", DiskState.CHANGED),
    (None, DiskState.MISSING),
])
def test_grown_or_deleted(tmp_path: Path, after: bytes | None, expected: DiskState) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"text\n")
    _, stamp = read_stamped(path)
    if after is None:
        path.unlink()
    else:
        path.write_bytes(after)
    assert disk_state(path, stamp) is expected


def test_a_file_that_became_a_folder_counts_as_changed(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"text\n")
    _, stamp = read_stamped(path)
    path.unlink()
    path.mkdir()
    assert disk_state(path, stamp) is DiskState.CHANGED
