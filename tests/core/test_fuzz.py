"""Properties of the whole pipeline under fuzzing: bytes → decode → normalize → review → encode.

Every property runs twice: ``test_x`` with the short ``fuzz`` profile (the default run and CI),
and ``test_x_slow`` marked ``slow`` with the ``slow`` profile (10,000 examples each), run by
``pytest -m slow`` or ``make test-slow``. ``GLYPHWASH_FUZZ_PROFILE=slow`` gives the default-run
variants the long profile too. ``--hypothesis-show-statistics`` prints the example counts.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from glyphwash.core.changes import Change, apply_changes, check_changes
from glyphwash.core.encoding.decoding import BinaryFileError, EmptyFileError, UnsupportedEncodingError, decode_bytes
from glyphwash.core.encoding.rawbytes import is_raw_byte
from glyphwash.core.encoding.saving import SaveOptions, UnrepresentableError, encode_document
from glyphwash.core.engine import EngineConfig, analyze
from glyphwash.core.review import ReviewState
from glyphwash.core.rules import ALL_RULES, DEFAULT_RULES
from glyphwash.core.unicode.graphemes import is_boundary

_COMMON = {"deadline": None, "derandomize": False, "print_blob": True,
           "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
settings.register_profile("fuzz", max_examples=150, **_COMMON)
settings.register_profile("slow", max_examples=10_000, **_COMMON)
DEFAULT_PROFILE = os.environ.get("GLYPHWASH_FUZZ_PROFILE", "fuzz")

EVERY_RULE = frozenset(ALL_RULES)
NO_RULES: frozenset[str] = frozenset()

# Pieces attackers and genuine texts use, glued between arbitrary characters.
PIECES = [
    "\U0001F468\u200d\U0001F469\u200d\U0001F467",  # family: emoji ZWJ sequence
    "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F",  # flag of Scotland (tags)
    "\U0001F1FA\U0001F1F8", "\u2764\ufe0f", "\U0001F44D\U0001F3FD",  # flag, VS16, skin tone
    "e\u0301", "a\u0308\u0323", "\u0915\u094d\u0937", "\u1100\u1161\u11a8",  # combining, conjunct, jamo
    "\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u202c", "\u200e", "\u200f", "\u061c",  # bidi
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u3164", "\u034f",  # invisible
    "\U000E0069\U000E0067\U000E006E", "\U000E0001",  # tag payload, language tag
    "Kor\u0435a", "\u0440\u0430y\u0440\u0430l", "\u0399nfo", "\U0001D41B\U0001D428\U0001D425\U0001D41D", "\uff21",
    "\u00a0", "\u202f", "\u3000", "\u2028", "\u2029", "\r\n", "\r", "\n", "\t", " ",
    "\udc80", "\udcff", "\ud800", "\udfff",  # raw-byte stand-ins and other lone surrogates
    "\x00", "\x1b", "\x85", "\U0010FFFF", "\U000F0000", "\ufffd",
    "\u201cquoted\u201d", "\u2014", "\u2026", "\ufb01", "na\u00efve", "\u041f\u0440\u0438\u0432\u0435\u0442",
]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES),
                          st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=8)),
                max_size=24).map("".join)
BYTES = st.one_of(st.binary(min_size=1, max_size=400),
                  TEXT.map(lambda text: text.encode("utf-8", "surrogatepass")),
                  st.tuples(TEXT, st.sampled_from(["utf-16-le", "utf-16-be", "utf-32-le", "cp1252", "cp1251",
                                                   "koi8-r", "shift_jis", "gb18030"]))
                  .map(lambda pair: pair[0].encode(pair[1], "replace").replace(b"\x00", b"")))
ENCODINGS = [None, "utf-8", "cp1252", "cp1251", "koi8-r", "shift_jis", "gb18030", "big5", "utf-16-le", "utf-32-be",
             "iso-2022-jp", "cp932", "latin-1"]


def properties(*strategies: Any) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Define ``test_x`` (default profile) and ``test_x_slow`` (``slow`` marker and profile) from one body."""
    def register(body: Callable[..., None]) -> Callable[..., None]:
        namespace = globals()
        fast = settings(settings.get_profile(DEFAULT_PROFILE))(given(*strategies)(body))
        slow = pytest.mark.slow(settings(settings.get_profile("slow"))(given(*strategies)(body)))
        slow.__name__ = slow.__qualname__ = f"{body.__name__}_slow"
        namespace[f"{body.__name__}_slow"] = slow
        return fast
    return register


def reference_apply(text: str, changes: list[Change]) -> str:
    """Apply changes the obvious way (no templates, no columns)."""
    parts, position = [], 0
    for change in changes:
        parts += [text[position:change.offset], change.replacement]
        position = change.offset + change.length
    return "".join([*parts, text[position:]])


@properties(BYTES)
@example(b"\xed\xa0\xbd\xed\xb8\x80 wtf-8\n")
@example(b"\xff\xfeh\x00i\x00A")
@example(b"name\x00value\x00\n")
def test_decode_normalize_encode_never_raises(data: bytes) -> None:
    try:
        document = decode_bytes(data)
    except (BinaryFileError, EmptyFileError, UnsupportedEncodingError):  # the documented refusals
        return
    analysis = analyze(document.text, EngineConfig(), newline=document.newline_sequence)
    normalized = apply_changes(document.text, analysis.changes)
    # Saving never fails but for the documented, explained refusal (the window then offers UTF-8):
    # in the file's own encoding only for a character a rule brought in (a homoglyph's twin may be
    # missing from a legacy code page); in UTF-8 only for undecodable bytes, which have no UTF-8.
    try:
        encoded = encode_document(document, normalized)
    except UnrepresentableError as error:
        brought_in = set("".join(change.replacement for change in analysis.changes)) - set(document.text)
        assert error.characters and {item.char for item in error.characters} <= brought_in
    else:
        if encoded:
            assert decode_bytes(encoded, encoding=document.encoding).text == normalized
    try:
        encode_document(document, normalized, SaveOptions(encoding="utf-8", newline="lf"))
    except UnrepresentableError as error:
        assert document.decode_errors and all(is_raw_byte(item.char) for item in error.characters)


@properties(TEXT, st.data())
@example("aa\u200b\u0435", None)
@example("\U0001F468\u200d\u202e\U0001F469", None)
@example("\u17b4\u17b4", None)  # a Khmer inherent vowel after another at the start
@example("\ufb01\u0433", None)  # ﬁг: the lexicon reads the ligature as compat leaves it (fir)
def test_normalized_text_properties(text: str, data: st.DataObject | None) -> None:
    for rules in (DEFAULT_RULES, EVERY_RULE):
        changes = analyze(text, EngineConfig(rules=rules)).changes
        check_changes(text, changes)  # sorted, disjoint, each matches the text
        for change in changes:
            assert 0 <= change.offset < change.end <= len(text)
            assert is_boundary(text, change.offset) and is_boundary(text, change.end)
            assert change.severity.label in ("info", "warning", "error")
        normalized = apply_changes(text, changes)
        assert normalized == reference_apply(text, list(changes))
        state = ReviewState(text, changes)
        assert state.normalized_text() == normalized  # all accepted: the changes give the normalized text
        if changes:
            state.set_accepted(range(len(changes)), False, "revert all")
        assert state.normalized_text() == text  # reverting all gives the original
        if data is not None and changes:
            subset = [index for index in range(len(changes)) if data.draw(st.booleans())]
            state.set_accepted(subset, True, "some")
            assert state.normalized_text() == reference_apply(text, [changes[index] for index in subset])
    # idempotent: cleaning the cleaned text finds nothing (default rules: the ones a user runs).
    once = apply_changes(text, analyze(text, EngineConfig(rules=DEFAULT_RULES)).changes)
    assert list(analyze(once, EngineConfig(rules=DEFAULT_RULES)).changes) == []


def test_plain_twin_next_to_a_compat_letter_is_idempotent() -> None:
    text = "\uff21\ufb6e"
    once = apply_changes(text, analyze(text, EngineConfig()).changes)
    assert list(analyze(once, EngineConfig()).changes) == []


def test_hangul_filler_does_not_shield_a_homoglyph_word() -> None:
    text = "\u3164Kor\u0435a"
    once = apply_changes(text, analyze(text, EngineConfig()).changes)
    assert once == "Korea"
    assert list(analyze(once, EngineConfig()).changes) == []


@properties(BYTES, st.sampled_from(ENCODINGS))
def test_all_rules_off_saves_byte_identical(data: bytes, encoding: str | None) -> None:
    try:
        document = decode_bytes(data, encoding=encoding)
    except (BinaryFileError, EmptyFileError, UnsupportedEncodingError):  # the documented refusals
        return
    changes = analyze(document.text, EngineConfig(rules=NO_RULES)).changes
    assert list(changes) == []
    assert encode_document(document, apply_changes(document.text, changes)) == data
