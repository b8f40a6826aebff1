"""Columns built from C iterators in slices (and texts counted in windows), so that a worker
thread never holds the GIL for long.

``array("q", map(f, column))`` over a dense text's three quarters of a million changes is one C
call of 30–150 ms, and Python hands the GIL to another thread (the window's) only between
bytecodes: the window would freeze for that long. The same work done ``SLICE`` items at a time
costs the same in total and lets the GIL go between slices.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable, Iterable
from itertools import groupby, islice
from operator import itemgetter
from typing import TypeVar

SLICE = 1 << 16
# Characters of a text counted in one C call (about a millisecond).
COUNT_WINDOW = 1 << 22

Key = TypeVar("Key", bound=Hashable)


def array_of(values: Iterable[int], typecode: str = "q") -> array[int]:
    """``array(typecode, values)``, consumed ``SLICE`` items at a time."""
    result = array(typecode)
    iterator = iter(values)
    while True:
        size = len(result)
        result.extend(islice(iterator, SLICE))
        if len(result) - size < SLICE:
            return result


def count(text: str, sub: str) -> int:
    """``text.count(sub)`` for a ``sub`` that cannot overlap itself, ``COUNT_WINDOW`` characters
    at a time. Each window reaches ``len(sub) - 1`` characters further, so an occurrence across a
    window's end is counted in that window, and only there."""
    length, reach = len(text), len(sub) - 1
    return sum(text.count(sub, start, min(start + COUNT_WINDOW + reach, length))
               for start in range(0, length, COUNT_WINDOW))


def joined(pieces: Iterable[str]) -> str:
    """``"".join(pieces)``, ``SLICE`` pieces at a time (then the few big parts at once)."""
    iterator = iter(pieces)
    parts = []
    while chunk := list(islice(iterator, SLICE)):
        parts.append("".join(chunk))
    return "".join(parts)


def distinct(values: Iterable[Key]) -> dict[Key, None]:
    """``dict.fromkeys(values)`` (the distinct values in first-seen order), ``SLICE`` items at a time."""
    result: dict[Key, None] = {}
    iterator = iter(values)
    while True:
        result.update(dict.fromkeys(islice(iterator, SLICE)))
        # A slice holds as many keys as it took values only without repeats: look ahead instead.
        following = next(iterator, _END)
        if following is _END:
            return result
        result[following] = None  # type: ignore[index]


def distinct_ascending(values: Iterable[int]) -> array[int]:
    """The distinct values of ascending ``values``, in order (each run of equal values once)."""
    return array_of(map(itemgetter(0), groupby(values)))


_END = object()
