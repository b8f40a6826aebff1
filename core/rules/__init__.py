"""The normalization rules: their stable ids, defaults and the ``--rules`` spec language.

Rule ids are part of the file formats (``--rules``, saved settings, the JSON report): never rename
one. Each rule's detection logic lives in a module of this package named after it.
"""

from __future__ import annotations

from typing import NamedTuple

from ..changes import Severity


class RuleInfo(NamedTuple):
    """What a person needs to know about a rule before turning it on or off."""

    id: str
    title: str
    default_on: bool
    severity: Severity
    description: str


RULES: tuple[RuleInfo, ...] = (
    RuleInfo("homoglyphs", "Look-alike letters", True, Severity.WARNING,
             "A letter from another script inside a word becomes its look-alike in the word's script."),
    RuleInfo("invisible", "Invisible characters", True, Severity.ERROR,
             "Zero-width, bidi control, tag, soft hyphen and other invisible characters are removed."),
    RuleInfo("spaces", "Unusual spaces", True, Severity.INFO,
             "No-break, thin, em and other unusual spaces become plain spaces."),
    RuleInfo("compat", "Styled letters", True, Severity.WARNING,
             "Mathematical, fullwidth and letterlike styled letters and ligatures become plain letters."),
    RuleInfo("quotes", "Curly quotes", False, Severity.INFO, "Curly quotes become straight quotes."),
    RuleInfo("dashes", "Dashes", False, Severity.INFO, "En, em, figure dashes and bars become hyphens."),
    RuleInfo("ellipsis", "Ellipsis", False, Severity.INFO, "The ellipsis character becomes three dots."),
    RuleInfo("nfc", "Composed form", False, Severity.INFO,
             "Decomposed letter and mark sequences are composed (Unicode NFC)."),
    RuleInfo("mojibake", "Mojibake", False, Severity.WARNING,
             "Text that was decoded with the wrong encoding is repaired (ftfy)."),
    RuleInfo("trailing-space", "Trailing spaces", False, Severity.INFO,
             "Spaces and tabs at the end of lines are removed."),
)

RULE_IDS: tuple[str, ...] = tuple(rule.id for rule in RULES)
RULES_BY_ID: dict[str, RuleInfo] = {rule.id: rule for rule in RULES}
DEFAULT_RULES: frozenset[str] = frozenset(rule.id for rule in RULES if rule.default_on)
ALL_RULES: frozenset[str] = frozenset(RULE_IDS)


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
