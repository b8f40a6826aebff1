"""Changes: the unit of everything Glyphwash shows, explains, reverts and saves.

A change replaces ``length`` code points of the original text, starting at ``offset``, with
``replacement``. The normalized text is never stored on its own: it is derived from the original
and the accepted changes (:func:`apply_changes`), so reverting any subset of changes gives exactly
the text a user would expect, and reverting all of them gives the original back.

Offsets are code points of the decoded text (Python ``str`` indices), never UTF-16 units or bytes.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import add, attrgetter


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


def apply_changes(text: str, changes: Iterable[Change]) -> str:
    """Return ``text`` with ``changes`` applied.

    ``changes`` must be sorted by offset and disjoint (as every rule set produces them); any
    subset of a valid change list is valid too, which is what reverting relies on.
    """
    changes = changes if isinstance(changes, (list, tuple)) else list(changes)
    if not changes:
        return text
    # Everything below runs in C: the kept gaps between changes, interleaved with replacements.
    starts = [0, *map(add, map(_offset, changes), map(_length, changes))]
    stops = [*map(_offset, changes), len(text)]
    gaps = map(text.__getitem__, map(slice, starts, stops))
    replacements = [*map(_replacement, changes), ""]
    return "".join(chain.from_iterable(zip(gaps, replacements, strict=True)))


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
