"""Start-up: the hint printed instead of Qt's abort when xcb's libraries are missing."""

from __future__ import annotations

import pytest

from glyphwash.ui import app


def test_hint_lists_missing_xcb_packages() -> None:
    missing = {"libxcb-cursor.so.0", "libxkbcommon-x11.so.0"}
    hint = app.platform_problem({"DISPLAY": ":0"}, "linux", present=lambda soname, _name: soname not in missing)
    assert hint is not None
    assert "sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0" in hint


def test_no_hint_when_everything_is_there_or_a_platform_is_forced() -> None:
    assert app.platform_problem({"DISPLAY": ":0"}, "linux", present=lambda *_: True) is None
    assert app.platform_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", present=lambda *_: False) is None
    assert app.platform_problem({}, "win32", present=lambda *_: False) is None
    assert app.platform_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", present=lambda *_: False) is None


def test_no_display_is_explained() -> None:
    hint = app.platform_problem({}, "linux", present=lambda *_: True)
    assert hint is not None and "DISPLAY" in hint


def test_main_prints_the_hint_and_exits_1(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(app.sys, "platform", "linux")
    monkeypatch.setattr(app, "library_present", lambda soname, _name: soname != "libxcb-icccm.so.4")
    monkeypatch.setattr(app, "missing_xcb_packages",
                        lambda present=app.library_present: ["libxcb-icccm4"])
    assert app.main([]) == 1
    assert "apt-get install libxcb-icccm4" in capsys.readouterr().err
