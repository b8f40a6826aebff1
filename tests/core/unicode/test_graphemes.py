"""Grapheme cluster boundaries: a table of UAX #29 cases, and agreement with ``regex``'s ``\\X``."""

from __future__ import annotations

from random import Random

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from glyphwash.core.unicode.graphemes import Segmenter, is_boundary, possible_non_boundaries, widen_to_clusters


def boundaries(text: str) -> list[int]:
    return [index for index in range(len(text) + 1) if is_boundary(text, index)]


def regex_boundaries(text: str) -> list[int]:
    return [0, *(match.end() for match in regex.finditer(r"\X", text))] if text else [0]


@pytest.mark.parametrize(("text", "expected"), [
    ("ab", [0, 1, 2]),
    ("\r\n", [0, 2]),
    ("e\u0301x", [0, 2, 3]),                                  # combining acute
    ("\U0001F468\u200d\U0001F469\u200d\U0001F467", [0, 5]),  # family ZWJ sequence
    ("\U0001F1FA\U0001F1F8\U0001F1EB\U0001F1F7", [0, 2, 4]),  # two flags
    ("\u1100\u1161\u11a8", [0, 3]),                           # Hangul L V T
    ("\uac00\u11a8", [0, 2]),                                 # LV T
    ("\u0915\u094d\u0937", [0, 3]),                           # Devanagari conjunct (GB9c)
    ("\u0915\u093f", [0, 2]),                                 # spacing vowel sign
    ("\u0600\u0661", [0, 2]),                                 # prepended concatenation mark
    ("\U0001F44D\U0001F3FD", [0, 2]),                         # skin tone modifier
    ("\U0001F3F4\U000E0067\U000E0062\U000E007F", [0, 4]),     # tag sequence
    ("a\u200b", [0, 1, 2]),                                   # ZWSP is a control
    ("a\u200c", [0, 2]),                                      # ZWNJ extends
    ("\udc80\u0301", [0, 1, 2]),                              # lone surrogate is a control
])
def test_known_boundaries(text: str, expected: list[int]) -> None:
    assert boundaries(text) == expected


POOL = ["a", " ", "\r", "\n", "\u0301", "\u200d", "\u200c", "\U0001F468", "\u2764", "\ufe0f", "\U0001F1FA",
        "\U0001F1F8", "\u0915", "\u0937", "\u093f", "\u0600", "\u1100", "\u1161", "\u11a8", "\uac00", "\uac01",
        "\U0001F3FB", "\U000E0067", "\U000E007F", "\u0e33", "\u0e01", "\u0903", "\x00", "\u200b", "\u3000"]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(POOL), max_size=10).map("".join))
def test_agrees_with_regex(text: str) -> None:
    assert boundaries(text) == regex_boundaries(text)


@given(st.lists(st.sampled_from([*POOL, "\u094d", "\u1160"]), max_size=10).map("".join))
def test_possible_non_boundaries_is_a_superset(text: str) -> None:
    possible = set(possible_non_boundaries(text))
    # CR LF is left out by design: no rule cuts between them (see glue_code_points)
    assert all(index in possible for index in range(len(text) + 1)
               if not is_boundary(text, index) and text[index - 1:index + 1] != "\r\n")


@pytest.mark.parametrize(("text", "start", "end", "expected"), [
    ("xe\u0301y", 1, 2, (1, 3)),
    ("xe\u0301y", 2, 3, (1, 3)),
    ("\U0001F468\u200d\U0001F469", 1, 2, (0, 3)),
    ("ab", 0, 1, (0, 1)),
])
def test_widen(text: str, start: int, end: int, expected: tuple[int, int]) -> None:
    assert widen_to_clusters(text, start, end) == expected


@given(st.lists(st.sampled_from(POOL), max_size=14).map("".join), st.randoms(use_true_random=False))
def test_segmenter_agrees_with_regex_whatever_the_order_of_questions(text: str, random: Random) -> None:
    expected = set(regex_boundaries(text))
    order = list(range(len(text) + 1))
    random.shuffle(order)
    segmenter = Segmenter(text)  # remembers runs between questions: they must not leak into answers
    for index in order:
        assert segmenter.is_boundary(index) == (index in expected)
        if index < len(text):
            start, end = segmenter.cluster(index)
            assert start <= index < end and start in expected and end in expected
            assert not expected.intersection(range(start + 1, end))


def test_segmenter_pairs_a_long_run_of_regional_indicators_from_its_start() -> None:
    text = "\U0001f1fa" * 3001
    segmenter = Segmenter(text)
    # flags pair up from the start of the run; the last indicator is alone
    assert [index for index in range(len(text) + 1) if segmenter.is_boundary(index)] == [*range(0, 3001, 2), 3001]
