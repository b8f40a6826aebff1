"""Encoding detection against chardet 7, on inputs built by construction, plus timing.

Run from the project root (it reads the developers' ``../shared`` corpora)::

    python bench/bench_detection.py              # the development part, per code page
    python bench/bench_detection.py --held-aside # the part kept aside until the end
    python bench/bench_detection.py --corpus     # chardet's own test files (like dev_eval.py detect)
    python bench/bench_detection.py -v           # also list every input one of the two gets wrong
    python bench/bench_detection.py --calibrate  # fit the confidence tables of core/encoding/detection.py on the
                                                 # development part, grouped by source text

The inputs are genuine texts (the Bible translations in 46 languages, the Universal Dependencies
sentences, English prose, chardet's test files decoded with their labels, and the CJK test texts of
CPython's ``test/cjkencodings``) encoded into every code page that can hold them strictly: whole,
as 300-character excerpts and as single lines. English excerpts are also disguised with Cyrillic
and Greek look-alikes (every ``e``, every ``o``) and encoded in the code pages of those scripts:
the homoglyph texts this tool exists for. An input counts as right when the encoding named decodes
it to the text it was made from (as ``dev_eval.py`` judges); the project goes through
:func:`core.encoding.decoding.decode_bytes`, as the CLI does.

The texts are split by source: about a third of them (every third Bible language, the treebanks'
test files, the second half of the English novel, every third CJK text and chardet file) is the
held-aside part, measured only with ``--held-aside``.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GLYPHWASH_SHARED", ROOT.parent / "shared")).resolve()
CORPORA = SHARED / "corpora"
CJK_TESTS = Path(codecs.__file__).parent / "test" / "cjkencodings"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(SHARED / "eval"))

import main  # noqa: E402

main.register_checkout_package()

import chardet  # noqa: E402

from glyphwash.core.encoding import calibration, decoding, detection  # noqa: E402

# Every code page chardet 7 can name (its registry less the UTFs and ASCII), and the common
# narrower or older members of the CJK families that files are labelled with.
CHARDET_CODE_PAGES = tuple(
    name for name in __import__("chardet.registry", fromlist=["REGISTRY"]).REGISTRY
    if not name.startswith(("utf", "ascii")))
EXTRA_CODE_PAGES = ("gb2312", "gbk", "big5", "cp950", "shift_jis", "euc_jp", "iso2022_jp", "iso8859-11")
CODE_PAGES = CHARDET_CODE_PAGES + EXTRA_CODE_PAGES
# CJK code pages by the language of the texts they hold: GB2312 has kana and Cyrillic, but a
# Russian or Japanese text in it is not what such files are.
CJK_BY_LANGUAGE = {
    "zh": frozenset({"gb2312", "gbk", "gb18030", "hz", "big5", "cp950", "big5hkscs"}),
    "ja": frozenset({"shift_jis", "cp932", "shift_jis_2004", "euc_jp", "euc_jis_2004", "iso2022_jp",
                     "iso2022_jp_2", "iso2022_jp_2004", "iso2022_jp_ext"}),
    "ko": frozenset({"euc_kr", "cp949", "johab", "iso2022_kr"}),
}
CJK_CODE_PAGES = frozenset().union(*CJK_BY_LANGUAGE.values())

_RE_KANA = re.compile("[\u3040-\u30ff]")
_RE_HAN = re.compile("[\u4e00-\u9fff]")
_RE_HANGUL = re.compile("[\uac00-\ud7af]")
_RE_DECLARED = re.compile(r"""(?i)(charset|encoding)\s*=\s*["']?[\w.:-]*["']?""")
EXCERPT_CHARS = 300
EXCERPTS_PER_TEXT = 3
LINES_PER_TEXT = 3
MIN_LINE_CHARS = 20
WHOLE_CHARS = 60_000  # chardet reads 200 KB; a longer text adds nothing but time


class Source(NamedTuple):
    name: str  # group/file, for reports
    text: str
    held_aside: bool


class Input(NamedTuple):
    source: str
    shape: str  # whole, excerpt, line, homoglyph
    code_page: str
    data: bytes
    text: str


def _every_third(paths: list[Path]) -> Iterator[tuple[Path, bool]]:
    """Sorted paths, each with whether it is held aside (every third, from the third on)."""
    for index, path in enumerate(sorted(paths)):
        yield path, index % 3 == 2


def sources() -> list[Source]:
    """The genuine texts, each marked development or held aside."""
    found: list[Source] = []
    for path, held in _every_third(list((CORPORA / "bible").glob("*.txt"))):
        found.append(Source(f"bible/{path.stem}", path.read_text(encoding="utf-8-sig"), held))
    for path in sorted((CORPORA / "ud-treebanks").glob("*/*.sentences.txt")):
        found.append(Source(f"ud/{path.stem}", path.read_text(encoding="utf-8-sig"), "-test" in path.name))
    if CJK_TESTS.is_dir():
        for path, held in _every_third([p for p in CJK_TESTS.glob("*-utf8.txt")]):
            found.append(Source(f"cjk/{path.stem}", path.read_text(encoding="utf-8"), held))
    chardet_tests = CORPORA / "chardet-tests"
    for folder in sorted(p for p in chardet_tests.iterdir() if p.is_dir()):
        label = _label(folder.name)
        if label is None or label.startswith(("utf", "ascii")):
            continue
        for path, held in _every_third([p for p in folder.iterdir() if p.is_file()]):
            try:
                text = path.read_bytes().decode(label)
            except UnicodeDecodeError:
                continue
            # Markup naming its charset: re-encoded, the declaration would lie (and decide).
            text = _RE_DECLARED.sub("", text)
            found.append(Source(f"chardet/{folder.name}/{path.name}", text, held))
    return found


def _label(folder: str) -> str | None:
    """The Python codec of a chardet-tests folder name (``windows-1250-czech`` → cp1250)."""
    parts = folder.split("-")
    name = "-".join(parts[:-1]) if len(parts) > 1 and not parts[-1].isdigit() else folder
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _cjk_language(text: str) -> str | None:
    """zh, ja or ko for a text mostly in CJK characters, else None."""
    kana, han, hangul = (len(pattern.findall(text)) for pattern in (_RE_KANA, _RE_HAN, _RE_HANGUL))
    letters = sum(map(str.isalpha, text))
    if kana + han + hangul < letters * 0.3:
        return None
    if hangul > (kana + han) * 0.3:
        return "ko"
    return "ja" if kana > han * 0.05 else "zh"


def _excerpts(text: str) -> list[str]:
    """Excerpts of 300 characters from a line start at evenly spaced places holding non-ASCII text."""
    found: list[str] = []
    if len(text) <= EXCERPT_CHARS * 2:
        return found
    for part in range(EXCERPTS_PER_TEXT):
        start = text.find("\n", len(text) * part // EXCERPTS_PER_TEXT) + 1
        excerpt = text[start:start + EXCERPT_CHARS]
        if len(excerpt) == EXCERPT_CHARS and not excerpt.isascii():
            found.append(excerpt)
    return found


def _lines(text: str) -> list[str]:
    """A few single lines with non-ASCII text, evenly spaced through the text."""
    candidates = [line for line in text.splitlines() if len(line) >= MIN_LINE_CHARS and not line.isascii()]
    if not candidates:
        return []
    step = max(len(candidates) // LINES_PER_TEXT, 1)
    return candidates[step // 2::step][:LINES_PER_TEXT]


HOMOGLYPHS = {"e": "\u0435", "o": "\u03bf"}  # Cyrillic е, Greek ο
HOMOGLYPH_CODE_PAGES = {"e": ("cp1251", "koi8-r", "iso8859-5", "cp866", "mac-cyrillic", "cp855", "koi8-u"),
                        "o": ("cp1253", "iso8859-7", "mac-greek", "cp737", "cp869")}


def inputs(held_aside: bool) -> list[Input]:
    """Every input of one part, deduplicated per code page."""
    made: list[Input] = []
    seen: set[tuple[str, bytes]] = set()

    def add(source: str, shape: str, code_page: str, text: str) -> None:
        try:
            data = text.encode(code_page)
        except (UnicodeEncodeError, UnicodeDecodeError):
            return
        if (data.isascii() and code_page not in CJK_CODE_PAGES) or (code_page, data) in seen:
            return
        seen.add((code_page, data))
        made.append(Input(source, shape, code_page, data, text))

    for source in sources():
        if source.held_aside != held_aside:
            continue
        text = source.text.replace("\r\n", "\n")
        language = _cjk_language(text)
        pieces = [("whole", text[:WHOLE_CHARS])] + [("excerpt", e) for e in _excerpts(text)] \
            + [("line", line) for line in _lines(text)]
        for code_page in CODE_PAGES:
            if code_page in CJK_CODE_PAGES and code_page not in CJK_BY_LANGUAGE.get(language, ()):
                continue
            for shape, piece in pieces:
                add(source.name, shape, code_page, piece)
    english = (CORPORA / "english" / "pride_and_prejudice.txt").read_text(encoding="utf-8")
    half = len(english) // 2
    english = english[half:] if held_aside else english[:half]
    for index in range(12):
        start = english.find("\n\n", len(english) * index // 12) + 2
        excerpt = english[start:start + (EXCERPT_CHARS if index % 2 else EXCERPT_CHARS * 10)]
        for letter, code_pages in HOMOGLYPH_CODE_PAGES.items():
            disguised = excerpt.replace(letter, HOMOGLYPHS[letter])
            for code_page in code_pages:
                add("english/homoglyph", "homoglyph", code_page, disguised)
    return made


def decodes_same(data: bytes, encoding: str, text: str) -> bool:
    """Whether ``encoding`` decodes ``data`` to ``text`` (a BOM aside), as dev_eval.py judges."""
    try:
        return data.decode(encoding).lstrip("\ufeff") == text.lstrip("\ufeff")
    except (UnicodeDecodeError, LookupError, TypeError):
        return False


def project_guess(data: bytes) -> tuple[str, float]:
    """The encoding and confidence the CLI reports for ``data``."""
    try:
        document = decoding.decode_bytes(data)
    except decoding.LoadError:
        return "", 0.0
    return document.encoding, document.confidence


def chardet_guess(data: bytes) -> str:
    return str(chardet.detect(data, prefer_superset=False)["encoding"] or "")


class Outcome(NamedTuple):
    item: Input
    project: str
    confidence: float
    project_ok: bool
    chardet: str
    chardet_ok: bool
    seconds: float


def measure(items: list[Input]) -> list[Outcome]:
    outcomes = []
    for item in items:
        start = time.perf_counter()
        guess, confidence = project_guess(item.data)
        seconds = time.perf_counter() - start
        raw = chardet_guess(item.data)
        outcomes.append(Outcome(item, guess, confidence, decodes_same(item.data, guess, item.text), raw,
                                decodes_same(item.data, raw, item.text), seconds))
    return outcomes


def print_table(outcomes: list[Outcome]) -> None:
    by_page: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_page[outcome.item.code_page].append(outcome)
    print(f"{'code page':18s} {'inputs':>6s} {'project':>8s} {'chardet':>8s}")
    worse = []
    for page in sorted(by_page, key=lambda name: (name not in CJK_CODE_PAGES, name)):
        rows = by_page[page]
        project = sum(o.project_ok for o in rows) / len(rows)
        reference = sum(o.chardet_ok for o in rows) / len(rows)
        mark = " <" if project < reference and len(rows) >= 10 else ""
        if mark:
            worse.append(page)
        print(f"{page:18s} {len(rows):6d} {project:8.2%} {reference:8.2%}{mark}")
    n = len(outcomes)
    project = sum(o.project_ok for o in outcomes) / n
    reference = sum(o.chardet_ok for o in outcomes) / n
    print(f"{'overall':18s} {n:6d} {project:8.2%} {reference:8.2%}  "
          f"(difference {100 * (project - reference):+.2f} points)")
    shapes: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        shapes[outcome.item.shape].append(outcome)
    for shape, rows in sorted(shapes.items()):
        print(f"  {shape:16s} {len(rows):6d} {sum(o.project_ok for o in rows) / len(rows):8.2%} "
              f"{sum(o.chardet_ok for o in rows) / len(rows):8.2%}")
    print("code pages (>= 10 inputs) where the project is below chardet:", ", ".join(worse) or "none")


MIN_JUDGED_INPUTS = 30  # a decile or level with fewer inputs is shown but not judged


def print_calibration(outcomes: list[Outcome]) -> None:
    """Shown confidence against observed accuracy, per decile of confidence, then per level shown.

    A decile is judged (within 5 points) only with at least MIN_JUDGED_INPUTS inputs: fewer come
    from a handful of texts and say little. The levels are the distinct confidences shown; those
    called sure (core.encoding.detection.is_sure) must be right at least SURE_CONFIDENCE of the time.
    """
    deciles: dict[int, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        deciles[min(int(outcome.confidence * 10), 9)].append(outcome)
    print(f"calibration: decile, inputs, mean confidence shown, accuracy observed "
          f"(judged with >= {MIN_JUDGED_INPUTS} inputs)")
    for decile in sorted(deciles):
        rows = deciles[decile]
        shown = sum(o.confidence for o in rows) / len(rows)
        right = sum(o.project_ok for o in rows) / len(rows)
        if len(rows) < MIN_JUDGED_INPUTS:
            flag = "  (not judged: too few inputs)"
        else:
            flag = "" if abs(shown - right) <= 0.05 else "  (off by more than 5 points)"
        print(f"  {decile * 10:3d}-{decile * 10 + 10:3d}% {len(rows):6d} {shown:8.2%} {right:8.2%}{flag}")
    levels: dict[float, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        levels[outcome.confidence].append(outcome)
    print(f"levels shown to at least {MIN_JUDGED_INPUTS} inputs: confidence, inputs, accuracy, sure")
    for level in sorted(levels):
        rows = levels[level]
        if len(rows) < MIN_JUDGED_INPUTS:
            continue
        right = sum(o.project_ok for o in rows) / len(rows)
        sure = detection.is_sure(level)
        flag = "  (sure below the threshold)" if sure and right < detection.SURE_CONFIDENCE else ""
        print(f"  {level:8.2%} {len(rows):6d} {right:8.2%}  {'sure' if sure else 'guess'}{flag}")
    print(f"  other levels: {sum(len(rows) for rows in levels.values() if len(rows) < MIN_JUDGED_INPUTS)} inputs")


def print_timing(outcomes: list[Outcome]) -> None:
    times = sorted(o.seconds for o in outcomes)
    total = sum(times)
    print(f"project time per input: mean {total / len(times) * 1000:.1f} ms, "
          f"median {times[len(times) // 2] * 1000:.1f} ms, slowest {times[-1] * 1000:.0f} ms "
          f"(total {total:.1f} s)")


def print_failures(outcomes: list[Outcome]) -> None:
    for o in outcomes:
        if o.project_ok != o.chardet_ok or not o.project_ok:
            tag = "LOSS" if o.chardet_ok else "WIN " if o.project_ok else "BOTH"
            digest = hashlib.sha1(o.item.data).hexdigest()[:6]
            print(f"{tag} {o.item.code_page:14s} {o.item.shape:9s} {len(o.item.data):6d}B {o.item.source[:40]:40s} "
                  f"{digest} project {o.project} ({o.confidence:.2f}), chardet {o.chardet}")


def corpus_outcomes() -> list[Outcome]:
    """chardet's own test files, labelled by folder (the ``dev_eval.py detect`` set)."""
    import dev_eval

    items = []
    for path, truth in dev_eval.detect_cases():
        data = path.read_bytes()
        if dev_eval.decodes_same(data, truth, truth) is None:
            continue
        items.append(Input(f"{path.parent.name}/{path.name}", "file", truth, data, data.decode(truth)))
    return measure(items)


STRENGTHS = (10, 40, 150, 600)  # shrinkage strengths tried, in inputs (the best out-of-source one is kept)
MAX_LEVEL_ERROR = 0.025  # a level's share right must be known to within this (cluster-robust SE)


def source_text(source: str) -> str:
    """The source text an input was made from, for grouping: one text's inputs stand or fall
    together. A treebank's train and dev sentences are one text (same corpus, same annotators)."""
    kind, _, rest = source.partition("/")
    return f"ud/{rest.split('-ud-')[0]}" if kind == "ud" else source


class Ranked(NamedTuple):
    evidence: tuple[object, ...]
    first: object  # detection._Scored
    right: bool
    group: str


def ranked_inputs(parts: tuple[bool, ...]) -> list[Ranked]:
    """The inputs of the given parts that reach :func:`core.encoding.detection.rank_candidates`, ranked.

    Only those count (not UTF-8, escape encodings or UTF-16/32).
    """
    found = []
    for item in (item for held in parts for item in inputs(held)):
        if project_path(item.data) != "detection":
            continue
        ranked, evidence = detection._rank(item.data)
        found.append(Ranked(tuple(evidence), ranked[0],
                            decodes_same(item.data, ranked[0].canonical, item.text), source_text(item.source)))
    return found


def print_confidence_table(parts: tuple[bool, ...]) -> None:
    """Fit the confidence of core/encoding/detection.py on the given parts (held aside or not), print it.

    The class rates (``_MEASURED``) with the shrinkage strength whose out-of-source rates predict
    best, then the levels (``_LEVELS``): a supported isotonic map from those out-of-source rates to
    the share right (see :mod:`core.encoding.calibration`). Inputs whose first candidate cannot
    decode them are left out (their confidence is cut anyway).
    """
    rows = [row for row in ranked_inputs(parts) if not row.first.reading.undecodable]  # type: ignore[attr-defined]
    observations = [calibration.Observation(row.evidence, row.right, row.group) for row in rows]
    outcomes = [row.right for row in rows]
    print(f"fitted on {len(rows)} ranked inputs from {len({row.group for row in rows})} source texts")
    losses = {}
    for strength in STRENGTHS:
        predictions = calibration.out_of_group_rates(observations, strength)
        losses[strength] = (calibration.log_loss(predictions, outcomes), predictions)
        print(f"strength {strength:4d}: out-of-source log-loss {losses[strength][0]:.4f}")
    strength = min(losses, key=lambda k: losses[k][0])
    rate = calibration.shrunk_rates(observations, strength)
    print(f"STRENGTH = {strength}")
    print("_MEASURED: dict[tuple[bool, int, int, int], tuple[float, float]] = {")
    keys = [(agrees, margin, anomaly, distinctive) for agrees in (False, True) for margin in range(4)
            for anomaly in range(4) for distinctive in range(4)]
    for start in range(0, len(keys), 3):
        line = keys[start:start + 3]
        print("    " + " ".join(f"{key!r}: ({rate((*key, False)):.4f}, {rate((*key, True)):.4f})," for key in line))
    print("}")
    levels = calibration.supported_levels(
        zip(losses[strength][1], outcomes, (row.group for row in rows), strict=True), MAX_LEVEL_ERROR)
    print("_LEVELS: tuple[tuple[float, float], ...] = (")
    for level in levels:
        print(f"    ({level.bound:.4f}, {level.rate:.4f}),  # {level.inputs} inputs from {level.groups} texts, "
              f"standard error {level.standard_error:.3f}")
    print(")")


def project_path(data: bytes) -> str:
    """How :func:`core.encoding.decoding.decode_bytes` decides on ``data``: ``detection`` when it ranks."""
    if decoding.split_bom(data)[1] is not None or decoding._sniff_utf16_32(data) is not None:
        return "unicode"
    if decoding.recognise_escape_encoding(data) is not None:
        return "escape"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "detection"
    return "utf-8"


def main_() -> None:
    if not CORPORA.is_dir():
        sys.exit(f"no corpora at {CORPORA}")
    verbose = "-v" in sys.argv
    if "--calibrate" in sys.argv:
        print_confidence_table((False,))
        return
    if "--corpus" in sys.argv:
        outcomes = corpus_outcomes()
        label = "chardet's test files"
    else:
        held = "--held-aside" in sys.argv
        items = inputs(held)
        label = "held-aside part" if held else "development part"
        print(f"{label}: {len(items)} inputs from {len({i.source for i in items})} texts "
              f"(CPython CJK texts {'found' if CJK_TESTS.is_dir() else 'missing'})")
        outcomes = measure(items)
    if verbose:
        print_failures(outcomes)
    print_table(outcomes)
    print_calibration(outcomes)
    print_timing(outcomes)


if __name__ == "__main__":
    main_()
