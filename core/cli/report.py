"""What the CLI prints: ``check`` lines and ``report --json`` objects, built from a document."""

from __future__ import annotations

from typing import Any

from ..changes import Change
from ..encoding.decoding import DecodedDocument
from ..engine import Analysis
from ..positions import LineIndex
from ..unicode.unicode_data import describe


def describe_text(text: str) -> str:
    """Code points and names of ``text``: ``U+0065 LATIN SMALL LETTER E``, joined by `` + ``."""
    if not text:
        return "(removed)"
    return " + ".join(describe(char) for char in text)


def check_lines(label: str, text: str, analysis: Analysis, lines: LineIndex | None = None) -> list[str]:
    """``path:line:col: rule: U+XXXX NAME -> replacement`` for each change, then hidden messages."""
    lines = lines or LineIndex(text)
    out = []
    for change in analysis.changes:
        line, column = lines.line_column(change.offset)
        out.append(f"{label}:{line}:{column}: {change.rule}: {describe_text(change.original)} -> "
                   f"{describe_text(change.replacement)}")
    for hidden in analysis.hidden_text:
        line, column = lines.line_column(hidden.offset)
        out.append(f"{label}:{line}:{column}: invisible: hidden text in tag characters: {hidden.text!r}")
    return out


def change_record(change: Change, lines: LineIndex) -> dict[str, Any]:
    line, column = lines.line_column(change.offset)
    return {
        "offset": change.offset, "length": change.length, "line": line, "column": column,
        "original": change.original, "replacement": change.replacement, "rule": change.rule,
        "severity": change.severity.label, "reason": change.reason,
    }


def report_record(label: str, document: DecodedDocument, analysis: Analysis) -> dict[str, Any]:
    """The ``report --json`` object for one file (see the README for the fields)."""
    lines = LineIndex(document.text)
    counts: dict[str, int] = {}
    for change in analysis.changes:
        counts[change.rule] = counts.get(change.rule, 0) + 1
    return {
        "path": label,
        "encoding": document.encoding,
        "confidence": round(document.confidence, 4),
        "detected_by": document.detected_by,
        "candidates": [{"encoding": c.encoding, "confidence": round(c.confidence, 4)}
                       for c in document.candidates],
        "bom": bool(document.bom),
        "newline": document.newline,
        "decode_errors": [{"offset": issue.offset, "byte_offset": issue.byte_offset,
                           "bytes": issue.data.hex(" ")} for issue in document.decode_errors],
        "changes": [change_record(change, lines) for change in analysis.changes],
        "counts": counts,
        "hidden_text": [{"offset": h.offset, "length": h.length, "line": lines.line_column(h.offset)[0],
                         "column": lines.line_column(h.offset)[1], "text": h.text}
                        for h in analysis.hidden_text],
        "warnings": list(document.warnings),
        "error": None,
    }


def error_record(label: str, message: str) -> dict[str, Any]:
    """The ``report --json`` object for a file that could not be processed."""
    return {"path": label, "encoding": None, "confidence": None, "candidates": [], "bom": None,
            "newline": None, "decode_errors": [], "changes": [], "counts": {}, "hidden_text": [],
            "warnings": [], "error": message}
