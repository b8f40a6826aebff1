"""Line and column numbers."""

from __future__ import annotations

from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glyphwash.core import positions
from glyphwash.core.positions import LineIndex


@pytest.mark.parametrize(("text", "offset", "expected"), [
    ("abc", 0, (1, 1)),
    ("abc", 2, (1, 3)),
    ("a\nbc", 2, (2, 1)),
    ("a\r\nbc", 3, (2, 1)),
    ("a\rb\nc", 4, (3, 1)),
    ("a\u2028b", 2, (1, 3)),
    ("😀x\ny", 1, (1, 2)),
    ("x\n", 2, (2, 1)),
])
def test_line_column(text: str, offset: int, expected: tuple[int, int]) -> None:
    assert LineIndex(text).line_column(offset) == expected


def test_line_starts() -> None:
    index = LineIndex("ab\r\ncd\n")
    assert index.line_count == 3
    assert [index.line_start(line) for line in (1, 2, 3)] == [0, 4, 7]


@given(st.lists(st.sampled_from(["a", "é", "\n", "\r", "\r\n", "😀"]), max_size=60).map("".join), st.integers(1, 8))
def test_line_starts_agree_with_every_line_break(text: str, window: int) -> None:
    expected = [0] + [match.end() for match in positions.LINE_BREAK.finditer(text)]
    with patch.object(positions, "WINDOW", window):  # small windows: many cuts, lines across them
        assert list(positions.line_starts(text)) == expected
