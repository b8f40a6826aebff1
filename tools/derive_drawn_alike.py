"""Derive ``core/rules/drawn_alike.py``: the ASCII letters each letter of other scripts is drawn like.

Unicode's look-alike data (``confusables.txt``) pairs few letters of Tai Le, Ethiopic, Canadian
syllabics or Coptic with Latin ones, yet attackers use them (``ᥱ`` for ``e``). Where a word with
such a letter is read through the lexicon, every letter that makes a word used to be a candidate
(``mᥱ``: ``me``, ``my``, ``ma``), and nothing could be decided. A person decides by the shape.

The shape comes from GNU Unifont (one bitmap per character of the Basic Multilingual Plane;
Debian package ``unifont``, ``/usr/share/unifont/unifont.hex``; GPL-2+ with the font embedding
exception, or SIL OFL 1.1). Each glyph is cropped to its ink, averaged into an 8 × 8 grid of ink
density, and compared with the ASCII letters' by that grid, the top and bottom of the ink (an
``e`` sits on the x-height, an ``E`` reaches the capital height) and the proportions. The
weights are those that find the prototype of most of ``confusables.txt``'s pairs of a letter
with one ASCII letter (the table's answer key, not any attacker's table); a letter is listed
only if it is drawn as near to some ASCII letter as the typical such pair. The generated file
holds only which letters each one resembles, no glyph.

Run from the project root: ``python tools/derive_drawn_alike.py [unifont.hex]``.
"""

from __future__ import annotations

import math
import string
import sys
from collections import Counter
from pathlib import Path

import unicodedata2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import main  # noqa: E402

main.register_checkout_package()

from glyphwash.core.unicode.confusables import NEUTRAL_SCRIPTS  # noqa: E402
from glyphwash.core.unicode.unicode_data import data_lines, script_of  # noqa: E402

GRID = 8
EDGE_WEIGHT = 0.08
PROPORTION_WEIGHT = 0.1
NEAREST = 3
# Scripts with this many letters are ideographs and syllabaries of no Latin-like shapes.
LARGE_SCRIPT = 2000
# A letter is listed when it is drawn at most this near to an ASCII letter: the share of
# confusables.txt's pairs whose letter is at least that near to its prototype.
LISTED_SHARE = 0.9
# Of the nearest letters, those drawn this little farther than the nearest are listed: the share
# of confusables.txt's pairs (prototype among the nearest) whose prototype is that close behind.
CLOSE_BEHIND_SHARE = 0.95
OUTPUT = ROOT / "core/rules/drawn_alike.py"

Glyph = list[list[int]]
Features = tuple[list[float], int, int, float]


def load(path: Path) -> dict[int, Glyph]:
    glyphs = {}
    for line in path.read_text(encoding="ascii").splitlines():
        point, bits = line.split(":")
        width = len(bits) // 4
        rows = [int(bits[row * width // 4:(row + 1) * width // 4], 16) for row in range(16)]
        glyphs[int(point, 16)] = [[(row >> (width - 1 - x)) & 1 for x in range(width)] for row in rows]
    return glyphs


def features(glyph: Glyph) -> Features | None:
    height, width = len(glyph), len(glyph[0])
    rows = [y for y in range(height) if any(glyph[y])]
    columns = [x for x in range(width) if any(glyph[y][x] for y in range(height))]
    if not rows:
        return None
    top, left = rows[0], columns[0]
    tall, wide = rows[-1] - top + 1, columns[-1] - left + 1
    grid = []
    for cell_y in range(GRID):
        y0, y1 = top + cell_y * tall / GRID, top + (cell_y + 1) * tall / GRID
        for cell_x in range(GRID):
            x0, x1 = left + cell_x * wide / GRID, left + (cell_x + 1) * wide / GRID
            ink = area = 0.0
            for y in range(int(y0), min(height, math.ceil(y1))):
                part_y = min(y + 1, y1) - max(y, y0)
                for x in range(int(x0), min(width, math.ceil(x1))):
                    part = part_y * (min(x + 1, x1) - max(x, x0))
                    ink += glyph[y][x] * part
                    area += part
            grid.append(ink / area if area else 0.0)
    darkest = max(grid) or 1.0  # stroke width is the font's, not the letter's
    return [value / darkest for value in grid], top, rows[-1], math.log(wide / tall)


def distance(one: Features, other: Features) -> float:
    grid, top, bottom, shape = one
    grid2, top2, bottom2, shape2 = other
    return (sum(abs(a - b) for a, b in zip(grid, grid2, strict=True)) / GRID ** 2
            + EDGE_WEIGHT * (abs(top - top2) + abs(bottom - bottom2)) + PROPORTION_WEIGHT * abs(shape - shape2))


def nearest(glyph: Features, letters: dict[str, Features]) -> list[tuple[float, str]]:
    return sorted((distance(glyph, drawn), letter) for letter, drawn in letters.items())[:NEAREST]


def candidates(glyphs: dict[int, Glyph]) -> list[str]:
    """Letters of scripts with a small alphabet, not composed of others, that Unicode's data
    pairs with no ASCII letter (those are read from the data)."""
    paired = {chr(int(fields[0], 16)) for fields, _ in data_lines("confusables.txt")
              if len(fields[1].split()) == 1 and chr(int(fields[1], 16)).isascii()}
    sizes = Counter(script_of(chr(point)) for point in glyphs if chr(point).isalpha())
    return [chr(point) for point in sorted(glyphs)
            if (char := chr(point)).isalpha() and not char.isascii() and char not in paired
            and script_of(char) not in NEUTRAL_SCRIPTS | {"Latin"} and sizes[script_of(char)] < LARGE_SCRIPT
            and not unicodedata2.decomposition(char) and unicodedata2.category(char) != "Lm"]


def calibrated_limits(glyphs: dict[int, Glyph], letters: dict[str, Features]) -> tuple[float, float]:
    """How near confusables.txt's letters are drawn to their ASCII prototype, and how far behind
    the nearest letter the prototype is when it is among the nearest (at the shares above)."""
    near = []
    behind = []
    for fields, _ in data_lines("confusables.txt"):
        source, target = chr(int(fields[0], 16)), fields[1].split()
        if len(target) != 1 or not source.isalpha() or source.isascii() or ord(source) not in glyphs:
            continue
        prototype = chr(int(target[0], 16))
        drawn = features(glyphs[ord(source)])
        if prototype in letters and drawn is not None and not unicodedata2.decomposition(source):
            near.append(distance(drawn, letters[prototype]))
            ranked = dict((letter, found) for found, letter in nearest(drawn, letters))
            if prototype in ranked:
                behind.append(ranked[prototype] - min(ranked.values()))
    near.sort()
    behind.sort()
    return near[int(LISTED_SHARE * (len(near) - 1))], behind[int(CLOSE_BEHIND_SHARE * (len(behind) - 1))]


def main_() -> int:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unifont/unifont.hex")
    glyphs = load(path)
    letters = {letter: found for letter in string.ascii_letters if (found := features(glyphs[ord(letter)]))}
    limit, close = calibrated_limits(glyphs, letters)
    entries = []
    for char in candidates(glyphs):
        drawn = features(glyphs[ord(char)])
        if drawn is None:
            continue
        ranked = nearest(drawn, letters)
        if ranked[0][0] <= limit:
            alike = "".join(letter for found, letter in ranked if found <= ranked[0][0] + close)
            entries.append(f"{ord(char):04X}:{alike}")
    lines = [" ".join(entries[start:start + 12]) for start in range(0, len(entries), 12)]
    body = "\n".join(f'    "{line} "' for line in lines)
    OUTPUT.write_text(f'''"""Letters that Unicode's look-alike data pairs with no ASCII letter, and the
ASCII letters each is drawn most like, nearest first: generated by ``tools/derive_drawn_alike.py``
from the glyphs of GNU Unifont ({path.name}; GPL-2+ with the font embedding exception, or SIL OFL
1.1). Only the resemblance is kept, no glyph. Each entry is a code point in hex, a colon and up to {NEAREST}
letters.
"""

ENTRIES = (
{body}
)
''', encoding="utf-8")
    print(f"{len(entries)} letters listed (limit {limit:.3f}, close behind {close:.3f}) in {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main_())
