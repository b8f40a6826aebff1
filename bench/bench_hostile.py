"""Hostile runs: ``glyphwash report`` against the sample article, and the window on two of them.

Run from the project root: ``python bench/bench_hostile.py [--only NAME] [--skip-gui] [--keep DIR]``.

Part 1, the CLI. Each input is 200,000 characters: a run of one hostile character (ZWJ, ZWNJ
inside a word, NUL inside a word, ZWSP, RLO, and the other runs the rules look past or merge:
variation selectors, combining marks on one base, tag characters, CGJ, Hangul fillers, regional
indicators, emoji modifiers, no-break and ideographic spaces, a mixed-script word). ``report``
runs on each in a subprocess (best of three) and the time is compared with 200,000 characters of
the sample article (``docs/examples/homoglyph-news.txt``, repeated):
the target is at most ten times as long for the first five; the others are shown for comparison.

Part 2, the window (offscreen, a fresh process per measurement, see ``gui_harness.py``), on a
word with 3,000 ZWNJ inside and on a line of 300,000 RLO (and one where every other character is
an RLO): the longest event-loop stall while it loads, how long Cancel takes to remove the tab,
how long closing the tab takes (and the stall around it), a repaint, and revert all (until shown,
as ``bench_gui.py`` times a review step, and then the longest stall while the rest is brought up
to date). Targets: stall ≤ 0.25 s, Cancel and close
≤ 0.5 s, repaint ≤ 0.25 s (a repaint is a stall), revert all shown ≤ 1 s.

Every target prints MET or MISSED.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from gui_harness import ROOT, Harness, verdict

RUN = 200_000
RATIO_TARGET = 10.0
STALL, CANCEL, CLOSE, REPAINT, REVERT = 0.25, 0.5, 0.5, 0.25, 1.0
ARTICLE = ROOT / "docs/examples/homoglyph-news.txt"

# name → the text for a run of n characters; the first five have the target.
TARGETED = ("ZWJ", "ZWNJ inside a word", "NUL inside a word", "ZWSP", "RLO")
RUNS: dict[str, Callable[[int], str]] = {
    "ZWJ": lambda n: "\u200d" * n,
    "ZWNJ inside a word": lambda n: "word" + "\u200c" * (n - 8) + "word",
    "NUL inside a word": lambda n: "word" + "\x00" * (n - 8) + "word",
    "ZWSP": lambda n: "\u200b" * n,
    "RLO": lambda n: "\u202e" * n,
    "VS16 after a letter": lambda n: "a" + "\ufe0f" * (n - 1),
    "variation selectors after an ideograph": lambda n: "\u4e00" + "\ufe00" * (n - 1),
    "U+0301 on one base": lambda n: "a" + "\u0301" * (n - 1),
    "tag characters": lambda n: "x" + "\U000e0041" * (n - 1),
    "CGJ": lambda n: "\u034f" * n,
    "Hangul fillers": lambda n: "\u115f" * n,
    "regional indicators": lambda n: "\U0001f1fa" * n,
    "emoji modifiers": lambda n: "\U0001f44d" + "\U0001f3fb" * (n - 1),
    "no-break spaces": lambda n: "\u00a0" * n,
    "ideographic spaces between letters": lambda n: "a" + "\u3000" * (n - 2) + "b",
    "mixed-script word": lambda n: "\u0430b" * (n // 2),
}
WINDOW_INPUTS: dict[str, str] = {
    "3,000 ZWNJ inside a word": "word" + "\u200c" * 3000 + "word\n",
    "a line of 300,000 RLO": "before " + "\u202e" * 300_000 + " after\n",
    "a line of 150,000 x + RLO": "x\u202e" * 150_000 + "\n",
    "a line of 9,000 x + RLO": "x\u202e" * 9_000 + "\n",
}


def write_cli_inputs(folder: Path, only: str | None) -> list[tuple[str, Path]]:
    inputs: list[tuple[str, Path]] = []
    text = ARTICLE.read_text(encoding="utf-8")
    inputs.append(("article", folder / "article.txt"))
    inputs[-1][1].write_text((text * (RUN // len(text) + 1))[:RUN], encoding="utf-8", newline="")
    for number, (name, make) in enumerate(RUNS.items()):
        if only and only.lower() not in name.lower():
            continue
        path = folder / f"run{number}.txt"
        path.write_text(make(RUN), encoding="utf-8", newline="")
        inputs.append((name, path))
    return inputs


def time_report(path: Path, tries: int = 3) -> tuple[float, int]:
    """The best wall time of ``glyphwash report PATH`` in a subprocess, and its exit code."""
    best, code = float("inf"), 0
    for _ in range(tries):
        begin = time.perf_counter()
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), "report", str(path)],
                              capture_output=True, timeout=600, check=False)
        best, code = min(best, time.perf_counter() - begin), done.returncode
    return best, code


def cli_part(folder: Path, only: str | None) -> None:
    print(f"\n== glyphwash report, {RUN:,}-character inputs (best of 3)")
    baseline: float | None = None
    for name, path in write_cli_inputs(folder, only):
        seconds, code = time_report(path)
        if name == "article":
            baseline = seconds
            print(f"  {'article (baseline)':40} {seconds:7.3f} s")
            continue
        ratio = seconds / baseline if baseline else None
        shown = f"{seconds:7.3f} s" + (f"  {ratio:5.1f}× the article" if ratio is not None else "")
        if code not in (0, 1):
            shown += f"  (exit {code})"
        if name in TARGETED:
            met = ratio is not None and ratio <= RATIO_TARGET
            shown += f"  (target ≤ {RATIO_TARGET:g}×: {'MET' if met else 'MISSED'})"
        print(f"  {name:40} {shown}")


# -- the window, one measurement per process -----------------------------------------------------

def measure(path: Path, mode: str) -> dict[str, object]:
    harness = Harness()
    window = harness.window
    result: dict[str, object] = {}
    harness.reset_heartbeat()
    tab = window.open_paths([str(path)])[0]
    if mode in ("cancel", "close"):
        harness.wait(lambda: tab.worker is not None and tab.worker.isRunning(), 30)
        harness.reset_heartbeat()
        pressed = time.perf_counter()
        if mode == "cancel":
            tab.cancel_button.click()
        else:
            window.close_tab(window.tabs.indexOf(tab))
            result["close_returned"] = time.perf_counter() - pressed
        gone = harness.wait(lambda: window.tabs.count() == 0, 30)
        result[mode] = time.perf_counter() - pressed if gone else None
        harness.wait(lambda: False, 0.3)  # what the detached worker's end costs the window
        result["stall"] = harness.longest_stall
        harness.close()
        return result
    loaded = harness.wait(lambda: tab.document is not None and tab.left.fully_formatted
                          and tab.right.fully_formatted, 300)
    result["stall"] = harness.longest_stall
    if not loaded:
        result["error"] = window.last_message or "not loaded in 300 s"
        return result
    result["changes"] = tab.document.state.count
    result["repaint"] = min(harness.repaint(tab) for _ in range(3))
    begin = time.perf_counter()
    tab.toggle_all(False)
    harness.app.processEvents()
    result["revert_shown"] = time.perf_counter() - begin
    harness.reset_heartbeat()  # the step itself is timed above; what follows is background work
    done = harness.wait(lambda: tab.left.fully_formatted and tab.right.fully_formatted and not tab.busy, 300)
    result["revert_done"] = time.perf_counter() - begin if done else None
    result["revert_stall"] = harness.longest_stall
    result["revert_correct"] = tab.right.document().toPlainText() == tab.document.right().display.text
    harness.close()
    return result


def run_child(path: Path, mode: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, __file__, "--child", str(path), "--mode", mode],
                          capture_output=True, text=True, timeout=1800, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": f"exit {done.returncode}: {done.stderr.strip()[-800:]}"}
    return json.loads(lines[-1])  # type: ignore[no-any-return]


def window_part(folder: Path, only: str | None) -> None:
    for number, (name, text) in enumerate(WINDOW_INPUTS.items()):
        if only and only.lower() not in name.lower():
            continue
        path = folder / f"window{number}.txt"
        path.write_text(text, encoding="utf-8", newline="")
        print(f"\n== the window: {name}")
        shown = run_child(path, "show")
        if "error" in shown:
            print(f"  error: {shown['error']}")
            continue
        print(f"  changes: {shown['changes']}")
        print(f"  longest stall while loading: {verdict(seconds(shown, 'stall'), STALL)}")
        print(f"  repaint of both panes: {verdict(seconds(shown, 'repaint'), REPAINT)}")
        done = seconds(shown, "revert_done")
        print(f"  revert all: shown {verdict(seconds(shown, 'revert_shown'), REVERT)}, all done "
              f"{'—' if done is None else f'{done:.3f} s'}, longest stall "
              f"{verdict(seconds(shown, 'revert_stall'), STALL)}, right pane as the model: {shown['revert_correct']}")
        for mode, target, what in (("cancel", CANCEL, "Cancel during loading: tab gone after"),
                                   ("close", CLOSE, "closing the tab while loading: gone after")):
            measured = run_child(path, mode)
            if "error" in measured:
                print(f"  {what}: error: {measured['error']}")
                continue
            returned = seconds(measured, "close_returned")
            extra = "" if returned is None else f" (close_tab returned after {returned:.3f} s)"
            print(f"  {what} {verdict(seconds(measured, mode), target)}{extra}, "
                  f"longest stall {verdict(seconds(measured, 'stall'), STALL)}")


def seconds(result: dict[str, object], key: str) -> float | None:
    value = result.get(key)
    return float(value) if isinstance(value, (int, float)) else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only the inputs whose name contains this")
    parser.add_argument("--skip-gui", action="store_true", help="only the CLI part")
    parser.add_argument("--skip-cli", action="store_true", help="only the window part")
    parser.add_argument("--keep", help="write the inputs to this folder")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        print(json.dumps(measure(Path(options.child), options.mode)))
        return 0
    print(f"Glyphwash hostile-input benchmark · Python {sys.version.split()[0]} · {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(options.keep) if options.keep else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        if not options.skip_cli:
            cli_part(folder, options.only)
        if not options.skip_gui:
            window_part(folder, options.only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
