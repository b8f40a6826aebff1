"""A file that cannot fit in memory is refused before it is read."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

import pytest

from glyphwash.core.encoding import memory
from glyphwash.core.encoding.decoding import LoadError


def test_available_memory_is_read_from_meminfo(tmp_path: Path) -> None:
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       24000000 kB\nMemFree:  100 kB\nMemAvailable:   2000000 kB\n")
    with patch.object(memory, "MEMINFO", meminfo):
        assert memory.available_memory() == 2_000_000 * 1024
    with patch.object(memory, "MEMINFO", tmp_path / "missing"):
        assert memory.available_memory() is None
    meminfo.write_text("MemTotal: 1 kB\n")  # an old kernel without MemAvailable
    with patch.object(memory, "MEMINFO", meminfo):
        assert memory.available_memory() is None


def test_a_file_that_cannot_fit_is_refused_with_the_numbers() -> None:
    with patch.object(memory, "available_memory", lambda: 1_000_000_000):
        memory.check_fits(Path("small.txt"), 50_000_000)  # 0.6 GB of 1 GB: fine
        with pytest.raises(LoadError) as refused:
            memory.check_fits(Path("big.txt"), 500_000_000)
    assert "big.txt is too large to review here: 500 MB of text needs about 6.0 GB" in str(refused.value)
    assert "1.0 GB is free" in str(refused.value)


def test_nothing_is_refused_where_free_memory_is_unknown() -> None:
    with patch.object(memory, "available_memory", lambda: None):
        memory.check_fits(Path("huge.txt"), 10**12)
