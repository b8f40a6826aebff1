"""Edits named so that look-alike letters differ: script, character and code point."""

from __future__ import annotations

from glyphwash.core.change_names import name_character, name_edit, name_text


def test_a_homoglyph_is_named_by_script_and_code_point() -> None:
    assert name_edit("\u0435", "e") == "Cyrillic \u0435 U+0435 → Latin e U+0065"


def test_invisible_characters_get_their_label_and_no_script() -> None:
    assert name_character("\u200b") == "<ZWSP> U+200B"
    assert name_edit("\u200b", "") == "<ZWSP> U+200B → (removed)"


def test_common_script_characters_are_named_without_a_script() -> None:
    assert name_character("-") == "- U+002D"


def test_a_word_names_its_look_alike_letter() -> None:
    assert name_edit("Kor\u0435a", "Korea") == "Kor\u0435a → Korea (Cyrillic \u0435 U+0435 → Latin e U+0065)"


def test_a_long_rewrite_is_shown_as_text() -> None:
    assert name_edit("ｆｕｌｌｗｉｄｔｈ", "fullwidth") == "ｆｕｌｌｗｉｄｔｈ → fullwidth"
    assert name_text("x" * 30, limit=5) == "xxxxx…"
