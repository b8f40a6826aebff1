"""Saving from the window, reinterpreting, unsaved-work prompts and persisted settings."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.core.encoding.detection import is_sure
from glyphwash.core.encoding.saving import SaveOptions, UnrepresentableError
from glyphwash.ui.mainwindow import MainWindow
from glyphwash.ui.settings import Settings


def test_save_over_original_asks_once_and_keeps_a_backup(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "news.txt", "Korеa\r\npay\u200bpal\r\n")
    tab = open_and_wait(qtbot, window, path)
    questions: list[str] = []
    texts: list[str] = []
    monkeypatch.setattr(window.prompts, "ask_yes_no",
                        lambda title, text: questions.append(title) or texts.append(text) or True)
    window.actions["save"].trigger()
    assert questions == ["Overwrite the original?"]
    assert texts == ["Replace news.txt with the cleaned text? The file as it is now is kept as a backup "
                     "(news.txt.bak, or the next free news.txt.bak.N)."]
    assert path.read_bytes() == b"Korea\r\npaypal\r\n"
    assert (tmp_path / "news.txt.bak").read_bytes() == "Korеa\r\npay\u200bpal\r\n".encode()
    tab.toggle_change(0, False)
    assert window.windowTitle().startswith("news.txt*")
    window.actions["save"].trigger()
    assert questions == ["Overwrite the original?"]  # asked only the first time
    assert path.read_bytes() == "Korеa\r\npaypal\r\n".encode()
    assert not window.windowTitle().startswith("news.txt*")
    # the backup still holds the file as it was opened, not the first save
    assert (tmp_path / "news.txt.bak").read_bytes() == "Korеa\r\npay\u200bpal\r\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.txt", "news.txt.bak", "settings.ini"]
    assert window.last_message == f"Saved {path.resolve()} (utf-8); the original is kept as news.txt.bak"


def test_reopening_the_saved_file_backs_it_up_again(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "twice.txt", "Korеa\n")
    monkeypatch.setattr(window.prompts, "ask_yes_no", lambda title, text: True)
    assert open_and_wait(qtbot, window, path).save()
    assert window.close_tab(0)
    write(tmp_path, "twice.txt", "Korеa again\n")
    assert open_and_wait(qtbot, window, path).save()
    assert (tmp_path / "twice.txt.bak").read_bytes() == "Korеa\n".encode()  # never overwritten
    assert (tmp_path / "twice.txt.bak.2").read_bytes() == "Korеa again\n".encode()


def test_closing_an_unsaved_cleaning_asks(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    text = "".join(f"word{number}\u200b\n" for number in range(10))
    tab = open_and_wait(qtbot, window, write(tmp_path, "pending.txt", text))
    assert tab.document is not None and tab.document.state.accepted_count == 10  # no review step taken
    asked: list[str] = []
    monkeypatch.setattr(window.prompts, "ask_unsaved", lambda name: asked.append(name) or "cancel")
    assert window.tabs.tabText(0) == "pending.txt*"
    assert not window.close_tab(0) and asked == ["pending.txt"]
    assert not window.close() and asked == ["pending.txt"] * 2
    tab.toggle_all(False)  # every change reverted: the cleaned text is the file
    assert window.tabs.tabText(0) == "pending.txt"
    assert window.close_tab(0) and asked == ["pending.txt"] * 2


def test_save_as_round_trip_with_options(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "in.txt", "Korеa\u00a0x\n")
    tab = open_and_wait(qtbot, window, path)
    target = tmp_path / "out.txt"
    monkeypatch.setattr(window.prompts, "ask_save_path", lambda suggestion: str(target))
    monkeypatch.setattr(window.prompts, "ask_save_options",
                        lambda document, options: SaveOptions(encoding="utf-16-le", bom=True, newline="crlf"))
    window.actions["save_as"].trigger()
    assert target.read_bytes() == b"\xff\xfe" + "Korea x\r\n".encode("utf-16-le")
    assert path.read_bytes() == "Korеa\u00a0x\n".encode()  # the original is untouched
    assert tab.path == target
    assert "utf-16-le" in window.encoding_button.text()
    # and the saved file opens again cleanly
    again = open_and_wait(qtbot, window, target)
    assert again.document is not None and again.document.state.count == 0


def test_unrepresentable_characters_refuse_or_redirect_to_utf8(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "latin.txt", "café Korеa 😀\n")
    tab = open_and_wait(qtbot, window, path)
    target = tmp_path / "out.txt"
    tab.save_options = SaveOptions(encoding="latin-1")
    seen: list[UnrepresentableError] = []
    monkeypatch.setattr(window.prompts, "ask_save_path", lambda suggestion: str(target))
    monkeypatch.setattr(window.prompts, "ask_save_options", lambda document, options: options)
    monkeypatch.setattr(window.prompts, "ask_unrepresentable", lambda error: seen.append(error) or False)
    assert not tab.save_as()
    assert not target.exists()
    assert seen[0].characters[0].char == "😀" and (seen[0].characters[0].line, seen[0].characters[0].column) == (1, 12)
    monkeypatch.setattr(window.prompts, "ask_unrepresentable", lambda error: True)
    assert tab.save_as()
    assert target.read_bytes() == "café Korea 😀\n".encode()
    assert tab.save_options.encoding == "utf-8"


def changed_elsewhere(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` as another program would, with a later modification time."""
    path.write_bytes(data)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def test_changed_on_disk_cancel_writes_nothing(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "d.txt", "Korеa\n")
    tab = open_and_wait(qtbot, window, path)
    document = tab.document
    changed_elsewhere(path, b"someone else wrote this, longer\n")
    asked: list[str] = []
    monkeypatch.setattr(window.prompts, "ask_changed_on_disk", lambda name: asked.append(name) or "cancel")
    assert not tab.save()  # asked first: no "Overwrite the original?" before it (ask_yes_no fails the test)
    assert asked == ["d.txt"]
    assert path.read_bytes() == b"someone else wrote this, longer\n"
    assert tab.document is document and tab.worker is not None and not tab.worker.isRunning()  # no reload


def test_changed_on_disk_overwrite_saves_without_a_second_question(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "d.txt", "Korеa\n")
    tab = open_and_wait(qtbot, window, path)
    changed_elsewhere(path, b"someone else wrote this, longer\n")
    asked: list[str] = []
    monkeypatch.setattr(window.prompts, "ask_changed_on_disk", lambda name: asked.append(name) or "overwrite")
    assert tab.save()
    assert asked == ["d.txt"]
    assert path.read_bytes() == b"Korea\n"
    assert (tmp_path / "d.txt.bak").read_bytes() == b"someone else wrote this, longer\n"
    tab.toggle_change(0, False)
    assert tab.save()  # unchanged on disk since our save: no question at all
    assert asked == ["d.txt"] and path.read_bytes() == "Korеa\n".encode()


def test_changed_on_disk_reload_keeps_the_tab_and_the_chosen_encoding(qtbot: QtBot, window: MainWindow,
                                                                      tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cyr.txt"
    path.write_bytes("Привет, мир\n".encode("cp1251"))
    tab = open_and_wait(qtbot, window, path)
    with qtbot.waitSignal(tab.document_loaded, timeout=10000):
        tab.reinterpret("koi8-r")
    changed_elsewhere(path, "Пока, мир\n".encode("cp1251"))
    monkeypatch.setattr(window.prompts, "ask_changed_on_disk", lambda name: "reload")
    with qtbot.waitSignal(tab.document_loaded, timeout=10000):
        assert not tab.save()
    assert window.documents() == [tab] and tab.path == path.resolve()
    assert tab.document is not None and tab.document.decoded.encoding == "koi8-r"
    assert tab.document.decoded.text == "Пока, мир\n".encode("cp1251").decode("koi8-r")
    assert path.read_bytes() == "Пока, мир\n".encode("cp1251")
    assert not tab.has_unsaved_work


def test_save_as_onto_the_file_changed_on_disk_asks(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "d.txt", "Korеa\n")
    tab = open_and_wait(qtbot, window, path)
    changed_elsewhere(path, b"other\n")
    asked: list[str] = []
    monkeypatch.setattr(window.prompts, "ask_save_path", lambda suggestion: str(path.resolve()))
    monkeypatch.setattr(window.prompts, "ask_save_options", lambda document, options: options)
    monkeypatch.setattr(window.prompts, "ask_changed_on_disk", lambda name: asked.append(name) or "cancel")
    assert not tab.save_as()
    assert asked == ["d.txt"] and path.read_bytes() == b"other\n"


def test_unsaved_work_prompts_on_close(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "u.txt", "Korеa Korеa\n"))
    tab.toggle_change(0, False)
    asked: list[str] = []
    monkeypatch.setattr(window.prompts, "ask_unsaved", lambda name: asked.append(name) or "cancel")
    assert not window.close_tab(0)
    assert window.tabs.count() == 1 and asked == ["u.txt"]
    assert not window.close()
    monkeypatch.setattr(window.prompts, "ask_unsaved", lambda name: "discard")
    assert window.close_tab(0)
    assert window.tabs.count() == 0


def test_reopening_a_file_with_unsaved_work_asks(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "re.txt", "Korеa Korеa\n")
    tab = open_and_wait(qtbot, window, path)
    tab.toggle_change(0, False)
    asked: list[str] = []
    monkeypatch.setattr(window.prompts, "ask_unsaved", lambda name: asked.append(name) or "cancel")
    window.open_paths([str(path)])
    assert asked == ["re.txt"]
    assert tab.document is not None and tab.document.state.reverted_count == 1


def test_reinterpret_decodes_the_bytes_again(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "cyr.txt"
    path.write_bytes("Привет, мир! Это проверка кодировки текста.\n".encode("cp1251"))
    tab = open_and_wait(qtbot, window, path)
    tab.reinterpret("koi8-r")
    qtbot.waitUntil(lambda: tab.document is not None and codecs.lookup(tab.document.decoded.encoding).name == "koi8-r"
                    and not tab.progress_row.isVisible())
    tab.reinterpret("windows-1251")
    qtbot.waitUntil(lambda: tab.document is not None and codecs.lookup(tab.document.decoded.encoding).name == "cp1251"
                    and not tab.progress_row.isVisible())
    assert tab.left.document().toPlainText().startswith("Привет, мир!")
    assert "1251" in window.encoding_button.text()


def test_low_confidence_banner_offers_candidates(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes("Café crème à la française.\n".encode("cp1252"))
    tab = open_and_wait(qtbot, window, path)
    assert tab.document is not None
    banners = [banner for banner in tab.banners() if banner.kind == "encoding"]
    if is_sure(tab.document.decoded.confidence) or len(tab.document.decoded.candidates) < 2:
        pytest.skip("detection is sure of this sample")
    assert banners and banners[0].buttons
    banners[0].buttons[0].click()
    qtbot.waitUntil(lambda: not tab.progress_row.isVisible() and tab.document is not None
                    and tab.document.decoded.detected_by == "user")


def test_decode_errors_get_a_banner_and_stand_ins(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\xef\xbb\xbfcaf\xc3\xa9 bad \xff byte\n")  # a UTF-8 BOM, then an invalid byte
    tab = open_and_wait(qtbot, window, path)
    assert tab.document is not None and tab.document.decoded.decode_errors
    assert any(banner.kind == "decode-errors" for banner in tab.banners())
    assert "xFF" in tab.left.document().toPlainText()


def test_settings_persist_through_an_injected_qsettings(qtbot: QtBot, tmp_path: Path) -> None:
    ini = str(tmp_path / "persist.ini")
    first = MainWindow(Settings(QSettings(ini, QSettings.Format.IniFormat)))
    qtbot.addWidget(first)
    first.set_wrap(False)
    first.zoom(2)
    first.set_config(first.config._replace(rules=frozenset({"homoglyphs", "quotes"}), allow_chars=frozenset("é")))
    first.settings.add_recent_file("/tmp/a.txt")
    first.close()
    second = MainWindow(Settings(QSettings(ini, QSettings.Format.IniFormat)))
    qtbot.addWidget(second)
    assert second.wrap is False and not second.actions["wrap"].isChecked()
    assert second.pane_font.pointSizeF() == first.pane_font.pointSizeF()
    assert second.config.rules == frozenset({"homoglyphs", "quotes"})
    assert second.config.allow_chars == frozenset("é")
    assert second.settings.recent_files == ["/tmp/a.txt"]
    assert second.settings.geometry() is not None


def test_a_half_utf8_half_cp1252_file_offers_the_line_by_line_reading_first(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    utf8 = "Résumé of the meeting — “naïve” café owners; déjà vu.\nÜber die Straße: schön, grün.\n" * 3
    legacy = "Notes añadidas: señor Muñoz pagó 30 € por el café.\nEl niño comió piña.\n" * 3
    path.write_bytes(utf8.encode("utf-8") + legacy.encode("cp1252"))
    tab = open_and_wait(qtbot, window, path)
    banners = [banner for banner in tab.banners() if banner.kind == "encoding"]
    assert banners and "Most lines are UTF-8" in banners[0].message.text()
    first = banners[0].buttons[0]
    assert first.text().startswith("Read as UTF-8 with windows-1252 lines")
    preview = first.parentWidget().findChildren(QLabel)  # the detail beside the button
    assert any("Muñoz" in label.text() for label in preview)
    first.click()
    qtbot.waitUntil(lambda: not tab.progress_row.isVisible() and tab.document is not None
                    and tab.document.decoded.encoding == "utf-8+windows-1252")
    assert tab.left.document().toPlainText() == utf8 + legacy
    assert not tab.document.decoded.decode_errors


def test_the_encoding_banner_never_calls_a_guess_sure_below_95_percent(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes("Café crème à la française.\n".encode("cp1252"))
    tab = open_and_wait(qtbot, window, path)
    assert tab.document is not None
    confidence = tab.document.decoded.confidence
    banners = [banner for banner in tab.banners() if banner.kind == "encoding"]
    assert bool(banners) == (not is_sure(confidence))
    for banner in banners:
        assert "sure" not in banner.message.text()
