"""Names for edits that a person can tell apart: look-alike letters named by script and code point.

``Revert е → e`` says nothing when both letters look alike; ``Cyrillic е U+0435 → Latin e``
says what the change does. Every place that names a change (undo texts, menus, the change list,
hover texts) takes its words from here.
"""

from __future__ import annotations

from .unicode.unicode_data import script_of
from .view.display import escape_for_display

# Characters named one by one; a longer text is shown as text (its differing part is named).
NAMED_CHARACTERS = 2
# Scripts that say nothing about a character (punctuation, digits, combining marks).
UNTOLD_SCRIPTS = frozenset({"Common", "Inherited", "Unknown"})


def name_character(char: str) -> str:
    """``Cyrillic е U+0435``; an invisible character as its label (``<ZWSP> U+200B``).

    Args:
        char: one code point.
    """
    script = script_of(char)
    prefix = "" if script in UNTOLD_SCRIPTS else f"{script} "
    return f"{prefix}{escape_for_display(char)} U+{ord(char):04X}"


def name_text(text: str, limit: int = 20) -> str:
    """A short text named character by character, a longer one as (escaped) text.

    Args:
        text: the text; empty means the edit removes something.
        limit: characters of a long text shown before an ellipsis.
    """
    if not text:
        return "(removed)"
    if len(text) <= NAMED_CHARACTERS:
        return " ".join(map(name_character, text))
    return escape_for_display(text, limit)


def name_edit(original: str, replacement: str, limit: int = 20) -> str:
    """``Cyrillic е U+0435 → Latin e``; a word with a few look-alike letters gets them named too:
    ``Korеa → Korea (Cyrillic е U+0435 → Latin e)``.

    Args:
        original: the text before the edit.
        replacement: the text after it (empty: removed).
        limit: characters of a long text shown before an ellipsis.
    """
    shown = f"{name_text(original, limit)} → {name_text(replacement, limit)}"
    if len(original) <= NAMED_CHARACTERS and len(replacement) <= NAMED_CHARACTERS:
        return shown
    start = 0
    while start < min(len(original), len(replacement)) and original[start] == replacement[start]:
        start += 1
    end = 0
    while (end < min(len(original), len(replacement)) - start
           and original[-1 - end] == replacement[-1 - end]):
        end += 1
    before, after = original[start:len(original) - end], replacement[start:len(replacement) - end]
    if (before or after) and len(before) <= NAMED_CHARACTERS and len(after) <= NAMED_CHARACTERS:
        return f"{shown} ({name_text(before)} → {name_text(after)})"
    return shown
