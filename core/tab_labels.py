"""Tab labels that tell documents apart: a file's name, plus its folders when names clash.

Editors (VS Code, Sublime Text) label two ``notes.txt`` tabs ``notes.txt — a`` and
``notes.txt — b``: the parent folders are added only where names clash, and only as many as it
takes to tell the files apart.
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePath

from .view.display import escape_for_display

SEPARATOR = " — "


def _folders(path: PurePath, depth: int) -> str:
    """`` — a/b``: the last ``depth`` folders of ``path``, escaped like every name the window shows."""
    folders = path.parent.parts[-depth:]
    return SEPARATOR + escape_for_display("/".join(folders).replace("//", "/"), limit=80) if folders else ""


def tab_labels(paths: list[PurePath | None], titles: list[str]) -> list[str]:
    """One label per tab: its title, with as many parent folders as tell clashing names apart.

    Args:
        paths: each tab's file (None for pasted or dropped text).
        titles: each tab's title (the escaped file name, or "Pasted text"...).
    """
    labels = list(titles)
    counts = Counter(titles)
    for title, count in counts.items():
        if count < 2:
            continue
        clashing = [index for index, other in enumerate(titles) if other == title and paths[index] is not None]
        deepest = max((len(path.parent.parts) for index in clashing if (path := paths[index])), default=0)
        for depth in range(1, deepest + 1):
            tried = {index: title + _folders(path, depth) for index in clashing if (path := paths[index])}
            if len(set(tried.values())) == len(tried) or depth == deepest:
                for index, label in tried.items():
                    labels[index] = label
                break
    return labels
