"""The review state: which proposed changes a person keeps, grouped.

The engine proposes changes; the person reviewing them accepts or reverts each one, a whole group
of the same kind at once (every ``е`` → ``e`` of the homoglyph rule), or a single change. The
normalized text is always derived from the original and the accepted changes (one join, via
:func:`core.changes.apply_changes`), never edited in place.

A review step is a :class:`ReviewAction`, which the state applies and unapplies; it keeps no
history. The one undo history of a document, of review steps and re-analyses alike, is the
session's (:mod:`core.session`).

Per-change state lives in flat arrays keyed by change index (a ``bytearray`` of accepted flags,
``array`` offsets), built from the :class:`~core.changes.ChangeList` columns, and a group is found
by its index in ``group_of``, so that reverting a group of hundreds of thousands of changes is
C-level work (``map``, ``compress``, ``accumulate``), never a loop over ``Change`` objects.
Nothing here imports Qt.
"""

from __future__ import annotations

import bisect
import itertools
from array import array
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import add, eq, mul, ne, sub

from .change_names import name_edit
from .changes import Change, ChangeList, apply_changes
from .positions import LineIndex
from .slices import SLICE, array_of


def edit_key(change: Change) -> tuple[str, str]:
    """What a change does, reduced to the characters that differ: the key of its group.

    A same-length edit of a whole word (``Korеa`` → ``Korea``) groups with every other change
    that swaps the same characters (``е`` → ``e``); other edits group by their full texts.
    """
    return edit_key_of(change.original, change.replacement)


def edit_key_of(original: str, replacement: str) -> tuple[str, str]:
    """:func:`edit_key` of an edit given as its two texts."""
    if len(original) != len(replacement) or len(original) <= 1:
        return original, replacement
    pairs = dict.fromkeys((a, b) for a, b in zip(original, replacement, strict=True) if a != b)
    if not pairs:
        return original, replacement
    return "".join(a for a, _ in pairs), "".join(b for _, b in pairs)


# Up to this many distinct edits, each is counted with array.count (a C scan) instead of a Counter.
_COUNT_ONE_BY_ONE = 8


def edit_ids(changes: ChangeList) -> tuple[array[int], list[tuple[str, str, str]]]:
    """Number the distinct ``(rule, original, replacement)`` of ``changes``.

    Returns the id of each change and the edits by id. A dense text has few distinct edits, so
    everything computed per edit (groups, pieces) is computed once per id, and spread over the
    changes by indexing with these ids.
    """
    seen: dict[tuple[str, str, str], int] = {}
    raw = array_of(map(seen.setdefault, zip(changes.rules, changes.originals, changes.replacements, strict=True),
                         itertools.count()))
    edits = list(seen)
    dense = {raw_id: number for number, raw_id in enumerate(seen.values())}
    if any(raw_id != number for raw_id, number in dense.items()):
        raw = array_of(map(dense.__getitem__, raw))
    return raw, edits


def scatter(target: bytearray, indices: Iterable[int], value: int) -> None:
    """``target[i] = value`` for every ``i`` of ``indices`` (in C)."""
    deque(map(target.__setitem__, indices, itertools.repeat(value)), maxlen=0)


@dataclass(frozen=True, eq=False)
class Group:
    """All changes of one rule that make the same edit (see :func:`edit_key`).

    Attributes:
        rule: the rule id.
        original: the replaced characters.
        replacement: what replaces them (empty for a deletion).
        count: how many changes the group has.
        number: the group's index in its state.
    """

    rule: str
    original: str
    replacement: str
    count: int
    number: int
    _group_of: array[int] = field(repr=False)
    _indices: list[array[int]] = field(default_factory=list, repr=False)

    @property
    def indices(self) -> array[int]:
        """The change indices in the group, ascending (found on first use, in C)."""
        if not self._indices:
            group_of = self._group_of
            if self.count == len(group_of):
                self._indices.append(array("q", range(len(group_of))))
            else:
                self._indices.append(array("q", itertools.compress(
                    range(len(group_of)), map(eq, group_of, itertools.repeat(self.number)))))
        return self._indices[0]


@dataclass(frozen=True)
class ReviewAction:
    """One undoable step: set the accepted flag of ``indices`` to ``value``.

    Attributes:
        description: what the step did, for the undo menu (``Revert 12 × е → e``).
        indices: the changes touched (each had the other flag before the step).
        value: the flag they were given.
    """

    description: str
    indices: array[int]
    value: bool


class ReviewState:
    """The accepted/reverted flag of every change of one analysis, with its groups.

    Attributes:
        text: the original (decoded) text.
        changes: the proposed changes, sorted and disjoint (columns).
        accepted: one byte per change, 1 when the change is kept.
        offsets: the offset of each change in the original.
        ends: the end of each change in the original.
        lengths: the length of each change in the original.
        edit_of: the number of each change's distinct (rule, original, replacement).
        edits: the distinct (rule, original, replacement) by number.
        groups: the groups, ordered by rule, then by size (largest first).
        group_of: the group index of each change.
        revision: increases with every change of flags (an action undone included).
    """

    def __init__(self, text: str, changes: Sequence[Change]) -> None:
        self.text = text
        columns = ChangeList.from_changes(changes)
        self.changes: ChangeList = columns
        count = len(columns)
        self.accepted = bytearray(b"\x01") * count
        self.offsets = columns.offsets
        self.lengths = columns.lengths
        self.ends = columns.ends()
        self.edit_of, self.edits = edit_ids(columns)
        edit_growth = [len(replacement) - len(original) for _, original, replacement in self.edits]
        self._grows = any(edit_growth)
        # Without growth (every edit keeps its length) the column is zeros, made at memory speed.
        self._growth = array_of(map(edit_growth.__getitem__, self.edit_of)) if self._grows else \
            array("q", bytes(8 * count))
        # Groups: edits with the same rule and edit key share a group.
        group_keys = [(rule, *edit_key_of(original, replacement)) for rule, original, replacement in self.edits]
        per_edit: Counter[int] = Counter()
        if len(self.edits) <= _COUNT_ONE_BY_ONE:
            per_edit.update({number: self.edit_of.count(number) for number in range(len(self.edits))})
        else:
            for start in range(0, len(self.edit_of), SLICE):  # in slices: see core.slices
                per_edit.update(self.edit_of[start:start + SLICE])
        sizes: dict[tuple[str, str, str], int] = {}
        for number, key in enumerate(group_keys):
            sizes[key] = sizes.get(key, 0) + per_edit[number]
        ordered = sorted(sizes, key=lambda key: (key[0], -sizes[key], key[1], key[2]))
        number_of = {key: number for number, key in enumerate(ordered)}
        edit_group = [number_of[key] for key in group_keys]
        if edit_group == list(range(len(edit_group))):
            self.group_of = self.edit_of
        else:
            self.group_of = array_of(map(edit_group.__getitem__, self.edit_of))
        self.groups: list[Group] = [Group(rule, original, replacement, sizes[(rule, original, replacement)],
                                          number, self.group_of)
                                    for number, (rule, original, replacement) in enumerate(ordered)]
        self.revision = 0
        self._lines: LineIndex | None = None
        self._cache_revision = -1
        self._new_offsets = array("q")
        self._group_accepted: list[int] = []

    # -- queries -----------------------------------------------------------------------------

    @property
    def count(self) -> int:
        """The number of proposed changes."""
        return len(self.accepted)

    @property
    def accepted_count(self) -> int:
        """How many changes are kept."""
        return self.accepted.count(1)

    @property
    def reverted_count(self) -> int:
        return self.count - self.accepted_count

    def is_accepted(self, index: int) -> bool:
        return bool(self.accepted[index])

    def accepted_changes(self) -> ChangeList:
        """The kept changes, in order."""
        if self.accepted_count == self.count:
            return self.changes
        return self.changes.select(self.accepted)

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
        if self._grows:
            shifts = itertools.accumulate(map(mul, self._growth, self.accepted), initial=0)
            self._new_offsets = array_of(map(add, self.offsets, shifts))
        else:
            self._new_offsets = self.offsets
        if self.accepted.find(0) < 0:  # everything kept (as loaded): each group whole
            self._group_accepted = [group.count for group in self.groups]
        else:
            counts: Counter[int] = Counter()
            for start in range(0, len(self.accepted), SLICE):  # in slices: see core.slices
                counts.update(itertools.compress(self.group_of[start:start + SLICE],
                                                 self.accepted[start:start + SLICE]))
            self._group_accepted = [counts.get(number, 0) for number in range(len(self.groups))]
        self._cache_revision = self.revision

    def new_offsets(self) -> array[int]:
        """The offset of each change in the normalized text (where its replacement starts)."""
        self._refresh()
        return self._new_offsets

    def new_lengths(self) -> array[int]:
        """The length of each change in the normalized text: the replacement's, or the original's."""
        if not self._grows:
            return self.lengths
        return array_of(map(add, self.lengths, map(mul, self._growth, self.accepted)))

    def new_length(self, index: int) -> int:
        """:meth:`new_lengths` of one change."""
        return self.lengths[index] + (self._growth[index] if self.accepted[index] else 0)

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
        end = self.ends[index]
        if offset < end:
            return new_start
        return new_start + self.new_length(index) + offset - end

    def to_original(self, offset: int) -> int:
        """Map an offset of the normalized text back to the original."""
        new_offsets = self.new_offsets()
        index = bisect.bisect_right(new_offsets, offset) - 1
        if index < 0:
            return offset
        length = self.new_length(index)
        if offset < new_offsets[index] + length:
            return self.offsets[index]
        return self.ends[index] + offset - new_offsets[index] - length

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
        """Accept (``value``) or revert the changes ``indices``; return the step, to undo it by.

        Returns None (and changes nothing) when no flag changes.
        """
        flag = 1 if value else 0
        accepted = self.accepted
        if isinstance(indices, range) and indices.step == 1 and len(indices) == len(accepted):
            todo = array("q", itertools.compress(indices, map(ne, accepted, itertools.repeat(flag))))
        else:
            todo = array("q", itertools.compress(indices, map(ne, map(accepted.__getitem__, indices),
                                                              itertools.repeat(flag))))
        if not todo:
            return None
        if not description:
            description = f"{'Restore' if value else 'Revert'} {len(todo)} change{'s' * (len(todo) != 1)}"
        action = ReviewAction(description, todo, value)
        self.apply(action)
        return action

    def set_group(self, group_index: int, value: bool) -> ReviewAction | None:
        """Accept or revert every change of a group."""
        group = self.groups[group_index]
        verb = "Accept" if value else "Revert"
        return self.set_accepted(group.indices, value,
                                 f"{verb} all {name_edit(group.original, group.replacement)} ({group.rule})")

    def apply(self, action: ReviewAction) -> None:
        """Take the step ``action`` (again)."""
        self._set_flags(action.indices, 1 if action.value else 0)

    def unapply(self, action: ReviewAction) -> None:
        """Take back the step ``action``: its changes get the flag they had before it."""
        self._set_flags(action.indices, 0 if action.value else 1)

    def _set_flags(self, indices: array[int], flag: int) -> None:
        if len(indices) == len(self.accepted):
            self.accepted[:] = bytes([flag]) * len(indices)
        else:
            scatter(self.accepted, indices, flag)
        self.revision += 1

    # -- re-analysis -------------------------------------------------------------------------

    def reverted_keys(self, accepted: bytes | bytearray | None = None) -> set[tuple[int, str, str]]:
        """(offset, original, replacement) of every reverted change (of ``accepted``, by default the flags now)."""
        flags = self.accepted if accepted is None else accepted
        if flags.count(0) == 0:
            return set()
        changes = self.changes
        rejected = map(sub, itertools.repeat(1), flags)
        return set(itertools.compress(zip(changes.offsets, changes.originals, changes.replacements, strict=True),
                                      rejected))

    def carry_over(self, previous: ReviewState, accepted: bytes | bytearray | None = None) -> None:
        """Revert here every change that was reverted in ``previous`` (same place, same edit).

        Used when the rules or the allowlist change and the text is analysed again: decisions a
        person already made survive. History does not (the change indices are new).
        ``accepted`` gives ``previous``'s flags as they were at some moment (a worker's snapshot).
        """
        self.apply_reverted(previous.reverted_keys(accepted))

    def apply_reverted(self, reverted: set[tuple[int, str, str]]) -> None:
        """Revert the changes whose (offset, original, replacement) is in ``reverted``."""
        if not reverted:
            return
        changes = self.changes
        hits = itertools.compress(range(self.count), map(reverted.__contains__,
                                                         zip(changes.offsets, changes.originals,
                                                             changes.replacements, strict=True)))
        scatter(self.accepted, hits, 0)
        self.revision += 1
