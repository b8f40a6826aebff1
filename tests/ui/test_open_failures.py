"""Every failure of one drop or start-up reaches the user, in one list, none lost."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from window_helpers import drop_paths, write

from glyphwash.ui.mainwindow import MainWindow

ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(60)


@pytest.fixture
def shown(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    batches: list[list[str]] = []
    monkeypatch.setattr(window.prompts, "show_open_failures", batches.append)
    return batches


def test_dropping_an_elf_file_and_a_broken_link_lists_both(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                           shown: list[list[str]]) -> None:
    program = tmp_path / "program"
    program.write_bytes(ELF)
    link = tmp_path / "broken.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    good = write(tmp_path, "good.txt", "Korеa\n")
    drop_paths(window.drop_target, [program, link, good])
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert len(shown) == 1
    [failures] = shown
    assert len(failures) == 2
    assert any("program" in failure and "ELF" in failure for failure in failures)
    assert any("broken.txt" in failure for failure in failures)
    assert [tab.path.name for tab in window.documents()] == ["good.txt"]


def test_dropping_only_an_elf_file_shows_the_dialog(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                    shown: list[list[str]]) -> None:
    program = tmp_path / "program"
    program.write_bytes(ELF)
    drop_paths(window.drop_target, [program])
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert shown == [[f"Could not open: {program}: this is an ELF executable"]] or "ELF" in shown[0][0]
    assert "ELF" in window.drop_target.message.text()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every file")
def test_start_with_an_unreadable_file_and_a_broken_link(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                         shown: list[list[str]]) -> None:
    locked = write(tmp_path, "locked.txt", "secret\n")
    locked.chmod(0)
    link = tmp_path / "broken.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    window.open_paths([str(locked), str(link)])
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert len(shown) == 1 and len(shown[0]) == 2
