"""Columns built in slices give what the one-call builds give."""

from __future__ import annotations

from array import array
from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glyphwash.core import slices


@pytest.mark.parametrize("count", [0, 1, 3, 4, 5, 12, 13])
def test_sliced_builds_equal_the_one_call_builds(count: int) -> None:
    values = [value * 7 % 5 for value in range(count)]
    with patch.object(slices, "SLICE", 4):  # exact multiples, remainders and less than one slice
        assert slices.array_of(iter(values)) == array("q", values)
        assert slices.array_of(map(abs, values), "i") == array("i", values)
        assert list(slices.distinct(iter(values))) == list(dict.fromkeys(values))
        assert list(slices.distinct_ascending(iter(sorted(values)))) == sorted(set(values))


@given(st.lists(st.sampled_from(["a", "\r", "\n", "\r\n", "é"]), max_size=40).map("".join), st.integers(1, 6))
def test_windowed_counts_equal_whole_counts(text: str, window: int) -> None:
    with patch.object(slices, "COUNT_WINDOW", window):
        for sub in ("\r\n", "\r", "\n"):
            assert slices.count(text, sub) == text.count(sub)

