"""Unicode 17 character data, parsed once from the files in ``resources/unicode``.

Tables are built lazily on first use and cached for the life of the process, so the CLI pays only
for what a command needs. Python's own ``unicodedata`` is too old for Unicode 17 (3.11 ships 14),
so names and categories come from ``unicodedata2``, and scripts from ``Scripts.txt`` here.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import unicodedata2

UNICODE_DIR = Path(__file__).resolve().parents[2] / "resources" / "unicode"
UNICODE_VERSION = "17.0.0"

MAX_CODE_POINT = 0x10FFFF


def data_lines(filename: str) -> Iterator[tuple[list[str], str]]:
    """Yield ``(fields, comment)`` for each data line of a UCD-style file.

    Fields are split on ``;`` and stripped; the comment is the text after ``#``.
    """
    with open(UNICODE_DIR / filename, encoding="utf-8") as handle:
        for line in handle:
            data, _, comment = line.partition("#")
            if data.strip():
                yield [field.strip() for field in data.split(";")], comment.strip()


def parse_range(field: str) -> range:
    """``'0041..005A'`` or ``'00AA'`` as a range of code points."""
    first, _, last = field.partition("..")
    return range(int(first, 16), int(last or first, 16) + 1)


@functools.cache
def script_aliases() -> dict[str, str]:
    """Short script codes (``Cyrl``) to long names (``Cyrillic``)."""
    return {fields[1]: fields[2] for fields, _ in data_lines("PropertyValueAliases.txt")
            if fields[0] == "sc"}


def _check_script_table(stored: object) -> tuple[bytes, tuple[str, ...]]:
    if not (isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], bytes)
            and len(stored[0]) == MAX_CODE_POINT + 1 and isinstance(stored[1], tuple)):
        raise ValueError("not a script table")
    return stored


@functools.cache
def _script_table() -> tuple[bytes, tuple[str, ...]]:
    from .table_cache import disk_cached

    return disk_cached("scripts", _build_script_table, decode=_check_script_table)


def _build_script_table() -> tuple[bytes, tuple[str, ...]]:
    names: list[str] = ["Unknown"]
    index: dict[str, int] = {"Unknown": 0}
    table = bytearray(MAX_CODE_POINT + 1)
    for fields, _ in data_lines("Scripts.txt"):
        code_points, script = parse_range(fields[0]), fields[1]
        if script not in index:
            index[script] = len(names)
            names.append(script)
        table[code_points.start:code_points.stop] = bytes([index[script]]) * len(code_points)
    return bytes(table), tuple(names)


def script_of(char: str) -> str:
    """The Script property of ``char`` as a long name (``Latin``, ``Cyrillic``, ``Common``...)."""
    table, names = _script_table()
    return names[table[ord(char)]]


@functools.cache
def _script_extensions() -> dict[int, frozenset[str]]:
    aliases = script_aliases()
    extensions: dict[int, frozenset[str]] = {}
    for fields, _ in data_lines("ScriptExtensions.txt"):
        scripts = frozenset(aliases.get(code, code) for code in fields[1].split())
        for code_point in parse_range(fields[0]):
            extensions[code_point] = scripts
    return extensions


def script_extensions_of(char: str) -> frozenset[str]:
    """The Script_Extensions of ``char``: the scripts it is used with (its script by default)."""
    return _script_extensions().get(ord(char)) or frozenset((script_of(char),))


@functools.cache
def _name_aliases() -> dict[int, str]:
    """Names for characters that have none in UnicodeData (controls): the first alias listed."""
    aliases: dict[int, str] = {}
    for fields, _ in data_lines("NameAliases.txt"):
        aliases.setdefault(int(fields[0], 16), fields[1])
    return aliases


def char_name(char: str) -> str:
    """The Unicode name of ``char``, an alias for controls, or a description for the nameless."""
    name: str = unicodedata2.name(char, "")
    if name:
        return name
    code_point = ord(char)
    alias = _name_aliases().get(code_point)
    if alias:
        return alias
    if 0xDC80 <= code_point <= 0xDCFF:
        return f"UNDECODABLE BYTE 0x{code_point - 0xDC00:02X}"
    category = unicodedata2.category(char)
    descriptions = {"Co": "PRIVATE USE", "Cs": "SURROGATE", "Cn": "UNASSIGNED"}
    return f"<{descriptions.get(category, category)}-{code_point:04X}>"


def category_of(char: str) -> str:
    """The General_Category of ``char`` (``Lu``, ``Mn``, ``Zs``...), Unicode 17."""
    return str(unicodedata2.category(char))


def describe(char: str) -> str:
    """``U+0435 CYRILLIC SMALL LETTER IE``: how reports and tooltips name a character."""
    return f"U+{ord(char):04X} {char_name(char)}"
