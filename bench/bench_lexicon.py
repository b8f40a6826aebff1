"""What the lexicon costs: deriving its tables once, loading them, memory, lookups.

Run from the project root: ``python bench/bench_lexicon.py``. Each step runs in a fresh process
(so imports and memory are measured alone), with an empty cache directory for the first
derivation and the filled one after. Prints, per table: the derivation time (once per wordfreq
version, in the user's cache afterwards), the load time and resident memory a later process pays,
its size on disk and the longest time deriving it held the GIL (a thread ticking every
millisecond measures it: the window's worker builds tables); then 100,000 lookups, and the cost
of cleaning clean English text, which never loads a table.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STEP = r"""
import json, resource, sys, threading, time
sys.path.insert(0, {root!r})
sys.setswitchinterval(0.0002)  # as the window sets it
gaps = [0.0]
ticking = True
def tick():
    last = time.perf_counter()
    while ticking:
        time.sleep(0.001)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
ticker = threading.Thread(target=tick)
import main
main.register_checkout_package()
from glyphwash.core import lexicon
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
ticker.start()
start = time.perf_counter()
step = {step!r}
if step == "top":
    lexicon.top_words()
elif step in lexicon.SCRIPT_LANGUAGES:
    lexicon.script_table(step)
elif step == "lookups":
    table = lexicon.language_table("en")
    start = time.perf_counter()
    for _ in range(100_000):
        table.zipf("claim")
elif step == "clean-english":
    from glyphwash.core.engine import analyze
    text = open({english!r}, encoding="utf-8").read()
    analyze("warm up the tables")
    start = time.perf_counter()
    analyze(text)
else:
    lexicon.language_table(step)
seconds = time.perf_counter() - start
ticking = False
ticker.join()
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tables = lexicon.language_table.cache_info().currsize + lexicon.script_table.cache_info().currsize
print(json.dumps({{"seconds": seconds, "rss_mb": (after - before) / 1024, "wordfreq": "wordfreq" in sys.modules,
                  "tables": tables, "hold_s": max(gaps)}}))
"""


def run(step: str, cache: Path) -> dict[str, float]:
    english = ROOT.parent / "shared" / "corpora" / "english" / "pride_and_prejudice.txt"
    code = STEP.format(root=str(ROOT), step=step, english=str(english))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={"GLYPHWASH_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"})
    found: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return found


def main_() -> int:
    with tempfile.TemporaryDirectory(prefix="glyphwash-lexicon-") as directory:
        cache = Path(directory)
        print(f"{'table':10s} {'derive s':>9s} {'derive MB':>10s} {'load s':>8s} {'load MB':>8s} {'disk MB':>8s} "
              f"{'hold ms':>8s}")
        for step in ("en", "Cyrillic", "Greek", "top"):
            derived = run(step, cache)
            loaded = run(step, cache)
            disk = sum(path.stat().st_size for path in cache.glob(f"lexicon-{step}-*")) / 1e6
            print(f"{step:10s} {derived['seconds']:9.2f} {derived['rss_mb']:10.0f} {loaded['seconds']:8.3f} "
                  f"{loaded['rss_mb']:8.0f} {disk:8.1f} {derived['hold_s'] * 1000:8.0f}"
                  + ("" if not loaded["wordfreq"] else "  (imported wordfreq)"))
        lookups = run("lookups", cache)
        print(f"100,000 lookups: {lookups['seconds']:.3f} s")
        if (ROOT.parent / "shared").is_dir():
            english = run("clean-english", cache)
            print(f"analyze Pride and Prejudice (clean English): {english['seconds']:.3f} s, "
                  f"word tables loaded: {english['tables']:.0f}, wordfreq imported: {english['wordfreq']}")
    return 0


if __name__ == "__main__":
    sys.exit(main_())
