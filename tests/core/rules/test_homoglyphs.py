"""The homoglyphs rule: look-alike letters of another script inside words, in both directions."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from glyphwash.core.changes import Change, Severity, apply_changes, check_changes
from glyphwash.core.engine import EngineConfig, analyze, rule_context
from glyphwash.core.rules import homoglyphs
from glyphwash.core.unicode import confusables

CONFIG = EngineConfig(rules=frozenset({"homoglyphs"}))


def clean(text: str, config: EngineConfig = CONFIG) -> str:
    changes = homoglyphs.find_changes(text, rule_context(config))
    check_changes(text, changes)
    return apply_changes(text, changes)


@pytest.mark.parametrize(("attacked", "expected"), [
    # Cyrillic look-alikes in Latin words (the sample news article).
    ("Putin hails North Korеa’s ‘strong support’", "Putin hails North Korea’s ‘strong support’"),
    ("Thе quick brown fox jumps ovеr thе lazy dog", "The quick brown fox jumps over the lazy dog"),
    ("Тhis is a рlain sеntеnce.", "This is a plain sentence."),
    ("bе mе hеrе wеrе sее", "be me here were see"),
    ("Ьut Ꮒe", "but he"),
    # Latin look-alikes in Cyrillic words (typed in Serbian, Macedonian, Bulgarian texts).
    ("Я видела Аннa вчера.", "Я видела Анна вчера."),
    ("OПШTA ДЕКЛАРАЦИЈА", "ОПШТА ДЕКЛАРАЦИЈА"),
    ("Все люди рождаются свoбoдными и равными.", "Все люди рождаются свободными и равными."),
    # Greek, Armenian, Cherokee, Lisu, Coptic look-alikes in Latin words.
    ("an οpinion of the ΝΑΤO summit", "an opinion of the NATO summit"),
    ("a gօod day", "a good day"),
    ("Ꭰavid and ꓦera", "David and Vera"),
    ("source cⲟde", "source code"),
    ("EΙizabeth and ΙBM", "Elizabeth and IBM"),
    # Latin look-alikes in Greek words.
    ("Η Aθήνα είναι η πρωτεύουσα.", "Η Αθήνα είναι η πρωτεύουσα."),
    # In a line of both scripts, a clear majority of the word decides.
    ("Я видела Аннa; North Korеa", "Я видела Анна; North Korea"),
    # Whole words spelled in look-alikes, among text of the other script.
    ("the ѕрасе between words", "the space between words"),
    ("Then Тһе end", "Then The end"),
    # Identifiers are words; underscores and digits split them.
    ("def sayНello(name): return name", "def sayHello(name): return name"),
    ("user_nаme = get_usеr2()", "user_name = get_user2()"),
    # Phonetic and small-capital letters posing as plain letters of the same script.
    ("a ɡood ꜱpace ᴏf time", "a good space of time"),
    ("ɡοod", "good"),
    # Digits, numerals and symbols of other scripts posing as letters inside Latin words.
    ("a w০rd in Korea١ and ⅾog", "a word in Koreal and dog"),
    ("ski⍳ng", "skiing"),
    # A word-initial Ι is I by default, l where the document spells the word only that way.
    ("It is very \u0399ikely, as likely as \u0399t was.", "It is very likely, as likely as It was."),
])
def test_repairs(attacked: str, expected: str) -> None:
    assert clean(attacked) == expected


@pytest.mark.parametrize("genuine", [
    pytest.param("Ирыстоны æхсæв, Ирон æвзаг", id="ossetian-ae"),
    pytest.param("Dobar dan, kako ste? Čačak i Đakovica su gradovi.", id="serbian-latin"),
    pytest.param("Қазақстан Республикасы — тәуелсіз мемлекет. Һәм іс", id="kazakh"),
    pytest.param("Þetta er þýðing á íslensku, með þ og ð.", id="icelandic-thorn"),
    pytest.param("Это было шоу, горе и шар.", id="russian-sha-ghe"),
    pytest.param("the Russian words шоу and горе", id="sha-ghe-whole-words-in-english"),
    pytest.param("Также присутствует Сергей. #сноб_news", id="underscore-splits"),
    pytest.param("за Фонтанкой Варвара - Bаpвapа!", id="ascii-stylization"),
    pytest.param("Кофе молотый - 2 cт.л.", id="ascii-letter-in-an-abbreviation"),
    pytest.param("Я купил Samsung Galaxy с экраном 6 дюймов на ozon.ru", id="brands-in-russian"),
    pytest.param("В 2О24 году", id="digits-split-words"),
    pytest.param("Привет, café и naïve!", id="latin-diacritics-in-russian"),
    pytest.param("Samsung Galaxy с 4 GB\nЭто русский текст, в котором много слов.", id="preposition-in-russian-doc"),
    pytest.param("I l 1 0 O m rn vv", id="ascii-only"),
    pytest.param("The ſ and the ꝥ stay.", id="latin-only"),
    pytest.param("IPA [ɡʊd] and ɑː", id="phonetic-transcription"),
    pytest.param("Turkish ılık and kız", id="turkish-dotless-i"),
    pytest.param("5°C, N°1, code ABC١٢٣, a×b, ١٢٣ كتاب", id="numbers-and-math-symbols"),
    pytest.param("Louis XⅣ and Ⅻ", id="roman-numerals"),
])
def test_keeps_genuine_text(genuine: str) -> None:
    assert homoglyphs.find_changes(genuine, rule_context(CONFIG)) == []


def test_reasons_and_fields() -> None:
    texts = ["North Korеa", "Я видела Аннa", "the ѕрасе between"]
    changes = [change for text in texts for change in homoglyphs.find_changes(text, rule_context(CONFIG))]
    assert [change.reason for change in changes] == [
        "Cyrillic е (U+0435) inside a Latin word",
        "Latin a (U+0061) inside a Cyrillic word",
        *["Cyrillic word ѕрасе among Latin text"] * 5,
    ]
    assert {(change.rule, change.severity) for change in changes} == {("homoglyphs", Severity.WARNING)}


def test_one_change_per_letter() -> None:
    text = "Thе cat sat hеrе, “thеn” left"
    changes = homoglyphs.find_changes(text, rule_context(CONFIG))
    assert [(change.offset, change.length, change.original, change.replacement) for change in changes] == [
        (2, 1, "е", "e"), (13, 1, "е", "e"), (15, 1, "е", "e"), (21, 1, "е", "e")]
    assert {change.reason for change in changes} == {"Cyrillic е (U+0435) inside a Latin word"}
    assert apply_changes(text, changes) == "The cat sat here, “then” left"


def test_whole_word_is_one_change_per_letter() -> None:
    changes = homoglyphs.find_changes("the ѕрасе between", rule_context(CONFIG))
    assert [(change.offset, change.original, change.replacement) for change in changes] == [
        (4, "ѕ", "s"), (5, "р", "p"), (6, "а", "a"), (7, "с", "c"), (8, "е", "e")]
    assert {change.reason for change in changes} == {"Cyrillic word ѕрасе among Latin text"}


def test_each_letter_reverts_alone() -> None:
    text = "Thе quick brown fox jumps ovеr thе lazy dog"
    changes = homoglyphs.find_changes(text, rule_context(CONFIG))
    assert len(changes) == 3
    assert apply_changes(text, changes[:1] + changes[2:]) == "The quick brown fox jumps ovеr the lazy dog"


def test_sample_news_has_one_change_per_cyrillic_e(sample_article: Path) -> None:
    text = sample_article.read_text(encoding="utf-8")
    changes = analyze(text, EngineConfig()).changes
    assert len(changes) == text.count("е") == 205
    assert {(change.rule, change.original, change.replacement, change.length) for change in changes} == {
        ("homoglyphs", "е", "e", 1)}
    assert apply_changes(text, changes) == text.replace("е", "e")


@pytest.mark.parametrize(("text", "expected"), [
    ("aa\u200bе", "aa\u200be"),
    ("the ѕр\u200bасе between", "the sp\u200bace between"),
    ("Аннa\u2060", "Анна\u2060"),
])
def test_invisible_characters_do_not_split_words(text: str, expected: str) -> None:
    assert clean(text) == expected


def test_runs_stop_at_controls_other_rules_remove() -> None:
    changes = homoglyphs.find_changes("Thе cat\x08 hеrе", rule_context(CONFIG))
    assert [change.original for change in changes] == ["е", "е", "е"]


def test_rule_disabled() -> None:
    assert homoglyphs.find_changes("North Korеa", rule_context(EngineConfig(rules=frozenset({"spaces"})))) == []


def test_allowed_characters_stay() -> None:
    config = CONFIG._replace(allow_chars=frozenset("е"))
    assert clean("North Korеa and Ꭰavid", config) == "North Korеa and David"


def test_allowed_scripts_stay_inside_other_words() -> None:
    config = CONFIG._replace(allow_scripts=frozenset({"Latin"}))
    assert clean("Я видела Аннa; North Korеa", config) == "Я видела Аннa; North Korea"


def test_lone_surrogates_are_never_touched() -> None:
    text = "North Korеa\udce9 \udcff\udc80 Kor\udce9еa\nАннa\udce9"
    changes = homoglyphs.find_changes(text, rule_context(CONFIG))
    assert all(not any("\udc80" <= char <= "\udcff" for char in change.original) for change in changes)
    assert apply_changes(text, changes) == "North Korea\udce9 \udcff\udc80 Kor\udce9ea\nАнна\udce9"


def test_lookalike_tables_come_from_unicode_data() -> None:
    lookalikes = confusables.lookalike_tables().lookalikes
    assert lookalikes["е"]["Latin"] == "e"
    assert lookalikes["a"]["Cyrillic"] == "а"
    assert "Latin" not in lookalikes.get("в", {})  # ʙ is not a letter of any modern orthography
    assert "Latin" not in lookalikes.get("þ", {})  # same script: never a homoglyph
    assert ("ш", "w") not in confusables.lookalike_tables().identical


LATIN = "abcehiklmnoprstuxyEHOPTK"
LOOKALIKES = "асеһіорѕхуοινυΑΒΕΗΚΜΟΡΤΧаеԁꓦᎠօⲟ"
CYRILLIC = "абвгдежзийклмнопрстуфхцчшщыьэюя"
alphabets = st.sampled_from([LATIN + LOOKALIKES, CYRILLIC + LATIN[:8], LATIN, CYRILLIC + "æ"])
words = alphabets.flatmap(lambda alphabet: st.text(alphabet, min_size=1, max_size=9))
texts = st.lists(st.one_of(words, st.sampled_from([" ", ", ", "\n", "_", "2", "\udce9", "\u0301"])),
                 max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts)
@example("tа kббббб νkt")  # a repair (ν → v) changes the line's evidence for the next word
@example("E\u13a0 \u0391")  # repairing Cherokee Ꭰ gives the document Latin-only evidence
def test_idempotent_and_consistent(text: str) -> None:
    changes = homoglyphs.find_changes(text, rule_context(CONFIG))
    check_changes(text, changes)
    assert all(isinstance(change, Change) and change.rule == "homoglyphs" for change in changes)
    assert all(change.original != change.replacement for change in changes)
    assert all(len(change.original) == len(change.replacement) for change in changes)
    cleaned = apply_changes(text, changes)
    assert homoglyphs.find_changes(cleaned, rule_context(CONFIG)) == []
    assert [char for char in cleaned if char.isdigit() or "\udc80" <= char <= "\udcff"] == [
        char for char in text if char.isdigit() or "\udc80" <= char <= "\udcff"]


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(max_codepoint=0x7F)))
def test_never_changes_ascii_text(text: str) -> None:
    assert homoglyphs.find_changes(text, rule_context(CONFIG)) == []


def test_genuine_corpora_keep_their_letters(shared_dir: Path) -> None:
    changed = []
    for path in sorted(shared_dir.glob("corpora/ud-treebanks/*/*.sentences.txt")):
        text = path.read_text(encoding="utf-8")
        changed += [(path.name, change.original) for change in homoglyphs.find_changes(text, rule_context(CONFIG))]
    assert changed == []


@pytest.mark.parametrize(("text", "expected"), [("\U0001d41a\u0431\u0432", "\u0430\u0431\u0432"),
                                              ("\u0434\U0001d41a", "\u0434\u0430")])
def test_a_styled_letter_inside_a_word_of_another_script_is_changed_as_itself(text: str, expected: str) -> None:
    # The word is judged with 𝐛 read as b (as the compat rule reads it), but the change is of the
    # text's own 𝐛: a change of "b" at its place did not match the text (found by hypothesis).
    changes = analyze(text, EngineConfig()).changes
    check_changes(text, changes)
    assert [change.original for change in changes] == ["\U0001d41a"]
    assert apply_changes(text, changes) == expected


def test_sample_news_is_restored(sample_article: Path) -> None:
    attacked = sample_article.read_text(encoding="utf-8")
    assert clean(attacked) == attacked.replace("\u0435", "e")


_WORDS = st.lists(st.text(alphabet=st.sampled_from("aKxе\u0301о\u200bΑ١ßé7_"), min_size=1, max_size=7), max_size=40)
_GAPS = st.sampled_from([" ", " ", ", ", ". ", "\t", " - "])


@given(_WORDS, st.data())
def test_long_lines_are_searched_for_suspect_words_as_a_whole_search_would(words: list[str],
                                                                           data: st.DataObject) -> None:
    line = "".join(word + data.draw(_GAPS) for word in words)
    expected = [(match.start(), match.group()) for match in homoglyphs._word_pattern().finditer(line)]
    # A window smaller than the line sends it down the long-line path (words here are shorter).
    with patch.object(homoglyphs, "_WORD_WINDOW", 8):
        found = [(match.start(), match.group()) for match in homoglyphs._suspect_words(line)]
    assert found == expected


def test_a_line_of_millions_of_characters_is_repaired_like_its_pieces() -> None:
    unit = "Korеa and plain words around it, nothing else. " + "x" * 12 + " "
    line = unit * 40_000
    changes = analyze(line, EngineConfig()).changes
    assert len(changes) == 40_000
    assert {change.original for change in changes} == {"е"}
    assert changes[-1].offset == len(unit) * 39_999 + 3


@given(st.text(alphabet=st.sampled_from("ab ০\u200b\u200cｅе𝐚"), max_size=40))
def test_windowed_searches_and_readings_match_whole_ones(text: str) -> None:
    whole = homoglyphs._reading(text), homoglyphs._holds(homoglyphs._letter_poser_pattern(), text)
    with patch.object(homoglyphs, "_WORD_WINDOW", 3):
        windowed = homoglyphs._reading(text), homoglyphs._holds(homoglyphs._letter_poser_pattern(), text)
    assert windowed == whole
    assert whole[1] == bool(homoglyphs._letter_poser_pattern().search(text))
