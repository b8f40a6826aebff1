"""Line and column numbers for code point offsets.

Lines break at LF, CRLF and CR (the newlines :mod:`core.decoding` recognises); U+2028 and U+2029
do not start a new line here, they are characters a rule reports. Lines and columns are 1-based,
columns count code points.
"""

from __future__ import annotations

import bisect
import re
from array import array
from itertools import accumulate, repeat
from operator import add

LINE_BREAK = re.compile(r"\r\n|\r|\n")


WINDOW = 1 << 22


def line_starts(text: str) -> array[int]:
    """The offset where each line of ``text`` starts (the first is 0).

    A text without CR is cut at LF in windows and the line lengths summed up in C; otherwise each
    break is found by the regular expression.
    """
    starts = array("q", [0])
    if "\r" in text:
        starts.extend(match.end() for match in LINE_BREAK.finditer(text))
        return starts
    position = 0
    length = len(text)
    while position < length:
        cut = text.rfind("\n", position, position + WINDOW)
        if cut < 0:
            cut = text.find("\n", position + WINDOW)
            if cut < 0:
                break
        # Each line of the window with its LF: the next line starts that much further on.
        lengths = map(len, text[position:cut].split("\n"))
        following = accumulate(map(add, lengths, repeat(1)), initial=position)
        next(following)  # the window's own start is there already
        starts.extend(following)
        position = cut + 1
    return starts


class LineIndex:
    """Maps offsets of one text to (line, column), built once in a single pass.

    Attributes:
        starts: the offset where each line starts.
    """

    def __init__(self, text: str) -> None:
        self.starts = line_starts(text)

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line_start(self, line: int) -> int:
        """The offset of the first code point of 1-based ``line``."""
        return self.starts[line - 1]

    def line_column(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of ``offset``."""
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1
