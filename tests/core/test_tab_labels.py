"""Tab labels: folders only where file names clash, as many as tell them apart."""

from __future__ import annotations

from pathlib import PurePosixPath

from glyphwash.core.tab_labels import tab_labels


def test_distinct_names_stay_bare() -> None:
    paths = [PurePosixPath("/a/one.txt"), PurePosixPath("/b/two.txt"), None]
    assert tab_labels(list(paths), ["one.txt", "two.txt", "Pasted text"]) == ["one.txt", "two.txt", "Pasted text"]


def test_clashing_names_get_their_parent_folder() -> None:
    paths = [PurePosixPath("/home/x/a/notes.txt"), PurePosixPath("/home/x/b/notes.txt"), PurePosixPath("/c/o.txt")]
    assert tab_labels(list(paths), ["notes.txt", "notes.txt", "o.txt"]) == \
        ["notes.txt — a", "notes.txt — b", "o.txt"]


def test_same_parent_names_go_one_folder_further() -> None:
    paths = [PurePosixPath("/one/src/main.py"), PurePosixPath("/two/src/main.py")]
    assert tab_labels(list(paths), ["main.py", "main.py"]) == ["main.py — one/src", "main.py — two/src"]


def test_pasted_texts_keep_their_titles() -> None:
    assert tab_labels([None, None], ["Pasted text", "Pasted text"]) == ["Pasted text", "Pasted text"]
