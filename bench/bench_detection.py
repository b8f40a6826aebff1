"""Mirror of ``dev_eval.py detect`` without the CLI, plus timing.

Run from the project root: ``python bench/bench_detection.py [-v]``. The decision chain is the
caller's: BOM, then :func:`sniff_bomless_utf16_32`, then escape-sequence encodings
(:func:`recognise_escape_encoding`), then strict UTF-8, then :func:`rank_candidates` ``[0]`` (or
BOM-less CJK UTF-16/32 when that reads as nonsense, or nothing when the bytes look binary).
"""

from __future__ import annotations

import codecs
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(SHARED / "eval"))

import main  # noqa: E402

main.register_checkout_package()

import chardet  # noqa: E402
import charset_normalizer  # noqa: E402
import dev_eval  # noqa: E402

from glyphwash.core import decoding, detection  # noqa: E402
from glyphwash.core.escapes import recognise_escape_encoding  # noqa: E402

BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def project_guess(data: bytes) -> str:
    """What the caller (core/decoding.py) is expected to do."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    sniffed = detection.sniff_bomless_utf16_32(data)
    if sniffed:
        return sniffed
    escaped = recognise_escape_encoding(data)
    if escaped is not None:
        return escaped.codec or ""
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = detection.rank_candidates(data)[0]
    if best.confidence < decoding.IMPLAUSIBLE_CONFIDENCE:
        wide = detection.sniff_wide_text_by_script(data)
        if wide:
            return wide
        if decoding.looks_binary_reason(data, best):
            return ""
    return best.encoding


def main_() -> None:
    verbose = "-v" in sys.argv
    cases = []
    for path, truth in dev_eval.detect_cases():
        data = path.read_bytes()
        if dev_eval.decodes_same(data, truth, truth) is None:
            continue
        cases.append((path, truth, data))
    score = {"project": 0, "chardet": 0, "charset_normalizer": 0}
    slowest = 0.0
    for path, truth, data in cases:
        start = time.perf_counter()
        guess = project_guess(data)
        slowest = max(slowest, time.perf_counter() - start)
        ok = bool(dev_eval.decodes_same(data, guess, truth))
        raw = chardet.detect(data, prefer_superset=False)["encoding"] or ""
        chardet_ok = bool(dev_eval.decodes_same(data, raw, truth))
        score["project"] += ok
        score["chardet"] += chardet_ok
        if "--peers" in sys.argv:
            best = charset_normalizer.from_bytes(data).best()
            score["charset_normalizer"] += bool(dev_eval.decodes_same(data, best.encoding if best else "", truth))
        if verbose and not ok:
            print(f"FAIL {path.parent.name}/{path.name}: {guess} (chardet {raw})")
        if verbose and ok and not chardet_ok:
            print(f"WIN  {path.parent.name}/{path.name}: {guess} (chardet {raw})")
    n = len(cases)
    print(", ".join(f"{k}={v / n:.2%}" for k, v in score.items()), f"on {n} files")
    print(f"ratio {score['project'] / max(score['chardet'], 1):.3f}; slowest call {slowest * 1000:.0f} ms")


if __name__ == "__main__":
    main_()
