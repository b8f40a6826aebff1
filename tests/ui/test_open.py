"""Opening files: drag and drop onto the window, several files as tabs, refusals, clipboard, worker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.ui.batch_view import BatchView
from glyphwash.ui.mainwindow import MainWindow
from glyphwash.ui.worker import LoadWorker


def drop(window: MainWindow, urls: list[QUrl], target: object = None) -> bool:
    """Send drag-enter then drop with ``urls``; return whether the enter was accepted."""
    mime = QMimeData()
    mime.setUrls(urls)
    widget = target or window
    point = QPoint(20, 20)
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)
    return True


def test_empty_window_shows_a_drop_target(window: MainWindow) -> None:
    assert window.stack.currentWidget() is window.drop_target
    assert window.windowTitle() == "Glyphwash"


def test_drop_one_file(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = write(tmp_path, "one.txt", "Korеa\n")
    assert drop(window, [QUrl.fromLocalFile(str(path))])
    assert window.tabs.count() == 1
    tab = window.documents()[0]
    qtbot.waitUntil(lambda: tab.document is not None)
    assert window.stack.currentWidget() is window.tabs
    assert "one.txt" in window.windowTitle()
    assert tab.document is not None and tab.document.state.count == 1


def test_drop_on_a_pane_reaches_the_window(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    first = open_and_wait(qtbot, window, write(tmp_path, "a.txt", "a\n"))
    second = write(tmp_path, "b.txt", "b\n")
    assert drop(window, [QUrl.fromLocalFile(str(second))], first.left.viewport()) or \
        drop(window, [QUrl.fromLocalFile(str(second))])
    qtbot.waitUntil(lambda: window.tabs.count() == 2)


def test_drop_several_files_opens_tabs(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    paths = [write(tmp_path, f"f{number}.txt", f"text {number}\u200b\n") for number in range(3)]
    assert drop(window, [QUrl.fromLocalFile(str(path)) for path in paths])
    assert window.tabs.count() == 3
    qtbot.waitUntil(lambda: all(tab.document is not None for tab in window.documents()))
    # each has a pending removal that is not saved yet
    assert [window.tabs.tabText(index) for index in range(3)] == ["f0.txt*", "f1.txt*", "f2.txt*"]


def test_drop_an_empty_folder_opens_an_empty_batch_view(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    assert drop(window, [QUrl.fromLocalFile(str(folder))])
    assert window.tabs.count() == 1 and not window.documents()
    view = window.tabs.currentWidget()
    assert isinstance(view, BatchView)
    qtbot.waitUntil(lambda: view.scanned)
    assert view.totals.text().startswith("0 text files")
    assert not view.clean_button.isEnabled()


def test_drop_a_web_address_says_so(window: MainWindow) -> None:
    assert drop(window, [QUrl("https://example.com/page.txt")])
    assert window.tabs.count() == 0
    assert "web address" in window.last_message


def test_opening_an_open_file_switches_to_its_tab(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = write(tmp_path, "same.txt", "same\n")
    open_and_wait(qtbot, window, path)
    window.open_paths([str(path)])
    assert window.tabs.count() == 1


def test_binary_file_gives_a_message_and_no_tab(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    window.open_paths([str(path)])
    qtbot.waitUntil(lambda: window.tabs.count() == 0)
    assert "PNG" in window.last_message


def test_new_from_clipboard_and_copy_clean_text(qtbot: QtBot, window: MainWindow) -> None:
    QApplication.clipboard().setText("pay\u200bpal")
    tab = window.new_from_clipboard()
    assert tab is not None
    qtbot.waitUntil(lambda: tab.document is not None)
    assert tab.title == "Pasted text 1"
    window.copy_clean_text()
    assert QApplication.clipboard().text() == "paypal"


def test_file_names_are_escaped_in_title_and_tab(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = write(tmp_path, "report\u202etxt.exe", "hi\n")
    tab = open_and_wait(qtbot, window, path)
    assert "\u202e" not in window.windowTitle()
    assert "<RLO>" in window.windowTitle()
    assert "\u202e" not in window.tabs.tabText(window.tabs.indexOf(tab))


def test_worker_reports_progress_and_can_be_cancelled(qtbot: QtBot, tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "Korеa is here.\n" * 40_000)
    worker = LoadWorker(path=path, chunk_size=16 * 1024)
    progress: list[int] = []
    # a direct connection runs in the worker thread: the cancel lands right after the first chunk
    worker.progress.connect(lambda percent, _what: (progress.append(percent), worker.cancel()),
                            Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(worker.cancelled, timeout=10000):
        worker.start()
    worker.wait()
    assert progress and progress[0] < 40


def test_worker_finishes_with_a_document(qtbot: QtBot, tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "Korеa is here.\n" * 5_000)
    worker = LoadWorker(path=path, chunk_size=16 * 1024)
    progress: list[int] = []
    worker.progress.connect(lambda percent, _what: progress.append(percent))
    with qtbot.waitSignal(worker.succeeded, timeout=20000) as blocker:
        worker.start()
    worker.wait()
    assert progress == sorted(progress) and progress[-1] == 100
    assert blocker.args[0].state.count == 5_000


def test_cancel_button_during_load_leaves_no_tab(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "Korеa is here.\n" * 40_000)
    tab = window.open_paths([str(path)])[0]
    assert tab.worker is not None
    tab.worker.chunk_size = 4096
    tab.cancel_button.click()
    qtbot.waitUntil(lambda: window.tabs.count() == 0 or tab.document is not None, timeout=10000)


def test_the_worker_starts_after_the_new_tab_is_drawn(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    # Drawn beside a running analysis, the new tab's first paint would wait for the GIL.
    started: list[bool] = []
    tab = window.open_paths([str(write(tmp_path, "later.txt", "Korеa\n"))])[0]
    assert tab.worker is not None and not tab.worker.isRunning() and not tab.worker.isFinished()
    tab.worker.started.connect(lambda: started.append(True))
    qtbot.waitUntil(lambda: tab.document is not None, timeout=10000)
    assert started == [True]


def test_a_tab_opened_behind_another_still_loads(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    tabs = window.open_paths([str(write(tmp_path, f"{name}.txt", "Korеa\n")) for name in ("first", "second")])
    qtbot.waitUntil(lambda: all(tab.document is not None for tab in tabs), timeout=10000)


def test_closing_a_tab_frees_its_document(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    import gc
    import weakref

    tab = open_and_wait(qtbot, window, write(tmp_path, "freed.txt", "Korеa pay\u200bpal\n" * 50))
    document = weakref.ref(tab.document)
    assert window.close_tab(window.tabs.indexOf(tab))
    del tab
    qtbot.waitUntil(lambda: (gc.collect(), document() is None)[1], timeout=5000)


def test_no_cyclic_collection_while_documents_are_built() -> None:
    import gc

    from glyphwash.ui.worker import quiet_collector

    assert gc.isenabled()
    with quiet_collector():
        with quiet_collector():  # two workers at once
            assert not gc.isenabled()
        assert not gc.isenabled()  # the other one still builds
    assert gc.isenabled()
