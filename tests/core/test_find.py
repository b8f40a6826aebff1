"""Find across hidden characters (core/find.py): folding, matches as code points, options."""

from __future__ import annotations

import pytest

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


def test_a_big_text_is_folded_in_one_pass_of_odd_characters() -> None:
    """Only the characters whose folding changes its length are visited: one per zero-width space."""
    text = ("Korеa\u200b " * 20_000)
    folded = FoldedText(text, LOOSE)
    assert len(folded._positions) == 20_000
    assert len(Matches(folded, "korea")) == 20_000
