"""The ``nfc`` rule (off by default): decomposed letter + mark sequences become composed (NFC).

Each grapheme cluster whose NFC form differs is one change, so a reader sees ``e + ◌́ → é`` and
can revert it alone. Only non-ASCII chunks that are not already NFC are segmented, and only there
does the ``regex`` module's ``\\X`` run, so normalized text costs one C-speed comparison per chunk.

Deliberately left alone: single-character clusters. NFC maps some characters on their own
(CJK compatibility ideographs to unified ones, KELVIN SIGN to K); the first would change genuine
Japanese and Korean text, the second belongs to the ``compat`` rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex
import unicodedata2

from ..cancel import checked
from ..changes import Change, Severity
from ..unicode.graphemes import Segmenter
from ..unicode.unicode_props import ASCII_CHUNK

if TYPE_CHECKING:
    from .context import RuleContext

RULE_ID = "nfc"

_CLUSTER = regex.compile(r"\X")


def _unnormalized_chunks(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` chunks, widened to cluster boundaries, whose text is not NFC."""
    chunks: list[tuple[int, int]] = []
    clusters = Segmenter(text)  # one cluster spanning many chunks is walked once
    for start in range(0, len(text), ASCII_CHUNK):
        end = min(start + ASCII_CHUNK, len(text))
        if text[start:end].isascii():
            continue
        # a mark at the chunk's start composes with the base before it: check whole clusters
        start, end = clusters.widen(start, end)
        chunk = text[start:end]
        if unicodedata2.normalize("NFC", chunk) == chunk:
            continue
        if chunks and start <= chunks[-1][1]:
            chunks[-1] = (chunks[-1][0], end)
        else:
            chunks.append((start, end))
    return chunks


def find_changes(text: str, context: RuleContext) -> list[Change]:
    """Propose the composed form of every decomposed cluster."""
    config = context.config
    if RULE_ID not in config.rules or text.isascii():
        return []
    changes: list[Change] = []
    for start, end in _unnormalized_chunks(text):
        for match in checked(_CLUSTER.finditer(text, pos=start, endpos=end)):
            cluster = match.group()
            if len(cluster) < 2:
                continue
            composed = unicodedata2.normalize("NFC", cluster)
            if composed != cluster:
                reason = f"{len(cluster)} code points {cluster!r} compose to {composed!r} (NFC)"
                changes.append(_trimmed(Change(match.start(), len(cluster), cluster, composed, RULE_ID,
                                               Severity.INFO, reason)))
    return changes


def _trimmed(change: Change) -> Change:
    """The change without the leading characters it keeps (a base whose marks are reordered).

    Another rule may change that base (a curly quote carrying marks); trimmed, the two changes
    no longer overlap, and the engine joins them into one change of the cluster instead of
    dropping one of them.
    """
    original, replacement = change.original, change.replacement
    keep = 0
    while keep < min(len(original), len(replacement)) - 1 and original[keep] == replacement[keep]:
        keep += 1
    if not keep:
        return change
    return Change(change.offset + keep, change.length - keep, original[keep:], replacement[keep:], change.rule,
                  change.severity, change.reason)
