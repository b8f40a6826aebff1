"""Guess the encoding of bytes that are neither BOM-marked nor valid UTF-8.

chardet (7.x) is a good first opinion but its confidence is uncalibrated, and it cannot know that a
file is English with Cyrillic look-alike letters: such a file in windows-1251 comes back as
windows-1252 and every Cyrillic ``е`` turns into ``å``. This module takes chardet's candidates, adds
their close relatives, decodes a bounded sample with each and re-ranks them by how plausible the
decoded text is, judged by Unicode properties only (no language model):

* characters that text does not contain: C0/C1 controls, unassigned and private-use code points,
  bytes the codec cannot decode;
* letters of unrelated scripts glued together inside one word (``Ð¿Ñ€``, ``Ïðèâåò``-style soup),
  whereas foreign letters that look exactly like Latin ones inside Latin words are a *consistent*
  reading: that is a homoglyph-laden text, which this tool exists to reveal;
* capital letters after small ones inside a word, which a wrong Cyrillic code page produces;
  symbols and odd punctuation touching or inside words (``kar±»s»``); Latin glued to CJK;
* Latin text whose letters are mostly accented, or where one accented letter is as frequent as the
  commonest letters of a language (the ``thå nåws`` reading of a homoglyph text).

chardet's confidence is kept as a weak prior that decides between readings that are equally clean,
with a small preference for common code pages. In a multi-byte family (GB2312/GBK/GB18030,
Shift_JIS/CP932...) the narrowest member that decodes strictly wins: the members disagree only on a
few characters, and the narrow name is the one such files are labelled with.

Everything is computed on the first :data:`SAMPLE_BYTES` bytes; single-byte codecs are scored with a
per-codec 256-entry class table and ``bytes.translate``, so scoring dozens of them stays cheap.
"""

from __future__ import annotations

import codecs
import functools
import math
import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from ..unicode.unicode_data import category_of, data_lines, script_of
from .calibration import level_of

SAMPLE_BYTES = 64 * 1024
"""How much of the input is decoded and scored per candidate (chardet itself reads 200 KB)."""

_PATTERN_CHARS = 16 * 1024
"""How much of the sample the pair patterns scan: rates settle long before, and regexes cost."""

_BONUS_BYTES = 32 * 1024
"""How much text a homoglyph reading's words are checked on (see _homoglyph_bonus)."""


class Candidate(NamedTuple):
    """One possible encoding of the input, best first in :func:`rank_candidates`."""

    encoding: str
    """A name :func:`codecs.lookup` accepts, in its familiar spelling (``windows-1251``)."""
    confidence: float
    """Calibrated plausibility in 0..1 (not chardet's raw number)."""


# --------------------------------------------------------------------------------------------------
# Names and families

# Familiar spellings, keyed by the codec's canonical Python name (``codecs.lookup(x).name``).
_FAMILIAR: dict[str, str] = {
    "cp1250": "windows-1250", "cp1251": "windows-1251", "cp1252": "windows-1252",
    "cp1253": "windows-1253", "cp1254": "windows-1254", "cp1255": "windows-1255",
    "cp1256": "windows-1256", "cp1257": "windows-1257", "cp1258": "windows-1258",
    "latin-1": "ISO-8859-1", "iso8859-1": "ISO-8859-1", "iso8859-2": "ISO-8859-2",
    "iso8859-3": "ISO-8859-3", "iso8859-4": "ISO-8859-4", "iso8859-5": "ISO-8859-5",
    "iso8859-6": "ISO-8859-6", "iso8859-7": "ISO-8859-7", "iso8859-8": "ISO-8859-8",
    "iso8859-9": "ISO-8859-9", "iso8859-10": "ISO-8859-10", "iso8859-11": "ISO-8859-11",
    "iso8859-13": "ISO-8859-13", "iso8859-14": "ISO-8859-14", "iso8859-15": "ISO-8859-15",
    "iso8859-16": "ISO-8859-16", "koi8-r": "KOI8-R", "koi8-u": "KOI8-U", "koi8-t": "KOI8-T",
    "cp866": "IBM866", "cp855": "IBM855", "cp437": "IBM437", "cp850": "IBM850", "cp852": "IBM852",
    "cp857": "IBM857", "cp862": "IBM862", "mac-cyrillic": "mac-cyrillic", "mac-roman": "mac-roman",
    "mac-latin2": "mac-latin2", "mac-greek": "mac-greek", "mac-turkish": "mac-turkish",
    "tis-620": "TIS-620", "cp874": "CP874", "shift_jis": "Shift_JIS", "cp932": "CP932",
    "euc_jp": "EUC-JP", "iso2022_jp": "ISO-2022-JP", "gb2312": "GB2312", "gbk": "GBK",
    "gb18030": "GB18030", "hz": "HZ-GB-2312", "big5": "Big5", "cp950": "CP950",
    "big5hkscs": "Big5-HKSCS", "euc_kr": "EUC-KR", "cp949": "CP949", "johab": "Johab",
    "iso2022_kr": "ISO-2022-KR", "utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE",
    "utf-32-le": "UTF-32LE", "utf-32-be": "UTF-32BE", "utf-8": "UTF-8", "ascii": "ascii",
}

# Families of code pages that chardet confuses with each other or that share text. Within a family
# the order is narrowest first: when two members both decode the input strictly but differently
# (GB2312 and GBK disagree about 0xA1A4), the narrower one is the label the file most likely had.
_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("windows-1251", "KOI8-R", "KOI8-U", "ISO-8859-5", "IBM866", "mac-cyrillic", "IBM855"),
    ("windows-1252", "ISO-8859-1", "ISO-8859-15", "mac-roman", "IBM850", "IBM437"),
    ("windows-1250", "ISO-8859-2", "mac-latin2", "IBM852"),
    ("windows-1253", "ISO-8859-7", "mac-greek"),
    ("windows-1254", "ISO-8859-9", "IBM857", "mac-turkish"),
    ("windows-1255", "ISO-8859-8", "IBM862"),
    ("windows-1256", "ISO-8859-6"),
    ("windows-1257", "ISO-8859-13", "ISO-8859-4"),
    ("TIS-620", "ISO-8859-11", "CP874"),
    ("Shift_JIS", "CP932"),
    ("EUC-JP",),
    ("GB2312", "GBK", "GB18030"),
    ("Big5", "CP950", "Big5-HKSCS"),
    ("EUC-KR", "CP949"),
)

# Homoglyph texts are Latin text with Cyrillic or Greek look-alikes; when chardet sees only Latin,
# the Cyrillic and Greek readings must still be on the table (they are cheap to score).
_CROSS_SCRIPT: tuple[str, ...] = (
    "windows-1251", "KOI8-R", "ISO-8859-5", "IBM866", "mac-cyrillic", "windows-1253", "ISO-8859-7",
)

_NO_PRIOR = 0.002
"""The chardet confidence assumed for an alternate chardet did not list."""

_RARE_PENALTY = 0.15
"""Added to the cost of a code page outside the common ones below: between readings that are
equally clean and equally likely to chardet, the code page more files are written in wins."""

_COMMON: frozenset[str] = frozenset({
    "windows-1250", "windows-1251", "windows-1252", "windows-1253", "windows-1254", "windows-1255",
    "windows-1256", "windows-1257", "windows-1258", "ISO-8859-1", "ISO-8859-2", "ISO-8859-4",
    "ISO-8859-5", "ISO-8859-6", "ISO-8859-7", "ISO-8859-8", "ISO-8859-9", "ISO-8859-13",
    "ISO-8859-15", "KOI8-R", "KOI8-U", "IBM866", "IBM855", "mac-roman", "mac-cyrillic", "TIS-620",
    "CP874", "Shift_JIS", "CP932", "EUC-JP", "ISO-2022-JP", "GB2312", "GBK", "GB18030", "HZ-GB-2312",
    "Big5", "CP950", "Big5-HKSCS", "EUC-KR", "CP949", "Johab", "ISO-2022-KR",
    "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "UTF-8", "ascii",
})


@functools.cache
def _canonical(name: str) -> str | None:
    """The codec's canonical Python name, or None when Python has no such codec."""
    try:
        return codecs.lookup(name).name
    except (LookupError, TypeError, ValueError):
        return None


@functools.cache
def familiar_name(name: str) -> str:
    """The familiar spelling of an encoding name (falls back to the name as given)."""
    canonical = _canonical(name)
    return _FAMILIAR.get(canonical, name) if canonical else name


@functools.cache
def _family_index() -> dict[str, tuple[tuple[str, ...], int]]:
    """Canonical codec name -> (its family, its position in it)."""
    index: dict[str, tuple[tuple[str, ...], int]] = {}
    for family in _FAMILIES:
        for position, member in enumerate(family):
            canonical = _canonical(member)
            if canonical:
                index.setdefault(canonical, (family, position))
    return index


# --------------------------------------------------------------------------------------------------
# Character classes: every decoded character becomes one ASCII class letter, and the features are
# regex counts over the class string, so no per-character Python loop runs on the sample.

_CONTROL, _C1, _UNDEFINED, _FORMAT = "x", "X", "u", "f"
_SPACE, _DIGIT, _PUNCT, _SYMBOL, _MARK, _OTHER_NUM = "s", "d", "p", "y", "m", "N"
_ODD_PUNCT = "q"  # non-ASCII punctuation that rarely touches a letter (¶ † • ‰)
_QUOTE = "Q"  # quotation marks other than apostrophes: next to a word, not inside one
_PLACEHOLDER = "z"  # ¤ ¦ ¨ ¸ ˝ ˘: signs that hardly occur in text, on their own (see _char_class)

# Punctuation that does sit inside words: apostrophes, middle dots (Catalan l·l), hyphens.
_IN_WORD_PUNCT = frozenset("\u2019\u2018\u00b7\u2027\u2010\u2011")
_PLACEHOLDERS = frozenset("\u00a4\u00a6\u00a8\u00b8")
# Letters: lower/upper pairs. ASCII Latin, other Latin, foreign letters that look like an ASCII
# letter (Cyrillic а, Greek ο...), other Cyrillic, other Greek; then caseless scripts.
_ASCII_LOWER, _ASCII_UPPER = "a", "A"
_LATIN_LOWER, _LATIN_UPPER = "l", "L"
_LOOKALIKE_LOWER, _LOOKALIKE_UPPER = "h", "H"  # Cyrillic
_GREEK_LOOKALIKE_LOWER, _GREEK_LOOKALIKE_UPPER = "j", "J"
_LOOSE_LOOKALIKE_LOWER, _LOOSE_LOOKALIKE_UPPER = "v", "V"  # either script
_CYRILLIC_LOWER, _CYRILLIC_UPPER = "c", "C"
_GREEK_LOWER, _GREEK_UPPER = "g", "G"
_CASELESS_BY_SCRIPT = {"Hebrew": "w", "Arabic": "r", "Thai": "t"}
_CJK, _OTHER_LETTER = "n", "o"  # Han; letters of other scripts
_KANA, _HANGUL, _BOPOMOFO = "k", "K", "b"
_CJK_BY_SCRIPT = {"Han": _CJK, "Hiragana": _KANA, "Katakana": _KANA, "Hangul": _HANGUL, "Bopomofo": _BOPOMOFO}
_CJK_LETTERS = _CJK + _KANA + _HANGUL + _BOPOMOFO
# Scripts that one text does not mix: Japanese writes Han with kana, Korean Han with Hangul,
# Chinese Han with (in Taiwan) Bopomofo. A CJK reading that mixes these is a misreading.
_CJK_CLASHES = ((_KANA, _HANGUL), (_KANA, _BOPOMOFO), (_HANGUL, _BOPOMOFO))

_LETTERS = "aAlLhHjJvVcCgGwrtnokKb"
_LATIN = "aAlL"
_FOREIGN_SOUP = "cCgGwrto"  # foreign letters that are not Latin look-alikes
_LOOKALIKE = "hHjJ"
_LOWER = "alhjvcg"

# Regexes over the class string (ASCII bytes or str).
_RE_SOUP = re.compile(f"[{_LATIN}][{_FOREIGN_SOUP}]|[{_FOREIGN_SOUP}][{_LATIN}]"
                      "|[cChH][gGjJ]|[gGjJ][cChH]|w[rt]|r[wt]|t[wr]")
_RE_HOMOGLYPH = re.compile(f"[{_LATIN}][{_LOOKALIKE}]|[{_LOOKALIKE}][{_LATIN}]")
_RE_LOOSE = re.compile(f"[{_LATIN}][vV]|[vV][{_LATIN}]")
# A capital right after a small letter in one word; ASCII-only pairs are camelCase (iPhone), fine.
_RE_CASE = re.compile(f"[{_LOWER}][LHJVCG]|[lhjvcg]A")
# A symbol, odd punctuation or control wedged between two letters: mojibake's signature. Format
# characters are left out: a soft hyphen (Latin-1 0xAD) belongs there.
_RE_WEDGED = re.compile(f"[{_LETTERS}][yzNqQXxu][{_LETTERS}]")
# A symbol touching a letter: legitimate at low rates (°C, m², Windows™), not every few letters.
_RE_TOUCHING = re.compile(f"[{_LETTERS}][yzNq]|[yzNq][{_LETTERS}]")
# Latin glued to CJK: rare in CJK text ("iPhone手机"), everywhere in Latin text read as CJK.
_RE_CJK_LATIN = re.compile(f"[{_LATIN}][{_CJK_LETTERS}]|[{_CJK_LETTERS}][{_LATIN}]")


@functools.cache
def _lookalikes() -> tuple[dict[str, str], frozenset[str]]:
    """Cyrillic and Greek letters that look like an ASCII letter: ({exact: its letter}, loose).

    A capital that confusables.txt maps to an ASCII capital is exact (these alphabets copy the
    Latin capitals), and so is a small letter whose capital is exact and which maps to the small
    form of the same ASCII letter (Cyrillic о, Greek ο); intentional.txt adds the rest (і, ѕ, һ).
    Other small letters that confusables.txt maps to an ASCII letter (Greek σ → o, ν → v, Cyrillic
    г → r) look alike in some fonts only, so a reading that needs them is not a homoglyph text.
    """
    prototypes: dict[str, str] = {}

    def foreign(char: str) -> bool:
        return script_of(char) in ("Cyrillic", "Greek") and category_of(char) in ("Lu", "Ll")

    for fields, _ in data_lines("confusables.txt"):
        source, target = fields[0].split(), fields[1].split()
        if len(source) == 1 and len(target) == 1:
            char, prototype = chr(int(source[0], 16)), chr(int(target[0], 16))
            if prototype.isascii() and prototype.isalpha() and foreign(char):
                prototypes[char] = prototype
    exact = {char for char, prototype in prototypes.items()
             if category_of(char) == "Lu" and prototype.isupper()}
    exact |= {char for char, prototype in prototypes.items()
              if category_of(char) == "Ll" and char.upper() in exact
              and prototypes[char.upper()].lower() == prototype}
    exact_prototypes = {char: prototypes[char] for char in exact}
    for fields, _ in data_lines("intentional.txt"):
        first, second = chr(int(fields[0], 16)), chr(int(fields[1], 16))
        for ascii_char, other in ((first, second), (second, first)):
            if ascii_char.isascii() and ascii_char.isalpha() and foreign(other):
                exact_prototypes[other] = ascii_char
    return exact_prototypes, frozenset(prototypes) - frozenset(exact_prototypes)


@functools.cache
def _char_class(char: str) -> str:
    """The class letter of one decoded character."""
    code_point = ord(char)
    if code_point < 0x80:
        if char.isalpha():
            return _ASCII_LOWER if char.islower() else _ASCII_UPPER
        if char.isdigit():
            return _DIGIT
        if char in "\t\n\r\f\v ":
            return _SPACE
        # Other C0 controls: not text. Nearly every candidate reads them alike, so they matter
        # only against the odd EBCDIC or multi-byte reading that invents them.
        return _CONTROL if code_point < 0x20 or code_point == 0x7F else _PUNCT
    if 0xDC80 <= code_point <= 0xDCFF or code_point == 0xFFFD:
        return _UNDEFINED  # surrogateescape'd or replaced byte
    if 0x2460 <= code_point <= 0x24FF or 0x3200 <= code_point <= 0x32FF:
        # Circled and parenthesized letters and numbers (ⓔ ① ㉠): list markers of CJK text, which
        # its multi-byte code pages hold and no single-byte one does, so never mojibake's.
        return _PUNCT
    category = category_of(char)
    major = category[0]
    if major == "L":
        script = script_of(char)
        upper = category in ("Lu", "Lt")
        if script == "Latin":
            return _LATIN_UPPER if upper else _LATIN_LOWER
        exact, loose = _lookalikes()  # exact: a dict of prototypes
        if char in loose:
            return _LOOSE_LOOKALIKE_UPPER if upper else _LOOSE_LOOKALIKE_LOWER
        if char in exact:
            if script == "Greek":
                return _GREEK_LOOKALIKE_UPPER if upper else _GREEK_LOOKALIKE_LOWER
            return _LOOKALIKE_UPPER if upper else _LOOKALIKE_LOWER
        if script == "Cyrillic":
            return _CYRILLIC_UPPER if upper else _CYRILLIC_LOWER
        if script == "Greek":
            return _GREEK_UPPER if upper else _GREEK_LOWER
        if script in _CJK_BY_SCRIPT:
            return _CJK_BY_SCRIPT[script]
        return _CASELESS_BY_SCRIPT.get(script, _OTHER_LETTER)
    if major == "M":
        return _MARK
    if major == "N":
        return _DIGIT if category == "Nd" else _OTHER_NUM
    if major == "Z":
        return _SPACE
    if major == "P":
        # Quotes (other than apostrophes) and the Latin-1 / General Punctuation leftovers (¶ § †
        # ‡ • ‰) do not sit between two letters; dashes, brackets, "…", "¡" and the full stops
        # and commas of other scripts (CJK, Arabic, Indic) are ordinary punctuation.
        if char in _IN_WORD_PUNCT or char in "\u2026\u00a1\u00bf":
            return _PUNCT
        if category in ("Pi", "Pf"):
            return _QUOTE
        if category == "Po" and (code_point < 0x100 or 0x2010 <= code_point <= 0x205E):
            return _ODD_PUNCT
        return _PUNCT
    if major == "S":
        # Latin-1 signs so unused that ISO-8859-15 gave their bytes away, and spacing accents
        # (˝ ˘ ˙ ˛): code pages put them where other code pages have letters and fractions.
        # The acute accent is left out: it stands in for an apostrophe in much typed text (don´t).
        spacing_accent = category == "Sk" and char != "\u00b4"
        return _PLACEHOLDER if char in _PLACEHOLDERS or spacing_accent else _SYMBOL
    if category == "Cc":
        return _C1 if code_point >= 0x80 else _CONTROL
    if category == "Cf":
        return _FORMAT
    return _UNDEFINED  # Cn, Co, Cs


def _class_string(text: str) -> str:
    """``text`` with every character replaced by its class letter."""
    table = {ord(char): _char_class(char) for char in set(text)}
    return text.translate(table)


# --------------------------------------------------------------------------------------------------
# Single-byte codecs: a byte -> class table per codec, so the sample never needs decoding.


class _ByteCodec(NamedTuple):
    classes: bytes  # 256 class letters, 'U' for a byte the codec cannot decode
    chars: str  # 256 decoded characters, '\0' for undefined bytes


@functools.cache
def _byte_codec(canonical: str) -> _ByteCodec | None:
    """The class table of a single-byte codec, or None when the codec is not single-byte."""
    chars: list[str] = []
    try:
        for byte in range(256):
            try:
                char = bytes([byte]).decode(canonical)
            except UnicodeDecodeError:
                # Undefined in a code page, or the lead byte of a multi-byte sequence: only the
                # former leaves the next byte alone.
                if len(bytes([byte, 0xA1]).decode(canonical, "replace")) != 2:
                    return None
                chars.append("\0")
                continue
            # A multi-byte or stateful codec reveals itself by consuming or reinterpreting the bytes
            # that follow, or by turning one byte into several characters.
            if len(char) != 1 or bytes([byte, 0x41, 0x0A]).decode(canonical, "replace") != char + "A\n":
                return None
            chars.append(char)
    except (LookupError, UnicodeError, TypeError, ValueError):
        return None
    classes = "".join("U" if char == "\0" and byte else _char_class(char)
                      for byte, char in enumerate(chars))
    return _ByteCodec(classes.encode("ascii"), "".join(chars))


# --------------------------------------------------------------------------------------------------
# Scoring


class _Reading(NamedTuple):
    anomaly: float  # how implausible the decoded sample is (0 = clean text)
    undecodable: int  # bytes of the sample the codec cannot decode strictly
    text_key: object  # equal for codecs that decode the sample identically


class _Features(NamedTuple):
    cost: float  # the anomalies found, >= 0
    homoglyph: int  # Latin/look-alike junctions, when they make this a candidate homoglyph reading


def _features(classes: str, counts: Counter[str], latin_counts: Iterable[int],
              scale: float = 1.0) -> _Features:
    """The anomaly cost of one decoded sample.

    Args:
        classes: The class string (see :func:`_char_class`) the pair patterns scan: the sample or
            the part of it around its non-ASCII characters.
        counts: How often each class letter occurs in the whole sample.
        latin_counts: How often each distinct non-ASCII Latin letter occurs in the sample.
        scale: What a pattern count in ``classes`` stands for in the whole sample.

    Costs are rates (per letter or per character) times weights, so a short text and a long one
    are judged alike; the weights make one clear anomaly per few hundred letters decisive against
    chardet's prior, while a clean reading costs nothing.
    """
    length = max(sum(counts.values()), 1)
    letters = sum(counts[c] for c in _LETTERS)
    per_letter = 1.0 / max(letters, 20)
    cost = 0.0

    bad = counts[_CONTROL] + counts[_C1] + counts[_UNDEFINED] + counts["U"]
    if bad:
        # Any C1 control or unassigned character is strong evidence on its own, more so when many.
        cost += 2.0 + 60.0 * bad / length

    def present(class_letters: str) -> bool:
        return any(counts[c] for c in class_letters)

    # The pair patterns need a non-ASCII class to match; skipping absent ones keeps mostly-ASCII
    # and single-script samples cheap.
    latin = present(_LATIN)

    def matches(pattern: re.Pattern[str], needed: bool) -> float:
        return len(pattern.findall(classes)) * scale if needed else 0.0

    soup = matches(_RE_SOUP, present(_FOREIGN_SOUP + _LOOKALIKE))
    homoglyph = matches(_RE_HOMOGLYPH, latin and present(_LOOKALIKE))
    loose = matches(_RE_LOOSE, latin and present("vV"))
    case = matches(_RE_CASE, present("lhjvcgLHJVCG"))
    wedged = matches(_RE_WEDGED, present("yzNqQXxu"))
    touching = matches(_RE_TOUCHING, present("yzNq"))
    cjk_letters = sum(counts[c] for c in _CJK_LETTERS)
    cjk_latin = matches(_RE_CJK_LATIN, latin and cjk_letters > 0)
    # A minority script that clashes with another (kana in Korean) costs like soup, per letter.
    clash = sum(min(counts[first], counts[second]) for first, second in _CJK_CLASHES)
    cost += 40.0 * clash * per_letter + 0.05 * min(clash, 10.0)
    cost += (40.0 * soup + 40.0 * case + 30.0 * wedged + 3.0 * homoglyph + 20.0 * loose
             + 10.0 * touching + 10.0 * cjk_latin) * per_letter
    # Rates vanish in a long file with one odd byte; between two otherwise clean readings, the one
    # without the "Õ" in "BlanchardÕs" should still win.
    cost += 0.05 * sum(min(n, 10.0) for n in (soup, case, wedged, touching, cjk_latin))
    cost += 0.3 * min(counts[_PLACEHOLDER], 3)

    latin_letters = sum(counts[c] for c in _LATIN)
    accented = counts[_LATIN_LOWER] + counts[_LATIN_UPPER]
    if accented and latin_letters >= 20:
        # No Latin orthography writes most letters with diacritics, and none has one accented letter
        # as frequent as its commonest letters (Turkish ı, the most frequent one, is about 5 %).
        cost += 12.0 * max(0.0, accented / latin_letters - 0.3)
        # Short texts have noisy letter rates: allow two standard deviations on top.
        slack = 2.0 * math.sqrt(0.07 * 0.93 / latin_letters)
        cost += 25.0 * max(0.0, max(latin_counts, default=0) / latin_letters - 0.07 - slack)
    # Latin words with exact look-alike letters, in the case of their word, and nothing else
    # foreign: perhaps a homoglyph text read in its own code page (see _homoglyph_bonus). Junctions
    # count only inside words, so a lone French "à" read as Cyrillic "а" does not qualify.
    candidate = homoglyph >= 3 and soup == 0 and case <= homoglyph * 0.05
    return _Features(cost, round(homoglyph) if candidate else 0)


_RE_ASCII_WORD = re.compile(r"[A-Za-z]+")
_RE_MIXED_WORD = re.compile(r"\w*[^\x00-\x7f]\w*")


def _homoglyph_bonus(homoglyph: int, text: str) -> float:
    """How much a homoglyph reading of ``text`` is favoured (0 when it is not one).

    A wrong code page can turn an accented letter into an exact look-alike everywhere (Finnish ä
    read as IBM855 і). A real attack leaves traces a misreading does not: either the disguised
    words' skeletons (look-alikes replaced by their ASCII letters) also occur undisguised elsewhere
    in the text, or a look-alike replaced *every* copy of its letter, so that letter is missing
    from the ASCII text while its look-alike is frequent (a misread ä becomes an i in a text full of
    i's). The bonus grows with the share of disguised words so explained and with the evidence.
    """
    if not homoglyph:
        return 0.0
    prototypes, _ = _lookalikes()
    skeleton_table = str.maketrans(prototypes)
    chars = Counter(text)
    replaced_everywhere = {char for char, count in chars.items() if char in prototypes
                           and count >= 3 and chars[prototypes[char]] <= count * 0.05}
    plain = {word.lower() for word in _RE_ASCII_WORD.findall(text)}
    # Latin words with look-alikes inside; a word made of look-alikes only ("со") is just as
    # likely a genuine Cyrillic or Greek word.
    disguised = [word for word in set(_RE_MIXED_WORD.findall(text))
                 if word.translate(skeleton_table).isascii() and _RE_ASCII_WORD.search(word)]
    if not disguised:
        return 0.0
    # An undisguised copy is strong evidence; a letter missing from the ASCII text is weaker, since
    # a language may just not use that letter (Romanian ă read as ISO-8859-5 у, and no y).
    explained = sum(1.0 if word.translate(skeleton_table).lower() in plain
                    else 0.5 if all(char in replaced_everywhere for char in word if not char.isascii())
                    else 0.0 for word in disguised)
    # Half the disguised words explained is already far beyond what a misreading achieves (about
    # none); short samples simply lack the undisguised copies of the rest.
    return 0.3 + (0.3 + 0.2 * min(homoglyph, 7)) * min(1.0, 2.0 * explained / len(disguised))


class _ByteSample(NamedTuple):
    """What every single-byte reading of the sample is scored from, computed once per input."""

    sample: bytes
    histogram: list[int]  # occurrences of each byte value in the sample
    present: list[int]  # the byte values that occur
    windows: bytes  # the non-ASCII runs with a little context, where every pair pattern matches
    scale: float  # what a pattern match in ``windows`` stands for in the whole sample


_RE_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]+")
_CONTEXT = 3  # bytes kept on each side of a non-ASCII run: enough for every pair pattern


def _byte_sample(sample: bytes) -> _ByteSample:
    """Histogram the sample and cut out the parts the pair patterns need to see.

    The patterns all involve a non-ASCII character, so scanning only the surroundings of the
    non-ASCII runs finds the same matches; in a mostly-ASCII file those few bytes may lie anywhere
    (one ``\xd5`` deep in a 60 KB log), which the first few kilobytes would miss.
    """
    histogram = [0] * 256
    for byte, count in Counter(sample).items():
        histogram[byte] = count
    present = [byte for byte in range(256) if histogram[byte]]
    if len(sample) <= _PATTERN_CHARS:
        return _ByteSample(sample, histogram, present, sample, 1.0)
    pieces: list[bytes] = []
    covered = length = last_end = 0
    for match in _RE_NON_ASCII_RUN.finditer(sample):
        start = match.start() - _CONTEXT
        if start > last_end:
            pieces.append(b" ")  # keep separate windows from forming letter pairs
        else:
            start = last_end  # overlapping windows: continue the previous one
        end = match.end() + _CONTEXT
        pieces.append(sample[start:end])
        covered += match.end() - match.start()
        length += end - start + 1
        last_end = end
        if length >= _PATTERN_CHARS:
            break
    non_ascii = sum(histogram[128:])
    return _ByteSample(sample, histogram, present, b"".join(pieces),
                       non_ascii / covered if covered else 1.0)


def _score_single_byte(data: _ByteSample, codec_name: str, codec: _ByteCodec,
                       cache: dict[tuple[str, object], _Features]) -> _Reading:
    """Score a single-byte reading without decoding: classes and counts come from byte tables."""
    histogram = data.histogram
    signature = bytes(codec.classes[byte] for byte in data.present)
    undecodable = sum(histogram[byte] for byte in data.present if codec.classes[byte] == ord("U"))
    features = cache.get(("features", signature))
    if features is None:
        # Codecs that give every present byte the same class get the same score: compute it once.
        counts: Counter[str] = Counter()
        latin_counts: list[int] = []
        for byte in data.present:
            klass = chr(codec.classes[byte])
            counts[klass] += histogram[byte]
            if klass in "lL":
                latin_counts.append(histogram[byte])
        classes = data.windows.translate(codec.classes).decode("ascii")
        features = cache["features", signature] = _features(classes, counts, latin_counts, data.scale)
    key = "".join(codec.chars[byte] for byte in data.present)  # equal keys: identical samples
    anomaly = features.cost
    if features.homoglyph:
        bonus = cache.get(("bonus", key))  # the same text, read by another codec
        if bonus is None:
            text = data.sample[:_BONUS_BYTES].decode(codec_name, "replace")
            bonus = cache["bonus", key] = _Features(_homoglyph_bonus(features.homoglyph, text), 0)
        anomaly -= bonus.cost
    return _Reading(anomaly, undecodable, key)


def implausibility(text: str) -> float:
    """How implausible ``text`` is as text: the anomaly cost of :func:`_features`, 0 when clean.

    Judged by Unicode properties only (script and case patterns inside words, symbols wedged
    between letters, controls, letter frequencies); the homoglyph bonus is taken off.
    """
    return _score_text(text, 0).anomaly


def _score_text(text: str, undecodable: int) -> _Reading:
    """Score a decoded sample (multi-byte codecs)."""
    classes = _class_string(text)
    counts = Counter(classes)
    latin_counts: list[int] = []
    if counts[_LATIN_LOWER] or counts[_LATIN_UPPER]:
        latin_counts = [n for char, n in Counter(text).items() if _char_class(char) in "lL"]
    scale = len(classes) / _PATTERN_CHARS if len(classes) > _PATTERN_CHARS else 1.0
    features = _features(classes[:_PATTERN_CHARS], counts, latin_counts, scale)
    anomaly = features.cost - _homoglyph_bonus(features.homoglyph, text[:_PATTERN_CHARS])
    return _Reading(anomaly, undecodable, text)


_RE_ESCAPED = re.compile("[\udc80-\udcff]")


def _decode_sample(sample: bytes, canonical: str) -> tuple[str, int]:
    """Decode the sample strictly; on failure, with surrogateescape, counting undecodable bytes.

    An incomplete sequence at the very end is not held against the codec: the sample is cut
    anywhere, and so is a truncated file (``head -c``); the caller escapes that tail.
    """
    decoder = codecs.getincrementaldecoder(canonical)
    try:
        return decoder("strict").decode(sample, final=False), 0
    except UnicodeDecodeError:
        text = decoder("surrogateescape").decode(sample, final=False)
        return text, len(_RE_ESCAPED.findall(text)) or 1


def _strictly_decodes(data: bytes, canonical: str) -> bool:
    """Whether all of ``data`` decodes strictly (but for an incomplete sequence at its end)."""
    return _decoded_or_none(data, canonical) is not None


class _Name(NamedTuple):
    familiar: str  # the name shown: chardet's own codec, in its familiar spelling
    confidence: float  # chardet's, or a small default for a relative it did not list
    chardet_rank: int  # position in chardet's list (0: its answer); _NOT_LISTED for a relative


_NOT_LISTED = 1 << 30


def _chardet_opinions(data: bytes) -> list[tuple[str, float]]:
    """chardet's candidates for ``data``, its answer first, with its confidences.

    chardet reads at most its ``max_bytes`` (200 KB) of the input, whatever its length.
    """
    import chardet  # only files that are not UTF-8 need it, and it is slow to import

    return [(str(result["encoding"]), float(result.get("confidence") or 0.0))
            for result in chardet.detect_all(data, ignore_threshold=True, prefer_superset=False,
                                             max_bytes=CHARDET_BYTES)
            if result.get("encoding")]


def _candidate_names(opinions: list[tuple[str, float]]) -> dict[str, _Name]:
    """Canonical codec name -> how it is named and what chardet thinks of it.

    Every encoding chardet lists is a candidate under its own name; the members of their
    families (and, for single-byte text, the Cyrillic and Greek code pages a homoglyph text may
    be in) are added after them.
    """
    names: dict[str, _Name] = {}

    def add(name: str, confidence: float, rank: int) -> None:
        canonical = _canonical(name)
        if canonical and canonical not in names:
            names[canonical] = _Name(familiar_name(name), confidence, rank)

    for rank, (name, confidence) in enumerate(opinions):
        add(name, confidence, rank)
    families = _family_index()
    listed = list(names)
    for canonical in listed:
        if canonical in families:
            for member in families[canonical][0]:
                add(member, _NO_PRIOR, _NOT_LISTED)
    # Members of a multi-byte family differ only in a few rare characters, which chardet cannot
    # tell apart either: they share the family's best confidence.
    for family in {families[canonical][0] for canonical in names if canonical in families}:
        members = [c for c in (_canonical(m) for m in family) if c is not None and c in names]
        if members and _byte_codec(members[0]) is None:
            best = max(names[member].confidence for member in members)
            for member in members:
                names[member] = names[member]._replace(confidence=best)
    if not listed or any(_byte_codec(canonical) is not None for canonical in listed):
        for member in _CROSS_SCRIPT:
            add(member, _NO_PRIOR, _NOT_LISTED)
    return names


class _Scored(NamedTuple):
    cost: float  # anomaly + prior + rarity: the ranking key after strictness
    confidence: float  # chardet's, for ties
    family_position: int
    canonical: str
    familiar: str
    reading: _Reading
    chardet_rank: int


def _order(item: _Scored) -> tuple[bool, float, float, int]:
    """Strict decoders first, then by cost, then chardet's confidence, then the narrower codec."""
    return (item.reading.undecodable > 0, item.cost, -item.confidence, item.family_position)


DECISIVE_ANOMALY = 1.0
"""How much less implausible (see :func:`_features`) than chardet's reading another one must be to
replace chardet's answer. A clean reading costs 0; one clear anomaly
per few hundred letters (a C1 control, words of soup like ``Ã©tÃ©``) costs about 1 or more; the
homoglyph bonus takes up to 1.9 off. Smaller differences are noise in the measure, and chardet's
language models know better."""

SHORT_TEXT_BYTES = 500
"""Below this many bytes chardet's statistics have little to go on (a short cp1252 sentence can
come back as a DOS Hebrew code page), so half the evidence is decisive: the reading whose letters
form words wins over chardet's code-page prior. Whether letters form words is judged by
:func:`_features` from Unicode properties alone; a word list (the share of a reading's words it
knows) would add its cost there, for single-byte readings once per distinct decoded sample (the
``bonus`` cache of :func:`_score_single_byte` shows how)."""

CHARDET_BYTES = 200_000
"""What chardet reads of the input (its own default ``max_bytes``), passed explicitly."""


def _score(data: bytes) -> list[_Scored]:
    """Every candidate encoding of ``data`` with its reading of the sample, in no particular order."""
    sample = data[:SAMPLE_BYTES]
    byte_sample = _byte_sample(sample)
    scored: list[_Scored] = []
    feature_cache: dict[tuple[str, object], _Features] = {}
    families = _family_index()
    for canonical, name in _candidate_names(_chardet_opinions(data)).items():
        codec = _byte_codec(canonical)
        if codec is not None:
            reading = _score_single_byte(byte_sample, canonical, codec, feature_cache)
        else:
            try:
                text, undecodable = _decode_sample(sample, canonical)
            except (LookupError, UnicodeError, TypeError, ValueError):
                continue  # a codec Python has but cannot run incrementally on these bytes
            reading = _score_text(text, undecodable)
        # chardet's confidence is a weak prior among the alternatives: a factor e (2.7) in it is
        # worth 0.5 of anomaly.
        prior = -0.5 * math.log(max(name.confidence, _NO_PRIOR))
        position = families[canonical][1] if canonical in families else 0
        rarity = 0.0 if name.familiar in _COMMON else _RARE_PENALTY
        cost = reading.anomaly + prior + rarity
        scored.append(_Scored(cost, name.confidence, position, canonical, name.familiar, reading,
                              name.chardet_rank))
    return scored


def rank_candidates(data: bytes) -> list[Candidate]:
    """Rank the encodings ``data`` may be in, most plausible first.

    chardet's answer comes first unless the evidence against it is decisive: it cannot decode the
    bytes, or another candidate reads them as clearly more plausible text (by at least
    :data:`DECISIVE_ANOMALY`: no controls or unassigned characters where it has them, no
    mojibake soup where it has it, or the homoglyph text this tool is for). When another member of
    its family decodes the input to the very same text under a narrower name (GB2312 for GB18030,
    Shift_JIS for CP932), that name is used.

    Args:
        data: Bytes without a BOM that are not valid UTF-8 (the caller tries those first).

    Returns:
        At least one candidate; every name is accepted by :func:`codecs.lookup`. A candidate that
        cannot decode ``data`` strictly is still offered, after all those that can.
    """
    ranked, evidence = _rank(data)
    if not ranked:
        return [Candidate("windows-1252", 0.0)]  # chardet's own answer when nothing matches
    return _calibrate(ranked, evidence)


class _Evidence(NamedTuple):
    """What the confidence in the first candidate is looked up by (see :data:`_MEASURED`).

    The fields are in the order the classes nest: a class's rate is shrunk towards the rate of
    the class without its last field (see :mod:`core.encoding.calibration`)."""

    agrees: bool  # the first candidate reads the text as chardet's answer does
    margin: int  # how much more implausible the best reading of other text is: 0 less, 1 < 0.5,
    #              2 < 1 (DECISIVE_ANOMALY), 3 more
    anomaly: int  # the first reading's own implausibility: 0 < 0.1, 1 < 0.5, 2 < 1, 3 more
    distinctive: int  # non-ASCII bytes in the sample, what readings differ on: 0 <= 3, 1 <= 20,
    #                   2 <= 150, 3 more
    single_byte: bool  # the first candidate is a single-byte code page


def _rank(data: bytes) -> tuple[list[_Scored], _Evidence]:
    """The candidates, best first, and the evidence for the first (see :func:`rank_candidates`)."""
    scored = _score(data)
    if not scored:
        return [], _Evidence(False, 0, 0, 0, False)
    scored.sort(key=_order)
    if len(data) > SAMPLE_BYTES:
        # The sample may have hidden an undecodable byte further on: check the whole input, but
        # only for chardet's answer and the leaders, down to the first that passes.
        for index, item in enumerate(scored):
            if item.chardet_rank == 0 and not item.reading.undecodable \
                    and not _strictly_decodes(data, item.canonical):
                scored[index] = item._replace(reading=item.reading._replace(undecodable=1))
        for index, item in enumerate(scored):
            if item.reading.undecodable or _strictly_decodes(data, item.canonical):
                break
            scored[index] = item._replace(reading=item.reading._replace(undecodable=1))
        scored.sort(key=_order)
    decisive = DECISIVE_ANOMALY / 2 if len(data) < SHORT_TEXT_BYTES else DECISIVE_ANOMALY
    ranked = _chardet_first_unless_decisive(scored, decisive)
    ranked[0] = _narrowest_with_same_text(data, ranked[0], scored)
    return ranked, _evidence(ranked, data[:SAMPLE_BYTES])


def _evidence(ranked: list[_Scored], sample: bytes) -> _Evidence:
    """The evidence for ``ranked[0]``: how it stands against chardet and the other readings."""
    first = ranked[0]
    answer = next((item for item in ranked if item.chardet_rank == 0), None)
    others = [item.reading.anomaly for item in ranked
              if item.reading.text_key != first.reading.text_key and not item.reading.undecodable]
    margin = min(others, default=math.inf) - first.reading.anomaly
    non_ascii = len(sample) - len(sample.translate(None, bytes(range(128, 256))))
    anomaly = first.reading.anomaly
    return _Evidence(
        agrees=answer is not None and answer.reading.text_key == first.reading.text_key,
        margin=0 if margin < 0 else 1 if margin < DECISIVE_ANOMALY / 2 else 2 if margin < DECISIVE_ANOMALY else 3,
        anomaly=0 if anomaly < 0.1 else 1 if anomaly < 0.5 else 2 if anomaly < 1.0 else 3,
        distinctive=0 if non_ascii <= 3 else 1 if non_ascii <= 20 else 2 if non_ascii <= 150 else 3,
        single_byte=_byte_codec(first.canonical) is not None,
    )


def _chardet_first_unless_decisive(ordered: list[_Scored], decisive: float) -> list[_Scored]:
    """``ordered`` (most plausible first) with chardet's answer moved to the front, unless the
    evidence against it is decisive: the most plausible other reading costs at least ``decisive``
    less (the homoglyph bonus counts: a text with look-alikes read in its own code page)."""
    answer = next((item for item in ordered if item.chardet_rank == 0), None)
    if answer is None or answer.reading.undecodable:
        return _best_named_first(ordered)
    answer = _undecided_between(answer, ordered)
    challenger = next(item for item in ordered if item.reading.text_key != answer.reading.text_key
                      or item is answer)
    if challenger is not answer and not challenger.reading.undecodable \
            and answer.reading.anomaly - challenger.reading.anomaly >= decisive:
        return _best_named_first(ordered)
    return [answer, *(item for item in ordered if item is not answer)]


CHARDET_TIE = 0.99
"""chardet has not decided between two encodings it lists when the second's confidence is at least
this share of its answer's: a file whose only non-ASCII byte is the ``Õ`` of ``BlanchardÕs``
comes back as ISO-8859-1 at 0.0449 and mac-roman at 0.0447."""


def _undecided_between(answer: _Scored, ordered: list[_Scored]) -> _Scored:
    """chardet's answer, or the least implausible reading among those chardet rates as high.

    chardet's answer is the default because its statistics usually know better; when it lists
    another encoding as (nearly) equally likely, they do not, and a reading without an anomaly
    that its answer's reading has (a capital inside a word, a symbol wedged between letters)
    is the better one, however small the difference.
    """
    # Members of a multi-byte family share the family's confidence (see _candidate_names): they
    # are tied by construction, not in chardet's opinion, and never taken over its answer.
    family = _family_index().get(answer.canonical, ((), 0))[0] if _byte_codec(answer.canonical) is None else ()
    tied = [item for item in ordered if item.chardet_rank != _NOT_LISTED and not item.reading.undecodable
            and item.confidence >= answer.confidence * CHARDET_TIE and item.familiar not in family]
    best = min(tied, key=lambda item: (item.reading.anomaly, item.cost), default=answer)
    return best if best.reading.anomaly < answer.reading.anomaly else answer


def _best_named_first(ordered: list[_Scored]) -> list[_Scored]:
    """``ordered`` with its leader replaced by the most common code page that reads the same text.

    Code pages that read a sample alike (a homoglyph text's ``е`` is the same byte in windows-1251
    and mac-cyrillic) are equally right; the family lists put the common ones first.
    """
    leader = ordered[0]
    if leader.reading.undecodable:
        return list(ordered)
    alike = [item for item in ordered if item.reading.text_key == leader.reading.text_key
             and not item.reading.undecodable]
    best = min(alike, key=lambda item: (item.familiar not in _COMMON, item.family_position, item.cost))
    return [best, *(item for item in ordered if item is not best)]


def _narrowest_with_same_text(data: bytes, chosen: _Scored, scored: list[_Scored]) -> _Scored:
    """The narrowest member of ``chosen``'s multi-byte family that decodes ``data`` to the same text.

    The members differ in a few byte pairs only (GB2312 and GB18030 on 0xA1A4), so a narrower name
    is taken only when it reads every byte alike, never when it would change the text.
    """
    if _byte_codec(chosen.canonical) is not None:
        return chosen
    narrower = sorted((item for item in scored if item.family_position < chosen.family_position
                       and item.reading.text_key == chosen.reading.text_key
                       and _family_index().get(item.canonical, ((), 0))[0]
                       == _family_index().get(chosen.canonical, ((), 0))[0]),
                      key=lambda item: item.family_position)
    if not narrower:
        return chosen
    for item in narrower:
        if _read_alike(data, chosen.canonical, item.canonical):
            return chosen._replace(canonical=item.canonical, familiar=item.familiar)
    return chosen


_ALIKE_CHUNK = 1 << 20


def _read_alike(data: bytes, first: str, second: str) -> bool:
    """Whether two codecs decode all of ``data`` strictly to the same text.

    Compared a megabyte at a time, so a big file never keeps the worker in one long decode (the
    window's thread waits for the GIL meanwhile), and a difference stops the comparison early.
    """
    try:
        decoders = [codecs.getincrementaldecoder(name)("strict") for name in (first, second)]
        for start in range(0, len(data), _ALIKE_CHUNK):
            chunk = data[start:start + _ALIKE_CHUNK]
            texts = [decoder.decode(chunk, final=False) for decoder in decoders]
            if texts[0] != texts[1]:
                return False
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _decoded_or_none(data: bytes, canonical: str) -> str | None:
    """``data`` decoded strictly (but for an incomplete sequence at its end), or None."""
    try:
        return str(codecs.getincrementaldecoder(canonical)("strict").decode(data, final=False))
    except (UnicodeDecodeError, LookupError):
        return None


def _calibrate(ranked: list[_Scored], evidence: _Evidence) -> list[Candidate]:
    """Confidences: the first candidate's from :func:`_top_confidence`; a candidate that reads the
    same text shares it; the others split what is left by the plausibility of their readings."""
    first = ranked[0]
    top = _top_confidence(first, evidence)
    best: dict[object, float] = {}
    for item in ranked:
        if item.reading.text_key != first.reading.text_key:
            best[item.reading.text_key] = min(best.get(item.reading.text_key, math.inf), item.cost)
    low = min(best.values(), default=0.0)
    total = sum(math.exp(low - cost) for cost in best.values())
    candidates: list[Candidate] = []
    ceiling = 1.0
    for item in ranked:
        if item.reading.text_key == first.reading.text_key:
            confidence = top
        else:
            share = math.exp(low - best[item.reading.text_key]) / total
            confidence = (1.0 - top) * share * (_UNDECODABLE_FACTOR if item.reading.undecodable else 1.0)
        ceiling = min(ceiling, confidence)  # keep confidences in the same order as the ranking
        candidates.append(Candidate(item.familiar, round(ceiling, 4)))
    return candidates


SURE_CONFIDENCE = 0.95
"""Detection is called sure (no banner offers other readings, the batch view shows no percentage)
only at a confidence at least this high: every level of :data:`_LEVELS` at or above it was right at
least this often on both parts of the benchmark (``bench/bench_detection.py`` prints the levels)."""


def is_sure(confidence: float) -> bool:
    """Whether a detection with this (calibrated) confidence is shown as sure."""
    return confidence >= SURE_CONFIDENCE


_UNDECODABLE_FACTOR = 0.05

_TEXT_ANOMALY = 4.0
"""No genuine text in the measurements read worse than an anomaly cost of 2.3 in its first
candidate, and none worse than 4 ever did; random, compressed and executable data read at 20 and
more. Beyond this the confidence falls off steeply, so such bytes are refused as binary (see
``decoding.IMPLAUSIBLE_CONFIDENCE``); below it the measured level stands."""


def _top_confidence(first: _Scored, evidence: _Evidence) -> float:
    """The probability that the first candidate decodes the input right: the measured level of its
    evidence class (:func:`_class_rate` mapped by :data:`_LEVELS`), cut for bytes that no text reads
    like or that the candidate cannot decode."""
    nonsense = math.exp(-2.0 * max(first.reading.anomaly - _TEXT_ANOMALY, 0.0))
    undecodable = _UNDECODABLE_FACTOR if first.reading.undecodable else 1.0
    return level_of(_class_rate(evidence), _LEVELS) * nonsense * undecodable


def _class_rate(evidence: _Evidence) -> float:
    """The measured share right of ``evidence``'s class (see :data:`_MEASURED`)."""
    rates = _MEASURED[evidence[:4]]
    return rates[1] if evidence.single_byte else rates[0]


# How the confidence is measured (`python bench/bench_detection.py --calibrate` prints both tables
# and the figures below; core/encoding/calibration.py has the method). The benchmark encodes genuine
# texts into every code page that holds them, whole, as excerpts and as lines; only its development
# part is fitted on, the held-aside part checks. One source text gives dozens of inputs that succeed
# or fail together, so every estimate counts source texts:
#
# _MEASURED: the share right per evidence class (agrees, margin, anomaly, distinctive), for a
#   multi-byte and a single-byte first candidate, each shrunk towards its parent class (the class
#   without its last field) as if by STRENGTH inputs; STRENGTH is the one of 10, 40, 150 and 600
#   whose rates, each fitted without the input's own source text, predict best (log-loss).
# _LEVELS: what a class rate is shown as. An isotonic map from those out-of-source rates to the
#   share right, its blocks merged until the share of each is known to within 2.5 points (one
#   cluster-robust standard error, by source text): the 95 % interval of every level shown lies
#   within the 5 points the calibration is judged by. A level is a measured rate of inputs
#   from many texts; finer levels were not reproducible across texts (fitted per class, they were
#   off by 12 to 55 points on the held-aside part).
# Fitted on 9,487 ranked inputs from 209 source texts; out-of-source log-loss 0.2496, 0.2467,
# 0.2474 and 0.2563 for STRENGTH 10, 40, 150 and 600: 40 it is.
_MEASURED: dict[tuple[bool, int, int, int], tuple[float, float]] = {
    (False, 0, 0, 0): (0.4283, 0.5027), (False, 0, 0, 1): (0.3281, 0.3229), (False, 0, 0, 2): (0.3228, 0.3074),
    (False, 0, 0, 3): (0.3307, 0.3226), (False, 0, 1, 0): (0.1026, 0.0977), (False, 0, 1, 1): (0.0449, 0.0187),
    (False, 0, 1, 2): (0.0957, 0.0851), (False, 0, 1, 3): (0.1025, 0.1051), (False, 0, 2, 0): (0.2546, 0.2546),
    (False, 0, 2, 1): (0.2368, 0.2203), (False, 0, 2, 2): (0.2484, 0.2423), (False, 0, 2, 3): (0.2546, 0.2546),
    (False, 0, 3, 0): (0.2489, 0.2489), (False, 0, 3, 1): (0.2489, 0.2489), (False, 0, 3, 2): (0.2212, 0.1967),
    (False, 0, 3, 3): (0.2489, 0.2489), (False, 1, 0, 0): (0.7556, 0.7646), (False, 1, 0, 1): (0.6906, 0.6092),
    (False, 1, 0, 2): (0.6780, 0.7208), (False, 1, 0, 3): (0.7997, 0.8505), (False, 1, 1, 0): (0.7034, 0.7034),
    (False, 1, 1, 1): (0.7034, 0.7034), (False, 1, 1, 2): (0.7034, 0.7034), (False, 1, 1, 3): (0.7034, 0.7034),
    (False, 1, 2, 0): (0.7034, 0.7034), (False, 1, 2, 1): (0.7034, 0.7034), (False, 1, 2, 2): (0.7034, 0.7034),
    (False, 1, 2, 3): (0.7034, 0.7034), (False, 1, 3, 0): (0.6862, 0.6862), (False, 1, 3, 1): (0.6862, 0.6862),
    (False, 1, 3, 2): (0.6862, 0.6862), (False, 1, 3, 3): (0.6695, 0.6532), (False, 2, 0, 0): (0.6711, 0.6791),
    (False, 2, 0, 1): (0.6900, 0.6969), (False, 2, 0, 2): (0.6648, 0.6172), (False, 2, 0, 3): (0.6655, 0.6457),
    (False, 2, 1, 0): (0.6522, 0.6522), (False, 2, 1, 1): (0.6522, 0.6522), (False, 2, 1, 2): (0.6522, 0.6522),
    (False, 2, 1, 3): (0.6522, 0.6522), (False, 2, 2, 0): (0.6522, 0.6522), (False, 2, 2, 1): (0.6522, 0.6522),
    (False, 2, 2, 2): (0.6522, 0.6522), (False, 2, 2, 3): (0.6522, 0.6522), (False, 2, 3, 0): (0.6363, 0.6363),
    (False, 2, 3, 1): (0.6363, 0.6363), (False, 2, 3, 2): (0.6207, 0.6056), (False, 2, 3, 3): (0.6363, 0.6363),
    (False, 3, 0, 0): (0.8622, 0.8622), (False, 3, 0, 1): (0.7808, 0.7442), (False, 3, 0, 2): (0.8727, 0.8798),
    (False, 3, 0, 3): (0.9580, 0.9755), (False, 3, 1, 0): (0.7980, 0.7980), (False, 3, 1, 1): (0.7980, 0.7980),
    (False, 3, 1, 2): (0.7980, 0.7980), (False, 3, 1, 3): (0.7785, 0.7595), (False, 3, 2, 0): (0.8179, 0.8179),
    (False, 3, 2, 1): (0.8179, 0.8179), (False, 3, 2, 2): (0.8179, 0.8179), (False, 3, 2, 3): (0.8179, 0.8179),
    (False, 3, 3, 0): (0.8179, 0.8179), (False, 3, 3, 1): (0.8179, 0.8179), (False, 3, 3, 2): (0.8179, 0.8179),
    (False, 3, 3, 3): (0.8179, 0.8179), (True, 0, 0, 0): (0.9647, 0.9772), (True, 0, 0, 1): (0.9757, 0.9849),
    (True, 0, 0, 2): (0.9514, 0.9568), (True, 0, 0, 3): (0.9543, 0.9880), (True, 0, 1, 0): (0.2833, 0.1349),
    (True, 0, 1, 1): (0.4570, 0.2823), (True, 0, 1, 2): (0.7207, 0.7898), (True, 0, 1, 3): (0.6362, 0.8114),
    (True, 0, 2, 0): (0.7466, 0.7466), (True, 0, 2, 1): (0.8557, 0.8087), (True, 0, 2, 2): (0.7374, 0.7249),
    (True, 0, 2, 3): (0.6666, 0.7304), (True, 0, 3, 0): (0.6183, 0.6183), (True, 0, 3, 1): (0.6530, 0.6845),
    (True, 0, 3, 2): (0.5752, 0.5350), (True, 0, 3, 3): (0.5234, 0.5564), (True, 1, 0, 0): (0.8152, 0.8357),
    (True, 1, 0, 1): (0.9743, 0.9122), (True, 1, 0, 2): (0.9395, 0.9763), (True, 1, 0, 3): (0.8450, 0.9941),
    (True, 1, 1, 0): (0.9721, 0.9721), (True, 1, 1, 1): (0.9758, 0.9740), (True, 1, 1, 2): (0.9876, 0.9874),
    (True, 1, 1, 3): (0.9899, 0.9906), (True, 1, 2, 0): (0.8972, 0.8972), (True, 1, 2, 1): (0.9188, 0.9086),
    (True, 1, 2, 2): (0.9111, 0.9044), (True, 1, 2, 3): (0.8477, 0.8789), (True, 1, 3, 0): (0.8330, 0.8330),
    (True, 1, 3, 1): (0.8330, 0.8330), (True, 1, 3, 2): (0.8330, 0.8330), (True, 1, 3, 3): (0.6930, 0.7566),
    (True, 2, 0, 0): (0.9996, 0.9999), (True, 2, 0, 1): (0.9997, 0.9999), (True, 2, 0, 2): (0.9999, 1.0000),
    (True, 2, 0, 3): (0.9999, 0.9999), (True, 2, 1, 0): (0.9905, 0.9905), (True, 2, 1, 1): (0.9905, 0.9905),
    (True, 2, 1, 2): (0.9905, 0.9905), (True, 2, 1, 3): (0.9924, 0.9939), (True, 2, 2, 0): (0.9899, 0.9899),
    (True, 2, 2, 1): (0.9899, 0.9899), (True, 2, 2, 2): (0.9909, 0.9904), (True, 2, 2, 3): (0.9917, 0.9915),
    (True, 2, 3, 0): (0.9276, 0.9276), (True, 2, 3, 1): (0.9276, 0.9276), (True, 2, 3, 2): (0.8234, 0.8719),
    (True, 2, 3, 3): (0.9344, 0.9311), (True, 3, 0, 0): (0.9997, 0.9997), (True, 3, 0, 1): (0.9999, 1.0000),
    (True, 3, 0, 2): (1.0000, 1.0000), (True, 3, 0, 3): (1.0000, 1.0000), (True, 3, 1, 0): (0.9626, 0.9626),
    (True, 3, 1, 1): (0.9677, 0.9653), (True, 3, 1, 2): (0.9836, 0.9789), (True, 3, 1, 3): (0.9520, 0.9145),
    (True, 3, 2, 0): (0.9971, 0.9971), (True, 3, 2, 1): (0.9971, 0.9971), (True, 3, 2, 2): (0.9980, 0.9978),
    (True, 3, 2, 3): (0.9992, 0.9986), (True, 3, 3, 0): (0.9939, 0.9939), (True, 3, 3, 1): (0.9939, 0.9939),
    (True, 3, 3, 2): (0.9939, 0.9939), (True, 3, 3, 3): (0.9944, 0.9942),
}

_LEVELS: tuple[tuple[float, float], ...] = (
    (0.9685, 0.8269),  # 4967 inputs from 173 texts, standard error 0.019
    (0.9805, 0.9778),  # 1978 inputs from 122 texts, standard error 0.006
    (0.9840, 0.9815),  # 54 inputs from 8 texts, standard error 0.021
    (0.9965, 0.9926),  # 1076 inputs from 142 texts, standard error 0.004
    (1.0000, 0.9993),  # 1412 inputs from 162 texts, standard error 0.000
)


# --------------------------------------------------------------------------------------------------
# BOM-less UTF-16 / UTF-32


def sniff_bomless_utf16_32(data: bytes) -> str | None:
    """Recognise UTF-16 or UTF-32 text that has no BOM.

    Text in these encodings has NUL bytes at regular positions (every other byte for Latin text in
    UTF-16, three of every four in UTF-32). Binary formats have NULs too, so the decoded text must
    also be plausible: mostly printable, few controls and unassigned code points.

    Args:
        data: The raw bytes of a file (with no BOM).

    Returns:
        ``"utf-32-le"``, ``"utf-32-be"``, ``"utf-16-le"`` or ``"utf-16-be"``, or None.
    """
    sample = data[:SAMPLE_BYTES]
    # Spaces and punctuation alone put a NUL in a tenth of the bytes of UTF-16 text in any
    # alphabetic script; a stray NUL in an 8-bit text does not come near.
    if len(sample) < 4 or sample.count(0) < len(sample) // 20:
        return None
    for name, width in (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2), ("utf-16-be", 2)):
        if len(data) % width:
            continue
        usable = sample[: len(sample) - len(sample) % width]
        units = len(usable) // width
        if units < 2:
            continue
        little = name.endswith("le")
        if width == 4:
            # Code points are below 0x110000: the top byte is always NUL, the next one nearly so.
            top, next_ = (usable[3::4], usable[2::4]) if little else (usable[0::4], usable[1::4])
            if top.count(0) != units or next_.count(0) < units * 0.9:
                continue
        else:
            high, low = (usable[1::2], usable[0::2]) if little else (usable[0::2], usable[1::2])
            # The high byte is the Unicode block: NUL for ASCII spaces, digits and punctuation,
            # and one or two values for the letters of an alphabet. The low bytes vary.
            blocks = Counter(high).most_common(2)
            if high.count(0) <= 2 * low.count(0) or sum(n for _, n in blocks) < units * 0.85:
                continue
        try:
            text = codecs.getincrementaldecoder(name)("strict").decode(usable, final=False)
        except UnicodeDecodeError:
            continue
        if _plausible_text(text):
            return name
    return None


def _plausible_text(text: str) -> bool:
    """Mostly letters, digits, spaces and punctuation; hardly any controls or unassigned points."""
    if not text:
        return False
    counts = Counter(_class_string(text))
    bad = counts[_CONTROL] + counts[_C1] + counts[_UNDEFINED]
    # Letters and digits: a CSV of numbers is text too, a run of random 16-bit units is not.
    alphanumeric = sum(counts[c] for c in _LETTERS) + counts[_DIGIT]
    return bad <= len(text) * 0.01 and alphanumeric >= len(text) * 0.3


# Japanese mixes these three in every sentence: one writing system, for the test below.
_SCRIPT_GROUPS = {"Hiragana": "Han", "Katakana": "Han"}
_ONE_SCRIPT_SHARE = 0.9
_MIN_WIDE_LETTERS = 8


def sniff_wide_text_by_script(data: bytes) -> str | None:
    """Recognise BOM-less UTF-16/32 text that has too few NULs for :func:`sniff_bomless_utf16_32`.

    CJK text in UTF-16 has no NUL pattern (its code units are ``4E..9F xx``, ``30 xx``, ``AC..D7
    xx``), but read that way it is plausible text nearly all in one writing system, which random
    code units never are: they scatter over Han, Hangul, Yi and the rest of the BMP. The caller
    asks only when no other reading of the bytes makes sense.

    Returns:
        ``"utf-32-le"``, ``"utf-32-be"``, ``"utf-16-le"`` or ``"utf-16-be"``, or None.
    """
    sample = data[:SAMPLE_BYTES]
    for name, width in (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2), ("utf-16-be", 2)):
        if len(data) % width:
            continue
        try:
            text = codecs.getincrementaldecoder(name)("strict").decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        if _plausible_text(text) and _in_one_script(text):
            return name
    return None


def _in_one_script(text: str) -> bool:
    """Whether the letters of ``text`` (a few at least) nearly all belong to one writing system."""
    scripts = Counter(_SCRIPT_GROUPS.get(script, script)
                      for script in map(script_of, filter(str.isalpha, text))
                      if script not in ("Common", "Inherited"))
    letters = sum(scripts.values())
    return letters >= _MIN_WIDE_LETTERS and max(scripts.values()) >= _ONE_SCRIPT_SHARE * letters
