"""Line and column numbers for code point offsets.

Lines break at LF, CRLF and CR (the newlines :mod:`core.decoding` recognises); U+2028 and U+2029
do not start a new line here, they are characters a rule reports. Lines and columns are 1-based,
columns count code points.
"""

from __future__ import annotations

import bisect
import re
from array import array

LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Maps offsets of one text to (line, column), built once in a single pass."""

    def __init__(self, text: str) -> None:
        self._starts = array("q", [0])
        self._starts.extend(match.end() for match in LINE_BREAK.finditer(text))

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        """The offset of the first code point of 1-based ``line``."""
        return self._starts[line - 1]

    def line_column(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of ``offset``."""
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1
