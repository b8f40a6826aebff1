"""Go to line: reading "line[:column]" and finding the offset it names."""

from __future__ import annotations

import re
from collections.abc import Sequence

_TARGET = re.compile(r"\s*(\d+)\s*(?::\s*(\d+)\s*)?", re.ASCII)


def parse_target(text: str) -> tuple[int, int] | None:
    """``(line, column)`` (1-based; column 1 when not given) of ``"12"`` or ``"12:5"``; None if
    ``text`` is not that, or names line or column 0."""
    match = _TARGET.fullmatch(text)
    if match is None:
        return None
    line, column = int(match.group(1)), int(match.group(2) or 1)
    return (line, column) if line >= 1 and column >= 1 else None


def offset_of(text: str, starts: Sequence[int], line: int, column: int) -> int | None:
    """The code point offset of ``line``:``column`` in ``text`` whose lines start at ``starts``;
    a column past the line's end goes to its end (before its line break). None if there is no
    such line."""
    if not 1 <= line <= len(starts):
        return None
    start = starts[line - 1]
    end = starts[line] if line < len(starts) else len(text)
    for terminator in "\n\r":  # lines end at LF (a CRLF's CR is not a column either)
        if end > start and text[end - 1] == terminator:
            end -= 1
    return min(start + column - 1, end)
