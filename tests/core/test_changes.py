"""The change model: applying, reverting subsets, mapping offsets, validation."""

from __future__ import annotations

import itertools
from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glyphwash.core import changes as changes_module
from glyphwash.core import slices
from glyphwash.core.changes import (
    Change,
    ChangeList,
    ChangeTemplate,
    OverlapError,
    Severity,
    apply_changes,
    check_changes,
    map_offset,
)

TEXT = "Korеa\u200b 😀 ﬁne"


def change(offset: int, original: str, replacement: str) -> Change:
    return Change(offset, len(original), original, replacement, "test", Severity.INFO, "test change")


CHANGES = [change(3, "е", "e"), change(5, "\u200b", ""), change(9, "ﬁ", "fi")]


def test_apply_all() -> None:
    assert apply_changes(TEXT, CHANGES) == "Korea 😀 fine"


@pytest.mark.parametrize("subset", [s for n in range(4) for s in itertools.combinations(range(3), n)])
def test_every_subset_gives_the_matching_text(subset: tuple[int, ...]) -> None:
    expected = TEXT
    for index in sorted(subset, reverse=True):
        c = CHANGES[index]
        expected = expected[:c.offset] + c.replacement + expected[c.end:]
    assert apply_changes(TEXT, [CHANGES[i] for i in subset]) == expected


def test_revert_all_is_the_original() -> None:
    assert apply_changes(TEXT, []) == TEXT


@pytest.mark.parametrize(("offset", "expected"), [(0, 0), (3, 3), (4, 4), (5, 5), (6, 5), (9, 8), (10, 10),
                                                   (len(TEXT), len(TEXT))])
def test_map_offset(offset: int, expected: int) -> None:
    assert map_offset(CHANGES, offset) == expected


def test_check_changes_accepts_valid_and_rejects_bad_lists() -> None:
    check_changes(TEXT, CHANGES)
    with pytest.raises(OverlapError, match="overlaps"):
        check_changes(TEXT, [CHANGES[1], CHANGES[0]])
    with pytest.raises(OverlapError, match="does not match"):
        check_changes(TEXT, [change(0, "X", "Y")])
    with pytest.raises(OverlapError, match="leaves the text"):
        check_changes(TEXT, [change(len(TEXT), "zz", "")])


def test_severity_labels_order() -> None:
    assert Severity.ERROR > Severity.WARNING > Severity.INFO
    assert Severity.WARNING.label == "warning"


def test_change_list_columns_round_trip() -> None:
    columns = ChangeList.from_changes(CHANGES)
    assert len(columns) == 3
    assert list(columns) == CHANGES
    assert columns == CHANGES
    assert columns[1] == CHANGES[1]
    assert list(columns[1:]) == CHANGES[1:]
    assert list(columns.ends()) == [c.end for c in CHANGES]
    assert list(columns.select([True, False, True])) == [CHANGES[0], CHANGES[2]]
    assert list(columns[:1] + columns[2:]) == [CHANGES[0], CHANGES[2]]
    assert apply_changes(TEXT, columns) == apply_changes(TEXT, CHANGES)
    assert apply_changes(TEXT, ChangeList()) == TEXT


def test_templated_list_fills_columns_only_when_read() -> None:
    line = "Korеa and Korеa"
    template = ChangeTemplate((3, 13), (1, 1), ("е", "е"), ("e", "e"), ("homoglyphs",) * 2,
                              (Severity.WARNING,) * 2, ("r1", "r2"), len(line), "Korea and Korea")
    text = "\n".join([line, "plain", line]) + "\n"
    starts = [0, len(line) + 7]
    templated = ChangeList.from_templates(starts, [template, template])
    assert len(templated) == 4
    assert templated.templated_result(text) == "Korea and Korea\nplain\nKorea and Korea\n"
    expanded = ChangeList.from_templates(starts, [template, template])
    assert list(expanded.offsets) == [3, 13, 25, 35]
    assert expanded.templated_result(text) is None
    assert apply_changes(text, expanded) == apply_changes(text, templated)
    assert [c.reason for c in expanded] == ["r1", "r2", "r1", "r2"]
    assert expanded == templated


@given(st.sets(st.integers(0, 200), max_size=60), st.data())
def test_interleaving_two_lists_gives_offset_order(offsets: set[int], data: st.DataObject) -> None:
    mine = sorted(data.draw(st.sets(st.sampled_from(sorted(offsets)))) if offsets else set())
    theirs = sorted(offsets - set(mine))
    first = ChangeList.from_changes(Change(at, 1, "a", "b", "r1", Severity.INFO, f"m{at}") for at in mine)
    second = ChangeList.from_changes(Change(at, 1, "c", "", "r2", Severity.ERROR, f"t{at}") for at in theirs)
    # Many slices in every column.
    with patch.object(slices, "SLICE", 3), patch.object(changes_module, "SLICE", 3):
        merged = first.interleaved(second)
    assert list(merged) == sorted([*first, *second], key=lambda change: change.offset)
