"""A document under review: decoded bytes, proposed changes, review state and the panes' layouts.

This is everything the window shows for one file, computed without Qt (so a worker thread can
build it and tests can check it without a window):

* the left pane shows the original's display copy; every change covers a display range there;
* the right pane shows the normalized text's display copy, recomputed when the review changes;
* each change is cut into *pieces*: for a same-length edit (``Korеa`` → ``Korea``) only the
  characters that differ are *strong* pieces, the others are faint, so the colors point at exactly
  what changed; any other edit is one strong piece. A deletion has an empty range on the right,
  which the pane draws as a marker.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from .changes import Change, ChangeList
from .decoding import DecodedDocument
from .display import DisplayText
from .engine import Analysis, EngineConfig, analyze
from .review import ReviewState

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


@dataclass(frozen=True)
class Pieces:
    """How changes are cut into colored pieces, in change-relative code points.

    Attributes:
        owners: the change each piece belongs to (ascending).
        starts: piece start, relative to the change, in both texts.
        original_ends: piece end relative to the change in the original.
        replacement_ends: piece end relative to the change in its replacement.
        strong: 1 where the piece is a character that really changed.
    """

    owners: array[int]
    starts: array[int]
    original_ends: array[int]
    replacement_ends: array[int]
    strong: bytearray

    @classmethod
    def build(cls, changes: Sequence[Change]) -> Pieces:
        owners, starts, original_ends, replacement_ends = array("q"), array("q"), array("q"), array("q")
        strong = bytearray()
        for index, change in enumerate(changes):
            original, replacement = change.original, change.replacement
            if len(original) != len(replacement) or len(original) == 1:
                owners.append(index)
                starts.append(0)
                original_ends.append(len(original))
                replacement_ends.append(len(replacement))
                strong.append(1)
                continue
            run_start = 0
            run_strong = original[0] != replacement[0]
            for position in range(1, len(original) + 1):
                differs = position < len(original) and original[position] != replacement[position]
                if position == len(original) or differs != run_strong:
                    owners.append(index)
                    starts.append(run_start)
                    original_ends.append(position)
                    replacement_ends.append(position)
                    strong.append(1 if run_strong else 0)
                    run_start, run_strong = position, differs
        return cls(owners, starts, original_ends, replacement_ends, strong)


@dataclass(frozen=True)
class PaneLayout:
    """One pane's text and where every change and piece sits in it (UTF-16 display offsets).

    Attributes:
        display: the display copy.
        change_starts: display start of each change.
        change_ends: display end of each change (equal to the start for a deletion shown on the right).
        piece_starts: display start of each piece (same order as :class:`Pieces`).
        piece_ends: display end of each piece.
    """

    display: DisplayText
    change_starts: list[int]
    change_ends: list[int]
    piece_starts: list[int]
    piece_ends: list[int]


def layout_pane(text: str, change_offsets: Sequence[int], change_lengths: Sequence[int], pieces: Pieces,
                use_replacement: Sequence[int] | None) -> PaneLayout:
    """Lay out a pane's ``text`` with changes at ``change_offsets`` (code points of ``text``).

    ``use_replacement`` says, per change, whether the pane shows its replacement (right pane,
    accepted change); None means the original everywhere (left pane).
    """
    display = DisplayText.build(text)
    to_display = display.to_display_many
    change_starts = to_display(change_offsets)
    change_ends = to_display([offset + length for offset, length in zip(change_offsets, change_lengths, strict=True)])
    owners = pieces.owners
    if use_replacement is None:
        ends = pieces.original_ends
        piece_starts = to_display([change_offsets[owner] + start for owner, start in zip(owners, pieces.starts,
                                                                                              strict=True)])
        piece_ends = to_display([change_offsets[owner] + end for owner, end in zip(owners, ends, strict=True)])
    else:
        piece_starts = to_display([change_offsets[owner] + start for owner, start in zip(owners, pieces.starts,
                                                                                              strict=True)])
        piece_ends = to_display([
            change_offsets[owner] + (replacement_end if use_replacement[owner] else original_end)
            for owner, original_end, replacement_end in zip(owners, pieces.original_ends, pieces.replacement_ends,
                                                            strict=True)])
    return PaneLayout(display, change_starts, change_ends, piece_starts, piece_ends)


class ReviewDocument:
    """One file (or pasted text) under review.

    Attributes:
        decoded: the decoded bytes.
        config: the engine configuration the analysis used.
        analysis: the engine's proposals.
        state: what the reviewer kept.
        pieces: how changes are cut into colored pieces.
        left: the original pane's layout (fixed).
        title: what tabs and the window title call the document (not yet escaped).
    """

    def __init__(self, decoded: DecodedDocument, config: EngineConfig, analysis: Analysis | None = None,
                 title: str | None = None) -> None:
        self.decoded = decoded
        self.config = config
        self.analysis = analysis if analysis is not None else analyze(decoded.text, config)
        self.state = ReviewState(decoded.text, self.analysis.changes)
        self.pieces = Pieces.build(self.analysis.changes)
        changes = self.analysis.changes
        self.left = layout_pane(decoded.text, self.state.offsets, [change.length for change in changes],
                                self.pieces, None)
        self.title = title if title is not None else (decoded.path.name if decoded.path else "Untitled")
        self._right: PaneLayout | None = None
        self._right_revision = -1
        self._normalized: str | None = None

    @property
    def changed_characters(self) -> int:
        """How many characters of the original the changes really alter (strong pieces)."""
        pieces = self.pieces
        return sum(end - start for start, end, strong in zip(pieces.starts, pieces.original_ends, pieces.strong,
                                                             strict=True) if strong)

    @property
    def changes(self) -> ChangeList:
        return self.analysis.changes

    def normalized_text(self) -> str:
        """The text with every accepted change applied (cached per review revision)."""
        self.right()
        assert self._normalized is not None
        return self._normalized

    def right(self) -> PaneLayout:
        """The normalized pane's layout for the current review state."""
        if self._right is None or self._right_revision != self.state.revision:
            state = self.state
            self._normalized = state.normalized_text()
            self._right = layout_pane(self._normalized, state.new_offsets(), state.new_lengths(), self.pieces,
                                      state.accepted)
            self._right_revision = state.revision
        return self._right

    def bidi_controls(self) -> int:
        """How many bidi control characters the original holds."""
        return len(BIDI_CONTROLS.findall(self.decoded.text))

    def reanalyzed(self, config: EngineConfig) -> ReviewDocument:
        """A fresh analysis with ``config`` that keeps this document's reverted changes."""
        document = ReviewDocument(self.decoded, config, title=self.title)
        document.state.carry_over(self.state)
        return document
