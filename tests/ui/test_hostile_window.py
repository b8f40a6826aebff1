"""The window on hostile input: no freeze from many tabs, long runs or many deletions at one spot.

Nothing here is timed (``bench/bench_hostile.py`` measures): the tests count what the window does
(tab labels set, markers drawn, waits on the GUI thread) and check that work stops when asked.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtGui import QPainter
from pytestqt.qtbot import QtBot
from window_helpers import open_and_wait, write

from glyphwash.core.rules import invisible
from glyphwash.ui import worker as workers
from glyphwash.ui.mainwindow import MainWindow
from glyphwash.ui.worker import LoadWorker

FILES = 40
# Labels set per opened tab: when it is added, when its load starts and each time its state
# changes while it loads; relabelling every tab on each change made it grow with the tab count.
LABELS_PER_TAB = 8


def test_opening_many_files_labels_each_tab_a_bounded_number_of_times(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    labels: list[int] = []
    set_text = window.tabs.setTabText
    monkeypatch.setattr(window.tabs, "setTabText", lambda index, text: (labels.append(index), set_text(index, text)))
    paths = [str(write(tmp_path, f"file{number}.txt", f"Korеa {number}\n")) for number in range(FILES)]
    tabs = window.open_paths(paths)
    qtbot.waitUntil(lambda: all(tab.document is not None for tab in tabs), timeout=30000)
    assert len(tabs) == FILES
    assert len(labels) <= LABELS_PER_TAB * FILES
    # each holds an unsaved cleaning
    assert [window.tabs.tabText(index) for index in range(FILES)] == [f"file{number}.txt*" for number in range(FILES)]


def test_a_tab_label_follows_its_own_state(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    first = open_and_wait(qtbot, window, write(tmp_path, "first.txt", "Korеa\n"))
    open_and_wait(qtbot, window, write(tmp_path, "second.txt", "Korеa\n"))
    assert window.tabs.tabText(window.tabs.indexOf(first)) == "first.txt*"
    first.toggle_all(False)  # a review step in a tab that is not the current one: nothing left to save
    assert window.tabs.tabText(window.tabs.indexOf(first)) == "first.txt"
    assert window.tabs.tabText(1) == "second.txt*"


def test_closing_a_tab_never_waits_for_its_worker(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    in_rule = threading.Event()
    go_on = threading.Event()
    original = invisible._is_kept

    def held(*args: object) -> bool:
        in_rule.set()
        go_on.wait(timeout=5)  # the worker sits inside the rule's loop until the tab is closed
        return original(*args)  # type: ignore[arg-type]

    waits: list[object] = []
    monkeypatch.setattr(invisible, "_is_kept", held)
    monkeypatch.setattr(workers._DocumentWorker, "wait", lambda self, *args: waits.append(self) or True)
    tab = window.open_paths([str(write(tmp_path, "joiners.txt", "word" + "\u200c" * 3000 + "word\n"))])[0]
    qtbot.waitUntil(in_rule.is_set, timeout=10000)
    worker = tab.worker
    assert worker is not None and worker.isRunning()
    assert window.close_tab(window.tabs.indexOf(tab))
    assert waits == []  # the GUI thread went on at once
    assert window.tabs.count() == 0
    go_on.set()
    monkeypatch.undo()
    # Cancelled, the worker stops at its next check and is deleted once its thread has ended;
    # a QThread destroyed while running would abort, any Qt warning fails the test. (A generous
    # bound: on a fresh clone the worker may first build a word table on a busy machine.)
    qtbot.waitUntil(lambda: not workers._detached, timeout=60000)


def test_cancel_is_honoured_inside_a_rule_loop(qtbot: QtBot) -> None:
    from glyphwash.core.cancel import CHECK_EVERY

    looked_at: list[int] = []
    original = invisible._is_kept
    worker = LoadWorker(data=("word" + "\u200c" * (20 * CHECK_EVERY) + "word").encode())

    def counting(*args: object) -> bool:
        looked_at.append(1)
        if len(looked_at) == 100:
            worker.cancel()
        return original(*args)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(invisible, "_is_kept", counting)
        with qtbot.waitSignal(worker.cancelled, timeout=20000):
            worker.start()
        worker.wait()
    assert len(looked_at) <= 100 + CHECK_EVERY  # not the 20,480 of the whole run


def test_markers_merge_per_pixel_column() -> None:
    from glyphwash.ui.deletion_markers import DeletionMarker, one_per_column

    markers = [DeletionMarker(10, 0, 17, "invisible"), DeletionMarker(10, 0, 17, "spaces"),
               DeletionMarker(11, 0, 17, "invisible"), DeletionMarker(10, 17, 17, "invisible")]
    assert one_per_column(markers) == [markers[0], markers[2], markers[3]]
    assert one_per_column(DeletionMarker(5, 0, 17, "invisible") for _ in range(100_000)) == [
        DeletionMarker(5, 0, 17, "invisible")]


@pytest.mark.parametrize(("line", "spots"), [
    ("x" + "\u202e" * 100_000 + "y", 1),                 # 100,000 deletions at one spot
    ("x\u202e" * 100_000, None),                         # a deletion after every character
])
def test_deletion_markers_of_a_long_line_are_bounded_by_the_pixels(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        line: str, spots: int | None) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "overrides.txt", line + "\n"))
    pane = tab.right
    qtbot.waitUntil(lambda: pane.fully_formatted, timeout=30000)
    polygons: list[int] = []
    draw_polygon = QPainter.drawPolygon
    monkeypatch.setattr(QPainter, "drawPolygon", lambda painter, *args: (polygons.append(1),
                                                                         draw_polygon(painter, *args))[1])
    pane.viewport().repaint()
    markers = pane.deletion_markers()
    width, lines_shown = pane.viewport().width(), len({marker.top for marker in markers})
    assert markers and len(polygons) == len(markers)
    assert all(sum(marker.top == top for marker in markers) <= width for top in {marker.top for marker in markers})
    assert len(markers) <= width * lines_shown
    if spots is not None:
        assert len(markers) == spots


def test_revert_all_on_a_line_of_many_deletions_shows_no_marker(qtbot: QtBot, window: MainWindow,
                                                                tmp_path: Path) -> None:
    tab = open_and_wait(qtbot, window, write(tmp_path, "overrides.txt", "x" + "\u202e" * 30_000 + "y\n"))
    assert len(tab.right.deletion_markers()) == 1
    tab.toggle_all(False)
    qtbot.waitUntil(lambda: tab.right.fully_formatted and not tab.busy, timeout=30000)
    assert tab.right.deletion_markers() == []
    tab.toggle_all(True)
    qtbot.waitUntil(lambda: tab.right.fully_formatted and not tab.busy, timeout=30000)
    assert [marker.rule for marker in tab.right.deletion_markers()] == ["invisible"]


def test_a_run_of_deleted_characters_is_one_format_range(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    # Qt wraps a long word in time quadratic in its format ranges: a run of 300,000 stand-ins
    # as 600,000 ranges froze the window for seconds.
    tab = open_and_wait(qtbot, window, write(tmp_path, "run.txt", "x" + "\u202e" * 1000 + "y\n"))
    qtbot.waitUntil(lambda: tab.left.fully_formatted, timeout=10000)
    formats = tab.left.document().firstBlock().layout().formats()
    assert [(range_.start, range_.length) for range_ in formats] == [(1, 3000), (1, 3000)]  # changes, labels
