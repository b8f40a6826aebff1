"""Issue 6, window half: bad inputs, faults and hostile text in the window.

Each bad input gives a message that names the file and the problem, no crash and no stray tab;
nothing is written or lost; hostile names and text cannot reorder what the window shows (see
docs/robustness.md).
"""

from __future__ import annotations

import errno
import os
import random
import socket
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QThread, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.core.encoding import disk, loading, saving
from glyphwash.core.encoding.disk import FileStamp
from glyphwash.core.encoding.saving import SaveOptions
from glyphwash.ui import worker
from glyphwash.ui.document_tab import DocumentTab
from glyphwash.ui.mainwindow import MainWindow

RUNNING_AS_ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else True
UTF8_TEXT = ("Grüße aus Köln, “quoted” text — and a few more words. Ещё немного текста.\n" * 20).encode()
BIDI_AND_INVISIBLE = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
                      "\u200b", "\u200e", "\u200f", "\u061c", "\u3164"}


def drop_mime(window: MainWindow, mime: QMimeData) -> bool:
    """Send drag-enter then drop; return whether the enter was accepted."""
    point = QPoint(20, 20)
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(window, QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                              Qt.KeyboardModifier.NoModifier))
    return True


def drop_urls(window: MainWindow, urls: list[QUrl]) -> bool:
    mime = QMimeData()
    mime.setUrls(urls)
    return drop_mime(window, mime)


@pytest.fixture
def messages(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every message the window shows (the status bar keeps only the last)."""
    shown: list[str] = []
    real = window.show_message

    def record(text: str) -> None:
        shown.append(text)
        real(text)

    monkeypatch.setattr(window, "show_message", record)
    return shown


def open_and_fail(qtbot: QtBot, window: MainWindow, path: Path) -> str:
    """Open ``path``, wait until its tab is gone again, return the message shown."""
    window.open_paths([str(path)])
    qtbot.waitUntil(lambda: window.tabs.count() == 0 and not any(tab.worker and tab.worker.isRunning()
                                                                 for tab in window.documents()), timeout=10000)
    qtbot.waitUntil(lambda: window.last_message.startswith("Could not open") or "does not exist" in
                    window.last_message or "folder" in window.last_message, timeout=10000)
    return window.last_message


def no_reordering(text: str) -> bool:
    return not BIDI_AND_INVISIBLE & set(text)


# --- bad inputs ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.txt", b"", "the file is empty"),
    ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "this is a PNG image, not a text file"),
    ("archive.zip", b"PK\x03\x04\x14\x00\x00\x00" + bytes(40), "this is a ZIP archive"),
    ("program", b"\x7fELF\x02\x01\x01\x00" + bytes(60), "this is an ELF executable"),
])
def test_refused_files_name_the_file_and_leave_no_tab(qtbot: QtBot, window: MainWindow, tmp_path: Path, name: str,
                                                      data: bytes, message: str) -> None:
    # The PNG case alone is test_open.py::test_binary_file_gives_a_message_and_no_tab.
    path = write(tmp_path, name, "")
    path.write_bytes(data)
    shown = open_and_fail(qtbot, window, path)
    assert shown == f"Could not open: {path}: {message}" or (message in shown and name in shown)
    assert window.stack.currentWidget() is window.drop_target
    assert message in window.drop_target.message.text()
    assert path.read_bytes() == data


def test_one_byte_file_opens(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_bytes(b"\xe9")
    tab = open_and_wait(qtbot, window, path)
    assert tab.document is not None and tab.document.decoded.text == "é"


def test_nul_bytes_load_with_a_warning_banner_and_stand_ins(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(b"name\x00value\n")
    tab = open_and_wait(qtbot, window, path)
    warning = [banner for banner in tab.banners() if banner.kind == "warning"]
    assert warning and "NUL character" in warning[0].message.text()
    assert tab.left.document().toPlainText().startswith("name\u2400value")
    assert tab.document is not None and tab.document.normalized_text() == "namevalue\n"


@pytest.mark.parametrize(("data", "encoding"), [
    (UTF8_TEXT[:700] + b"\xff" + UTF8_TEXT[700:], "utf-8"),  # invalid UTF-8 in the middle
    (UTF8_TEXT + b"\xed\xa0\xbd\xed\xb8\x80\n", "utf-8"),  # WTF-8 / CESU-8 surrogates
    (UTF8_TEXT.decode().encode("utf-16-le") + b"A", "utf-16-le"),  # truncated UTF-16 without BOM
])
def test_undecodable_bytes_get_a_banner_and_are_kept(qtbot: QtBot, window: MainWindow, tmp_path: Path, data: bytes,
                                                     encoding: str) -> None:
    # With a BOM and an explicit encoding: test_save_window.py::test_decode_errors_get_a_banner_and_stand_ins
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    tab = open_and_wait(qtbot, window, path)
    assert tab.document is not None and tab.document.decoded.encoding == encoding
    assert "Grüße aus Köln" in tab.left.document().toPlainText()
    assert "decode-errors" in {banner.kind for banner in tab.banners()}
    assert window.encoding_button.text().startswith(encoding)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_32_without_bom_opens(qtbot: QtBot, window: MainWindow, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Korеa — Grüße\n".encode(encoding) * 5)
    tab = open_and_wait(qtbot, window, path)
    assert tab.document is not None and tab.document.decoded.encoding == encoding
    assert tab.right.document().toPlainText().startswith("Korea — Grüße")


@pytest.mark.parametrize("data", [b"Kor\xd0\xb5a\rsecond\rthird", b"Kor\xd0\xb5a\r\nb\nc\rd\r\n"])
def test_cr_only_and_mixed_newlines_show_as_lines_and_save_as_they_were(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    path = tmp_path / "lines.txt"
    path.write_bytes(data)
    tab = open_and_wait(qtbot, window, path)
    assert tab.left.document().blockCount() == data.count(b"\n") + data.replace(b"\r\n", b"").count(b"\r") + 1
    target = tmp_path / "out.txt"
    monkeypatch.setattr(window.prompts, "ask_save_path", lambda suggestion: str(target))
    monkeypatch.setattr(window.prompts, "ask_save_options", lambda document, options: options)
    assert tab.save_as()
    assert target.read_bytes() == data.replace(b"\xd0\xb5", b"e")


def test_ten_million_character_line_opens(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    chunk = ("lorem ipsum dolor sit amet " * 3704)[:99_990] + " Korеa \u200b "
    text = (chunk * 100)[:10_000_000]
    path = tmp_path / "long.txt"
    path.write_bytes(text.encode())
    tabs = window.open_paths([str(path)])
    tab = tabs[0]
    qtbot.waitUntil(lambda: tab.document is not None and not tab.progress_row.isVisible(), timeout=120_000)
    assert tab.document is not None and tab.document.state.count == 200
    assert tab.document.normalized_text() == text.replace("Korеa", "Korea").replace("\u200b", "")


def test_several_files_dropped_at_once_each_failure_is_named(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                             messages: list[str]) -> None:
    # Only good files: test_open.py::test_drop_several_files_opens_tabs
    good = write(tmp_path, "good.txt", "Korеa\n")
    empty = write(tmp_path, "empty.txt", "")
    binary = tmp_path / "tool"
    binary.write_bytes(b"\x7fELF" + bytes(60))
    missing = tmp_path / "missing.txt"
    # (a folder among them opens the batch view: test_batch_view.py)
    assert drop_urls(window, [QUrl.fromLocalFile(str(path)) for path in (empty, good, binary, missing)])
    qtbot.waitUntil(lambda: len(window.documents()) == 1 and window.documents()[0].document is not None
                    and len(messages) == 3, timeout=10000)
    assert window.documents()[0].path == good.resolve()
    for name in ("empty.txt", "tool", "missing.txt"):
        assert any(name in message for message in messages), (name, messages)


def test_dropped_web_address_among_files(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                         messages: list[str]) -> None:
    # A web address alone: test_open.py::test_drop_a_web_address_says_so
    good = write(tmp_path, "good.txt", "x\n")
    assert drop_urls(window, [QUrl("http://example.com/a.txt")])
    assert "http://example.com/a.txt is a web address" in window.last_message
    assert drop_urls(window, [QUrl("http://example.com/a.txt"), QUrl.fromLocalFile(str(good))])
    qtbot.waitUntil(lambda: len(window.documents()) == 1 and window.documents()[0].document is not None)


def test_dropped_text_snippet_opens_or_is_explained(qtbot: QtBot, window: MainWindow) -> None:
    mime = QMimeData()
    mime.setText("pay\u200bpal")
    accepted = drop_mime(window, mime)
    if accepted and window.documents():
        tab = window.documents()[0]
        qtbot.waitUntil(lambda: tab.document is not None)
        assert tab.document is not None and tab.document.decoded.text == "pay\u200bpal"
    else:
        assert "Paste" in window.last_message


def test_symlink_loop_is_named_as_such(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)
    window.open_paths([str(loop)])
    qtbot.waitUntil(lambda: window.tabs.count() == 0)
    assert "symbolic link loop" in window.last_message


def test_dropped_empty_text_says_so(window: MainWindow) -> None:
    mime = QMimeData()
    mime.setText("")
    mime.setData("text/plain", b"")
    if drop_mime(window, mime):
        assert "empty" in window.last_message
    assert window.documents() == []


def test_dropped_snippets_are_numbered_and_urls_win_over_text(qtbot: QtBot, window: MainWindow,
                                                              tmp_path: Path) -> None:
    for text in ("Korеa", "pay\u200bpal"):
        mime = QMimeData()
        mime.setText(text)
        assert drop_mime(window, mime)
    assert [tab.title for tab in window.documents()] == ["Dropped text 1", "Dropped text 2"]
    good = write(tmp_path, "good.txt", "x\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(good))])
    mime.setText(str(good))  # file managers put the path in text/plain too
    assert drop_mime(window, mime)
    assert [tab.title for tab in window.documents()][-1] == "good.txt" and len(window.documents()) == 3
    for tab in window.documents():
        qtbot.waitUntil(lambda tab=tab: tab.document is not None, timeout=10000)


def test_dangling_link_is_named_as_such(window: MainWindow, tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    os.symlink(tmp_path / "gone.txt", link)
    assert window.open_paths([str(link)]) == []
    assert window.last_message == f"Could not open: {link} is a link to a file that does not exist"


def test_symlink_loop_gives_a_message_and_no_tab(window: MainWindow, tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)
    assert window.open_paths([str(loop)]) == []
    assert "loop.txt" in window.last_message and window.tabs.count() == 0


def test_unreadable_file_simulated(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "secret.txt", "x\n")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(disk, "open", denied, raising=False)
    assert open_and_fail(qtbot, window, path) == f"Could not open: {path} cannot be read: permission denied"


@pytest.mark.skipif(RUNNING_AS_ROOT, reason="root reads files whatever their mode")
def test_unreadable_file_chmod_000(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", "x\n")
    path.chmod(0)
    try:
        assert "permission denied" in open_and_fail(qtbot, window, path)
    finally:
        path.chmod(0o600)


def test_file_deleted_between_drop_and_load(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "gone.txt", "Korеa\n")
    real_read = loading.read_file

    def deleted_first(target: Path, **kwargs: Any) -> tuple[bytes, FileStamp]:
        target.unlink()
        return real_read(target, **kwargs)

    monkeypatch.setattr(loading, "read_file", deleted_first)
    assert drop_urls(window, [QUrl.fromLocalFile(str(path))])
    qtbot.waitUntil(lambda: window.tabs.count() == 0, timeout=10000)
    assert f"{path.resolve()} does not exist (was it moved or deleted?)" in window.last_message


def test_changed_on_disk_offers_reload(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "d.txt", "Korеa\n")
    tab = open_and_wait(qtbot, window, path)
    path.write_bytes("Korеa, changed elsewhere\n".encode())
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    asked: list[str] = []
    monkeypatch.setattr(window.prompts, "ask_yes_no", lambda title, text: True)
    monkeypatch.setattr(window.prompts, "ask_changed_on_disk", lambda name: asked.append(name) or "reload")
    tab.save()
    assert asked == ["d.txt"]
    qtbot.waitUntil(lambda: tab.document is not None and "changed elsewhere" in tab.document.decoded.text)
    assert path.read_bytes() == "Korеa, changed elsewhere\n".encode()


def test_a_file_changed_while_it_loads_is_not_overwritten_without_asking(qtbot: QtBot, window: MainWindow,
                                                                          tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "busy.txt", "Korеa\n")
    real_prepare = worker.prepare_view

    def another_program_writes_meanwhile(document: Any) -> None:
        path.write_bytes("Korеa, written while the analysis ran\n".encode())
        real_prepare(document)

    monkeypatch.setattr(worker, "prepare_view", another_program_writes_meanwhile)
    tab = open_and_wait(qtbot, window, path)
    assert tab.document is not None and tab.document.decoded.text == "Korеa\n"
    asked: list[str] = []
    monkeypatch.setattr(window.prompts, "ask_yes_no", lambda title, text: True)
    monkeypatch.setattr(window.prompts, "ask_changed_on_disk", lambda name: asked.append(name) or "cancel")
    assert not tab.save()
    assert asked == ["busy.txt"]
    assert path.read_bytes() == "Korеa, written while the analysis ran\n".encode()


@pytest.mark.parametrize("answer", ["cancel", "save_as", "recreate"])
def test_a_file_deleted_while_open_is_not_silently_recreated(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch, answer: str) -> None:
    path = write(tmp_path, "gone.txt", "Korеa\n")
    tab = open_and_wait(qtbot, window, path)
    path.unlink()
    asked: list[str] = []
    monkeypatch.setattr(window.prompts, "ask_deleted_on_disk", lambda name: asked.append(name) or answer)
    monkeypatch.setattr(window.prompts, "ask_save_path", lambda suggestion: str(tmp_path / "elsewhere.txt"))
    monkeypatch.setattr(window.prompts, "ask_save_options", lambda document, options: options)
    assert tab.save() is (answer != "cancel")  # saved there again, or elsewhere
    assert asked == ["gone.txt"]
    assert path.exists() is (answer == "recreate")
    if answer == "recreate":
        assert path.read_bytes() == b"Korea\n"
        assert tab.save()  # what the tab wrote is what the file holds now: no second question
        assert asked == ["gone.txt"]
    assert (tmp_path / "elsewhere.txt").exists() is (answer == "save_as")


def test_saving_twice_after_another_program_touched_the_file_asks_only_if_it_changed(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "t.txt", "Korеa\n")
    tab = open_and_wait(qtbot, window, path)
    monkeypatch.setattr(window.prompts, "ask_yes_no", lambda title, text: True)
    assert tab.save()
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))  # touched, same bytes
    tab.toggle_change(0, False)
    assert tab.save()  # no question: ask_changed_on_disk would fail the test
    assert path.read_bytes() == "Korеa\n".encode()


# --- faults while saving -------------------------------------------------------------------------------

def fail_with(error: OSError) -> Callable[..., None]:
    def fail(*args: object, **kwargs: object) -> None:
        raise error
    return fail


def test_read_only_output_folder_says_so_and_writes_nothing(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "in.txt", "Korеa\n")
    tab = open_and_wait(qtbot, window, path)
    out_dir = tmp_path / "read-only"
    out_dir.mkdir()
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(window.prompts, "ask_save_path", lambda suggestion: str(out_dir / "out.txt"))
    monkeypatch.setattr(window.prompts, "ask_save_options", lambda document, options: options)
    monkeypatch.setattr(window.prompts, "show_error", lambda title, text: errors.append((title, text)))
    monkeypatch.setattr(saving.tempfile, "mkstemp", fail_with(PermissionError(errno.EACCES, "Permission denied")))
    assert not tab.save_as()
    assert errors == [("Could not save", f"could not save {out_dir / 'out.txt'}: Permission denied; the file on disk "
                                         "is unchanged")]
    assert list(out_dir.iterdir()) == [] and path.read_bytes() == "Korеa\n".encode()
    assert tab.path == path.resolve() and tab.document is not None


def test_disk_full_keeps_the_original_and_the_review(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "full.txt", "Korеa pay\u200bpal\n")
    tab = open_and_wait(qtbot, window, path)
    tab.toggle_change(1, False)
    errors: list[str] = []
    monkeypatch.setattr(window.prompts, "ask_yes_no", lambda title, text: True)
    monkeypatch.setattr(window.prompts, "show_error", lambda title, text: errors.append(text))
    monkeypatch.setattr(saving.os, "fsync", fail_with(OSError(errno.ENOSPC, "No space left on device")))
    assert not tab.save()
    assert errors and "No space left on device; the file on disk is unchanged" in errors[0]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "settings.ini") == ["full.txt"]
    assert path.read_bytes() == "Korеa pay\u200bpal\n".encode()
    assert tab.has_unsaved_work and tab.document is not None and tab.document.state.reverted_count == 1
    monkeypatch.undo()
    monkeypatch.setattr(window.prompts, "ask_yes_no", lambda title, text: True)
    assert tab.save()  # space again: the same review saves
    assert path.read_bytes() == "Korea pay\u200bpal\n".encode()


# --- file names ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["with spaces.txt", "naïve Grüße.txt", "Korеa.txt"])
def test_ordinary_unusual_names_are_shown_as_they_are(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                      name: str) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, name, "x\n"))
    assert window.windowTitle().startswith(name)
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == name


def test_hostile_names_are_escaped_in_title_status_and_dialogs(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # Title and tab alone: test_open.py::test_file_names_are_escaped_in_title_and_tab
    name = "invoice\u202etxt.exe\u200b"
    empty = write(tmp_path, f"empty {name}", "")
    assert no_reordering(open_and_fail(qtbot, window, empty)) and "<RLO>" in window.last_message
    assert no_reordering(window.statusBar().currentMessage())
    path = write(tmp_path, name, "Korеa\n")
    tab = open_and_wait(qtbot, window, path)
    texts: list[str] = [window.windowTitle(), window.tabs.tabText(0), window.tabs.tabToolTip(0)]
    monkeypatch.setattr(window.prompts, "ask_yes_no", lambda title, text: texts.append(text) or True)
    monkeypatch.setattr(window.prompts, "show_error", lambda title, text: texts.append(text))
    monkeypatch.setattr(window.prompts, "ask_unsaved", lambda shown: texts.append(shown) or "cancel")
    monkeypatch.setattr(saving.os, "fsync", fail_with(OSError(errno.ENOSPC, "No space left on device")))
    assert not tab.save()  # the overwrite question and the error both name the file
    assert not window.close_tab(0)  # the unsaved-work question names it
    assert len(texts) == 6
    for text in texts:
        assert no_reordering(text), text
        assert "invoice<RLO>txt.exe<ZWSP>" in text, text


# --- hostile text --------------------------------------------------------------------------------------

TROJAN_SOURCE = (
    "int main() {\n    int isAdmin = 0;\n"
    "    /*\u202e } \u2066if (isAdmin)\u2069 \u2066 begin admins only */\n"
    "        puts(\"admin\");\n    /* end admins only \u202e { \u2066*/\n"
    "    const { timeout,\u3164} = req.query;\n"
    "    say\u041dello();\n}\n"
)


def test_trojan_source_shows_stand_ins_and_cannot_reorder_the_panes(qtbot: QtBot, window: MainWindow,
                                                                    tmp_path: Path) -> None:
    # A short line alone: test_review_window.py::test_stand_ins_for_invisibles_and_bidi
    tab = open_and_wait(qtbot, window, write(tmp_path, "trojan.c", TROJAN_SOURCE))
    left = tab.left.document().toPlainText()
    assert no_reordering(left) and no_reordering(tab.right.document().toPlainText())
    assert "/*RLO } LRIif (isAdmin)PDI LRI begin admins only */" in left
    assert "const { timeout,HF} = req.query;" in left
    assert "bidi" in {banner.kind for banner in tab.banners()}
    assert tab.document is not None
    rules = {change.rule for change in tab.document.changes}
    assert rules == {"invisible", "homoglyphs"}
    assert all(change.severity.label in ("error", "warning") for change in tab.document.changes)
    assert tab.document.normalized_text().count("\u202e") == 0
    assert "sayHello();" in tab.document.normalized_text()


HOSTILE_CONTENT = (
    "import os\nos.system('touch PWNED')\n__import__('glyphwash_evil_module')\n"
    "<script src=\"http://127.0.0.1:9/x.js\"></script> <img src=\"https://example.com/beacon.png\">\n"
    "file:///etc/passwd \\\\server\\share\\x ${jndi:ldap://127.0.0.1:9/a} $(touch PWNED3)\n"
    "<a href=\"file:///etc/shadow\">x</a> Korеa\n"
)


@pytest.fixture
def audit_events() -> Iterator[list[tuple[str, str]]]:
    """Audit events that would mean executing, importing or fetching from the text, while a test runs."""
    events: list[tuple[str, str]] = []
    recording = [True]

    def hook(event: str, args: tuple[object, ...]) -> None:
        if not recording[0]:
            return
        network_or_process = event.startswith(("socket.", "subprocess.", "os.system", "os.exec", "os.posix_spawn",
                                               "urllib.", "webbrowser."))
        if network_or_process or (event in ("exec", "compile") and args and "PWNED" in repr(args[0])):
            events.append((event, repr(args)[:200]))
        elif event == "import" and args and "evil" in str(args[0]):
            events.append((event, str(args[0])))
        elif event == "open" and args and isinstance(args[0], str) and ("/etc/" in args[0] or "PWNED" in args[0]):
            events.append((event, args[0]))

    sys.addaudithook(hook)  # hooks cannot be removed: this one goes quiet after the test
    yield events
    recording[0] = False


def test_the_window_never_executes_imports_or_fetches_from_the_text(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        audit_events: list[tuple[str, str]]) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access")

    for name in ("socket", "create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, no_network)
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, "hostile.html", HOSTILE_CONTENT)
    tab = open_and_wait(qtbot, window, path)
    tab.next_change()
    assert tab.left.tooltip_provider is not None and "U+0435" in tab.left.tooltip_provider(0)
    target = tmp_path / "out.html"
    monkeypatch.setattr(window.prompts, "ask_save_path", lambda suggestion: str(target))
    monkeypatch.setattr(window.prompts, "ask_save_options", lambda document, options: SaveOptions())
    assert tab.save_as()
    window.copy_clean_text()
    assert audit_events == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "settings.ini") == ["hostile.html", "out.html"]
    assert isinstance(tab, DocumentTab)


def test_a_file_too_big_for_memory_is_refused_before_reading(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from glyphwash.core.encoding import memory

    monkeypatch.setattr(memory, "available_memory", lambda: 1000)
    path = write(tmp_path, "big.txt", "Korеa " * 100)
    shown = open_and_fail(qtbot, window, path)
    assert "too large to review here" in shown and "big.txt" in shown
    assert window.stack.currentWidget() is window.drop_target


def test_running_out_of_memory_names_the_file_and_keeps_other_documents(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from glyphwash.ui import worker

    first = open_and_wait(qtbot, window, write(tmp_path, "kept.txt", "Korеa\n"))

    def no_memory(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(worker, "ReviewDocument", no_memory)
    window.open_paths([str(write(tmp_path, "huge.txt", "text\n"))])
    qtbot.waitUntil(lambda: "not enough memory" in window.last_message, timeout=10000)
    assert "huge.txt" in window.last_message
    assert window.documents() == [first] and first.document is not None


# --- binary data by its content (issue 12) -----------------------------------------------------------

BINARY_BLOB = random.Random(12).randbytes(4096)  # no signature, 9 % control bytes: once "mac-cyrillic"


def test_binary_looking_file_asks_and_cancel_opens_nothing(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "blob.dat"
    path.write_bytes(BINARY_BLOB)
    asked: list[str] = []
    monkeypatch.setattr(window.prompts, "ask_open_binary", lambda reason: asked.append(reason) or False)
    window.open_paths([str(path)])
    qtbot.waitUntil(lambda: window.tabs.count() == 0)
    assert len(asked) == 1 and "blob.dat" in asked[0] and "looks like binary data" in asked[0]
    assert "looks like binary data" in window.last_message and "not opened" in window.last_message
    assert path.read_bytes() == BINARY_BLOB


def test_binary_looking_file_opens_on_request_and_saves_back_unchanged(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "blob.dat"
    path.write_bytes(BINARY_BLOB)
    threads: list[bool] = []
    monkeypatch.setattr(window.prompts, "ask_open_binary",
                        lambda reason: threads.append(QThread.currentThread() is window.thread()) or True)
    tab = open_and_wait(qtbot, window, path)
    assert threads == [True]  # asked once, on the GUI thread
    assert tab.document is not None and tab.document.decoded.raw == BINARY_BLOB
    tab.toggle_all(False)  # every rule's change reverted: the bytes must come back as they were
    target = tmp_path / "copy.dat"
    monkeypatch.setattr(window.prompts, "ask_save_path", lambda suggestion: str(target))
    monkeypatch.setattr(window.prompts, "ask_save_options", lambda document, options: options)
    assert tab.save_as()
    assert target.read_bytes() == BINARY_BLOB


# --- escape-sequence encodings (issue 12) ------------------------------------------------------------

def test_iso2022_jp_opens_as_japanese_and_forced_utf8_warns(qtbot: QtBot, window: MainWindow,
                                                            tmp_path: Path) -> None:
    text = "日本語のテキストです。\n"
    path = tmp_path / "jis.txt"
    path.write_bytes(text.encode("iso2022_jp"))
    tab = open_and_wait(qtbot, window, path)
    assert tab.document is not None and tab.document.decoded.encoding == "ISO-2022-JP"
    assert tab.left.document().toPlainText() == text
    assert tab.document.state.count == 0
    tab.reinterpret("utf-8")
    qtbot.waitUntil(lambda: tab.document is not None and tab.document.decoded.encoding == "utf-8"
                    and not tab.progress_row.isVisible())
    warning = [banner for banner in tab.banners() if banner.kind == "warning"]
    assert warning and "ISO-2022-JP escape sequences" in warning[0].message.text()
    assert tab.document.state.count == 0  # no ESC offered for deletion
