"""The nearest character that passes a test, before or after an offset, asked for many offsets.

A rule that looks past a run of characters for what surrounds each of them (the ``invisible``
rule looks past zero-width characters for the letters around every one) would walk the run once
per character in it: quadratic, and a run of 200,000 took minutes. :class:`Nearest` remembers its
last answer in each direction, so questions asked in text order cost time linear in the text in
total (a question out of order is answered correctly, by a walk of its own).
"""

from __future__ import annotations

from collections.abc import Callable


class Nearest:
    """Where the nearest character of ``text`` that ``stops`` lies, before or after an offset.

    Attributes:
        text: the text searched.
    """

    def __init__(self, text: str, stops: Callable[[str], bool]) -> None:
        self.text = text
        self._length = len(text)
        self._stops = stops
        self._before = (-1, -1)  # (asked, found): found is the last stop at or before asked
        self._after = (0, -1)    # (asked, found): no stop in [asked, found); empty at first

    def before(self, index: int) -> int:
        """The largest offset at or before ``index`` whose character stops the search, or -1."""
        asked, found = self._before
        if not 0 <= asked <= index:  # nothing known below ``index``
            asked = found = -1
        text, stops = self.text, self._stops
        position = index if index < self._length else self._length - 1
        while position > asked:  # at and before ``asked``, the answer is ``found``
            if stops(text[position]):
                found = position
                break
            position -= 1
        self._before = (index, found)
        return found

    def after(self, index: int) -> int:
        """The smallest offset at or after ``index`` whose character stops the search, or ``len(text)``."""
        asked, found = self._after
        if asked <= index <= found:
            return found
        text, stops, length = self.text, self._stops, self._length
        position = index if 0 < index < length else (0 if index <= 0 else length)
        while position < length and not stops(text[position]):
            position += 1
        self._after = (index, position)
        return position
