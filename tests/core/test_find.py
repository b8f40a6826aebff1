"""Find across hidden characters (core/find.py): folding, matches as code points, options."""

from __future__ import annotations

import pytest

from glyphwash.core import find
from glyphwash.core.find import FindOptions, FoldedText, Matches, fold
from glyphwash.core.view.display import DisplayText

LOOSE = FindOptions()
EXACT = FindOptions(exact=True)
CASE = FindOptions(match_case=True)
EXACT_CASE = FindOptions(exact=True, match_case=True)

# (text, query, options, the matched substrings of the text, in order)
CASES = [
    ("Korеa", "Korea", LOOSE, ["Korеa"]),  # Cyrillic е
    ("Ko\u200brea", "Korea", LOOSE, ["Ko\u200brea"]),  # zero-width space inside
    ("\u200bKorea\u200b", "Korea", LOOSE, ["Korea"]),  # ignorables around a match stay out of it
    ("КОРЕА and korea", "Korea", LOOSE, ["korea"]),  # Cyrillic Р looks like Latin P, not R
    ("Kor\u00ada", "Korea", LOOSE, []),  # a soft hyphen is skipped, but the e is missing
    ("Ｋｏｒｅａ", "Korea", LOOSE, ["Ｋｏｒｅａ"]),  # fullwidth
    ("𝐊𝐨𝐫𝐞𝐚", "korea", LOOSE, ["𝐊𝐨𝐫𝐞𝐚"]),  # mathematical bold (astral)
    ("K\u2060o\u202erea", "Korea", LOOSE, ["K\u2060o\u202erea"]),  # word joiner and a bidi override
    ("a\u00a0b", "a b", LOOSE, ["a\u00a0b"]),  # no-break space
    ("ﬁnd", "find", LOOSE, ["ﬁnd"]),  # a ligature
    ("KOREA korea", "Korea", LOOSE, ["KOREA", "korea"]),
    ("KOREA korea", "Korea", CASE, []),
    ("KOREA Korеa", "Korea", CASE, ["Korеa"]),
    ("Korеa Korea", "Korea", EXACT, ["Korea"]),
    ("Ko\u200brea", "Korea", EXACT, []),
    ("KOREA Korea", "korea", EXACT, ["KOREA", "Korea"]),
    ("KOREA Korea", "korea", EXACT_CASE, []),
    ("Straße STRASSE", "strasse", EXACT, ["Straße", "STRASSE"]),  # case folding lengthens ß
    ("Korеa", "Korеa", EXACT_CASE, ["Korеa"]),  # a query with the homoglyph finds it exactly
    ("Korеa", "Korеa", LOOSE, ["Korеa"]),
    ("aaaa", "aa", LOOSE, ["aa", "aa"]),  # matches do not overlap
    ("text", "", LOOSE, []),
    ("text", "\u200b", LOOSE, []),  # a query of nothing but ignorables matches nothing
    ("caf\u00e9 cafe\u0301", "café", LOOSE, ["caf\u00e9", "cafe\u0301"]),  # composed or not
    ("\udc81Korea", "Korea", LOOSE, ["Korea"]),  # an undecodable byte's stand-in stays
]


@pytest.mark.parametrize(("text", "query", "options", "expected"), CASES)
def test_find_matches(text: str, query: str, options: FindOptions, expected: list[str]) -> None:
    matches = Matches(FoldedText(text, options), query)
    assert [text[slice(*matches.span(index))] for index in range(len(matches))] == expected


@pytest.mark.parametrize(("char", "options", "folded"), [
    ("е", LOOSE, "e"), ("Е", CASE, "E"), ("\u200b", LOOSE, ""), ("\u200b", EXACT, "\u200b"),
    ("ß", LOOSE, "ss"), ("ß", CASE, "ß"), ("Ａ", LOOSE, "a"), ("Ａ", EXACT_CASE, "Ａ"),
])
def test_fold(char: str, options: FindOptions, folded: str) -> None:
    assert fold(char, options) == folded


def test_offsets_are_code_points_after_astral_characters() -> None:
    """Emoji before a match: core offsets count them once; Qt (UTF-16) twice, via the display copy."""
    text = "😀😀 \U0001d40a\U0001d428 Ko\u200brеa"
    matches = Matches(FoldedText(text, LOOSE), "Korea")
    assert len(matches) == 1
    start, end = matches.span(0)
    assert (start, end) == (6, 12)
    assert text[start:end] == "Ko\u200brеa"
    display = DisplayText.build(text)
    utf16 = len(text[:start].encode("utf-16-le")) // 2
    assert display.to_display(start) == utf16 == 10


def test_positions_between_and_around() -> None:
    text = "x\u200b\u200by Korea \u200bkorea K\u200borea"
    matches = Matches(FoldedText(text, LOOSE), "korea")
    spans = [matches.span(index) for index in range(len(matches))]
    assert [text[slice(*span)] for span in spans] == ["Korea", "korea", "K\u200borea"]
    assert matches.first_at_or_after(0) == 0
    assert matches.first_at_or_after(spans[0][0] + 1) == 1
    assert matches.first_at_or_after(len(text)) is None
    assert matches.last_before(spans[1][0]) == 0
    assert matches.last_before(0) is None
    assert list(matches.between(0, spans[1][0] + 1)) == [0, 1]


def test_folding_visits_no_character_in_python_and_maps_only_the_blocks_asked_for() -> None:
    """A text dense with zero-width spaces folds in C; a match's positions are worked out for its
    block alone (bench/bench_find.py times the hostile 10 MB case)."""
    text = "K\u200bo\u200br\u200bе\u200ba\u200b " * 20_000
    folded = FoldedText(text, LOOSE)
    assert folded.mapped_blocks() == 0
    matches = Matches(folded, "korea")
    assert len(matches) == 20_000
    assert folded.mapped_blocks() == 0
    assert text[slice(*matches.span(len(matches) - 1))] == "K\u200bo\u200br\u200bе\u200ba"
    assert folded.mapped_blocks() == 1


def reference_map(text: str, options: FindOptions) -> tuple[str, list[int], list[int]]:
    """The folded copy, where each code point's folding starts, and where each folded character
    comes from, worked out one character at a time with :func:`fold`."""
    starts: list[int] = []
    sources: list[int] = []
    parts: list[str] = []
    for offset, char in enumerate(text):
        folded = fold(char, options) if not (options.exact and options.match_case) else char
        starts.append(len(sources))
        sources.extend([offset] * len(folded))
        parts.append(folded)
    return "".join(parts), starts, sources


# Texts whose foldings change length in every way, at block and window edges once the blocks are small.
MAP_TEXTS = [
    "",
    "plain ascii",
    "\u200b" * 9,  # nothing but hidden characters: whole blocks fold to nothing
    "\u200b\u200bKorea\u200b\u200b",  # hidden characters at both edges
    "😀😀 \U0001d40a\U0001d428 Ko\u200brеa 😀",  # astral characters (one code point each)
    "cafe\u0301 caf\u00e9 \u0301\u0301x",  # combining marks, composed and not, and leading
    "Straße İstanbul ﬁnd Ｋｏｒｅａ ǅ",  # case and compatibility foldings longer than one character
    "a\u200b" * 11 + "ß" * 5 + "\U000e0041" * 6,  # tag characters (astral, hidden)
    "\udc81\udcff Kor\u00ada",  # undecodable bytes' stand-ins and a soft hyphen
]


@pytest.mark.parametrize("options", [LOOSE, CASE, EXACT, EXACT_CASE])
@pytest.mark.parametrize("text", MAP_TEXTS)
@pytest.mark.parametrize("block", [4, 1024])
def test_the_offset_map_matches_folding_one_character_at_a_time(
        text: str, options: FindOptions, block: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(find, "BLOCK", block)
    monkeypatch.setattr(find, "FOLD_WINDOW", block * 4)
    monkeypatch.setattr(find, "MAPPED_BLOCKS", 2)  # blocks forgotten and worked out again
    expected, starts, sources = reference_map(text, options)
    folded = FoldedText(text, options)
    assert folded.folded == expected
    assert [folded.from_source(offset) for offset in range(len(text) + 1)] == [*starts, len(expected)]
    assert [folded.to_source(position) for position in range(len(expected))] == sources


@pytest.mark.parametrize(("text", "query", "expected"), [
    ("\u200b\u200bKorea\u200b\u200b", "korea", (2, 7)),  # hidden characters at the edges stay out
    ("Kor\u200b\u200bea", "korea", (0, 7)),  # and inside stay in
    ("xx" + "\u200b" * 9 + "Korea", "korea", (11, 16)),  # after whole blocks of nothing
    ("😀\U0001d40a\U0001d428rea😀", "korea", (1, 6)),  # astral letters, astral neighbours
    ("cafe\u0301\u200b", "café", (0, 5)),  # a combining mark ends the match
    ("STRASSE straße", "straße", (0, 7)),  # ß folds to two characters; the match covers whole ones
    ("x straße", "ss", (6, 7)),  # both halves of one character's folding: that character
    ("x straße", "as", (5, 7)),  # half of it: the whole character
])
def test_match_edges(text: str, query: str, expected: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(find, "BLOCK", 4)
    monkeypatch.setattr(find, "FOLD_WINDOW", 16)
    matches = Matches(FoldedText(text, LOOSE), query)
    assert matches.span(0) == expected
    assert matches.first_at_or_after(expected[0]) == 0
    assert matches.last_before(expected[0] + 1) == 0
