"""Which changes the reviewer has seen to: the way to the next *unreviewed* change.

A change counts as reviewed once the reviewer went to it (F8, the change list, the strip, Find
does not count) or a review step decided on it (reverting or restoring it, its kind, or every
change). The marks belong to one analysis; they are not review steps, so undo leaves them.
"""

from __future__ import annotations

from collections.abc import Iterable

from .review import scatter


class ReviewedMarks:
    """One byte per change of an analysis: 1 once the reviewer has been to it or decided on it."""

    def __init__(self, count: int) -> None:
        self.marks = bytearray(count)

    def mark(self, indices: Iterable[int]) -> None:
        scatter(self.marks, indices, 1)

    @property
    def unreviewed_count(self) -> int:
        return self.marks.count(0)

    def next_after(self, index: int | None) -> int | None:
        """The first unreviewed change after ``index`` (None: from the start), going round to the
        start; None when every change is reviewed."""
        start = 0 if index is None else index + 1
        found = self.marks.find(0, start)
        if found < 0:
            found = self.marks.find(0, 0, start)
        return found if found >= 0 else None

    def previous_before(self, index: int | None) -> int | None:
        """The last unreviewed change before ``index`` (None: from the end), going round to the end."""
        end = len(self.marks) if index is None else index
        found = self.marks.rfind(0, 0, end)
        if found < 0:
            found = self.marks.rfind(0, end)
        return found if found >= 0 else None
