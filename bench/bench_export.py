"""The window's File › Export on dense text: time and size of the HTML report and the JSON record,
and how long the window stalls while it exports.

The sample article repeated to 1.25, 2.5 and 5 MB (a change every few words): the export walks the
lines and changes once, so its time and size grow in proportion (the per-MB columns stay flat).
Then the largest size is opened in the real main window (offscreen, ``bench/gui_harness.py``), a
kind of its changes reverted, and exported from File › Export as HTML and as JSON: the time until
the file is written and the longest gap of a 10 ms heartbeat timer meanwhile (the issue's target:
longest stall ≤ 0.25 s).

    python bench/bench_export.py [--sizes 1.25,2.5,5] [--no-window]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import main  # noqa: E402

main.register_checkout_package()  # this checkout is the glyphwash package, whatever is installed
from glyphwash.core.encoding.decoding import decode_bytes  # noqa: E402
from glyphwash.core.engine import EngineConfig  # noqa: E402
from glyphwash.core.export import RuleColors, html_report, json_report  # noqa: E402
from glyphwash.core.view.document import ReviewDocument  # noqa: E402

MB = 1 << 20
STALL_TARGET = 0.25
COLORS = {"homoglyphs": RuleColors("#ffd8a8", "#7a4a12", "#e8590c", "wavy")}


def dense(size_mb: float) -> bytes:
    """The sample article repeated to about ``size_mb`` MB."""
    seed = (ROOT / "docs/examples/homoglyph-news.txt").read_text(encoding="utf-8")
    copies = max(1, int(size_mb * MB) // len(seed.encode("utf-8")))
    return ((seed.rstrip("\n") + "\n") * copies).encode("utf-8")


def measure(size_mb: float) -> None:
    data = dense(size_mb)
    document = ReviewDocument(decode_bytes(data), EngineConfig())
    document.state.set_accepted(range(0, document.state.count, 7), False)  # some reverted, as after a review
    start = time.perf_counter()
    page = html_report(document, COLORS, "dense.txt")
    html_seconds = time.perf_counter() - start
    start = time.perf_counter()
    record = json_report(document, "dense.txt")
    json_seconds = time.perf_counter() - start
    megabytes = len(data) / MB
    html_mb = len(page.encode("utf-8")) / MB
    print(f"{megabytes:5.2f} MB, {document.state.count:>7,} changes: html {html_seconds:6.2f} s "
          f"({html_seconds / megabytes:.2f} s/MB), {html_mb:6.1f} MB ({html_mb / megabytes:.1f}x); "
          f"json {json_seconds:5.2f} s ({json_seconds / megabytes:.2f} s/MB), "
          f"{len(record.encode('utf-8')) / MB:5.1f} MB", flush=True)


def measure_window(size_mb: float) -> None:
    """Export from the window: seconds until written and the longest stall, per kind."""
    from gui_harness import Harness, verdict

    harness = Harness()
    window = harness.window
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "dense.txt"
        source.write_bytes(dense(size_mb))
        tab = window.open_paths([str(source)])[0]
        if not harness.wait(lambda: tab.document is not None and tab.left.fully_formatted
                            and tab.right.fully_formatted, 600):
            print(f"window: {source.name} did not load: {window.last_message}")
            return
        tab.toggle_group(0, False)  # one kind of change reverted, as after a review
        harness.wait(lambda: False, 0.5)  # let the review step's repaint settle
        for kind, action in (("html", "export_html"), ("json", "export_json")):
            target = Path(folder) / f"dense-report.{kind}"
            window.prompts.ask_export_path = lambda suggestion, kind, target=target: str(target)
            written: list[object] = []
            window.exporter.finished.connect(written.append)
            harness.reset_heartbeat()
            start = time.perf_counter()
            window.actions[action].trigger()
            returned = time.perf_counter() - start
            harness.wait(written.copy, 600)  # a non-empty list once the export is over
            seconds = time.perf_counter() - start
            stall = harness.longest_stall
            window.exporter.finished.disconnect(written.append)
            size = target.stat().st_size / MB if target.exists() else 0.0
            count = tab.document.state.count
            print(f"window {kind:4}: {size_mb:.2f} MB, {count:,} changes: written in {seconds:5.2f} s "
                  f"({size:5.1f} MB); the action returned in {returned * 1000:.0f} ms; "
                  f"longest stall {verdict(stall, STALL_TARGET)}", flush=True)
    harness.close()


def run() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1.25,2.5,5", help="input sizes in MB, comma-separated")
    parser.add_argument("--no-window", action="store_true", help="skip the export from the window")
    arguments = parser.parse_args()
    sizes = [float(size) for size in arguments.sizes.split(",")]
    for size in sizes:
        measure(size)
    if not arguments.no_window:
        measure_window(max(sizes))
    return 0


if __name__ == "__main__":
    sys.exit(run())
