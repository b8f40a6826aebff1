"""Typography rules, all off by default: ``quotes``, ``dashes``, ``ellipsis``, ``trailing-space``.

* ``quotes``: the Quotation_Mark characters named ``... QUOTATION MARK`` that are not guillemets
  or CJK/fullwidth forms (‘ ’ ‚ ‛ “ ” „ ‟ ⹂), and the primes ′ ″ ‵ ‶, become ``'`` or ``"``.
* ``dashes``: Dash characters of category Pd in General and Supplemental Punctuation (‐ ‑ ‒ – — ―
  ⸺ ⸻) become ``-``.
* ``ellipsis``: HORIZONTAL ELLIPSIS becomes ``...``.
* ``trailing-space``: spaces, tabs and other Zs spaces at the end of a line are removed.

Deliberately left alone: guillemets « » ‹ ›, CJK corner brackets and fullwidth quotes, the
apostrophe-like letters (U+02BC MODIFIER LETTER APOSTROPHE is a letter in Ukrainian and
Hawaiian), the minus sign, script-specific hyphens (Armenian, Hebrew maqaf, Mongolian, Canadian
syllabics) and CJK wave dashes.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

import unicodedata2

from ..cancel import checked
from ..changes import Change, Severity
from ..unicode.unicode_props import char_class, dashes, label, offsets_of, quotation_marks, white_space

if TYPE_CHECKING:
    from .context import RuleContext

QUOTES, DASHES, ELLIPSIS, TRAILING_SPACE = "quotes", "dashes", "ellipsis", "trailing-space"
RULE_IDS = frozenset({QUOTES, DASHES, ELLIPSIS, TRAILING_SPACE})

_PRIMES = {0x2032: "'", 0x2033: '"', 0x2035: "'", 0x2036: '"'}
_PUNCTUATION_BLOCKS = (range(0x2000, 0x2070), range(0x2E00, 0x2E80))
_HORIZONTAL_ELLIPSIS = 0x2026


@functools.cache
def straight_quotes() -> dict[int, str]:
    """Curly quotation marks and primes → ``'`` or ``"``."""
    table = dict(_PRIMES)
    for code_point in quotation_marks():
        name = unicodedata2.name(chr(code_point), "")
        if code_point < 0x80 or "QUOTATION MARK" not in name or any(
                word in name for word in ("ANGLE", "FULLWIDTH", "CJK", "HALFWIDTH")):
            continue
        table[code_point] = '"' if "DOUBLE" in name else "'"
    return table


@functools.cache
def plain_dashes() -> frozenset[int]:
    """Dash characters of category Pd in the general and supplemental punctuation blocks."""
    return frozenset(code_point for code_point in dashes()
                     if unicodedata2.category(chr(code_point)) == "Pd"
                     and any(code_point in block for block in _PUNCTUATION_BLOCKS))


@functools.cache
def _replacements() -> dict[int, tuple[str, str]]:
    """Code point → (rule id, replacement) for the single-character rules."""
    table = {code_point: (QUOTES, quote) for code_point, quote in straight_quotes().items()}
    table.update((code_point, (DASHES, "-")) for code_point in plain_dashes())
    table[_HORIZONTAL_ELLIPSIS] = (ELLIPSIS, "...")
    return table


def replacements() -> dict[int, str]:
    """Code point → its plain form, for the single-character rules (quotes, dashes, ellipsis)."""
    return {code_point: plain for code_point, (_, plain) in _replacements().items()}


@functools.cache
def candidates() -> frozenset[int]:
    """Every code point the single-character rules (quotes, dashes, ellipsis) look at."""
    return frozenset(_replacements())


@functools.cache
def _trailing_space_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``(line-end runs, spaces)``: runs of spaces and invisible characters that end a line, and
    the spaces inside them.

    Invisible characters may sit between the spaces and the line end: the ``invisible`` rule
    deletes them, and the spaces must go in the same pass or the result would not be final. A run
    is matched from its start only and never backtracked into: a lookahead after each space of a
    run that ends no line scanned the rest of it again (200,000 spaces between two letters took
    minutes).
    """
    from .invisible import candidates as invisible_characters

    spaces = [code_point for code_point in white_space()
              if code_point == 0x09 or unicodedata2.category(chr(code_point)) == "Zs"]
    invisible_or_space = char_class(invisible_characters() | frozenset(spaces))
    line_end = "(?:\\r\\n|[\\n\\r\\x0c\\x85\\u2028\\u2029]|\\Z)"
    line_end_runs = re.compile(f"(?<!{invisible_or_space}){invisible_or_space}++(?={line_end})")
    return line_end_runs, re.compile(f"{char_class(spaces)}+")


def _trailing_space_changes(text: str) -> list[Change]:
    line_end_runs, spaces = _trailing_space_patterns()
    return [Change(match.start(), match.end() - match.start(), match.group(), "", TRAILING_SPACE,
                   Severity.INFO, "spaces at the end of a line")
            for run in line_end_runs.finditer(text) for match in spaces.finditer(text, run.start(), run.end())]


def _describe(rule: str, char: str, replacement: str) -> str:
    kind = {QUOTES: "curly quote", DASHES: "dash", ELLIPSIS: "ellipsis"}[rule]
    return f"{label(char)}: {kind} becomes {replacement!r}"


def find_changes(text: str, context: RuleContext) -> list[Change]:
    """Propose plain ASCII punctuation for the enabled typography rules; sorted and disjoint."""
    config = context.config
    enabled = RULE_IDS & config.rules
    if not enabled:
        return []
    changes: list[Change] = []
    single = frozenset(enabled - {TRAILING_SPACE})
    if single:
        table = _replacements()
        for index in checked(offsets_of(text, candidates(), context.scan)):
            char = text[index]
            rule, replacement = table[ord(char)]
            if rule in single:
                changes.append(Change(index, 1, char, replacement, rule, Severity.INFO,
                                      _describe(rule, char, replacement)))
    if TRAILING_SPACE in enabled:
        trailing = _trailing_space_changes(text)
        # trailing Zs spaces never collide with quotes, dashes or ellipses, so a sort suffices
        changes = sorted(changes + trailing, key=lambda change: change.offset) if changes else trailing
    return changes
