"""The window's File › Export on dense text: time and size of the HTML report and the JSON record.

The sample article repeated to 1.25, 2.5 and 5 MB (a change every few words): the export walks the
lines and changes once, so its time and size grow in proportion (the per-MB columns stay flat).

    python bench/bench_export.py [--sizes 1.25,2.5,5]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import main  # noqa: E402,F401  (registers the checkout as the glyphwash package)
from glyphwash.core.encoding.decoding import decode_bytes  # noqa: E402
from glyphwash.core.engine import EngineConfig  # noqa: E402
from glyphwash.core.export import RuleColors, html_report, json_report  # noqa: E402
from glyphwash.core.view.document import ReviewDocument  # noqa: E402

MB = 1 << 20
COLORS = {"homoglyphs": RuleColors("#ffd8a8", "#7a4a12", "#e8590c", "wavy")}


def measure(size_mb: float) -> None:
    seed = (ROOT / "docs/examples/homoglyph-news.txt").read_text(encoding="utf-8")
    copies = max(1, int(size_mb * MB) // len(seed.encode("utf-8")))
    data = ((seed.rstrip("\n") + "\n") * copies).encode("utf-8")
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


def run() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1.25,2.5,5", help="input sizes in MB, comma-separated")
    for size in parser.parse_args().sizes.split(","):
        measure(float(size))
    return 0


if __name__ == "__main__":
    sys.exit(run())
