"""The review state: which proposed changes a person keeps, grouped, with undo and redo.

The engine proposes changes; the person reviewing them accepts or reverts each one, a whole group
of the same kind at once (every ``е`` → ``e`` of the homoglyph rule), or a single change. The
normalized text is always derived from the original and the accepted changes (one join, via
:func:`core.changes.apply_changes`), never edited in place.

Per-change state lives in flat arrays keyed by change index (a ``bytearray`` of accepted flags,
``array`` offsets), and groups are index arrays, so that reverting a group of hundreds of thousands
of changes is a slice of C-level work, not a loop of Python objects. Nothing here imports Qt.
"""

from __future__ import annotations

import bisect
import itertools
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .changes import Change, apply_changes
from .positions import LineIndex


def edit_key(change: Change) -> tuple[str, str]:
    """What a change does, reduced to the characters that differ: the key of its group.

    A same-length edit of a whole word (``Korеa`` → ``Korea``) groups with every other change
    that swaps the same characters (``е`` → ``e``); other edits group by their full texts.
    """
    original, replacement = change.original, change.replacement
    if len(original) != len(replacement) or len(original) <= 1:
        return original, replacement
    pairs = dict.fromkeys((a, b) for a, b in zip(original, replacement, strict=True) if a != b)
    if not pairs:
        return original, replacement
    return "".join(a for a, _ in pairs), "".join(b for _, b in pairs)


@dataclass(frozen=True)
class Group:
    """All changes of one rule that make the same edit (see :func:`edit_key`).

    Attributes:
        rule: the rule id.
        original: the replaced characters.
        replacement: what replaces them (empty for a deletion).
        indices: the change indices in the group, ascending.
    """

    rule: str
    original: str
    replacement: str
    indices: array[int] = field(compare=False)

    @property
    def count(self) -> int:
        return len(self.indices)


@dataclass(frozen=True)
class ReviewAction:
    """One undoable step: set the accepted flag of ``indices`` to ``value``.

    Attributes:
        description: what the step did, for the undo menu (``Revert 12 × е → e``).
        indices: the changes touched.
        before: their flags before the step, one byte per index.
        value: the flag they were given.
    """

    description: str
    indices: array[int]
    before: bytes
    value: bool


class ReviewState:
    """The accepted/reverted flag of every change of one analysis, with groups and history.

    Attributes:
        text: the original (decoded) text.
        changes: the proposed changes, sorted and disjoint.
        accepted: one byte per change, 1 when the change is kept.
        groups: the groups, ordered by rule, then by size (largest first).
        group_of: the group index of each change.
        revision: increases with every change of flags (undo and redo included).
    """

    def __init__(self, text: str, changes: Sequence[Change]) -> None:
        self.text = text
        self.changes: Sequence[Change] = changes
        count = len(changes)
        self.accepted = bytearray(b"\x01") * count
        self.offsets = array("q", [change.offset for change in changes])
        self.ends = array("q", [change.end for change in changes])
        self._growth = array("q", [len(change.replacement) - change.length for change in changes])
        keys: dict[tuple[str, str, str], list[int]] = {}
        for index, change in enumerate(changes):
            keys.setdefault((change.rule, *edit_key(change)), []).append(index)
        ordered = sorted(keys.items(), key=lambda item: (item[0][0], -len(item[1]), item[0][1], item[0][2]))
        self.groups: list[Group] = [Group(rule, original, replacement, array("q", indices))
                                    for (rule, original, replacement), indices in ordered]
        self.group_of = array("q", bytes(8 * count))
        for group_index, group in enumerate(self.groups):
            for index in group.indices:
                self.group_of[index] = group_index
        self._undo: list[ReviewAction] = []
        self._redo: list[ReviewAction] = []
        self._saved_depth: int | None = 0
        self.revision = 0
        self._lines: LineIndex | None = None
        self._cache_revision = -1
        self._new_offsets = array("q")
        self._group_accepted: list[int] = []

    # -- queries -----------------------------------------------------------------------------

    @property
    def count(self) -> int:
        """The number of proposed changes."""
        return len(self.changes)

    @property
    def accepted_count(self) -> int:
        """How many changes are kept."""
        return self.accepted.count(1)

    @property
    def reverted_count(self) -> int:
        return self.count - self.accepted_count

    def is_accepted(self, index: int) -> bool:
        return bool(self.accepted[index])

    def accepted_changes(self) -> Iterable[Change]:
        """The kept changes, in order."""
        return itertools.compress(self.changes, self.accepted)

    def normalized_text(self) -> str:
        """The original with every accepted change applied (one join)."""
        return apply_changes(self.text, self.accepted_changes())

    @property
    def lines(self) -> LineIndex:
        """Line numbers of the original text (built on first use)."""
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines

    def line_column(self, index: int) -> tuple[int, int]:
        """1-based line and column of change ``index`` in the original."""
        return self.lines.line_column(self.offsets[index])

    def _refresh(self) -> None:
        if self._cache_revision == self.revision:
            return
        growth = self._growth
        shifts = itertools.accumulate((g if a else 0 for g, a in zip(growth, self.accepted, strict=True)), initial=0)
        self._new_offsets = array("q", [offset + shift for offset, shift in zip(self.offsets, shifts, strict=False)])
        counts = [0] * len(self.groups)
        for group_index, flag in zip(self.group_of, self.accepted, strict=True):
            counts[group_index] += flag
        self._group_accepted = counts
        self._cache_revision = self.revision

    def new_offsets(self) -> array[int]:
        """The offset of each change in the normalized text (where its replacement starts)."""
        self._refresh()
        return self._new_offsets

    def new_lengths(self) -> list[int]:
        """The length of each change in the normalized text: the replacement's, or the original's."""
        return [len(change.replacement) if flag else change.length
                for change, flag in zip(self.changes, self.accepted, strict=True)]

    def group_accepted(self, group_index: int) -> int:
        """How many changes of a group are kept."""
        self._refresh()
        return self._group_accepted[group_index]

    def to_normalized(self, offset: int) -> int:
        """Map an offset of the original to the normalized text."""
        index = bisect.bisect_right(self.offsets, offset) - 1
        if index < 0:
            return offset
        new_start = self.new_offsets()[index]
        change = self.changes[index]
        if offset < change.end:
            return new_start
        length = len(change.replacement) if self.accepted[index] else change.length
        return new_start + length + offset - change.end

    def to_original(self, offset: int) -> int:
        """Map an offset of the normalized text back to the original."""
        new_offsets = self.new_offsets()
        index = bisect.bisect_right(new_offsets, offset) - 1
        if index < 0:
            return offset
        change = self.changes[index]
        length = len(change.replacement) if self.accepted[index] else change.length
        if offset < new_offsets[index] + length:
            return change.offset
        return change.end + offset - new_offsets[index] - length

    def change_at(self, offset: int) -> int | None:
        """The index of the change covering original ``offset``, if any."""
        index = bisect.bisect_right(self.offsets, offset) - 1
        if index >= 0 and offset < self.ends[index]:
            return index
        return None

    def next_change(self, offset: int) -> int | None:
        """The first change starting after original ``offset``."""
        index = bisect.bisect_right(self.offsets, offset)
        return index if index < self.count else None

    def previous_change(self, offset: int) -> int | None:
        """The last change starting before original ``offset``."""
        index = bisect.bisect_left(self.offsets, offset) - 1
        return index if index >= 0 else None

    # -- actions -----------------------------------------------------------------------------

    def set_accepted(self, indices: Sequence[int], value: bool, description: str = "") -> ReviewAction | None:
        """Accept (``value``) or revert the changes ``indices``; return the undoable step.

        Returns None (and records nothing) when no flag changes.
        """
        flag = 1 if value else 0
        accepted = self.accepted
        todo = array("q", [index for index in indices if accepted[index] != flag])
        if not todo:
            return None
        before = bytes(accepted[index] for index in todo)
        if not description:
            description = f"{'Restore' if value else 'Revert'} {len(todo)} change{'s' * (len(todo) != 1)}"
        action = ReviewAction(description, todo, before, value)
        self._apply(todo, flag)
        self._undo.append(action)
        self._redo.clear()
        if self._saved_depth is not None and self._saved_depth >= len(self._undo):
            self._saved_depth = None
        return action

    def set_group(self, group_index: int, value: bool) -> ReviewAction | None:
        """Accept or revert every change of a group."""
        group = self.groups[group_index]
        verb = "Accept" if value else "Revert"
        shown = f"{group.original!r} → {group.replacement!r}"
        return self.set_accepted(group.indices, value, f"{verb} all {shown} ({group.rule})")

    def set_rule(self, rule: str, value: bool) -> ReviewAction | None:
        """Accept or revert every change of a rule."""
        indices = [index for index, change in enumerate(self.changes) if change.rule == rule]
        return self.set_accepted(indices, value, f"{'Accept' if value else 'Revert'} all {rule} changes")

    def _apply(self, indices: Sequence[int], flag: int) -> None:
        accepted = self.accepted
        for index in indices:
            accepted[index] = flag
        self.revision += 1

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_text(self) -> str:
        return self._undo[-1].description if self._undo else ""

    @property
    def redo_text(self) -> str:
        return self._redo[-1].description if self._redo else ""

    def undo(self) -> ReviewAction | None:
        """Take back the last step; return it."""
        if not self._undo:
            return None
        action = self._undo.pop()
        accepted = self.accepted
        for index, flag in zip(action.indices, action.before, strict=True):
            accepted[index] = flag
        self.revision += 1
        self._redo.append(action)
        return action

    def redo(self) -> ReviewAction | None:
        """Do the last undone step again; return it."""
        if not self._redo:
            return None
        action = self._redo.pop()
        self._apply(action.indices, 1 if action.value else 0)
        self._undo.append(action)
        return action

    # -- saved state -------------------------------------------------------------------------

    def mark_saved(self) -> None:
        """Remember the current step as the one on disk."""
        self._saved_depth = len(self._undo)

    @property
    def has_unsaved_work(self) -> bool:
        """Whether review steps were taken (or undone) since loading or the last save."""
        return self._saved_depth != len(self._undo)

    # -- re-analysis -------------------------------------------------------------------------

    def carry_over(self, previous: ReviewState) -> None:
        """Revert here every change that was reverted in ``previous`` (same place, same edit).

        Used when the rules or the allowlist change and the text is analysed again: decisions a
        person already made survive. History does not (the change indices are new).
        """
        reverted = {(change.offset, change.original, change.replacement)
                    for change, flag in zip(previous.changes, previous.accepted, strict=True) if not flag}
        if not reverted:
            return
        for index, change in enumerate(self.changes):
            if (change.offset, change.original, change.replacement) in reverted:
                self.accepted[index] = 0
        self.revision += 1
