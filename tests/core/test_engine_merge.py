"""Merging two rules' proposals: the winner's change stays wherever the two overlap."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from glyphwash.core.changes import Change, ChangeList, Severity
from glyphwash.core.engine import _merge_two


def disjoint_changes(rule: str) -> st.SearchStrategy[list[Change]]:
    """Sorted disjoint changes over a 60-character text, lengths 0 to 3."""
    spans = st.lists(st.tuples(st.integers(0, 59), st.integers(0, 3)), max_size=12)

    def build(pairs: list[tuple[int, int]]) -> list[Change]:
        changes: list[Change] = []
        end = 0
        for offset, length in sorted(pairs):
            if offset < end or offset + length > 60:
                continue
            changes.append(Change(offset, length, "x" * length, rule, rule, Severity.INFO, rule))
            end = offset + max(length, 1)
        return changes

    return spans.map(build)


def reference_merge(winner: list[Change], loser: list[Change]) -> list[Change]:
    """The obvious quadratic merge the fast one must agree with."""
    def covers(change: Change) -> range:
        return range(change.offset, change.offset + max(change.length, 1))

    kept = [c for c in loser if not any(set(covers(c)) & set(covers(w)) for w in winner)]
    return sorted(winner + kept, key=lambda change: (change.offset, change.rule != winner[0].rule if winner else 0))


@settings(max_examples=500, deadline=None)
@given(winner=disjoint_changes("win"), loser=disjoint_changes("lose"))
def test_merge_agrees_with_the_reference(winner: list[Change], loser: list[Change]) -> None:
    merged = list(_merge_two(ChangeList.from_changes(winner), ChangeList.from_changes(loser)))
    assert merged == reference_merge(winner, loser)
    assert [c.offset for c in merged] == sorted(c.offset for c in merged)
