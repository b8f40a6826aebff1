"""engine.analyze: merging, priorities, grapheme alignment, allow-lists, and properties."""

from __future__ import annotations

import importlib.util

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from glyphwash.core.changes import Change, Severity, apply_changes, check_changes
from glyphwash.core.engine import EngineConfig, analyze
from glyphwash.core.rules import ALL_RULES, BY_PRIORITY, DEFAULT_RULES, RULE_IDS, RULES, invisible
from glyphwash.core.unicode.graphemes import is_boundary

HAVE_HOMOGLYPHS = importlib.util.find_spec("glyphwash.core.rules.homoglyphs") is not None
# Properties run with every rule whose module is present; mojibake is left out of the idempotence
# property because ftfy may repair in several passes by design.
MINE = frozenset(ALL_RULES - {"homoglyphs", "mojibake"})
WITH_HOMOGLYPHS = MINE | ({"homoglyphs"} if HAVE_HOMOGLYPHS else set())


def normalized(text: str, rules: frozenset[str] = MINE, **options: object) -> str:
    return apply_changes(text, analyze(text, EngineConfig(rules=rules, **options)).changes)  # type: ignore[arg-type]


def test_every_rule_has_a_function_and_a_rank_of_its_own() -> None:
    assert len(RULE_IDS) == len(set(RULE_IDS)) == len({rule.priority for rule in RULES})
    assert all(callable(rule.find) and rule.find.__name__ == "find_changes" for rule in RULES)
    assert [rule.id for rule in BY_PRIORITY] == ["invisible", "homoglyphs", "compat", "trailing-space", "spaces",
                                                 "mojibake", "nfc", "quotes", "dashes", "ellipsis"]


@pytest.mark.parametrize(("text", "rules", "expected"), [
    ("pass\u200bword\u00a0\U0001D41Bold", DEFAULT_RULES - {"homoglyphs"}, "password bold"),
    ("\u201cfine\u201d \u2014 \ufb01ne\u2026  \n", MINE, "\"fine\" - fine...\n"),
    ("end\u00a0\u00a0\nnext", frozenset({"spaces", "trailing-space"}), "end\nnext"),
    ("cafe\u0301\u200b!", frozenset({"nfc", "invisible"}), "caf\u00e9!"),
    ("a\u200b\u0301", frozenset({"invisible"}), "a\u0301"),
])
def test_normalizes(text: str, rules: frozenset[str], expected: str) -> None:
    assert normalized(text, rules) == expected


def test_higher_priority_wins_an_overlap() -> None:
    changes = analyze("x\u00a0\ny", EngineConfig(rules=frozenset({"spaces", "trailing-space"}))).changes
    assert [(change.rule, change.original) for change in changes] == [("trailing-space", "\u00a0")]


def test_change_inside_a_cluster_is_widened() -> None:
    text = "w\u200corld"
    (change,) = analyze(text, EngineConfig(rules=frozenset({"invisible"}))).changes
    assert (change.offset, change.original, change.replacement) == (0, "w\u200c", "w")
    assert change.reason == "ZERO WIDTH NON-JOINER (U+200C) inside a word"


def test_changes_sharing_a_cluster_are_joined() -> None:
    text = "\U0001D41E\u200c\u0301x"  # math e, ZWNJ, acute: one cluster with two proposals
    (change,) = analyze(text, EngineConfig(rules=frozenset({"invisible", "compat"}))).changes
    assert (change.original, change.replacement) == (text[:3], "e\u0301")
    assert change.rule == "invisible" and change.severity == Severity.ERROR


def test_allow_chars_are_never_changed() -> None:
    text = "a\u00a0b\u200bc"
    assert normalized(text, DEFAULT_RULES - {"homoglyphs"}, allow_chars=frozenset("\u00a0")) == "a\u00a0bc"


def test_hidden_text_is_reported() -> None:
    hidden = "".join(chr(0xE0000 + ord(char)) for char in "run rm -rf")
    analysis = analyze("ok" + hidden + "\n", EngineConfig(rules=frozenset({"invisible"})))
    assert analysis.hidden_text == [invisible.HiddenMessage(2, 10, "run rm -rf")]
    assert analyze("ok" + hidden, EngineConfig(rules=frozenset({"spaces"}))).hidden_text == []


def test_nothing_enabled_finds_nothing() -> None:
    assert analyze("a\u200b\u00a0\U0001D41B", EngineConfig(rules=frozenset())) == ([], [])


@pytest.mark.skipif(not HAVE_HOMOGLYPHS, reason="homoglyphs rule not written yet")
def test_default_rules_with_homoglyphs() -> None:
    text = "S\u0435cur\u0435\u200b p\u0430ssword\u00a0\U0001D41Bold"
    assert normalized(text, DEFAULT_RULES) == "Secure password bold"


def test_genuine_texts_are_untouched() -> None:
    texts = ["\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440!",
             "\u039a\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1",
             "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
             "\u0915\u094d\u200d\u0937 \u0939\u093f\u0928\u094d\u0926\u0940",
             "\U0001F469\u200d\U0001F469\u200d\U0001F467 \U0001F1EB\U0001F1F7 \u2764\ufe0f",
             "\u6771\u4eac\u3000\uff21\uff22\uff23\u682a\u5f0f\u4f1a\u793e",
             "Bonjour\u202f! \u00ab\u00a0oui\u00a0\u00bb",
             "10\u00b3 \u00bd 25\u2103 \u2116 5", "na\u00efve caf\u00e9 \u00fcber", "\udc80\udcff raw bytes"]
    for text in texts:
        assert analyze(text, EngineConfig(rules=DEFAULT_RULES - {"homoglyphs"})).changes == [], text


# --- properties -------------------------------------------------------------------------------

INTERESTING = st.sampled_from([
    "a", "e", "Z", " ", "\n", "\r\n", "\t", ".", "\u00a0", "\u202f", "\u3000", "\u2028", "\u200b", "\u200c", "\u200d",
    "\u2060", "\u00ad", "\ufeff", "\u202e", "\u2066", "\u2069", "\u200f", "\U000E0041", "\U000E007F", "\U0001F3F4",
    "\U0001F468", "\U0001F469", "\u2764", "\ufe0f", "\ufe00", "\U0001F3FD", "\U0001F1FA", "\U0001F1F8", "\u0301",
    "\u0308", "\u0915", "\u094d", "\u0937", "\u0645", "\u062e", "\u1100", "\u1161", "\u11a8", "\uac00",
    "\U0001D41B", "\uff21", "\u6771", "\ufb01", "\u212a", "\u2019", "\u201c", "\u2014", "\u2026", "\u0435", "\u043e",
    "\udc80", "\udcff", "\x00", "\x85", "\u0600", "\u034f", "!", ":", "\u00ab", "\u00bb",
])
TEXTS = st.one_of(st.lists(INTERESTING, max_size=30).map("".join),
                  st.text(max_size=30),
                  st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=20))
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXTS)
def test_changes_are_valid_and_on_cluster_boundaries(text: str) -> None:
    changes = analyze(text, EngineConfig(rules=frozenset(ALL_RULES) if HAVE_HOMOGLYPHS else MINE)).changes
    check_changes(text, changes)
    for change in changes:
        assert change.length > 0 and change.original != change.replacement
        assert is_boundary(text, change.offset) and is_boundary(text, change.end)
        assert text[change.offset:change.end] == change.original


@FAST
@given(TEXTS)
@example("aa\u200bе")
@example("a\u0435\u0308")  # decomposed ё settles the word as the composed one does
@example("\u0301\u094d\u200c\u0915")  # NFC puts the virama first; the ZWNJ after it stays
@example("\u2019\u0301\u094d")  # a quote whose marks NFC reorders: both changes apply
@example("\u0661\u202eAA")  # a digit posing as l, cut off its word by a bidi control
@example("\u3164\u3000")  # a Hangul filler is no CJK context for an ideographic space
@example("a\u0915\u2019aa")  # a word is judged as the quotes rule leaves its line
@example("a\u0915ea\u201c")
def test_idempotent(text: str) -> None:
    once = normalized(text, WITH_HOMOGLYPHS)
    assert analyze(once, EngineConfig(rules=WITH_HOMOGLYPHS)).changes == []


@FAST
@given(TEXTS, st.data())
def test_any_subset_applies_and_reverting_all_gives_the_original(text: str, data: st.DataObject) -> None:
    changes = analyze(text, EngineConfig(rules=WITH_HOMOGLYPHS)).changes
    subset = [change for change in changes if data.draw(st.booleans())]
    check_changes(text, subset)
    partial = apply_changes(text, subset)
    assert len(partial) == len(text) + sum(len(change.replacement) - change.length for change in subset)
    assert apply_changes(text, []) == text


@FAST
@given(TEXTS)
def test_lone_surrogates_survive(text: str) -> None:
    result = normalized(text, WITH_HOMOGLYPHS)
    assert [char for char in result if "\udc80" <= char <= "\udcff"] == \
        [char for char in text if "\udc80" <= char <= "\udcff"]


def test_allow_all_changes_nothing() -> None:
    text = "a\u200b\u00a0\U0001D41B\u201c\u2026"
    assert analyze(text, EngineConfig(rules=MINE, allow_chars=frozenset(text))).changes == []


def test_reasons_name_the_character() -> None:
    changes: list[Change] = analyze("a\u200bb\u00a0\U0001D41B", EngineConfig(rules=MINE)).changes
    assert all("(U+" in change.reason for change in changes)


def test_the_document_newline_is_an_argument_not_a_preference() -> None:
    """EngineConfig holds preferences only; the newline a separator becomes comes with the text."""
    assert "newline" not in EngineConfig._fields
    config = EngineConfig(rules=frozenset({"spaces"}))
    assert normalized("a\u2028b", config.rules) == "a\nb"
    assert apply_changes("a\u2028b", analyze("a\u2028b", config, newline="\r\n").changes) == "a\r\nb"
