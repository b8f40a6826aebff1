"""Display copies: stand-ins for what Qt hides, and code point → UTF-16 mapping."""

from __future__ import annotations

import bisect
import re
from array import array
from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glyphwash.core.engine import analyze
from glyphwash.core.unicode.graphemes import is_boundary
from glyphwash.core.view import display
from glyphwash.core.view.display import DisplayText, escape_for_display, stand_in, utf16_length
from glyphwash.core.view.document import lines_holding, lines_of


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
    expected = [display.to_display(i) for i in range(len(text) + 1)]
    assert list(display.to_display_many(range(len(text) + 1))) == expected
    assert list(display.to_display_many(array("q", range(len(text) + 1)), ascending=True)) == expected
    repeated = sorted([*range(len(text) + 1), *range(0, len(text) + 1, 3)])  # equal offsets too
    assert list(display.to_display_many(repeated, ascending=True)) == [display.to_display(i) for i in repeated]


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


@pytest.mark.parametrize(("text", "expected"), [
    ("short\n" * 10, []),
    ("a" * 39, []),  # shorter than twice the limit: never cut
    ("ab\n" + "x" * 45 + "\ncd", [(3, 48)]),
    ("x" * 45, [(0, 45)]),
    ("ab\r\n" + "x" * 45 + "\r\ncd", [(4, 49)]),
    ("ab\r" + "x" * 45 + "\rcd\n" + "y" * 60, [(3, 48), (52, 112)]),  # lone CRs end lines too
])
def test_long_lines_are_the_lines_of_twice_the_limit(text: str, expected: list[tuple[int, int]]) -> None:
    assert display.long_lines(text, 20) == expected


def _utf16_units(text: str) -> list[str]:
    """``text`` as UTF-16 code units, each as a one-character string (surrogates for astral ones)."""
    data = text.encode("utf-16-le", "surrogatepass")
    return [data[index:index + 2].decode("utf-16-le", "surrogatepass") for index in range(0, len(data), 2)]


_LONG_MIX = ["a", "b", " ", " ", "\n", "\r\n", "\u0301", "\u200b", "😀", "\udcc3", "\u202e"]


@given(st.lists(st.sampled_from(_LONG_MIX), max_size=120).map("".join))
def test_long_lines_are_shown_in_pieces_without_changing_the_mapping(text: str) -> None:
    with patch.object(display, "LINE_LIMIT", 6):
        broken = DisplayText.build(text)
    plain = DisplayText.build(text)
    breaks = list(broken.soft_breaks)
    units = _utf16_units(broken.text)  # display positions count UTF-16 units
    # Taking the inserted breaks out gives the ordinary display copy.
    assert [unit for index, unit in enumerate(units) if index not in breaks] == _utf16_units(plain.text)
    for offset in range(len(text) + 1):
        shown = broken.to_display(offset)
        assert shown - sum(1 for position in breaks if position < shown) == plain.to_display(offset)
        if offset < len(text) and plain.to_source(plain.to_display(offset)) == offset:
            assert broken.to_source(shown) == offset
    for position in breaks:
        assert units[position] == "\n"
        after = broken.to_source(position) + 1  # the break follows this source character...
        assert is_boundary(text, after)  # ...and never splits a grapheme cluster
    # Lines of twice the limit are cut into pieces of at most the limit (in code points of the
    # source), unless no cluster boundary lets them; other lines are left alone.
    cuts = sorted(broken.to_source(position) + 1 for position in breaks)
    for start, end in display.long_lines(text, 6):
        inside = [cut for cut in cuts if start < cut < end]
        pieces = [right - left for left, right in zip([start, *inside], [*inside, end], strict=True)]
        assert all(piece <= 6 or "\u0301" in text[start:end] for piece in pieces)
    assert all(any(start < cut < end for start, end in display.long_lines(text, 6)) for cut in cuts)


def test_blocks_that_continue_a_line_have_no_line_number() -> None:
    text = "one\n" + "word " * 9 + "\nthree"
    with patch.object(display, "LINE_LIMIT", 10):
        shown = DisplayText.build(text)
    blocks = shown.text.split("\n")
    starts = [sum(len(block) + 1 for block in blocks[:number]) for number in range(len(blocks))]
    labels = [shown.line_of_block(number, start) for number, start in enumerate(starts)]
    assert labels == [0, 1] + [None] * (len(blocks) - 3) + [2]
    assert len(blocks) > 4
    assert all(len(block) <= 10 for block in blocks)


@given(st.lists(st.sampled_from(["a", "\r\n", "\n", "\r", "é", "😀"]), max_size=50).map("".join), st.integers(1, 9))
def test_literal_offsets_find_every_occurrence(text: str, window: int) -> None:
    with patch.object(display, "WINDOW", window):
        assert list(display.literal_offsets(text, "\r\n")) == [match.start() for match in re.finditer("\r\n", text)]


@given(st.lists(st.sampled_from(["a", "b ", "\r\n", "é", "\n", "😀", "\u200b", "\r"]), max_size=50).map("".join))
def test_a_windows_text_without_other_specials_is_built_in_bulk_like_any_other(text: str) -> None:
    with patch.object(display, "WINDOW", 5):
        bulk = DisplayText.build(text)
    with patch.object(display, "_only_crlf_specials", lambda source, shrunk=None: False):
        one_by_one = DisplayText.build(text)
    assert bulk == one_by_one


def test_a_clean_windows_text_takes_the_bulk_path() -> None:
    text = "line one\r\nline two\r\n" * 5
    assert display._only_crlf_specials(text)
    assert not display._only_crlf_specials(text + "\u200b")
    assert not display._only_crlf_specials(text.replace("\r\n", "\n"))
    shown = DisplayText.build(text)
    assert shown.text == text.replace("\r\n", "\n")
    assert shown.to_display(text.index("two")) == shown.text.index("two")


@pytest.mark.parametrize(("source", "shown", "expected"), [
    ("pay\u200bpal", "y ZWSP p", "y\u200bp"),  # a stand-in label copies as the character
    ("pay\u200bpal", "WS", "\u200b"),  # part of a label still stands for the whole character
    ("a😀b", "😀b", "😀b"),
    ("one\r\ntwo", "one\ntwo", "one\r\ntwo"),  # the file's own line end
    ("x\udcc3y", "xxC3y", "x\udcc3y"),
])
def test_a_display_span_maps_to_the_source_it_shows(source: str, shown: str, expected: str) -> None:
    copy = DisplayText.build(source)
    units = _utf16_units(copy.text)
    wanted = _utf16_units(shown.replace(" ", ""))
    start = next(index for index in range(len(units)) if units[index:index + len(wanted)] == wanted)
    begin, end = copy.source_span(start, start + len(wanted))
    assert source[begin:end] == expected


def test_a_display_break_is_not_part_of_the_source_span() -> None:
    source = "word " * 12
    with patch.object(display, "LINE_LIMIT", 10):
        copy = DisplayText.build(source)
    assert copy.soft_breaks
    begin, end = copy.source_span(0, copy.length)
    assert source[begin:end] == source


def test_copied_text_has_no_lone_surrogates() -> None:
    assert display.copyable("a\udcc3b\u200b😀") == "a\ufffdb\u200b😀"


@given(st.lists(st.integers(0, 60), max_size=80).map(sorted), st.lists(st.integers(1, 60), max_size=20, unique=True))
def test_lines_holding_positions_are_their_distinct_lines(positions: list[int], breaks: list[int]) -> None:
    starts = array("q", [0, *sorted(breaks)])
    expected = list(dict.fromkeys(lines_of(array("q", positions), starts)))
    assert list(lines_holding(array("q", positions), starts)) == expected


@given(st.lists(st.sampled_from(["Korеa ", "plain ", "\n", "pay\u200bpal ", "е"]), max_size=60).map("".join))
def test_a_documents_change_lines_agree_with_a_bisection_per_change(text: str) -> None:
    from glyphwash.core.encoding.decoding import decode_bytes
    from glyphwash.core.engine import EngineConfig
    from glyphwash.core.view.document import ReviewDocument

    document = ReviewDocument(decode_bytes(("x" + text).encode()), EngineConfig())
    offsets, starts = document.state.offsets, document.state.lines.starts
    expected = [bisect.bisect_right(starts, offset) - 1 for offset in offsets]
    assert list(document.change_lines()) == expected
    assert list(document.lines_with_changes()) == list(dict.fromkeys(expected))


def test_pieces_of_a_long_line_are_measured_as_shown() -> None:
    # Qt wraps a long word in time quadratic in its length: 10,000 RLO show as 30,000 characters.
    shown = DisplayText.build("\u202e" * 30_000 + "x" * 30_000).text.split("\n")
    assert len(shown) > 6 and all(len(piece) <= display.LINE_LIMIT for piece in shown)


def test_a_short_line_crowded_with_stand_ins_is_shown_in_pieces() -> None:
    # 9,000 x + RLO (18,000 characters: too short to count as long) froze the window for 0.8 s;
    # every stand-in is a format range, and Qt lays a line out in time square in them.
    runs = 3 * display.STAND_INS_PER_PIECE + 10
    text = "first\n" + "x\u202e" * runs + "\nlast \u202e\u202e\n"
    shown = DisplayText.build(text)
    assert shown.broken_lines == 1
    cuts = [shown.to_source(position) + 1 for position in shown.soft_breaks]
    assert cuts == [6 + 2 * display.STAND_INS_PER_PIECE * piece for piece in (1, 2, 3)]
    with patch.object(display, "STAND_INS_PER_PIECE", 10**9):
        plain = DisplayText.build(text)
    breaks = set(shown.soft_breaks)
    assert "".join(unit for index, unit in enumerate(shown.text) if index not in breaks) == plain.text
    for offset in range(len(text) + 1):
        assert shown.to_source(shown.to_display(offset)) == offset


def test_a_run_of_stand_ins_is_one_range_and_no_crowd() -> None:
    shown = DisplayText.build("x" + "\u202e" * (4 * display.STAND_INS_PER_PIECE) + "y\n")
    assert shown.broken_lines == 0 and len(shown.soft_breaks) == 0


def test_a_review_document_analyses_with_its_own_newline() -> None:
    from glyphwash.core.encoding.decoding import decode_bytes
    from glyphwash.core.engine import EngineConfig
    from glyphwash.core.view.document import ReviewDocument

    decoded = decode_bytes("one\r\ntwo\u2028three\r\n".encode())
    document = ReviewDocument(decoded, EngineConfig())
    assert [change.replacement for change in document.analysis.changes] == ["\r\n"]


def test_zwj_inside_an_emoji_sequence_is_drawn_as_the_emoji() -> None:
    technologist = "👩\u200d💻"
    family = "👨🏽\u200d👩\u200d👧"
    display = DisplayText.build(f"a {technologist} b {family}\n")
    assert display.text == f"a {technologist} b {family}\n"
    assert not display.stand_in_starts


def test_zwj_outside_an_emoji_sequence_keeps_its_stand_in() -> None:
    display = DisplayText.build("pay\u200dpal 👩\u200d x\n")
    assert display.text == "payZWJpal 👩ZWJ x\n"
    assert len(display.stand_in_starts) == 2


@pytest.mark.parametrize("word", [
    "\u0dc1\u0dca\u200d\u0dbb\u0dd3",         # Sinhala ශ්‍රී: a conjunct
    "\u0915\u094d\u200d\u0937",               # Devanagari half form
    "\u0d05\u0d35\u0d28\u0d4d\u200d",         # Malayalam chillu at a word's end
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian می‌خواهم (ZWNJ)
])
def test_a_joiner_the_engine_keeps_is_drawn_as_part_of_its_word(word: str) -> None:
    text = f"{word} {word}\n"
    assert analyze(text).changes == []  # kept by the invisible rule...
    display = DisplayText.build(text)
    assert display.text == text  # ...so no ZWJ/ZWNJ box splits the word on screen
    assert not display.stand_in_starts
