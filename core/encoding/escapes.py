"""Encodings that switch character sets with escape sequences: ISO-2022-JP/KR/CN and HZ.

Their bytes are all 7-bit, so they pass for ASCII and valid UTF-8; read that way, the Japanese,
Korean or Chinese text shows as ASCII letters between ESC, SO and SI controls, and deleting those
controls (as the ``invisible`` rule does with stray controls) destroys the text for good. This
module knows the sequences: it recognises such bytes before the UTF-8 check
(:func:`recognise_escape_encoding`) and finds, in a text that was read some other way, the control
characters that belong to them (:func:`scan_escapes`), which nothing may delete.

ISO-2022-CN has no Python codec: its bytes are recognised and named, but cannot be decoded.
"""

from __future__ import annotations

import re
from typing import NamedTuple

ISO_2022_JP, ISO_2022_KR, ISO_2022_CN, HZ = "ISO-2022-JP", "ISO-2022-KR", "ISO-2022-CN", "HZ-GB-2312"

# Every designation (ESC, intermediate bytes, final byte) and single shift of the ISO-2022 forms in
# use, after the ESC, with the family that uses it. ``$`` designates a multi-byte set: only those
# carry CJK text, so only they make a text an ISO-2022 one (``ESC ( B`` alone is also the
# ``sgr0`` reset of many terminals, inside ordinary ANSI-coloured logs).
_SEQUENCES: dict[str, str] = {
    # ISO-2022-JP (RFC 1468) and its extensions -1 (RFC 2237), -2 (RFC 1554), -3, -2004 and EXT.
    "(B": ISO_2022_JP, "(J": ISO_2022_JP, "(I": ISO_2022_JP, "$@": ISO_2022_JP, "$B": ISO_2022_JP,
    "$(B": ISO_2022_JP, "$(D": ISO_2022_JP, "$A": ISO_2022_JP, "$(C": ISO_2022_JP, "$(O": ISO_2022_JP,
    "$(P": ISO_2022_JP, "$(Q": ISO_2022_JP, ".A": ISO_2022_JP, ".F": ISO_2022_JP,
    # ISO-2022-KR (RFC 1557): KS X 1001 into G1, then SO/SI.
    "$)C": ISO_2022_KR,
    # ISO-2022-CN and -CN-EXT (RFC 1922): GB 2312, ISO-IR-165 and CNS 11643 planes into G1-G3.
    "$)A": ISO_2022_CN, "$)G": ISO_2022_CN, "$)E": ISO_2022_CN, "$*H": ISO_2022_CN,
    "$+I": ISO_2022_CN, "$+J": ISO_2022_CN, "$+K": ISO_2022_CN, "$+L": ISO_2022_CN, "$+M": ISO_2022_CN,
}
# Single shifts: SS2 (ISO-2022-JP-2 and -CN) and SS3 (ISO-2022-CN-EXT) take one character from G2/G3.
_SINGLE_SHIFTS = {"N": (ISO_2022_JP, ISO_2022_CN), "O": (ISO_2022_CN,)}
_RE_ESCAPE = re.compile("\x1b(\\$[()*+]?[@-Z]|[(.][@-Z]|[NO])")
_RE_SHIFT = re.compile("[\x0e\x0f]")
# Families that shift into G1 with SO (0x0E) and back with SI (0x0F).
_SHIFTING = (ISO_2022_KR, ISO_2022_CN)

# Python codecs per family, narrowest first: the first that decodes the bytes strictly is used.
_CODECS: dict[str, tuple[tuple[str, str], ...]] = {
    ISO_2022_JP: (("ISO-2022-JP", "iso2022_jp"), ("ISO-2022-JP-1", "iso2022_jp_1"),
                  ("ISO-2022-JP-EXT", "iso2022_jp_ext"), ("ISO-2022-JP-2", "iso2022_jp_2"),
                  ("ISO-2022-JP-2004", "iso2022_jp_2004"), ("ISO-2022-JP-3", "iso2022_jp_3")),
    ISO_2022_KR: (("ISO-2022-KR", "iso2022_kr"),),
    HZ: (("HZ-GB-2312", "hz"),),
}
_LANGUAGE = {ISO_2022_JP: "Japanese", ISO_2022_KR: "Korean", ISO_2022_CN: "Chinese", HZ: "Chinese"}
CHARDET_BYTES = 64 * 1024
"""How much of the input chardet reads to confirm an escape encoding (it decides on the first
escape sequence anyway)."""


class EscapeScan(NamedTuple):
    """The escape-sequence structure of a text.

    Attributes:
        family: ``ISO-2022-JP``, ``ISO-2022-KR`` or ``ISO-2022-CN``: whose multi-byte designations
            the text holds.
        controls: offsets of the ESC, SO and SI characters that belong to the structure.
        first: the first multi-byte designation, as written (``ESC $ B``), for messages.
    """

    family: str
    controls: frozenset[int]
    first: str


class EscapeEncoding(NamedTuple):
    """Bytes recognised as an escape-sequence encoding.

    Attributes:
        name: the familiar name (``ISO-2022-JP-2``, ``HZ-GB-2312``…).
        codec: the Python codec, or None when there is none (ISO-2022-CN).
        family: the family (``ISO-2022-JP``, ``ISO-2022-KR``, ``ISO-2022-CN`` or ``HZ-GB-2312``).
    """

    name: str
    codec: str | None
    family: str


def scan_escapes(text: str) -> EscapeScan | None:
    """The ISO-2022 structure of ``text``, or None when it holds no multi-byte designation.

    A text with ``ESC $ B`` (or another multi-byte designation) is ISO-2022 text read as something
    else: every designation and single shift in it, and with a G1 designation (KR, CN) every SO
    and SI, belong to it. Other escape sequences (ANSI colours ``ESC [ … m``) do not.
    """
    if "\x1b" not in text:  # the common case, at memchr speed
        return None
    designations: list[tuple[int, str]] = []
    votes: dict[str, int] = {}
    for match in _RE_ESCAPE.finditer(text):
        sequence = match.group(1)
        if sequence in _SEQUENCES or sequence in _SINGLE_SHIFTS:
            designations.append((match.start(), sequence))
        if sequence.startswith("$") and sequence in _SEQUENCES:
            votes[_SEQUENCES[sequence]] = votes.get(_SEQUENCES[sequence], 0) + 1
    if not votes:
        return None
    family = max(votes, key=lambda name: votes[name])
    controls = {offset for offset, sequence in designations
                if sequence in _SEQUENCES or family in _SINGLE_SHIFTS[sequence]}
    if family in _SHIFTING:
        controls.update(match.start() for match in _RE_SHIFT.finditer(text))
    first = next(sequence for _offset, sequence in designations
                 if sequence.startswith("$") and _SEQUENCES[sequence] == family)
    return EscapeScan(family, frozenset(controls), "ESC " + " ".join(first))


def recognise_escape_encoding(data: bytes) -> EscapeEncoding | None:
    """Whether ``data`` is ISO-2022-JP/KR/CN or HZ text, and which.

    The bytes must all be 7-bit and hold the family's multi-byte designations (HZ: ``~{``); then
    the narrowest codec of the family that decodes them strictly is named, provided the decoded
    text holds some CJK character and chardet agrees (:func:`_chardet_agrees`).
    ISO-2022-CN, which neither Python nor chardet reads, is named from its designations alone
    (and ``codec`` is None).
    """
    if not data.isascii():
        return None
    family: str | None = None
    if b"\x1b" in data:
        scan = scan_escapes(data.decode("ascii"))
        if scan is not None:
            family = scan.family
    if family is None and b"~{" in data:
        family = HZ
    if family is None:
        return None
    if family == ISO_2022_CN:
        return EscapeEncoding(ISO_2022_CN, None, ISO_2022_CN)
    for name, codec in _CODECS[family]:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        # HZ is ASCII with tildes: "~{~}" or "~~" alone decode to no Chinese at all.
        if text.isascii() or not _chardet_agrees(data, family):
            return None
        return EscapeEncoding(name, codec, family)
    return None


def _chardet_agrees(data: bytes, family: str) -> bool:
    """Whether chardet, looking for itself, backs ``family``.

    HZ has nothing but printable ASCII to show for itself, so chardet must name it too. An ISO-2022
    designation is unambiguous, and chardet does not know them all (``ESC $ ( O`` of ISO-2022-JP-3
    makes it answer None), so there it only must not name another escape-sequence family.
    """
    found = _chardet_family(data)
    return found == family if family == HZ else found in (None, family)


def _chardet_family(data: bytes) -> str | None:
    """The escape-encoding family chardet finds in ``data``, if any."""
    import chardet  # slow to import: only escape-like inputs get here

    found = str(chardet.detect(data[:CHARDET_BYTES], prefer_superset=False).get("encoding") or "").lower()
    found = found.replace("_", "-")
    if found.startswith("iso-2022-jp") or found.startswith("iso2022-jp"):
        return ISO_2022_JP
    if found in ("iso-2022-kr", "iso2022-kr"):
        return ISO_2022_KR
    if found in ("hz-gb-2312", "hz"):
        return HZ
    return None


def escape_warning(scan: EscapeScan, encoding: str) -> str:
    """What a user reading ISO-2022 text as ``encoding`` needs to be told."""
    language = _LANGUAGE[scan.family]
    how = (f"reinterpret it as {scan.family} to read it" if scan.family != ISO_2022_CN else
           "Python has no ISO-2022-CN codec: convert the file to UTF-8 to read it (iconv -f ISO-2022-CN -t UTF-8)")
    return (f"the text holds {scan.family} escape sequences ({scan.first} …) but is read as {encoding}, so its "
            f"{language} text shows as ASCII letters; the escape and shift characters are kept (no rule removes "
            f"them) so the text survives cleaning; {how}")


def hz_warning(encoding: str) -> str:
    """What a user reading HZ text as ``encoding`` needs to be told."""
    return (f"the text looks like {HZ} (Chinese between ~{{ and ~}}) but is read as {encoding}, so its Chinese "
            f"text shows as ASCII letters; reinterpret it as {HZ} to read it")


def unsupported_message(name: str) -> str:
    """Why a file in an escape encoding without a Python codec cannot be read."""
    return (f"this is {name} text ({_LANGUAGE[name]} written with escape sequences), which Python has no codec "
            f"for, so Glyphwash cannot read it; convert it to UTF-8 first (iconv -f {name} -t UTF-8). Read as "
            "ASCII on the command line (--in-encoding ascii), it keeps its escape and shift bytes")


def line_by_line_codecs() -> frozenset[str]:
    """Escape-sequence codecs (canonical names) whose text can be encoded line by line.

    Every member of the ISO-2022-JP family and HZ; not ISO-2022-KR, which announces its set once
    per file (``ESC $ ) C``) and would lose or repeat that header.
    """
    return frozenset(codec for family in (ISO_2022_JP, HZ) for _name, codec in _CODECS[family])
