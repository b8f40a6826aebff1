"""The shared scans rules find their characters with: exact offsets, whatever path they take."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glyphwash.core import engine
from glyphwash.core.changes import Change
from glyphwash.core.rules import ALL_RULES, compat, invisible, spaces, typography, watched_characters
from glyphwash.core.unicode.graphemes import glue_candidates
from glyphwash.core.unicode.unicode_props import TextScan, char_class, offsets_of, residue, scan_pattern

SETS = {
    "invisible": invisible.candidates,
    "spaces": spaces.candidates,
    "compat": compat.candidates,
    "glue": glue_candidates,
    "typography": typography.candidates,   # not among the watched sets: its own presence scan
    "tags": lambda: invisible._TAGS,
}


def brute_force(text: str, code_points: frozenset[int]) -> list[int]:
    return [index for index, char in enumerate(text) if ord(char) in code_points]


SAMPLES = [
    "",
    "plain ASCII only",
    "tab\there\r\nand a bell\x07 and DEL\x7f",
    "Korеa “quoted” — \u00a0nbsp\u200bzwsp e\u0301 \U0001D400 \ufb01 ＡＢ",
    "\U000E0068\U000E0069 tags, \U0001F3F4\U000E0067\U000E0062\U000E007F flag, \U0001F600 emoji",
    "\udc80\udcff lone surrogates \u2028\u2029\x85 breaks",
    # more than the literal-search limit of distinct characters from one set
    "".join(chr(code_point) for code_point in range(0x2000, 0x200B)) + "x\u3000\u1680\u205f\u202f",
    # many distinct ASCII controls, in chunks of ASCII and of other text
    "x" * 40_000 + "\x00\x01\x02\x03\x04\x05\x06\x07\x08\u00e9" + "y" * 40_000 + "\x01\u200b" + "z" * 20_000 + "\x1b",
]


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("name", sorted(SETS))
def test_offsets_are_exact(text: str, name: str) -> None:
    code_points = SETS[name]()
    scan = TextScan(text, watched_characters())
    assert offsets_of(text, code_points, scan) == brute_force(text, code_points)
    assert offsets_of(text, code_points, scan) == brute_force(text, code_points)  # from the kept scan
    assert offsets_of(text, code_points) == brute_force(text, code_points)  # a scan of its own


def test_a_long_text_of_another_script_is_scanned_whole() -> None:
    """Past the residue sample, a mostly non-ASCII text is not shrunk; the answer is the same."""
    text = ("Съешь же ещё этих мягких булок. " * 4000) + "\u200b\u00a0\u2028\U0001D41A\u0301" + "ёж " * 10
    assert residue(text) is text
    for make in SETS.values():
        code_points = make()
        assert offsets_of(text, code_points) == brute_force(text, code_points)


def test_residue_keeps_everything_but_printable_ascii() -> None:
    text = "a\tb\nc\r\x0cd\x00e\x1b\u00e9\udc80\U0001F600~"
    assert residue(text) == "\x00\x1b\u00e9\udc80\U0001F600"
    assert residue("only\tprintable\r\n") == ""
    long_latin = ("Korеa news “x” " * 10_000) + "\u200b"
    assert residue(long_latin) == "е“”" * 10_000 + "\u200b"


def test_a_scan_of_another_text_is_not_used() -> None:
    first = "a\u200bb"
    second = "ab\u200b"
    scan = TextScan(first, watched_characters())
    assert offsets_of(first, invisible.candidates(), scan) == [1]
    assert offsets_of(second, invisible.candidates(), scan) == [2]
    assert offsets_of("".join(["a\u200b", "b"]), invisible.candidates(), scan) == [1]  # equal, not the same
    assert list(scan.offsets) == [invisible.candidates()]  # asked of its own text only


def test_two_analyses_at_once_keep_their_own_scans(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two workers take turns on two texts: each keeps its scan (one scan per text, not one per turn)."""
    built: list[str] = []
    real_scan = engine.TextScan

    def counting_scan(text: str, *args: Any) -> TextScan:
        built.append(text)
        return real_scan(text, *args)

    monkeypatch.setattr(engine, "TextScan", counting_scan)
    texts = {"first": "a\u200bb" * 3, "second": "ab\u200b" * 5}
    found: dict[str, list[list[int]]] = {"first": [], "second": []}
    turns = {name: [threading.Event(), threading.Event()] for name in texts}  # go, done

    def analyse(name: str) -> None:
        text = texts[name]
        context = engine.rule_context(engine.EngineConfig(), "\n", text)  # what analyze hands its rules
        for _ in range(3):
            turns[name][0].wait(5)
            turns[name][0].clear()
            found[name].append(offsets_of(text, frozenset({0x200B}), context.scan))
            found[name].append([change.offset for change in invisible.find_changes(text, context)])
            turns[name][1].set()

    threads = [threading.Thread(target=analyse, args=(name,)) for name in texts]
    for thread in threads:
        thread.start()
    for _ in range(3):
        for name in texts:  # strictly alternating: first, second, first, second, ...
            turns[name][1].clear()
            turns[name][0].set()
            assert turns[name][1].wait(5)
    for thread in threads:
        thread.join(5)
    assert found == {"first": [[1, 4, 7]] * 6, "second": [[2, 5, 8, 11, 14]] * 6}
    assert sorted(built) == sorted(texts.values())


def test_analyses_in_two_threads_give_what_they_give_one_after_the_other() -> None:
    """Nothing an analysis learns about its text is shared: concurrent runs match sequential ones."""
    texts = ["Korеa\u200b “x” \u00a0 ﬁ " * 300, "Пpивет\u2028мир\u200d 𝐛𝐨𝐥𝐝 " * 300]
    config = engine.EngineConfig(rules=ALL_RULES - {"mojibake"})
    expected = [list(engine.analyze(text, config).changes) for text in texts]
    results: list[list[list[Change]]] = [[], []]

    def analyse(number: int) -> None:
        for _ in range(5):
            results[number].append(list(engine.analyze(texts[number], config).changes))

    threads = [threading.Thread(target=analyse, args=(number,)) for number in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert results == [[expected[0]] * 5, [expected[1]] * 5]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    "aZ \t\n\r\x00\x1f\x7f\x85\u00a0\u00ad\u0301\u034f\u0435\u200b\u200d\u2018\u2019\u2028\u202e\u3000"
    "\ufb01\ufe0f\uff21\udc80\U0001D400\U0001F1E6\U0001F600\U000E0041\U000E007F\U000E0100"), max_size=60))
def test_offsets_match_brute_force(text: str) -> None:
    scan = TextScan(text, watched_characters())
    for make in SETS.values():
        code_points = make()
        assert offsets_of(text, code_points, scan) == brute_force(text, code_points)


@pytest.mark.parametrize("code_points", [
    {ord(char) for char in "-]\\^[&|~"},
    {0x00, 0x1F, 0x7F, 0x80, 0x9F},
    {0xD800, 0xDC80, 0xDCFF, 0xDFFF},
    {0x2000, 0x2001, 0x2002, 0x200B, 0xFFFF, 0x10000, 0x10FFFF},
    set(),
])
def test_char_class_matches_exactly_its_characters(code_points: set[int]) -> None:
    pattern = re.compile(char_class(code_points))
    probe = "".join(chr(code_point) for code_point in sorted(code_points | {0x41, 0x2D, 0x5C, 0xE9, 0x1F600}))
    assert {ord(match.group()) for match in pattern.finditer(probe)} == code_points
    scan = scan_pattern(code_points)
    assert code_points <= {ord(match.group()) for match in scan.finditer(probe)}
