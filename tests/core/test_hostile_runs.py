"""Long runs of hostile characters: right answers in time linear in the run.

Not timed: the text handed to the engine counts how often the Python code reads one of its
characters. Looking past a run once per character in it (the invisible rule's neighbours, the
grapheme widening) read a run of n characters n² times; now every character is read a bounded
number of times whatever the run's length, and the result is the one a short run gives.
"""

from __future__ import annotations

import sys
import timeit
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import pytest

from glyphwash.core import engine
from glyphwash.core.changes import apply_changes
from glyphwash.core.engine import EngineConfig, analyze
from glyphwash.core.rules import ALL_RULES, DEFAULT_RULES, typography

RUN = 3000
# Reads per character of the text, all rules together (each rule and the aligner read a
# character a few times); a quadratic path reads it about RUN / 2 times.
READS_PER_CHARACTER = 40


class CountingText(str):
    """A text that counts the characters (and slices) read from it by Python code."""

    reads = 0

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        CountingText.reads += 1
        return str.__getitem__(self, key)


def reads_to_analyze(text: str, rules: frozenset[str]) -> tuple[int, str]:
    """How many reads analysing ``text`` takes, and the normalized text."""
    CountingText.reads = 0
    counting = CountingText(text)
    changes = analyze(counting, EngineConfig(rules=rules)).changes
    return CountingText.reads, apply_changes(text, changes)


# name → (the hostile text for a run of n, the normalized text with every rule on)
HOSTILE: dict[str, tuple[Callable[[int], str], Callable[[int], str]]] = {
    "ZWJ": (lambda n: "\u200d" * n, lambda n: ""),
    "ZWNJ inside a word": (lambda n: "word" + "\u200c" * n + "word", lambda n: "wordword"),
    "NUL inside a word": (lambda n: "word" + "\x00" * n + "word", lambda n: "wordword"),
    "ZWSP": (lambda n: "\u200b" * n, lambda n: ""),
    "ZWSP between Thai letters": (lambda n: "\u0e01\u200b" * n + "\u0e01", lambda n: "\u0e01\u200b" * n + "\u0e01"),
    "RLO": (lambda n: "x\u202e" * n, lambda n: "x" * n),
    "BOM": (lambda n: "\ufeff" * n, lambda n: ""),
    "VS16 after a letter": (lambda n: "a" + "\ufe0f" * n, lambda n: "a"),
    "variation selectors after an ideograph": (lambda n: "\u4e00" + "\ufe00" * n, lambda n: "\u4e00\ufe00"),
    "CGJ": (lambda n: "\u034f" * n, lambda n: ""),
    "combining marks on one base, and a ZWSP": (lambda n: "a" + "\u0301" * n + "\u200b",
                                                lambda n: "\u00e1" + "\u0301" * (n - 1)),
    "tag characters": (lambda n: "x" + "\U000e0041" * n, lambda n: "x"),
    "Hangul fillers": (lambda n: "\u115f" * n, lambda n: "\u115f" * n),  # old Hangul: kept
    "regional indicators, and a ZWSP": (lambda n: "\U0001f1fa" * n + "\u200b", lambda n: "\U0001f1fa" * n),
    "emoji modifiers": (lambda n: "\U0001f44d" + "\U0001f3fb" * n, lambda n: "\U0001f44d" + "\U0001f3fb" * n),
    "Khmer inherent vowels": (lambda n: "\u1780" + "\u17b4" * n, lambda n: "\u1780\u17b4"),
    "ideographic spaces between letters": (lambda n: "a" + "\u3000" * n + "b", lambda n: "a" + " " * n + "b"),
    "no-break spaces": (lambda n: "\u00a0" * n + "x", lambda n: " " * n + "x"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_run_reads_each_character_a_bounded_number_of_times(name: str) -> None:
    make, expected = HOSTILE[name]
    short_reads, short_result = reads_to_analyze(make(RUN // 10), ALL_RULES)
    reads, result = reads_to_analyze(make(RUN), ALL_RULES)
    assert short_result == expected(RUN // 10)
    assert result == expected(RUN)
    assert reads <= READS_PER_CHARACTER * len(make(RUN)), (name, reads)
    assert reads <= 12 * short_reads  # ten times the run, about ten times the reads


@pytest.mark.parametrize("rules", [DEFAULT_RULES, frozenset({"invisible"})])
def test_zero_width_joiners_in_a_word_are_one_change_found_in_linear_time(rules: frozenset[str]) -> None:
    text = "word" + "\u200c" * RUN + "word"
    reads, result = reads_to_analyze(text, rules)
    (change,) = analyze(text, EngineConfig(rules=rules)).changes
    assert (change.offset, change.length, change.replacement) == (3, RUN + 1, "d")  # widened to the cluster
    assert result == "wordword"
    assert reads <= READS_PER_CHARACTER * len(text)


def test_trailing_space_search_does_not_rescan_a_run_that_ends_no_line() -> None:
    # The search runs in C, where nothing can be counted: its cost per character is compared
    # instead, on the same number of characters in short and in ten times longer runs (best of
    # several tries). Rescanning the rest of the run after each space made the longer runs cost a
    # hundred times more per character; a linear search costs about the same.
    def cost_per_run_character(run: int) -> float:
        text = "a" + " " * run + "b"
        calls = 20_000 // run
        best = min(timeit.repeat(lambda: typography._trailing_space_changes(text), number=calls, repeat=3))
        return best / (calls * run)

    assert typography._trailing_space_changes("a" + "\u00a0" * 1000 + "\u200bb") == []
    assert [change.offset for change in typography._trailing_space_changes("a \u200b \u200b\nb \n")] == [1, 3, 7]
    assert cost_per_run_character(300) < 10 * cost_per_run_character(30)


def lines_run_to_analyze(text: str) -> int:
    """How many lines of ``core`` Python code analysing ``text`` runs (a loop's line counts once
    per turn): a measure of work that also sees loops over lists, which read no character."""
    executed = 0
    core = str(Path(engine.__file__).parent)

    def trace(frame: FrameType, event: str, arg: object) -> Callable[..., object] | None:
        nonlocal executed
        if not frame.f_code.co_filename.startswith(core):
            return None
        if event == "line":
            executed += 1
        return trace

    sys.settrace(trace)
    try:
        analyze(text, EngineConfig())
    finally:
        sys.settrace(None)
    return executed


@pytest.mark.parametrize("pair", ["\u0430b", "\u0410B", "\u0430B", "a\u0431"])
def test_a_long_mixed_script_word_takes_work_linear_in_its_length(pair: str) -> None:
    # Each letter's case was judged against every other letter of its word: a word of 100,000
    # letters took minutes.
    analyze(pair * 10, EngineConfig())  # tables built before counting
    short = lines_run_to_analyze(pair * (RUN // 20))
    long = lines_run_to_analyze(pair * (RUN // 2))
    assert long <= 12 * short, (short, long)
