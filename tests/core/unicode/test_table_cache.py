"""The on-disk cache of built tables: hits, misses, invalidation and silent fallback."""

from __future__ import annotations

import marshal
from collections.abc import Iterator
from pathlib import Path

import pytest

from glyphwash.core import rules
from glyphwash.core.rules import compat, invisible, spaces
from glyphwash.core.unicode import confusables, graphemes, table_cache, unicode_data


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    directory = tmp_path / "cache"
    monkeypatch.setenv(table_cache.ENV_VAR, str(directory))
    table_cache.inputs_key.cache_clear()
    yield directory
    table_cache.inputs_key.cache_clear()


class Builder:
    def __init__(self, value: object) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def test_a_table_is_built_once_then_read_from_disk(cache: Path) -> None:
    build = Builder({1: ("a", True)})
    assert table_cache.disk_cached("demo", build) == {1: ("a", True)}
    assert [path.name for path in cache.iterdir()] == [f"demo-{table_cache.inputs_key()}.marshal"]
    assert table_cache.disk_cached("demo", build) == {1: ("a", True)}
    assert build.calls == 1


def test_encode_and_decode_convert_what_is_stored(cache: Path) -> None:
    build = Builder(frozenset({3, 4}))
    table_cache.disk_cached("demo", build, encode=sorted, decode=frozenset)
    assert marshal.loads((cache / f"demo-{table_cache.inputs_key()}.marshal").read_bytes()) == [3, 4]
    assert table_cache.disk_cached("demo", build, encode=sorted, decode=frozenset) == frozenset({3, 4})
    assert build.calls == 1


@pytest.mark.parametrize("content", [b"", b"\x00garbage", b"\xff" * 10])
def test_a_corrupt_file_is_rebuilt_and_replaced(cache: Path, content: bytes) -> None:
    cache.mkdir()
    path = cache / f"demo-{table_cache.inputs_key()}.marshal"
    path.write_bytes(content)
    build = Builder([1, 2])
    assert table_cache.disk_cached("demo", build) == [1, 2]
    assert build.calls == 1
    assert marshal.loads(path.read_bytes()) == [1, 2]


def test_a_stored_value_the_decoder_rejects_is_rebuilt(cache: Path) -> None:
    table_cache.disk_cached("demo", Builder("a string"))
    build = Builder(frozenset({1}))
    assert table_cache.disk_cached("demo", build, decode=table_cache.expect(frozenset)) == frozenset({1})
    assert build.calls == 1


def test_an_unwritable_cache_falls_back_to_building(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv(table_cache.ENV_VAR, str(blocker / "cache"))
    build = Builder((1, 2))
    assert table_cache.disk_cached("demo", build) == (1, 2)
    assert table_cache.disk_cached("demo", build) == (1, 2)
    assert build.calls == 2


def test_an_unmarshallable_value_is_returned_but_not_stored(cache: Path) -> None:
    build = Builder(range(3))
    assert table_cache.disk_cached("demo", build) == range(3)
    assert not any(cache.glob("*.marshal"))


@pytest.mark.parametrize("setting", ["off", ""])
def test_the_cache_can_be_turned_off(setting: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(table_cache.ENV_VAR, setting)
    assert table_cache.cache_dir() is None
    build = Builder(1)
    table_cache.disk_cached("demo", build)
    table_cache.disk_cached("demo", build)
    assert build.calls == 2


def test_the_default_location_is_the_user_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(table_cache.ENV_VAR, raising=False)
    monkeypatch.setattr(table_cache.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert table_cache.cache_dir() == tmp_path / "xdg" / "glyphwash"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert table_cache.cache_dir() == tmp_path / "home" / ".cache" / "glyphwash"


def test_changing_a_resource_file_invalidates_and_removes_old_tables(
        cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resources = tmp_path / "resources"
    resources.mkdir()
    data = resources / "Scripts.txt"
    data.write_text("0041..005A ; Latin\n")
    monkeypatch.setattr(table_cache, "_RESOURCE_DIR", resources)
    table_cache.inputs_key.cache_clear()
    table_cache.disk_cached("demo", Builder("old"))
    old_key = table_cache.inputs_key()

    data.write_text("0041..005A ; Latin\n0391 ; Greek\n")
    table_cache.inputs_key.cache_clear()
    build = Builder("new")
    assert table_cache.disk_cached("demo", build) == "new"
    assert build.calls == 1
    assert table_cache.inputs_key() != old_key
    assert [path.name for path in cache.iterdir()] == [f"demo-{table_cache.inputs_key()}.marshal"]


def test_the_app_version_is_part_of_the_key(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from glyphwash.core import version

    before = table_cache.inputs_key()
    monkeypatch.setattr(version, "__version__", "99.0")
    table_cache.inputs_key.cache_clear()
    assert table_cache.inputs_key() != before


def test_other_tables_are_not_removed(cache: Path) -> None:
    table_cache.disk_cached("demo", Builder(1))
    table_cache.disk_cached("demo_other", Builder(2))
    assert len(list(cache.glob("*.marshal"))) == 2


@pytest.mark.parametrize(("name", "build", "cached"), [
    ("lookalikes", confusables._build_lookalike_tables, confusables.lookalike_tables),
    ("script_ranges", confusables._script_bounds, confusables.script_ranges),
    ("scripts", unicode_data._build_script_table, unicode_data._script_table),
    ("styled_letters", compat._build_styled_letters, compat.styled_letters),
    ("invisible_candidates", invisible._build_candidates, invisible.candidates),
    ("grapheme_glue", graphemes._build_glue_code_points, graphemes.glue_code_points),
    ("watched", rules._watched_sources, rules.watched_characters),
])
def test_real_tables_survive_the_disk(cache: Path, name: str, build: object, cached: object) -> None:
    """Every cached table is marshal-able and reads back equal to a fresh build."""
    from typing import Any, cast

    function = cast(Any, cached)
    expected = function()
    function.cache_clear()
    try:
        first = function()   # built now, and stored
        assert any(cache.glob(f"{name}-*.marshal")), f"{name} was not stored"
        function.cache_clear()
        second = function()  # read back
    finally:
        function.cache_clear()
    assert first == second == expected
    assert cast(Any, build)() is not None


def test_spaces_candidates_survive_the_disk(cache: Path) -> None:
    expected = spaces.candidates()
    spaces.candidates.cache_clear()
    try:
        assert spaces.candidates() == expected
        spaces.candidates.cache_clear()
        assert spaces.candidates() == expected
        assert any(cache.glob("spaces_candidates-*.marshal"))
    finally:
        spaces.candidates.cache_clear()
