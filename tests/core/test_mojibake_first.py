"""With the ``mojibake`` rule on, it runs first and the other rules judge the repaired text."""

from __future__ import annotations

import json
from pathlib import Path

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glyphwash.core.changes import Change, Severity, apply_changes, check_changes
from glyphwash.core.engine import EngineConfig, analyze
from glyphwash.core.repairs import through_repairs
from glyphwash.core.rules import parse_rules_spec

DATA = Path(__file__).resolve().parent.parent / "data"
DEFAULT = EngineConfig()
WITH_MOJIBAKE = EngineConfig(rules=parse_rules_spec("default,+mojibake"))


def clean(text: str, config: EngineConfig) -> str:
    changes = analyze(text, config).changes
    check_changes(text, changes)
    return apply_changes(text, changes)


def _repaired_by_ftfy() -> list[str]:
    cases = json.loads((DATA / "ftfy_test_cases.json").read_text(encoding="utf-8"))
    return [case["original"] for case in cases if ftfy.fix_encoding(case["original"]) != case["original"]]


def test_ftfy_cases_are_many() -> None:
    assert len(_repaired_by_ftfy()) >= 100


@pytest.mark.parametrize("original", _repaired_by_ftfy())
def test_every_ftfy_case_is_repaired_with_the_default_rules_on(original: str) -> None:
    # What ftfy repairs, then what the default rules do to the repaired text.
    assert clean(original, WITH_MOJIBAKE) == clean(ftfy.fix_encoding(original), DEFAULT)


@pytest.mark.parametrize(("text", "expected"), [
    ("中文 is ä¸\u00adæ–‡", "中文 is 中文"),     # the soft hyphen is a byte of 中
    ("GÃ\u00a0idhlig", "Gàidhlig"),                 # the NBSP is a byte of à
    ("Ã\u0085 and Ã\u0085", "Å and Å"),          # NEXT LINE is a byte of Å
])
def test_other_rules_do_not_act_on_the_mojibake_first(text: str, expected: str) -> None:
    assert clean(text, WITH_MOJIBAKE) == expected


def test_a_run_of_mojibake_is_one_change_with_what_other_rules_do_inside_it() -> None:
    text = "Caf\u00c3\u00a9\u200b ok\u00a0"
    changes = analyze(text, WITH_MOJIBAKE).changes
    assert [(change.original, change.replacement, change.rule) for change in changes] == [
        ("\u00c3\u00a9", "\u00e9", "mojibake"), ("\u200b", "", "invisible"), ("\u00a0", " ", "spaces")]


def _change(offset: int, original: str, replacement: str, rule: str) -> Change:
    return Change(offset, len(original), original, replacement, rule, Severity.INFO, rule)


@st.composite
def two_rounds(draw: st.DrawFn) -> tuple[str, list[Change], list[Change]]:
    """A text, disjoint changes of it, and disjoint changes of the text they give."""
    text = draw(st.text("abcdé", min_size=0, max_size=20))

    def changes_of(of: str, rule: str) -> list[Change]:
        cuts = sorted(set(draw(st.lists(st.integers(0, len(of)), max_size=8))))
        found = []
        for start, end in zip(cuts[::2], cuts[1::2], strict=False):
            found.append(_change(start, of[start:end], draw(st.text("xyzé", max_size=3)), rule))
        return [change for change in found if change.original != change.replacement and change.original]

    repairs = changes_of(text, "mojibake")
    later = changes_of(apply_changes(text, repairs), "spaces")
    return text, repairs, later


@settings(max_examples=500, deadline=None)
@given(two_rounds())
def test_changes_of_the_repaired_text_are_carried_back(case: tuple[str, list[Change], list[Change]]) -> None:
    text, repairs, later = case
    merged = through_repairs(text, repairs, later)
    check_changes(text, merged)
    assert apply_changes(text, merged) == apply_changes(apply_changes(text, repairs), later)
    # Each repair survives whole: no change of the result cuts into one.
    for repair in repairs:
        assert any(change.offset <= repair.offset and repair.end <= change.end for change in merged)
