"""How many attacks built from public attacker tables the engine restores exactly, by class.

Run from the project root: ``python bench/bench_attacks.py [--tables FILE ...] [--held-aside]``.
Needs ../shared (the English novel and the genuine Cyrillic texts); prints nothing to measure
without it. Each table is ``{name: {"source": ..., "table": {ASCII letter: look-alikes}}}``;
``bench/data/attack_tables.json`` holds mimic's (MIT), more can be passed.

Classes (each case is a paragraph of three lines of Pride and Prejudice, the middle one attacked,
restored exactly when cleaning it gives what cleaning the unattacked paragraph gives):

* ``letter``: one letter of a dictionary word (three letters or more) replaced by a look-alike;
* ``two-letter``: one letter of an English two-letter word replaced;
* ``whole-word``: every letter of a word replaced (words the table can spell whole);
* ``cyrillic-two-letter``: real contamination the other way: in a genuine Russian or Serbian
  sentence (Ukrainian and Kazakh with ``--held-aside``), the letters of a Cyrillic two-letter word
  that have a Latin twin typed in Latin (``да`` → ``дa``, ``се`` → ``сe``).

``--held-aside`` builds the cases from the other half of the novel and other Cyrillic texts, with
other random choices: numbers to report beside the development ones, never to tune on.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

import main  # noqa: E402

main.register_checkout_package()

from glyphwash.core.changes import apply_changes  # noqa: E402
from glyphwash.core.engine import analyze  # noqa: E402

WORD = re.compile(r"(?<![A-Za-z'])[A-Za-z]+(?![A-Za-z'])")
CYRILLIC_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]{2}(?![^\W\d_])")
LATIN_TWINS = dict(zip("аеорсухіјАЕОРСХІЈТНМКВ", "aeopcyxijAEOPCXIJTHMKB", strict=True))
CASES_PER_PAIR = 3
TWO_LETTER_PER_PAIR = 2
WHOLE_WORDS_PER_TABLE = 80
CYRILLIC_CASES = 400


def clean(text: str) -> str:
    return apply_changes(text, analyze(text).changes)


def english_paragraphs(held_aside: bool) -> list[list[str]]:
    """Three-line windows of the novel's prose, from its first half (or second)."""
    lines = [line for line in (SHARED / "corpora/english/pride_and_prejudice.txt").read_text(
        encoding="utf-8").split("\n")]
    half = len(lines) // 2
    lines = lines[half:] if held_aside else lines[:half]
    return [lines[index - 1:index + 2] for index in range(1, len(lines) - 1)
            if len(WORD.findall(lines[index])) >= 8 and lines[index - 1] and lines[index + 1]]


def _dictionary_word(word: str) -> bool:
    import wordfreq

    return word.islower() and wordfreq.zipf_frequency(word, "en") >= 3.0


def _of_kind(word: str, kind: str, letter: str) -> bool:
    """Whether ``word`` is a target of the class: a two-letter word, or a dictionary word (any
    word for a capital letter, which starts names)."""
    if kind == "two-letter":
        return len(word) == 2 and (word.islower() or word in ("He", "It", "In", "My", "To", "Of", "On", "As"))
    return len(word) >= 3 and (_dictionary_word(word) or letter.isupper())


def english_cases(table: dict[str, str], rng: random.Random, held_aside: bool) -> list[tuple[str, str, str]]:
    """``(class, attacked paragraph, original paragraph)`` for one table."""
    paragraphs = english_paragraphs(held_aside)
    cases = []
    for letter, glyphs in sorted(table.items()):
        for glyph in glyphs:
            if glyph.isascii():
                continue  # ASCII for ASCII is no homoglyph attack (and never repaired)
            for kind, count in (("letter", CASES_PER_PAIR), ("two-letter", TWO_LETTER_PER_PAIR)):
                found = 0
                for _ in range(4000):
                    if found == count:
                        break
                    paragraph = rng.choice(paragraphs)
                    words = [match for match in WORD.finditer(paragraph[1])
                             if letter in match.group() and _of_kind(match.group(), kind, letter)]
                    if not words:
                        continue
                    match = rng.choice(words)
                    positions = [index for index, char in enumerate(match.group()) if char == letter]
                    position = match.start() + rng.choice(positions)
                    line = paragraph[1][:position] + glyph + paragraph[1][position + 1:]
                    cases.append((kind, "\n".join([paragraph[0], line, paragraph[2]]), "\n".join(paragraph)))
                    found += 1
    for _ in range(WHOLE_WORDS_PER_TABLE):
        for _ in range(4000):
            paragraph = rng.choice(paragraphs)
            words = [match for match in WORD.finditer(paragraph[1])
                     if len(match.group()) >= 2 and all(any(not glyph.isascii() for glyph in table.get(char, ""))
                                                        for char in match.group())]
            if words:
                match = rng.choice(words)
                spelled = "".join(rng.choice([glyph for glyph in table[char] if not glyph.isascii()])
                                  for char in match.group())
                line = paragraph[1][:match.start()] + spelled + paragraph[1][match.end():]
                cases.append(("whole-word", "\n".join([paragraph[0], line, paragraph[2]]), "\n".join(paragraph)))
                break
    return cases


def cyrillic_cases(rng: random.Random, held_aside: bool) -> list[tuple[str, str, str]]:
    """Genuine Cyrillic lines with one two-letter word's Latin-twinned letters typed in Latin."""
    if held_aside:
        paths = [SHARED / "corpora/bible/Ukranian-NT.txt",
                 *sorted(SHARED.glob("corpora/ud-treebanks/UD_Kazakh-KTB/*.sentences.txt"))]
    else:
        paths = sorted(SHARED.glob("corpora/ud-treebanks/UD_Russian-Taiga/*.sentences.txt")) + sorted(
            SHARED.glob("corpora/ud-treebanks/UD_Serbian-SET/*.sentences.txt"))
    lines = [line for path in paths for line in path.read_text(encoding="utf-8").lstrip("\ufeff").split("\n")
             if len(line.split()) >= 5]
    cases = []
    for _ in range(CYRILLIC_CASES):
        for _ in range(4000):
            line = rng.choice(lines)
            words = [match for match in CYRILLIC_WORD.finditer(line)
                     if any(char in LATIN_TWINS for char in match.group())
                     and all("\u0400" <= char <= "\u04ff" for char in match.group())]
            if words:
                match = rng.choice(words)
                twinned = [index for index, char in enumerate(match.group()) if char in LATIN_TWINS]
                if len(twinned) == len(match.group()):  # typed all in Latin it is an ASCII word: one only
                    twinned = [rng.choice(twinned)]
                typed = "".join(LATIN_TWINS[char] if index in twinned else char
                                for index, char in enumerate(match.group()))
                cases.append(("cyrillic-two-letter", line[:match.start()] + typed + line[match.end():], line))
                break
    return cases


def main_() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tables", nargs="*", default=[str(ROOT / "bench/data/attack_tables.json")])
    parser.add_argument("--held-aside", action="store_true")
    parser.add_argument("--show", type=int, default=0, help="print this many failures per class")
    arguments = parser.parse_args()
    if not SHARED.is_dir():
        print(f"bench_attacks: {SHARED} is absent (a fresh clone); nothing to measure.")
        return 0
    seed = "held-aside" if arguments.held_aside else "development"
    tables: dict[str, dict[str, str]] = {}
    for path in arguments.tables:
        for name, entry in json.loads(Path(path).read_text(encoding="utf-8")).items():
            tables[name] = entry["table"]
    totals: Counter[str] = Counter()
    restored: Counter[str] = Counter()
    failures: dict[str, list[tuple[str, str]]] = {}
    all_cases = [(name, case) for name, table in tables.items()
                 for case in english_cases(table, random.Random(f"{seed}-{name}"), arguments.held_aside)]
    all_cases += [("cyrillic", case) for case in cyrillic_cases(random.Random(seed), arguments.held_aside)]
    for name, (kind, attacked, original) in all_cases:
        ok = clean(attacked) == clean(original)
        for key in (kind, f"{name}/{kind}", "all"):
            totals[key] += 1
            restored[key] += ok
        if not ok:
            got, want = clean(attacked).split("\n"), clean(original).split("\n")
            failures.setdefault(kind, []).extend(
                (attacked_line, got_line) for attacked_line, got_line, want_line in zip(
                    attacked.split("\n"), got, want, strict=True) if got_line != want_line)
    print(f"{'set':>12s} {'class':36s} {'cases':>6s} {'restored':>9s}")
    for key in sorted(totals, key=lambda key: (key == "all", "/" not in key, key)):
        print(f"{seed:>12s} {key:36s} {totals[key]:6d} {restored[key] / totals[key]:9.2%}")
    for kind, shown in failures.items():
        for attacked_line, got_line in shown[:arguments.show]:
            print(f"  {kind}: {attacked_line!r}\n      -> {got_line!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main_())
