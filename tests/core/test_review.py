"""The review state: group and single reverts, normalized text, offsets, actions applied and
unapplied (their history is the session's: tests/core/test_session.py)."""

from __future__ import annotations

from glyphwash.core.changes import Change, Severity, apply_changes
from glyphwash.core.review import ReviewState

TEXT = "Korеa and Korеa\u200b said"


def changes() -> list[Change]:
    return [
        Change(3, 1, "е", "e", "homoglyphs", Severity.WARNING, "Cyrillic е in a Latin word"),
        Change(13, 1, "е", "e", "homoglyphs", Severity.WARNING, "Cyrillic е in a Latin word"),
        Change(15, 1, "\u200b", "", "invisible", Severity.ERROR, "zero width space"),
    ]


def test_everything_is_accepted_at_first() -> None:
    state = ReviewState(TEXT, changes())
    assert state.normalized_text() == "Korea and Korea said"
    assert (state.count, state.accepted_count, state.reverted_count) == (3, 3, 0)


def test_groups_collect_equal_edits_per_rule() -> None:
    state = ReviewState(TEXT, changes())
    assert [(g.rule, g.original, g.replacement, list(g.indices)) for g in state.groups] == [
        ("homoglyphs", "е", "e", [0, 1]), ("invisible", "\u200b", "", [2])]
    assert list(state.group_of) == [0, 0, 1]


def test_group_revert_unapplied_and_applied_again() -> None:
    state = ReviewState(TEXT, changes())
    action = state.set_group(0, False)
    assert action is not None and "Revert" in action.description and list(action.indices) == [0, 1]
    assert state.normalized_text() == "Korеa and Korеa said"
    assert state.group_accepted(0) == 0
    state.unapply(action)
    assert state.normalized_text() == "Korea and Korea said"
    assert state.group_accepted(0) == 2
    state.apply(action)
    assert state.normalized_text() == "Korеa and Korеa said"
    assert state.set_group(0, False) is None  # nothing to do, no step


def test_an_action_touches_only_the_changes_it_flipped() -> None:
    state = ReviewState(TEXT, changes())
    state.set_accepted([1], False)
    action = state.set_accepted([0, 1, 2], False)
    assert action is not None and list(action.indices) == [0, 2]  # 1 was reverted already
    state.unapply(action)
    assert list(state.accepted) == [1, 0, 1]  # 1 stays reverted: an earlier step did that


def test_single_revert_and_offsets() -> None:
    state = ReviewState(TEXT, changes())
    assert list(state.new_offsets()) == [3, 13, 15]
    state.set_accepted([1], False)
    assert state.normalized_text() == "Korea and Korеa said"
    assert list(state.new_lengths()) == [1, 1, 0]
    state.set_accepted([0, 1, 2], False)
    assert state.normalized_text() == TEXT
    state.set_accepted([2], True)
    assert state.normalized_text() == apply_changes(TEXT, [changes()[2]])


def test_offset_mapping_both_ways() -> None:
    state = ReviewState(TEXT, changes())
    normalized = state.normalized_text()
    assert state.to_normalized(17) == normalized.index("said")
    assert state.to_original(normalized.index("said")) == TEXT.index("said")
    assert state.to_normalized(15) == 15  # the deleted character maps to where it was
    assert state.change_at(15) == 2 and state.change_at(14) is None
    assert state.next_change(3) == 1 and state.previous_change(13) == 0
    assert state.next_change(15) is None and state.previous_change(3) is None
    assert state.line_column(1) == (1, 14)


def test_decisions_survive_reanalysis() -> None:
    old = ReviewState(TEXT, changes())
    old.set_accepted([1], False)
    new = ReviewState(TEXT, changes()[1:])
    new.carry_over(old)
    assert list(new.accepted) == [0, 1]


def test_large_group_revert_is_array_work() -> None:
    text = "е" * 200_000
    many = [Change(i, 1, "е", "e", "homoglyphs", Severity.WARNING, "") for i in range(len(text))]
    state = ReviewState(text, many)
    action = state.set_group(0, False)
    assert state.accepted_count == 0
    assert state.normalized_text() == text
    assert action is not None
    state.unapply(action)
    assert state.normalized_text() == "e" * 200_000


def test_word_edits_group_by_the_characters_they_swap() -> None:
    text = "Korеa еmphasizеd"
    word_changes = [
        Change(0, 5, "Korеa", "Korea", "homoglyphs", Severity.WARNING, ""),
        Change(6, 10, "еmphasizеd", "emphasized", "homoglyphs", Severity.WARNING, ""),
    ]
    state = ReviewState(text, word_changes)
    assert [(g.original, g.replacement, g.count) for g in state.groups] == [("е", "e", 2)]
