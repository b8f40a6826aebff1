"""Display copies: stand-ins for what Qt hides, and code point → UTF-16 mapping."""

from __future__ import annotations

from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glyphwash.core import display
from glyphwash.core.display import DisplayText, escape_for_display, stand_in, utf16_length


def test_plain_text_is_unchanged_and_maps_identically() -> None:
    display = DisplayText.build("hello\nworld")
    assert display.text == "hello\nworld"
    assert [display.to_display(i) for i in range(12)] == list(range(12))
    assert display.to_source(7) == 7


@pytest.mark.parametrize(("char", "label"), [
    ("\u200b", "ZWSP"), ("\u202e", "RLO"), ("\u00a0", "NBSP"), ("\ufeff", "ZWNBSP"), ("\u2066", "LRI"),
    ("\U000e0068", "h"), ("\udcc3", "xC3"), ("\x00", "\u2400"), ("\x7f", "\u2421"), ("\u2029", "PSEP"),
])
def test_invisible_characters_get_visible_stand_ins(char: str, label: str) -> None:
    assert stand_in(char) == label
    display = DisplayText.build(f"a{char}b")
    assert display.text == f"a{label}b"
    assert display.to_display(1) == 1
    assert display.to_display(2) == 1 + len(label)
    assert display.is_stand_in(1)
    assert not display.is_stand_in(1 + len(label))
    assert display.to_source(1 + len(label) - 1) == 1
    assert display.to_source(1 + len(label)) == 2


def test_astral_characters_take_two_units() -> None:
    display = DisplayText.build("x😀y𝐀z")
    assert display.text == "x😀y𝐀z"
    assert [display.to_display(i) for i in range(6)] == [0, 1, 3, 4, 6, 7]
    assert display.to_source(2) == 1
    assert display.to_source(6) == 4


def test_crlf_is_one_block_separator_and_lone_cr_a_line_break() -> None:
    display = DisplayText.build("a\r\nb\rc")
    assert display.text == "a\nb\nc"
    assert display.to_display(1) == 1  # the \r
    assert display.to_display(2) == 1  # the \n
    assert display.to_display(3) == 2  # b
    assert display.to_display(5) == 4  # c
    assert display.to_source(2) == 3


def test_no_lone_surrogates_reach_the_display() -> None:
    display = DisplayText.build("caf\udcc3\udca9!")
    assert display.text == "cafxC3xA9!"
    assert display.to_display(5) == 9


def test_file_names_are_escaped() -> None:
    name = "invoice\u202efdp.exe"
    escaped = escape_for_display(name)
    assert "\u202e" not in escaped
    assert escaped == "invoice<RLO>fdp.exe"
    assert escape_for_display("a\u200bb") == "a<ZWSP>b"
    assert escape_for_display("plain name.txt") == "plain name.txt"


@given(st.text(alphabet=st.sampled_from(["a", "\u200b", "😀", "\r", "\n", "\u202e", "\udcc3", "é", "\U000e0041"]),
               max_size=40))
def test_mapping_agrees_with_a_naive_build(text: str) -> None:
    display = DisplayText.build(text)
    position = 0
    for offset, char in enumerate(text):
        assert display.to_display(offset) == position
        shown = "" if char == "\r" and text[offset + 1:offset + 2] == "\n" else stand_in(char) or char
        if shown:
            assert display.to_source(position) == offset
        position += utf16_length(shown)
    assert display.to_display(len(text)) == position == display.length == utf16_length(display.text)
    assert list(display.to_display_many(range(len(text) + 1))) == [display.to_display(i) for i in range(len(text) + 1)]


_SPECIAL_MIX = ["a", "b", " ", "\n", "\r", "\x0c", "\x00", "\u00a0", "\u200b", "\u202e", "\u061c", "😀", "\udcc3",
                "\U000e0041", "é", "е", "\x85", "\u3000", "\u2066"]


@given(st.text(alphabet=st.sampled_from(_SPECIAL_MIX), max_size=60), st.integers(min_value=1, max_value=12))
def test_big_text_special_search_finds_what_the_character_class_finds(text: str, literal_searches: int) -> None:
    # A tiny window sends every text down the path big texts take (residue, then literal searches
    # for few kinds, the windowed class scan for many).
    with patch.object(display, "WINDOW", 4), patch.object(display, "LITERAL_SEARCHES", literal_searches):
        found = list(display.special_offsets(text))
    assert found == [match.start() for match in display.SPECIAL.finditer(text)]


def test_big_text_builds_like_a_small_one() -> None:
    text = ("plain words\r\n" * 50 + "a\u200bb\u202e\x0c😀\udcc3\n") * 3
    small = DisplayText.build(text)
    with patch.object(display, "WINDOW", 16):
        big = DisplayText.build(text)
    assert big == small
    assert big.stand_in_starts  # the specials were found, not skipped
