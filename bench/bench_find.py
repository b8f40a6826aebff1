"""What Find costs on a big text: folding it (once per text and options) and searching it.

Run from the project root: ``python bench/bench_find.py [MEGABYTES]`` (default 10). Prints, for
an English text with a homoglyph and a zero-width space per line, a Russian one and a hostile one
(a zero-width space after every letter), the time to fold at 1×, 2× and 4× the size (linear
when the ratios stay near 2 and 4) and the time to find every match of a word.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import main  # noqa: E402

main.register_checkout_package()
from glyphwash.core.find import FindOptions, FoldedText, Matches  # noqa: E402

LINES = {
    "english": "The pеople of Korea met in Seoul on Monday\u200b to discuss the trade agreement.\n",
    "russian": "Жители Кореи встретились в Сеуле в понедельник, чтобы обсудить соглашение.\n",
    "hostile": "K\u200bo\u200br\u200be\u200ba\u200b \u200b" * 6 + "\n",
}


def measure(line: str, size: int, query: str) -> tuple[float, float, int]:
    text = line * (size // len(line))
    began = time.perf_counter()
    folded = FoldedText(text, FindOptions())
    folding = time.perf_counter() - began
    began = time.perf_counter()
    matches = Matches(folded, query)
    return folding, time.perf_counter() - began, len(matches)


def main_bench() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    size = int(megabytes * 1_000_000)
    FoldedText("warm up the tables: е Ｋ \u200b", FindOptions())
    print(f"{'text':<8} {'size':>6} {'fold s':>8} {'find s':>8} {'matches':>9}")
    for name, line in LINES.items():
        base = None
        for factor in (1, 2, 4):
            folding, finding, count = measure(line, size * factor, "Korea" if name != "russian" else "Кореи")
            base = base or folding
            print(f"{name:<8} {megabytes * factor:>5.0f}M {folding:>8.3f} {finding:>8.3f} {count:>9}"
                  f"   ×{folding / base:.1f}")


if __name__ == "__main__":
    main_bench()
