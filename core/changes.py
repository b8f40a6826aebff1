"""Changes: the unit of everything Glyphwash shows, explains, reverts and saves.

A change replaces ``length`` code points of the original text, starting at ``offset``, with
``replacement``. The normalized text is never stored on its own: it is derived from the original
and the accepted changes (:func:`apply_changes`), so reverting any subset of changes gives exactly
the text a user would expect, and reverting all of them gives the original back.

Offsets are code points of the decoded text (Python ``str`` indices), never UTF-16 units or bytes.
"""

from __future__ import annotations

import bisect
import enum
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, compress, islice, repeat
from operator import add, attrgetter
from typing import Any, NamedTuple, overload

from .slices import SLICE, array_of, joined


class Severity(enum.IntEnum):
    """How much a change matters; higher is worse. The value orders findings in reports."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(slots=True, unsafe_hash=True)
class Change:
    """One replacement of ``original`` at ``offset`` by ``replacement``.

    Immutable by convention (never assign to a field; use :func:`dataclasses.replace`) and
    hashable on its fields. It is not a frozen dataclass because a dense text has a million
    changes, and a frozen instance costs about four times as much to create.

    Attributes:
        offset: first code point of the original text that the change covers.
        length: number of code points covered; ``original == text[offset:offset + length]``.
        original: the covered text, kept so a change explains itself without the document.
        replacement: what the normalized text has instead; empty for a deletion.
        rule: the stable id of the rule that proposed the change (``homoglyphs``, ``invisible``...).
        severity: how suspicious the original is.
        reason: one line for a person, e.g. ``Cyrillic е (U+0435) inside a Latin word``.
    """

    offset: int
    length: int
    original: str
    replacement: str
    rule: str
    severity: Severity
    reason: str

    @property
    def end(self) -> int:
        """The first code point after the change in the original text."""
        return self.offset + self.length


class OverlapError(ValueError):
    """Two changes cover the same code points, or a change lies outside the text."""


def check_changes(text: str, changes: Sequence[Change]) -> None:
    """Raise :class:`OverlapError` unless ``changes`` are sorted, disjoint and match ``text``."""
    previous_end = 0
    for change in changes:
        if change.offset < previous_end or change.end > len(text):
            raise OverlapError(f"change at {change.offset} overlaps or leaves the text: {change!r}")
        if text[change.offset:change.end] != change.original:
            raise OverlapError(f"change at {change.offset} does not match the text: {change!r}")
        previous_end = change.end


class ChangeTemplate(NamedTuple):
    """The changes of one stretch of text, relative to its start, and the stretch once changed.

    Dense texts repeat their lines; a rule computes a line's changes once and places the same
    template wherever the line recurs (:meth:`ChangeList.from_templates`).
    """

    offsets: tuple[int, ...]
    lengths: tuple[int, ...]
    originals: tuple[str, ...]
    replacements: tuple[str, ...]
    rules: tuple[str, ...]
    severities: tuple[Severity, ...]
    reasons: tuple[str, ...]
    source_length: int
    result: str


class ChangeList(Sequence[Change]):
    """Sorted, disjoint changes stored as columns; :class:`Change` objects are made on access.

    A dense text has a change on every few characters (three quarters of a million in 10 MB of
    the seed sample), and a Python object per change would cost more than the analysis itself.
    The columns are what bulk work uses (:func:`apply_changes`, merging, the review arrays);
    indexing and iterating give ordinary ``Change`` objects for everything else.

    A list built from templates (:meth:`from_templates`) fills its columns only when one is first
    read, so a command that only applies every change (``clean``) never builds them.

    Attributes:
        offsets: first code point of each change.
        lengths: code points each change covers.
        originals, replacements, rules, severities, reasons: the other fields, one list each
            (rules, severities and reasons share a few string objects, so they cost a pointer).
    """

    __slots__ = ("_templates", "lengths", "offsets", "originals", "reasons", "replacements", "rules", "severities")

    offsets: array[int]
    lengths: array[int]
    originals: list[str]
    replacements: list[str]
    rules: list[str]
    severities: list[Severity]
    reasons: list[str]

    def __init__(self) -> None:
        self._templates: tuple[list[int], list[ChangeTemplate], int] | None = None
        self.offsets = array("q")
        self.lengths = array("q")
        self.originals = []
        self.replacements = []
        self.rules = []
        self.severities = []
        self.reasons = []

    @classmethod
    def from_templates(cls, starts: list[int], templates: list[ChangeTemplate]) -> ChangeList:
        """Changes made of ``templates[i]`` placed at ``starts[i]`` (increasing, not overlapping)."""
        columns = cls.__new__(cls)
        columns._templates = (starts, templates, sum(len(template.offsets) for template in templates))
        return columns

    def __getattr__(self, name: str) -> Any:
        # Only reached while the columns are unset, i.e. for a list still held as templates.
        if name in COLUMN_NAMES and self._templates is not None:
            self._fill_columns()
            return getattr(self, name)
        raise AttributeError(name)

    def _fill_columns(self) -> None:
        assert self._templates is not None
        starts, templates, _ = self._templates
        self._templates = None
        ChangeList.__init__(self)
        self.extend_columns(
            chain.from_iterable(map(_shifted, starts, map(_template_offsets, templates))),
            *(chain.from_iterable(map(attrgetter(name), templates)) for name in COLUMN_NAMES[1:]))

    def templated_result(self, text: str) -> str | None:
        """``text`` with every change applied, if this list is still held as templates."""
        if self._templates is None:
            return None
        starts, templates, _ = self._templates
        ends = map(add, starts, map(_template_source_length, templates))
        gaps = map(text.__getitem__, map(slice, chain((0,), ends), chain(starts, (len(text),))))
        return joined(chain.from_iterable(zip(gaps, chain(map(_template_result, templates), ("",)), strict=True)))

    @classmethod
    def of_characters(cls, text: str, offsets: Sequence[int], rule: str, severity: Severity,
                      replacement_of: Callable[[str], str], reason_of: Callable[[str], str]) -> ChangeList:
        """Changes of one code point each, at ``offsets`` (ascending) of ``text``: each character
        becomes ``replacement_of(char)`` for ``reason_of(char)``, asked once per distinct character.

        Column by column in C: a text where every other character changes makes no ``Change``.
        """
        characters = list(map(text.__getitem__, offsets))
        distinct = set(characters)
        replacements = {char: replacement_of(char) for char in distinct}
        reasons = {char: reason_of(char) for char in distinct}
        count = len(characters)
        columns = cls()
        columns.extend_columns(offsets, repeat(1, count), characters, map(replacements.__getitem__, characters),
                               repeat(rule, count), repeat(severity, count), map(reasons.__getitem__, characters))
        return columns

    @classmethod
    def from_changes(cls, changes: Iterable[Change]) -> ChangeList:
        """Columns of ``changes`` (which must be sorted and disjoint)."""
        if isinstance(changes, ChangeList):
            return changes
        columns = cls()
        for change in changes:
            columns.append(change)
        return columns

    def append(self, change: Change) -> None:
        self.offsets.append(change.offset)
        self.lengths.append(change.length)
        self.originals.append(change.original)
        self.replacements.append(change.replacement)
        self.rules.append(change.rule)
        self.severities.append(change.severity)
        self.reasons.append(change.reason)

    def extend_columns(self, offsets: Iterable[int], lengths: Iterable[int], originals: Iterable[str],
                       replacements: Iterable[str], rules: Iterable[str], severities: Iterable[Severity],
                       reasons: Iterable[str]) -> None:
        """Append changes given column by column (all iterables of the same length), in slices so
        that a worker thread never holds the GIL for long (see :mod:`core.slices`)."""
        for column, values in zip(self._columns(), (offsets, lengths, originals, replacements, rules, severities,
                                                     reasons), strict=True):
            extend = column.extend  # type: ignore[attr-defined]
            iterator = iter(values)
            while True:
                size = len(column)
                extend(islice(iterator, SLICE))
                if len(column) - size < SLICE:
                    break

    def extend(self, other: ChangeList) -> None:
        """Append all of ``other`` (whose changes must all come after this list's)."""
        self.extend_columns(other.offsets, other.lengths, other.originals, other.replacements, other.rules,
                            other.severities, other.reasons)

    def select(self, keep: Iterable[bool] | bytes | bytearray) -> ChangeList:
        """A new list of the changes whose ``keep`` flag is true (in C, column by column)."""
        flags = bytes(map(bool, keep)) if not isinstance(keep, (bytes, bytearray)) else keep
        selected = ChangeList()
        selected.extend_columns(*(compress(column, flags) for column in self._columns()))
        return selected

    def interleaved(self, other: ChangeList) -> ChangeList:
        """Both lists as one, in offset order (each sorted; no change of one overlaps the other).

        The order is worked out, not sorted: runs of this list (the longer one, ideally) with
        ``other``'s changes between them, all in C.
        """
        if not other or not self:
            return self if self else other
        places = array_of(map(bisect.bisect_left, repeat(self.offsets.tolist()), other.offsets))
        bounds = [0, *places, len(self)]
        runs = map(range, bounds[:-2], bounds[1:-1])  # the runs before each of theirs
        theirs = zip(range(len(self), len(self) + len(other)))  # their indices in ``self + other``
        # run 0, their change 0, run 1, ..., their last change, then the last run
        order = chain(chain.from_iterable(chain.from_iterable(zip(runs, theirs, strict=True))),
                      range(bounds[-2], bounds[-1]))
        return (self + other).reordered(array_of(order))

    def reordered(self, order: Sequence[int]) -> ChangeList:
        """A new list with the changes at ``order`` (indices), column by column in C."""
        result = ChangeList()
        result.extend_columns(*(map(column.__getitem__, order) for column in self._columns()))
        return result

    def ends(self) -> array[int]:
        """The first code point after each change."""
        return array_of(map(add, self.offsets, self.lengths))

    def _columns(self) -> tuple[Sequence[Any], ...]:
        return (self.offsets, self.lengths, self.originals, self.replacements, self.rules, self.severities,
                self.reasons)

    def __len__(self) -> int:
        if self._templates is not None:
            return self._templates[2]
        return len(self.offsets)

    @overload
    def __getitem__(self, index: int) -> Change: ...

    @overload
    def __getitem__(self, index: slice) -> ChangeList: ...

    def __getitem__(self, index: int | slice) -> Change | ChangeList:
        if isinstance(index, slice):
            part = ChangeList()
            part.extend_columns(*(column[index] for column in self._columns()))
            return part
        return Change(self.offsets[index], self.lengths[index], self.originals[index], self.replacements[index],
                      self.rules[index], self.severities[index], self.reasons[index])

    def __iter__(self) -> Iterator[Change]:
        return map(Change, *self._columns())

    def __add__(self, other: Iterable[Change]) -> ChangeList:
        """Both lists as one (``other`` must come after this list, as with subsets of a list)."""
        joined = self[:]
        joined.extend(ChangeList.from_changes(other))
        return joined

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ChangeList):
            return self._columns() == other._columns()
        if isinstance(other, (list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"ChangeList({list(self)!r})"


def apply_changes(text: str, changes: Iterable[Change]) -> str:
    """Return ``text`` with ``changes`` applied.

    ``changes`` must be sorted by offset and disjoint (as every rule set produces them); any
    subset of a valid change list is valid too, which is what reverting relies on.
    """
    if isinstance(changes, ChangeList):
        result = changes.templated_result(text)
        if result is not None:
            return result
    return apply_within(text, changes, 0, len(text))


def apply_within(text: str, changes: Iterable[Change], start: int, end: int) -> str:
    """Return ``text[start:end]`` with ``changes`` applied (they lie inside it; offsets in ``text``).

    No change is copied to shift its offset: a cluster of 200,000 changes is joined in C.
    """
    if isinstance(changes, ChangeList):
        offsets, lengths, replacements = changes.offsets, changes.lengths, changes.replacements
    else:
        listed = changes if isinstance(changes, (list, tuple)) else list(changes)
        offsets = array("q", map(_offset, listed))
        lengths = array("q", map(_length, listed))
        replacements = list(map(_replacement, listed))
    if not offsets:
        return text[start:end]
    # Everything below runs in C: the kept gaps between changes, interleaved with replacements.
    starts = [start, *map(add, offsets, lengths)]
    stops = [*offsets, end]
    gaps = map(text.__getitem__, map(slice, starts, stops))
    return joined(chain.from_iterable(zip(gaps, chain(replacements, ("",)), strict=True)))


COLUMN_NAMES = ("offsets", "lengths", "originals", "replacements", "rules", "severities", "reasons")
_template_offsets = attrgetter("offsets")
_template_source_length = attrgetter("source_length")
_template_result = attrgetter("result")


def _shifted(start: int, offsets: tuple[int, ...]) -> Iterator[int]:
    return map(start.__add__, offsets)


_offset = attrgetter("offset")
_length = attrgetter("length")
_replacement = attrgetter("replacement")


def map_offset(changes: Iterable[Change], offset: int) -> int:
    """Map a code-point offset in the original text to the text after ``changes``.

    An offset inside a change maps to the start of that change's replacement.
    """
    shift = 0
    for change in changes:
        if change.offset >= offset:
            break
        if change.end > offset:
            return change.offset + shift
        shift += len(change.replacement) - change.length
    return offset + shift
