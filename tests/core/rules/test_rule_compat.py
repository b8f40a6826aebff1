"""The ``compat`` rule."""

from __future__ import annotations

import pytest

from glyphwash.core.changes import apply_changes
from glyphwash.core.engine import EngineConfig, rule_context
from glyphwash.core.rules import compat

CONFIG = EngineConfig(rules=frozenset({"compat"}))


def cleaned(text: str) -> str:
    return apply_changes(text, compat.find_changes(text, rule_context(CONFIG)))


@pytest.mark.parametrize(("text", "expected"), [
    ("\U0001D407\U0001D41E\U0001D425\U0001D425\U0001D428", "Hello"),            # bold
    ("\U0001D483\U0001D490\U0001D48D\U0001D485", "bold"),                         # bold italic
    ("\U0001D4C8\U0001D4B8\U0001D4C7\U0001D4BE\U0001D4C5\U0001D4C9", "script"),   # script
    ("\U0001D523\U0001D52F\U0001D51E\U0001D528\U0001D531\U0001D532\U0001D52F", "fraktur"),
    ("\U0001D7D9\U0001D7DA\U0001D7DB", "123"),                                    # double-struck digits
    ("\U0001D68C\U0001D698\U0001D68D\U0001D68E", "code"),                         # monospace
    ("\u210c\u212f\u210a\u2102\u2115\u211d\u2124\u2147", "HegCNRZe"),             # letterlike fonts
    ("\u212a\u212b\u2126", "K\u00c5\u03a9"),                                      # canonical letterlike
    ("\u212e", "e"),                                                              # confusables
    ("\ufb01nd \ufb02at \ufb00 \ufb03 \ufb04 \ufb06", "find flat ff ffi ffl st"),
    ("\uff37\uff4f\uff52\uff44 \uff11\uff12", "Word 12"),                         # fullwidth in Latin text
    ("\u24b6\u24d1", "Ab"),                                                       # circled
    ("\U0001D6FC\U0001D6FD", "\u03b1\u03b2"),                                     # math Greek
    ("int x = 1\u037e", "int x = 1;"),                                          # Greek question mark
    ("\u039a\u03b1\u03bb\u03ac\u0387", "\u039a\u03b1\u03bb\u03ac\u00b7"),                # ano teleia
])
def test_styled_letters_become_plain(text: str, expected: str) -> None:
    assert cleaned(text) == expected


@pytest.mark.parametrize("text", [
    "10\u00b3 m\u00b2 H\u2082O", "\u00bd \u2153", "25\u2103 \u2116 5 \u2122 \u2121", "\u2160\u2161 \u2170",
    "\u0132\u0133 \u01c4 \u01c5",                       # orthographic ligatures (Dutch, Croatian)
    "\u2135\u2136",                                     # Hebrew letter symbols
    "\u2139\ufe0f",                                     # information source emoji
    "\u6771\u4eac\uff21\uff22\uff23\u682a\u5f0f\u4f1a\u793e",  # fullwidth Latin inside Japanese
    "\u3053\u308c\u306f\uff11\uff12\u6708",             # fullwidth digits in Japanese
    "\uff08\uff01\uff1f\uff09",                         # fullwidth punctuation
    "\uff21\uff22\uff23\u3000\uff11\uff12\uff13",          # fullwidth beside a kept ideographic space
    "\u2140", "\u2460",                                 # math symbol, circled digit
    "\u211d \u2115 \u2124 \u211a \u2102 \u210f",         # letterlike symbols of mathematics
    "x \u2208 \u211d\u207f, 5 \u2113, \u212f^x",           # alone, or beside a superscript
])
def test_kept(text: str) -> None:
    assert compat.find_changes(text, rule_context(CONFIG)) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("\u210cello, \u2102ity", "Hello, City"),
    ("x\u200b\u211d", "x\u200bR"),  # an invisible character in between does not part them
])
def test_letterlike_symbols_inside_words_become_plain(text: str, expected: str) -> None:
    assert cleaned(text) == expected


def test_reason_and_severity() -> None:
    (change,) = compat.find_changes("\ufb01", rule_context(CONFIG))
    assert change.reason == "LATIN SMALL LIGATURE FI (U+FB01) is a styled form of 'fi'"
    assert change.severity.label == "warning"


def test_offsets_around_astral_letters() -> None:
    changes = compat.find_changes("a\U0001D41Bc\U0001D41D", rule_context(CONFIG))
    assert [(change.offset, change.replacement) for change in changes] == [(1, "b"), (3, "d")]
