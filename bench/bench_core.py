"""Throughput of the normalization engine against anyascii, unidecode and ftfy, on the same inputs.

Run from the project root: ``python bench/bench_core.py [--quick]``. Inputs (built from
docs/examples and the developers' ../shared): 10 MB of the homoglyph sample article repeated
(dense: a change every few words), 10 MB of clean English (Pride and Prejudice), 10 MB of genuine
Russian (UD Taiga sentences) and 100 MB of clean English. Engine time is ``analyze`` plus
``apply_changes`` with the default rules, best of two runs, after one warm-up that builds the tables
(reported separately, as process start pays it). ftfy is timed on a 2 MB prefix (it runs below
1 MB/s) and reported per MB like the others. Peers are ratios: peer time / engine time, so above
1.0 means the engine is faster.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

import main  # noqa: E402

main.register_checkout_package()

from glyphwash.core.changes import apply_changes  # noqa: E402
from glyphwash.core.engine import analyze  # noqa: E402

MB = 1_000_000
FTFY_SAMPLE = 2 * MB


def repeated(text: str, size: int) -> str:
    """``text`` repeated (line-wise) up to about ``size`` bytes of UTF-8."""
    copies = max(1, size // max(1, len(text.encode("utf-8"))))
    return (text.rstrip("\n") + "\n") * copies


def inputs(quick: bool) -> dict[str, str]:
    seed = (ROOT / "docs/examples/homoglyph-news.txt").read_text(encoding="utf-8")
    english = (SHARED / "corpora/english/pride_and_prejudice.txt").read_text(encoding="utf-8")
    russian = "".join(path.read_text(encoding="utf-8").lstrip("\ufeff")
                      for path in sorted((SHARED / "corpora/ud-treebanks/UD_Russian-Taiga").glob("*.sentences.txt")))
    found = {"dense 10 MB": repeated(seed, 10 * MB), "english 10 MB": repeated(english, 10 * MB),
             "russian 10 MB": repeated(russian, 10 * MB)}
    if not quick:
        found["english 100 MB"] = repeated(english, 100 * MB)
    return found


def best_of(runs: int, function: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def engine(text: str) -> str:
    return apply_changes(text, analyze(text).changes)


def peers() -> dict[str, Callable[[str], str]]:
    import anyascii
    import ftfy
    import unidecode

    return {"anyascii": anyascii.anyascii, "unidecode": unidecode.unidecode, "ftfy": ftfy.fix_text}


def main_() -> int:
    if not SHARED.is_dir():
        print(f"bench_core: {SHARED} is absent (a fresh clone); nothing to measure.")
        return 0
    quick = "--quick" in sys.argv
    start = time.perf_counter()
    analyze("warm-up: a\u200bb\u00a0c \U0001D41B \u0435 \u0301")
    print(f"table build (first analyze): {(time.perf_counter() - start) * 1000:.0f} ms")
    others = peers()
    print(f"{'input':16s} {'MB':>6s} {'changes':>8s} {'engine MB/s':>12s}   " + "   ".join(
        f"{name}/engine" for name in others))
    for name, text in inputs(quick).items():
        size = len(text.encode("utf-8")) / MB
        changes = len(analyze(text).changes)
        seconds = best_of(2, lambda text=text: engine(text))
        ratios = []
        for peer, function in others.items():
            sample = text[:FTFY_SAMPLE] if peer == "ftfy" else text
            peer_seconds = best_of(1, lambda function=function, sample=sample: function(sample))
            peer_seconds *= len(text) / len(sample)
            ratios.append(f"{peer_seconds / seconds:>{len(peer) + 7}.2f}")
        print(f"{name:16s} {size:6.1f} {changes:8d} {size / seconds:12.1f}   " + "   ".join(ratios))
    return 0


if __name__ == "__main__":
    sys.exit(main_())
