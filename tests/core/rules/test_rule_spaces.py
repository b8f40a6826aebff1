"""The ``spaces`` rule."""

from __future__ import annotations

import pytest

from glyphwash.core.changes import apply_changes
from glyphwash.core.engine import EngineConfig, rule_context
from glyphwash.core.rules import spaces

CONFIG = EngineConfig(rules=frozenset({"spaces"}))


def cleaned(text: str, config: EngineConfig = CONFIG) -> str:
    return apply_changes(text, spaces.find_changes(text, rule_context(config)))


@pytest.mark.parametrize("space", ["\u00a0", "\u2000", "\u2002", "\u2003", "\u2007", "\u2009", "\u200a",
                                   "\u202f", "\u205f", "\u3000", "\u1680", "\u2004", "\u2005", "\u2006"])
def test_odd_space_becomes_plain(space: str) -> None:
    assert cleaned(f"one{space}two") == "one two"


@pytest.mark.parametrize("text", [
    "Bonjour\u00a0!", "Quoi\u202f?", "Attention\u00a0: ici", "point\u202f;", "\u00ab\u00a0oui\u00a0\u00bb",
    "\u6771\u4eac\u3000\u5927\u962a", "\u3053\u3093\u306b\u3061\u306f\u3000", "\u3000\u300c\u3042",
    "\u169b\u1681\u1680\u1682\u169c",
])
def test_kept(text: str) -> None:
    assert spaces.find_changes(text, rule_context(CONFIG)) == []


def test_ideographic_space_in_english_is_replaced() -> None:
    assert cleaned("the\u3000end") == "the end"


@pytest.mark.parametrize("text", [
    "10\u202f000 euros", "1\u00a0234\u00a0567,89", "12\u2009345",  # thousands separators
    "\uff21\uff22\uff23\u3000\uff11\uff12\uff13",                   # between fullwidth forms
])
def test_thousands_separators_and_east_asian_spaces_stay(text: str) -> None:
    assert cleaned(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("12\u202f3456 and 1\u202f23", "12 3456 and 1 23"),  # not a group of three
    ("word\u00a0000", "word 000"),                     # no digit before
    ("\uff41\u3000and", "\uff41 and"),                   # one side only is fullwidth
])
def test_spaces_beside_digits_or_one_fullwidth_form_become_plain(text: str, expected: str) -> None:
    assert cleaned(text) == expected


@pytest.mark.parametrize(("newline", "expected"), [("\n", "a\nb\nc\nd"), ("\r\n", "a\r\nb\r\nc\r\nd")])
def test_line_separators_become_the_document_newline(newline: str, expected: str) -> None:
    context = rule_context(EngineConfig(rules=frozenset({"spaces"})), newline)
    assert apply_changes("a\u2028b\u2029c\x85d", spaces.find_changes("a\u2028b\u2029c\x85d", context)) == expected


def test_reason_names_the_character() -> None:
    (change,) = spaces.find_changes("a\u00a0b", rule_context(CONFIG))
    assert change.reason == "NO-BREAK SPACE (U+00A0) becomes a plain space"
