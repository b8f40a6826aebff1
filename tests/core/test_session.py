"""A document session without a window: one undo history, reinterpretation, the save rules."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from glyphwash.core.encoding import detection
from glyphwash.core.encoding.decoding import decode_bytes, read_file, same_codec
from glyphwash.core.encoding.disk import DiskState
from glyphwash.core.encoding.saving import SaveOptions, UnrepresentableError
from glyphwash.core.engine import EngineConfig
from glyphwash.core.session import (
    HISTORY_DOCUMENTS,
    OFFERED_IN_MENU,
    DocumentSession,
    StepKind,
    likelihood,
)
from glyphwash.core.view.document import ReviewDocument

TEXT = "Korеa and pay\u200bpal\n"
CONFIG = EngineConfig()


def open_session(path: Path, encoding: str | None = None) -> DocumentSession:
    """What the window's loading does, here and now."""
    data, stamp = read_file(path)
    decoded = decode_bytes(data, encoding=encoding, path=path, stamp=stamp)
    return DocumentSession(ReviewDocument(decoded, CONFIG), CONFIG)


def reinterpret(session: DocumentSession, encoding: str) -> None:
    decoded = session.decoded
    again = decode_bytes(decoded.raw, encoding=encoding, path=decoded.path, stamp=session.stamp)
    session.reinterpreted(ReviewDocument(again, session.config))


@pytest.fixture
def session(tmp_path: Path) -> DocumentSession:
    path = tmp_path / "h.txt"
    path.write_text(TEXT, encoding="utf-8")
    return open_session(path)


def test_one_history_holds_reviews_and_analyses_in_order(session: DocumentSession) -> None:
    first = session.document
    session.set_change(0, False)  # keep the Cyrillic е
    assert session.undo_text == "Revert Cyrillic е U+0435 → Latin e U+0065"
    session.analyze_now(CONFIG._replace(rules=CONFIG.rules - {"invisible"}))
    assert session.document is not first and session.document.state.count == 1
    assert session.document.state.reverted_count == 1  # the decision carried over
    assert session.undo_text == "Rules: -invisible"
    assert "invisible" not in session.config.rules

    shown = session.undo()
    assert shown is not None and shown.kind is StepKind.ANALYSIS and shown.action is None
    assert session.document is first and "invisible" in session.config.rules
    shown = session.undo()
    assert shown is not None and shown.kind is StepKind.REVIEW and shown.action is not None
    assert first.state.reverted_count == 0 and not session.can_undo

    assert session.redo() is not None and first.state.reverted_count == 1
    assert session.redo() is not None and session.document.state.count == 1
    assert "invisible" not in session.config.rules and not session.can_redo


def test_reviews_analyses_and_readings_interleaved_undo_and_redo_in_order(session: DocumentSession) -> None:
    """Every kind of step in one history: undone last first, redone first first, each on the
    analysis it was taken on."""
    first = session.document
    session.set_change(0, False)  # on the first analysis: keep the Cyrillic е
    session.analyze_now(CONFIG._replace(rules=CONFIG.rules - {"spaces"}))
    second = session.document
    session.set_change(1, False)  # on the second: keep the zero-width space
    reinterpret(session, "latin-1")
    third = session.document
    session.set_all(False)
    steps = ["Revert Cyrillic е U+0435 → Latin e U+0065", "Rules: -spaces", "Revert <ZWSP> U+200B → (removed)",
             "Reinterpret as iso8859-1", "Revert all changes"]
    all_kept = [1] * third.state.count
    shown_then = [(first, [1, 1]), (first, [0, 1]), (second, [0, 1]), (second, [0, 0]), (third, all_kept)]

    undone = []
    while session.can_undo:
        undone.append(session.undo_text)
        assert session.undo() is not None
        document, accepted = shown_then[len(steps) - len(undone)]
        assert session.document is document and list(document.state.accepted) == accepted
    assert undone == steps[::-1]
    assert list(first.state.accepted) == [1, 1] and session.undo() is None

    redone = []
    while session.can_redo:
        redone.append(session.redo_text)
        shown = session.redo()
        assert shown is not None and (shown.action is None) == (shown.kind is not StepKind.REVIEW)
    assert redone == steps
    assert session.document is third and third.state.accepted_count == 0
    assert list(first.state.accepted) == [0, 1] and list(second.state.accepted) == [0, 0]


def test_review_steps_live_in_the_sessions_history_only(session: DocumentSession) -> None:
    """The review state applies and unapplies a step; it keeps no undo stack of its own."""
    action = session.set_change(0, False)
    assert action is not None
    state = session.document.state
    assert not any(hasattr(state, name) for name in ("undo", "redo", "can_undo", "undo_text", "mark_saved"))
    shown = session.undo()
    assert shown is not None and shown.action is action and state.is_accepted(0)
    shown = session.redo()
    assert shown is not None and shown.action is action and not state.is_accepted(0)


def test_a_saved_review_is_unsaved_once_undone_and_saved_once_redone(session: DocumentSession) -> None:
    session.set_change(0, False)
    assert session.path is not None
    session.write(session.path, session.save_options)
    assert not session.has_unsaved_work
    session.undo()
    assert session.has_unsaved_work
    session.redo()
    assert not session.has_unsaved_work
    session.undo()
    session.set_change(1, False)  # the saved moment was undone and can no longer be redone
    session.undo()
    assert session.has_unsaved_work


def test_the_saved_moment_survives_the_history_letting_documents_go(session: DocumentSession) -> None:
    for number in range(HISTORY_DOCUMENTS):
        session.analyze_now(CONFIG._replace(rules=CONFIG.rules - {"spaces"} if number % 2 == 0 else CONFIG.rules))
    assert session.path is not None
    session.write(session.path, session.save_options)
    session.analyze_now(CONFIG._replace(rules=CONFIG.rules - {"nfc"}))  # the oldest document goes
    session.set_change(0, False)
    assert session.has_unsaved_work
    session.undo()
    session.undo()
    assert not session.has_unsaved_work  # back at the save, counted from the shorter history


def test_a_new_step_after_undo_drops_the_redo_of_an_analysis(session: DocumentSession) -> None:
    session.analyze_now(CONFIG._replace(rules=CONFIG.rules - {"invisible"}))
    session.undo()
    assert session.can_redo and session.redo_text == "Rules: -invisible"
    session.set_change(0, False)
    assert not session.can_redo


def test_an_unchanged_review_step_is_not_recorded(session: DocumentSession) -> None:
    assert session.set_all(True) is None  # everything is accepted already
    assert not session.can_undo


def test_decisions_taken_while_a_worker_analyses_are_carried_over(session: DocumentSession) -> None:
    request = session.request_analysis(CONFIG._replace(rules=CONFIG.rules - {"spaces"}))
    snapshot = bytes(session.document.state.accepted)
    built = ReviewDocument(session.decoded, request.config)
    built.state.carry_over(request.document.state, snapshot)
    session.set_change(0, False)  # while the "worker" ran
    assert session.analyzed(built, request, snapshot)
    assert session.document is built and not built.state.is_accepted(0)


def test_an_analysis_for_a_replaced_document_is_dropped(session: DocumentSession, tmp_path: Path) -> None:
    request = session.request_analysis(CONFIG._replace(rules=frozenset({"homoglyphs"})))
    reinterpret(session, "latin-1")
    late = ReviewDocument(request.document.decoded, request.config)
    assert not session.analyzed(late, request, bytes(request.document.state.accepted))
    assert session.undo_text == f"Reinterpret as {session.decoded.encoding}"


def test_reinterpreting_is_undoable_and_keeps_the_detected_candidates(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes("Привет, как дела? Это проверка кодировки текста.\n".encode("cp1251"))
    session = open_session(path)
    detected = session.document
    offered = [candidate.encoding for candidate in session.candidates]
    assert len(offered) > 1
    reinterpret(session, "koi8-r")
    assert session.decoded.encoding == "koi8-r" and session.undo_text == "Reinterpret as koi8-r"
    assert [candidate.encoding for candidate in session.candidates] == offered
    offer = session.reading_offer()
    assert offer is not None and detected.decoded.encoding in [encoding for encoding, _ in offer.encodings]
    assert "as you chose" in offer.message

    shown = session.undo()
    assert shown is not None and shown.kind is StepKind.READING and session.document is detected
    assert session.redo() is not None and session.decoded.encoding == "koi8-r"


def test_reading_the_detected_encoding_again_is_no_choice_of_ones_own(tmp_path: Path) -> None:
    # The banner's "windows-1251" reads through Python's cp1251: the same reading, not another one.
    path = tmp_path / "ru.txt"
    path.write_bytes("Привет, как дела? Это проверка кодировки текста.\n".encode("cp1251"))
    session = open_session(path)
    assert session.decoded.encoding == "windows-1251"
    reinterpret(session, "koi8-r")
    reinterpret(session, "windows-1251")
    assert session.decoded.encoding == "cp1251"  # Python's name for it
    offer = session.reading_offer()
    assert offer is None or ("as you chose" not in offer.message
                             and "windows-1251" not in [encoding for encoding, _ in offer.encodings])
    assert same_codec("windows-1251", "cp1251") and same_codec("KOI8-R", "koi8_r")
    assert not same_codec("koi8-r", "koi8-u") and same_codec("utf-8+cp1252", "utf-8+cp1252")


def test_the_candidates_offered_are_the_likeliest_and_never_say_0_percent(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes("Привет, как дела? Это проверка кодировки текста.\n".encode("cp1251"))
    session = open_session(path)
    assert len(session.detected.candidates) > OFFERED_IN_MENU == len(session.candidates)
    assert list(session.candidates) == list(session.detected.candidates[:OFFERED_IN_MENU])
    assert [likelihood(rate) for rate in (0.9778, 0.0092, 0.0051, 0.0049, 0.0)] == ["98%", "1%", "1%", "<1%", "<1%"]


def test_other_readings_are_offered_exactly_when_detection_is_not_sure(tmp_path: Path) -> None:
    # "Sure" (no banner) is tied to the calibrated confidence: every level measured below 95% gets
    # the banner with its percentage, every level at or above it none.
    path = tmp_path / "ru.txt"
    path.write_bytes("Привет, как дела? Это проверка кодировки текста.\n".encode("cp1251"))
    detected = open_session(path).decoded
    levels = [rate for _, rate in detection._LEVELS]
    assert any(rate < 0.95 for rate in levels) and any(rate >= 0.95 for rate in levels)
    for confidence in [*levels, 0.9499, 0.95]:
        decoded = dataclasses.replace(detected, confidence=confidence)
        offer = DocumentSession(ReviewDocument(decoded, CONFIG), CONFIG).reading_offer()
        assert (offer is None) == (confidence >= 0.95), confidence
        if offer is not None:
            assert f"{confidence:.0%} of the time" in offer.message and "sure" not in offer.message


def test_reinterpreting_resets_the_save_options_and_undo_brings_them_back(session: DocumentSession) -> None:
    session.save_options = SaveOptions(encoding="utf-16")
    reinterpret(session, "latin-1")
    assert session.save_options == SaveOptions()
    session.undo()
    assert session.save_options == SaveOptions(encoding="utf-16")


def test_history_keeps_a_bounded_number_of_documents(session: DocumentSession) -> None:
    first = session.document
    for number in range(HISTORY_DOCUMENTS + 2):
        rules = CONFIG.rules - {"spaces"} if number % 2 == 0 else CONFIG.rules
        session.analyze_now(CONFIG._replace(rules=rules))
    while session.undo() is not None:
        pass
    assert session.document is not first  # the oldest analyses were let go


def test_unsaved_work_follows_saves_and_undo(session: DocumentSession, tmp_path: Path) -> None:
    assert session.has_unsaved_work  # the cleaning itself
    target = tmp_path / "out.txt"
    saved = session.write(target, session.save_options)
    assert target.read_text(encoding="utf-8") == "Korea and paypal\n" and saved.path == target
    assert not session.has_unsaved_work
    session.analyze_now(CONFIG._replace(rules=CONFIG.rules - {"spaces"}))
    assert session.has_unsaved_work
    session.undo()
    assert not session.has_unsaved_work


def test_overwriting_the_original_is_asked_once_with_the_backup_named(session: DocumentSession) -> None:
    assert session.path is not None
    question = session.overwrite_question(session.path)
    assert question is not None and "h.txt.bak" in question
    session.confirmed_overwrite = True
    assert session.overwrite_question(session.path) is None
    saved = session.write(session.path, session.save_options)
    assert saved.backup is not None and session.backup == saved.backup
    assert "the original is kept as h.txt.bak" in session.saved_message(saved, session.save_options)
    session.confirmed_overwrite = False
    question = session.overwrite_question(session.path)
    assert question is not None and "stays in h.txt.bak" in question
    second = session.write(session.path, session.save_options)
    assert second.backup is None  # the first backup (the file as opened) is kept, not the first save


def test_another_target_is_never_asked_about(session: DocumentSession, tmp_path: Path) -> None:
    assert session.overwrite_question(tmp_path / "other.txt") is None
    assert session.disk_state(tmp_path / "other.txt") is DiskState.UNCHANGED


def test_a_file_changed_or_deleted_on_disk_is_noticed(session: DocumentSession) -> None:
    assert session.path is not None
    assert session.disk_state(session.path) is DiskState.UNCHANGED
    session.path.write_text("someone else's text\n", encoding="utf-8")
    assert session.disk_state(session.path) is DiskState.CHANGED
    session.path.unlink()
    assert session.disk_state(session.path) is DiskState.MISSING


def test_an_encoding_that_cannot_hold_the_text_falls_back_to_utf8(tmp_path: Path) -> None:
    path = tmp_path / "euro.txt"
    path.write_text("Price: 5 € — “quoted”\n", encoding="utf-8")
    session = open_session(path)
    target = tmp_path / "latin.txt"
    with pytest.raises(UnrepresentableError):
        session.write(target, SaveOptions(encoding="latin-1"))
    assert not target.exists()
    options = session.in_utf8(SaveOptions(encoding="latin-1"))
    session.write(target, options)
    assert "€" in target.read_text(encoding="utf-8")
    assert session.save_options.encoding == "utf-8" and session.status_encoding().startswith("utf-8 · LF")


def test_save_as_moves_the_target_and_suggests_a_clean_name(session: DocumentSession, tmp_path: Path) -> None:
    assert session.save_as_suggestion() == str(tmp_path / "h-clean.txt")
    session.saved_as(tmp_path / "elsewhere.txt")
    assert session.path == tmp_path / "elsewhere.txt" and session.title == "elsewhere.txt"
    assert session.overwrite_question(session.path) is None


def test_reload_keeps_only_the_users_encoding(session: DocumentSession) -> None:
    assert session.reload_encoding() is None
    reinterpret(session, "latin-1")
    assert session.reload_encoding() == session.decoded.encoding == "iso8859-1"


def test_status_texts(session: DocumentSession) -> None:
    assert session.counts_text() == "2 changes · 2 accepted · 0 reverted"
    assert session.cleaned_caption().startswith("Cleaned — 2 of 2 changes applied")
    assert session.original_caption().startswith("Original — utf-8 ·")
    assert session.change_summary(0) == "Change 1 of 2 at 1:4: Cyrillic е U+0435 → Latin e U+0065 · homoglyphs"
    session.save_options = SaveOptions(encoding="utf-16", bom=True, newline="crlf")
    assert session.status_encoding() == "utf-8 → utf-16 BOM · CRLF"


def test_the_cleaned_caption_says_saved_until_the_next_step(session: DocumentSession) -> None:
    assert "saved" not in session.cleaned_caption()
    assert session.path is not None
    session.write(session.path, session.save_options)
    assert session.cleaned_caption().startswith("Cleaned — saved to h.txt · ")
    session.set_change(0, False)
    assert "saved" not in session.cleaned_caption()
