"""Go to line's "line[:column]" (core/goto.py) and the marks of reviewed changes (core/reviewed.py)."""

from __future__ import annotations

import pytest

from glyphwash.core.goto import offset_of, parse_target
from glyphwash.core.positions import line_starts
from glyphwash.core.reviewed import ReviewedMarks


@pytest.mark.parametrize(("text", "target"), [
    ("12", (12, 1)), ("12:5", (12, 5)), (" 3 : 4 ", (3, 4)), ("0", None), ("3:0", None), ("", None),
    ("a", None), ("3:", None), ("-1", None), ("1:2:3", None), ("٣", None),
])
def test_parse_target(text: str, target: tuple[int, int] | None) -> None:
    assert parse_target(text) == target


TEXT = "first\r\nsecond\nthird"


@pytest.mark.parametrize(("line", "column", "offset"), [
    (1, 1, 0), (1, 3, 2), (1, 99, 5), (2, 1, 7), (2, 6, 12), (2, 7, 13), (2, 50, 13), (3, 5, 18), (3, 9, 19),
    (4, 1, None), (0, 1, None),
])
def test_offset_of(line: int, column: int, offset: int | None) -> None:
    assert offset_of(TEXT, line_starts(TEXT), line, column) == offset


def test_next_and_previous_unreviewed_go_round() -> None:
    marks = ReviewedMarks(5)
    marks.mark([1, 2])
    assert marks.next_after(None) == 0
    assert marks.next_after(0) == 3
    assert marks.next_after(4) == 0
    assert marks.previous_before(3) == 0
    assert marks.previous_before(0) == 4
    assert marks.previous_before(None) == 4
    marks.mark(range(5))
    assert marks.next_after(2) is None
    assert marks.previous_before(2) is None
    assert marks.unreviewed_count == 0


def test_review_steps_mark_changes_reviewed_per_analysis() -> None:
    from glyphwash.core.encoding.decoding import decode_bytes
    from glyphwash.core.engine import EngineConfig
    from glyphwash.core.session import DocumentSession
    from glyphwash.core.view.document import ReviewDocument

    config = EngineConfig()
    document = ReviewDocument(decode_bytes("Korеa, Sеoul\u200b\n".encode()), config)
    session = DocumentSession(document, config)
    count = document.state.count
    assert count == 3
    assert session.reviewed.next_after(None) == 0
    session.set_change(0, False)
    assert session.reviewed.next_after(None) == 1
    group = document.state.group_of[2]  # the zero-width space
    session.set_group(group, False)
    assert session.reviewed.unreviewed_count == 1
    assert session.reviewed.next_after(2) == 1
    session.undo()  # marks are not steps: undo leaves them
    assert session.reviewed.unreviewed_count == 1
