"""The normalization rules: ONE registry of everything known about a rule, and the ``--rules`` spec language.

Each rule is described here, once: its stable id, title, default, severity, priority, colour role,
help sample and the function that finds its changes (imported, so "go to definition" leads to
it). The engine runs the registry's functions; the window's legend and colours read the rest.

Rule ids are part of the file formats (``--rules``, saved settings, the JSON report): never rename
one. Each rule's detection logic lives in a module of this package named after it; one module may
serve several ids (``typography``), in which case its function returns changes of each of them
and runs once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import NamedTuple

from ..changes import Change, Severity
from ..unicode.graphemes import glue_candidates
from ..unicode.unicode_props import Watched, watched_set
from . import compat, homoglyphs, invisible, mojibake, nfc, spaces, typography
from .context import RuleContext

FindChanges = Callable[[str, RuleContext], Sequence[Change]]


class Sample(NamedTuple):
    """How a change of the rule looks in the original pane: text before, the changed part, text after.

    ``stand_in`` marks a changed part that the original pane shows as a boxed label.
    """

    before: str
    changed: str
    after: str
    stand_in: bool = False


class RuleInfo(NamedTuple):
    """Everything about one rule.

    Attributes:
        id: the stable id.
        title: its name for people.
        default_on: whether it runs unless turned off.
        severity: how serious its changes are.
        description: what it does, in one sentence.
        priority: where proposals of two rules overlap, the lower number wins (the more a rule is
            about an attack, the higher it ranks; ``trailing-space`` outranks ``spaces`` so that an
            odd space at a line end is removed rather than made plain). Every rule has its own.
        role: the colour role of its changes (``ui/colors.py`` maps roles to colours).
        sample: what its change looks like, for the colour legend (``ui/help.py``).
        find: the function that proposes its changes.
        watched: the characters it looks for, scanned for together with the other rules' in one
            pass over the text (None: the rule scans on its own).
    """

    id: str
    title: str
    default_on: bool
    severity: Severity
    description: str
    priority: int
    role: str
    sample: Sample
    find: FindChanges
    watched: Callable[[], frozenset[int]] | None = None


RULES: tuple[RuleInfo, ...] = (
    RuleInfo("homoglyphs", "Look-alike letters", True, Severity.WARNING,
             "A letter from another script inside a word becomes its look-alike in the word's script.",
             1, "look-alike", Sample("Kor", "е", "a"), homoglyphs.find_changes),
    RuleInfo("invisible", "Invisible characters", True, Severity.ERROR,
             "Zero-width, bidi control, tag, soft hyphen and other invisible characters are removed.",
             0, "invisible", Sample("pass", "ZWSP", "word", stand_in=True), invisible.find_changes,
             invisible.candidates),
    RuleInfo("spaces", "Unusual spaces", True, Severity.INFO,
             "No-break, thin, em and other unusual spaces become plain spaces.",
             4, "space", Sample("10", "NBSP", "km", stand_in=True), spaces.find_changes, spaces.candidates),
    RuleInfo("compat", "Styled letters", True, Severity.WARNING,
             "Mathematical, fullwidth and letterlike styled letters and ligatures become plain letters.",
             2, "styled", Sample("", "𝐛𝐨𝐥𝐝 ｆｕｌｌ", ""), compat.find_changes, compat.candidates),
    RuleInfo("quotes", "Curly quotes", False, Severity.INFO, "Curly quotes become straight quotes.",
             7, "typography", Sample("", "“", "quoted”"), typography.find_changes),
    RuleInfo("dashes", "Dashes", False, Severity.INFO, "En, em, figure dashes and bars become hyphens.",
             8, "typography", Sample("1990", "–", "2000"), typography.find_changes),
    RuleInfo("ellipsis", "Ellipsis", False, Severity.INFO, "The ellipsis character becomes three dots.",
             9, "typography", Sample("wait", "…", ""), typography.find_changes),
    RuleInfo("nfc", "Composed form", False, Severity.INFO,
             "Decomposed letter and mark sequences are composed (Unicode NFC).",
             6, "composition", Sample("cafe", "\u0301", ""), nfc.find_changes),
    RuleInfo("mojibake", "Mojibake", False, Severity.WARNING,
             "Text that was decoded with the wrong encoding is repaired (ftfy).",
             5, "mojibake", Sample("caf", "Ã©", ""), mojibake.find_changes),
    RuleInfo("trailing-space", "Trailing spaces", False, Severity.INFO,
             "Spaces and tabs at the end of lines are removed.",
             3, "trailing", Sample("end", "   ", ""), typography.find_changes),
)

RULE_IDS: tuple[str, ...] = tuple(rule.id for rule in RULES)
RULES_BY_ID: dict[str, RuleInfo] = {rule.id: rule for rule in RULES}
DEFAULT_RULES: frozenset[str] = frozenset(rule.id for rule in RULES if rule.default_on)
ALL_RULES: frozenset[str] = frozenset(RULE_IDS)
BY_PRIORITY: tuple[RuleInfo, ...] = tuple(sorted(RULES, key=lambda rule: rule.priority))


def _watched_sources() -> list[frozenset[int]]:
    return [rule.watched() for rule in RULES if rule.watched is not None] + [glue_candidates()]


@functools.cache
def watched_characters() -> Watched:
    """What an analysis scans for at once: the rules' watched characters and the grapheme aligner's."""
    return watched_set("watched", _watched_sources)


class RuleSpecError(ValueError):
    """A ``--rules`` spec names an unknown rule or is malformed."""


def parse_rules_spec(spec: str, base: frozenset[str] = DEFAULT_RULES) -> frozenset[str]:
    """Turn a ``--rules`` spec into the set of enabled rule ids.

    ``none`` turns every rule off, ``all`` turns every rule on, ``default`` keeps the defaults.
    A list that names plain ids selects exactly those rules; ``+id`` and ``-id`` adjust ``base``
    (or the named rules). Items apply left to right: ``none,+spaces`` is only ``spaces``.

    Raises:
        RuleSpecError: for an unknown id or an empty item.
    """
    items = [item.strip() for item in spec.split(",")]
    if not all(items):
        raise RuleSpecError(f"empty item in --rules spec {spec!r}; use none, all, default or rule ids")
    names_exactly = any(item[0] not in "+-" and item not in ("none", "all", "default") for item in items)
    enabled = set() if names_exactly else set(base)
    for item in items:
        if item in ("none", "all", "default"):
            enabled = {"none": set(), "all": set(ALL_RULES), "default": set(DEFAULT_RULES)}[item]
            continue
        sign, name = (item[0], item[1:]) if item[0] in "+-" else ("+", item)
        if name not in RULES_BY_ID:
            raise RuleSpecError(f"unknown rule {name!r} in --rules; known rules: {', '.join(RULE_IDS)}")
        if sign == "+":
            enabled.add(name)
        else:
            enabled.discard(name)
    return frozenset(enabled)
