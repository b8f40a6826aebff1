"""Issue 13: on real-world text, words decide (a lexicon and context), not only scripts.

Every example the issue names, through the engine with the default rules (as ``clean`` runs it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import unicodedata2

from glyphwash.core.changes import apply_changes, check_changes
from glyphwash.core.engine import EngineConfig, analyze

DEFAULT = EngineConfig()


def clean(text: str) -> str:
    changes = analyze(text, DEFAULT).changes
    check_changes(text, changes)
    return apply_changes(text, changes)


@pytest.mark.parametrize("genuine", [
    pytest.param("ВІКІ is Ukrainian for WIKI", id="foreign-word-quoted-in-english"),
    pytest.param("Москва is the capital", id="foreign-word-without-latin-reading"),
    pytest.param("the IL2RγcKO mice lack the common gamma chain", id="greek-in-identifier"),
    pytest.param("TNF-α and β-catenin levels rose", id="greek-letters-as-symbols"),
    pytest.param("Kɑ ɓɛ ɑ su ɔ nun, ɔ kɑ lɛ.", id="baoule-like-ipa-orthography"),
    pytest.param("Ɨ jɨ kɑni ɑnapu, ɨ tsɨ ŋa.", id="purepecha-like-ipa-orthography"),
    pytest.param("the sets ℝ ℕ ℤ ℚ ℂ and ℏ", id="letterlike-math-symbols"),
    pytest.param("x ∈ ℝⁿ, 5 ℓ of water", id="letterlike-symbol-beside-a-superscript"),
    pytest.param("Il y a 10\u202f000 habitants\u202f!", id="narrow-nbsp-thousands-and-french"),
    pytest.param("ＡＢＣ\u3000１２３", id="ideographic-space-between-fullwidth"),
    pytest.param("Кофе молотый - 2 cт.л.", id="latin-letter-in-an-abbreviation"),
    pytest.param("the Russian words шоу and горе", id="russian-words-with-loose-english-readings"),
    pytest.param("Turkish ılık and kız", id="turkish-dotless-i"),
    pytest.param("Gdańsk, Łódź i Kraków, Bär und Zoë", id="accented-letters"),
    pytest.param("അവന്‍ പോയി", id="malayalam-chillu-written-with-zwj"),
])
def test_genuine_text_stays(genuine: str) -> None:
    assert clean(genuine) == genuine


@pytest.mark.parametrize(("attacked", "expected"), [
    # Direction forced by a letter without a look-alike, whatever the length.
    ("Он сказал дa и ушёл", "Он сказал да и ушёл"),
    ("Књига је нa столу", "Књига је на столу"),
    # Every letter has a look-alike: the line's script and the lexicon decide.
    ("Они сe боје и нe знају", "Они се боје и не знају"),
    ("Tе ствари су важне", "Те ствари су важне"),
    ("Hе може да дође", "Не може да дође"),
    ("Яны бачылі iх і нi з кім не гаварылі", "Яны бачылі іх і ні з кім не гаварылі"),
    ("Әp адамның білім алуға құқығы бар", "Әр адамның білім алуға құқығы бар"),  # Kazakh: no word list
    # Longer words whose Latin letters outnumber the Cyrillic ones.
    ("Права чoвjeкa су важна", "Права човјека су важна"),
    ("Он је кao брат", "Он је као брат"),
    # Looser look-alikes, made only into known words.
    ("Enter your auтh token", "Enter your auth token"),
    ("Please сӏаім your account", "Please claim your account"),
    ("read ᴛhe book", "read the book"),
    ("the e×istence of god", "the existence of god"),
    ("it is FAᎥR", "it is FAIR"),
    ("all 𝛕hese days", "all these days"),
    # Whole words: the Latin reading is a word of the line's language, the other is none.
    ("The рау was good", "The pay was good"),
])
def test_attacks_are_restored(attacked: str, expected: str) -> None:
    assert clean(attacked) == expected


def test_mojibake_is_not_judged_as_words() -> None:
    # ftfy's test case: with the mojibake rule off, the Latin l stays (no Cyrillic palochka).
    text = "La rГ©gion de Dnepropetrovsk se trouve Г lвЂ™ouest de lвЂ™Ukraine"
    assert "\u04cf" not in clean(text)
    assert clean(text) == text


@pytest.mark.parametrize(("text", "reason"), [
    ("Please сӏаім your account", "сӏаім is not a word; claim is a common English word"),
    ("Enter your auтh token", "auтh is not a word; auth is a common English word"),
    # A line too short to show its script: the document's script and the lexicon decide.
    ("Hе?\nОни не знају ништа о томе", "Hе is not a word; Не is a common word in Cyrillic script"),
])
def test_reasons_cite_the_lexicon(text: str, reason: str) -> None:
    reasons = {change.reason for change in analyze(text, DEFAULT).changes}
    assert reasons and all(reason in found for found in reasons)


def test_letterlike_symbols_become_plain_inside_words() -> None:
    assert clean("ℌello from ℂity") == "Hello from City"


def _letters(text: str) -> str:
    return "".join(char for char in text if unicodedata2.category(char)[0] in "LM")


def test_every_genuine_corpus_keeps_its_letters(shared_dir: Path) -> None:
    corpora = shared_dir / "corpora"
    paths = sorted([*corpora.glob("ud-treebanks/*/*.sentences.txt"), *corpora.glob("bible/*.txt"),
                    corpora / "english" / "pride_and_prejudice.txt"])
    assert len(paths) >= 50
    changed = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for change in analyze(text, DEFAULT).changes:
            if _letters(change.original) != _letters(change.replacement):
                changed.append((path.name, change.original, change.replacement, change.reason))
    assert changed == []


@pytest.mark.parametrize(("attacked", "expected"), [
    ("the sᥱrvᥱr is down", "the server is down"),          # Tai Le ᥱ: no look-alike data; one letter, twice
    ("a ⅿodern Ⅰdea ſor you", "a modern Idea for you"),  # compatibility forms and what they look like
    ("a day of ſun", "a day of ſun"),                    # ſ: s by form, f by look; sun and fun: no telling
    ("I ⅾo not know", "I do not know"),                  # a poser in a two-letter word
    ("It was Ⅰntimate and aⅼⅼ", "It was Intimate and all"),
    # A clear word wins over the shape: Armenian Գ is drawn nearest to J, but only G makes a word.
    ("they would not stay long. Mrs. Գardiner gave her the letter",
     "they would not stay long. Mrs. Gardiner gave her the letter"),
])
def test_letters_without_look_alike_data_are_read_by_the_word(attacked: str, expected: str) -> None:
    assert clean(attacked) == expected


@pytest.mark.parametrize("text", [
    "Kor\u0435a\u2028\u00a2\u00bf",              # a line separator the spaces rule turns into a newline
    "Kor\u0435a\ufb01\u00c0",                    # a ligature the compat rule opens
    "\u0440\u0430y\u0440\u0430l\u00c0\u2028\u041f\u0440\u0438\u0432\u0435\u0442",
    "\u202eKor\u0435a\u00a0W\u0840",  # a bidi control and an NBSP the other rules remove
    "\uff21\u3000\u2028\uff21",  # an ideographic space whose fullwidth neighbour is on another line
    "\u180b\u180b",  # a Mongolian selector after a deleted one (found by the fuzz test; invisible rule)
    "\u1820\u180b\u180b",
])
def test_cleaning_twice_changes_nothing_more(text: str) -> None:
    once = clean(text)
    assert analyze(once, DEFAULT).changes == []


@pytest.mark.parametrize(("attacked", "expected"), [
    # A hard-wrapped line's first word is not a sentence's: a small look-alike reads small.
    ("the letter said\nᴡⅰⅼⅼ not thank me for it", "the letter said\nwill not thank me for it"),
    ("and then\nһорᥱ that the period of future happiness", "and then\nhope that the period of future happiness"),
    ("in that\nһⅰѕ house was a very charming one", "in that\nhis house was a very charming one"),
])
def test_small_look_alikes_keep_their_case_at_a_line_start(attacked: str, expected: str) -> None:
    assert clean(attacked) == expected


@pytest.mark.parametrize(("attacked", "expected"), [
    # A full stop before a long word is a missing space, not an abbreviation (cт.л. stays, above).
    ("Добавьте 200 гp.муки и перемешайте", "Добавьте 200 гр.муки и перемешайте"),
])
def test_a_word_before_a_missing_space_is_no_abbreviation(attacked: str, expected: str) -> None:
    assert clean(attacked) == expected


@pytest.mark.parametrize(("attacked", "expected"), [
    # Letters no look-alike data pairs with a Latin one, read as the letter they are drawn like
    # (GNU Unifont's glyphs), where the lexicon has several words to choose from.
    ("you have done mᥱ an honour", "you have done me an honour"),        # me, not my
    ("there were many trees iᥒ the park", "there were many trees in the park"),
    ("they could not part ᥙs now", "they could not part us now"),
    ("and ᴡһᥱᥒ she came back", "and when she came back"),                # not what
    ("reject a ⅿаᥒ on that ground", "reject a man on that ground"),
    ("the letters came. Οᥒ the contrary, nothing", "the letters came. On the contrary, nothing"),  # ᥒ: n only
])
def test_letters_without_look_alike_data_are_read_by_their_shape(attacked: str, expected: str) -> None:
    assert clean(attacked) == expected


@pytest.mark.parametrize("genuine", [
    pytest.param("the Tai Le word ᥖᥭᥰ means sky", id="tai-le-word-quoted-in-english"),
    pytest.param("Ethiopic ዘመን is era", id="ethiopic-word-quoted-in-english"),
])
def test_words_of_scripts_without_look_alike_data_stay(genuine: str) -> None:
    assert clean(genuine) == genuine


def test_a_reading_by_shape_names_the_lexicon() -> None:
    reasons = {change.reason for change in analyze("you have done mᥱ an honour", DEFAULT).changes}
    assert reasons and all("is not a word; me is a common English word" in reason for reason in reasons)


@pytest.mark.parametrize(("text", "expected"), [
    ("The \ufb01ne print is \ufb01nal.", "The fine print is final."),  # not "one", "anal": a guess for one letter
    ("a \ufb01ne day on the \ufb02oor of the \ufb03ce", "a fine day on the floor of the ffice"),
    ("\ufb01\u0433", "fir"),  # the look-alike is read with the letters the ligature stands for
])
def test_a_ligature_is_the_letters_it_stands_for(text: str, expected: str) -> None:
    assert clean(text) == expected
