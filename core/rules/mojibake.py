"""The ``mojibake`` rule (off by default): text decoded with the wrong encoding is repaired by ftfy.

Only lines where ftfy's badness heuristic fires (``ftfy.badness.is_bad``) are repaired with
``ftfy.fix_encoding``; each repaired span (found by diffing the line before and after) is one
change, so ``CafÃ©`` shows ``Ã© → é`` rather than a rewritten line.

Deliberately left alone: everything else ftfy's ``fix_text`` would do (NFKC, quote
straightening, HTML entities, line endings): other rules own those decisions. ftfy is imported
only when the rule runs, because importing it costs more than the other rules' tables.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..cancel import checked
from ..changes import Change, Severity

if TYPE_CHECKING:
    from .context import RuleContext

RULE_ID = "mojibake"


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, line)`` for every line, newline excluded."""
    offset = 0
    for line in text.splitlines(keepends=True):
        yield offset, line.rstrip("\r\n")
        offset += len(line)


def _span_changes(offset: int, line: str, fixed: str) -> list[Change]:
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
    for tag, start, end, fixed_start, fixed_end in matcher.get_opcodes():
        if tag == "equal":
            continue
        replacement = fixed[fixed_start:fixed_end]
        if start == end:  # a pure insertion: carry the character before it so the change covers text
            if start == 0:
                end, replacement = 1, replacement + line[:1]
            else:
                start, replacement = start - 1, line[start - 1] + replacement
        original = line[start:end]
        reason = f"mojibake {original!r} repaired as {replacement!r} (wrong encoding, ftfy)"
        changes.append(Change(offset + start, end - start, original, replacement, RULE_ID,
                              Severity.WARNING, reason))
    return changes


# ftfy's badness is a search for short sequences: searched in windows that overlap by more than
# any of them, a long line never holds the GIL for long (one search over 10M characters took 1.8 s).
_BADNESS_WINDOW = 1 << 16
_BADNESS_OVERLAP = 64


def looks_bad(text: str) -> bool:
    """``ftfy.badness.is_bad(text)``, searched in overlapping windows."""
    from ftfy.badness import is_bad

    if len(text) <= _BADNESS_WINDOW:
        return bool(is_bad(text))
    return any(is_bad(text[start:start + _BADNESS_WINDOW + _BADNESS_OVERLAP])
               for start in range(0, len(text), _BADNESS_WINDOW))


def find_changes(text: str, context: RuleContext) -> list[Change]:
    """Propose ftfy's encoding repair for each line ftfy considers bad."""
    config = context.config
    if RULE_ID not in config.rules or text.isascii():
        return []
    import ftfy

    changes: list[Change] = []
    for offset, line in checked(_lines(text)):
        if line.isascii() or not looks_bad(line):
            continue
        fixed = ftfy.fix_encoding(line)
        if fixed != line:
            changes.extend(_span_changes(offset, line, fixed))
    return changes
