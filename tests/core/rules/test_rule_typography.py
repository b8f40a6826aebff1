"""The typography rules: quotes, dashes, ellipsis, trailing-space (all off by default)."""

from __future__ import annotations

import itertools

import pytest

from glyphwash.core.changes import apply_changes
from glyphwash.core.engine import EngineConfig, rule_context
from glyphwash.core.rules import DEFAULT_RULES, typography


def cleaned(text: str, *rules: str) -> str:
    return apply_changes(text, typography.find_changes(text, rule_context(EngineConfig(rules=frozenset(rules)))))


@pytest.mark.parametrize(("text", "rules", "expected"), [
    ("\u2018a\u2019 \u201cb\u201d \u201ac\u201b \u201ed\u201f", ("quotes",), "'a' \"b\" 'c' \"d\""),
    ("5\u2032 7\u2033", ("quotes",), "5' 7\""),
    ("\u00abnon\u00bb \u2039x\u203a", ("quotes",), "\u00abnon\u00bb \u2039x\u203a"),
    ("\u300cy\u300d \uff02z\uff02", ("quotes",), "\u300cy\u300d \uff02z\uff02"),
    ("don\u02bct", ("quotes",), "don\u02bct"),
    ("a\u2013b\u2014c\u2012d\u2015e\u2010f", ("dashes",), "a-b-c-d-e-f"),
    ("x\u2212y \u05beh \u301c", ("dashes",), "x\u2212y \u05beh \u301c"),
    ("wait\u2026", ("ellipsis",), "wait..."),
    ("a  \nb\t\r\nc \u00a0", ("trailing-space",), "a\nb\r\nc"),
    ("a \u200b \nb", ("trailing-space",), "a\u200b\nb"),
    ("\u201cx\u201d\u2026 \u2014 ", ("quotes", "ellipsis"), "\"x\"... \u2014 "),
])
def test_rules(text: str, rules: tuple[str, ...], expected: str) -> None:
    assert cleaned(text, *rules) == expected


def test_off_by_default() -> None:
    context = rule_context(EngineConfig(rules=DEFAULT_RULES))
    assert typography.find_changes("\u201cx\u201d \u2014 \u2026 \n", context) == []


def test_changes_are_sorted_and_disjoint() -> None:
    text = "\u201ca\u201d  \n\u2014 \u2026\t\n"
    changes = typography.find_changes(text, rule_context(EngineConfig(rules=typography.RULE_IDS)))
    offsets = [(change.offset, change.end) for change in changes]
    assert offsets == sorted(offsets)
    assert all(end <= start for (_, end), (start, _) in itertools.pairwise(offsets))
