"""The ``nfc`` and ``mojibake`` rules (off by default)."""

from __future__ import annotations

import pytest

from glyphwash.core.changes import apply_changes
from glyphwash.core.engine import EngineConfig, rule_context
from glyphwash.core.rules import mojibake, nfc

NFC = EngineConfig(rules=frozenset({"nfc"}))
MOJIBAKE = EngineConfig(rules=frozenset({"mojibake"}))


@pytest.mark.parametrize(("text", "expected", "count"), [
    ("cafe\u0301", "caf\u00e9", 1),
    ("e\u0301e\u0301", "\u00e9\u00e9", 2),
    ("\u1100\u1161\u11a8", "\uac01", 1),
    ("a\u0323\u0302", "\u1ea5"[:0] + "\u1ead", 1),         # reordered and composed
    ("\u00e9 already", "\u00e9 already", 0),
    ("\uf900 \u212a", "\uf900 \u212a", 0),               # singletons are left alone
])
def test_nfc(text: str, expected: str, count: int) -> None:
    changes = nfc.find_changes(text, rule_context(NFC))
    assert apply_changes(text, changes) == expected
    assert len(changes) == count


def test_nfc_across_chunk_edges() -> None:
    text = "x" * 16383 + "e\u0301" + "y" * 10
    changes = nfc.find_changes(text, rule_context(NFC))
    assert [(change.offset, change.replacement) for change in changes] == [(16383, "\u00e9")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Caf\u00c3\u00a9 au lait", "Caf\u00e9 au lait"),
    ("\u00e2\u20ac\u0153quoted\u00e2\u20ac\u009d", "\u201cquoted\u201d"),
    ("fine line\nCaf\u00c3\u00a9\n", "fine line\nCaf\u00e9\n"),
])
def test_mojibake(text: str, expected: str) -> None:
    assert apply_changes(text, mojibake.find_changes(text, rule_context(MOJIBAKE))) == expected


@pytest.mark.parametrize("text", ["Caf\u00e9 na\u00efve", "\u041f\u0440\u0438\u0432\u0435\u0442", "plain"])
def test_mojibake_leaves_good_text(text: str) -> None:
    assert mojibake.find_changes(text, rule_context(MOJIBAKE)) == []


def test_mojibake_spans_are_separate_changes() -> None:
    text = "Caf\u00c3\u00a9 and cr\u00c3\u00a8me"
    changes = mojibake.find_changes(text, rule_context(MOJIBAKE))
    assert [change.original for change in changes] == ["\u00c3\u00a9", "\u00c3\u00a8"]
    assert apply_changes(text, changes[:1]) == "Caf\u00e9 and cr\u00c3\u00a8me"
