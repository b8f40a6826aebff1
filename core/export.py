"""The findings of a review as files: a self-contained HTML report and the ``report --json`` record.

The HTML report is one file a browser shows without anything else: inline CSS (light and dark
through ``prefers-color-scheme``), no script, no external resource, and a Content-Security-Policy
that forbids both should anything slip through. It holds the summary (file, encoding, counts per
rule and severity), both texts line by line side by side with the changes coloured as in the
panes, each kind of change explained once (code points and names, rule, reason) and every change
listed (line:col, before → after, kept or reverted as reviewed).

Every text taken from the document — its text, path, reasons, hidden messages — is hostile: it
goes through :func:`html_text`, which shows invisible, bidi-control, tag and raw-byte characters as
the panes' boxed stand-ins and escapes markup, or :func:`attribute_text` for attribute values. The
colours come from the caller (the window's palette per rule) and are checked to be colours.

Everything is one walk over the lines and the changes: the export of a big document stays linear.
Both are made from a :class:`ReviewSnapshot` taken when the export is asked for (the review may go
on while a worker thread writes it) and come in pieces (:func:`html_pieces`, :func:`json_pieces`,
:func:`encoded`), so no single call holds the GIL long and nothing holds the whole file at once.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Mapping
from itertools import compress
from typing import NamedTuple

from .changes import Severity
from .cli.cli import json_pieces as json_line_pieces
from .cli.report import report_record
from .rules import RULES, RULES_BY_ID
from .unicode.unicode_data import describe
from .version import __version__
from .view.display import STAND_IN_CHARS, escape_for_display, stand_in
from .view.document import Pieces, ReviewDocument


class RuleColors(NamedTuple):
    """How one rule's changes look in the report (the panes' colours).

    Attributes:
        light: background of a kept change with a light background.
        dark: background of a kept change with a dark background.
        strong: the saturated colour (underline, stand-in boxes, swatches).
        underline: a CSS ``text-decoration-style`` (the panes' underline, so rules differ without colour).
    """

    light: str
    dark: str
    strong: str
    underline: str


UNDERLINES = frozenset({"solid", "double", "dotted", "dashed", "wavy"})
NEUTRAL = RuleColors("#e9ecef", "#444b52", "#868e96", "solid")
REVERTED_COLOR = "#868e96"
# Characters and names of a kind listed in full up to this many; code points in a list up to this many.
NAMED_CHARACTERS = 24
LISTED_CODE_POINTS = 6
_COLOR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?")
_LINE_END = re.compile(r"(?:\r\n|\r|\n)\Z")
_BREAKS = re.compile(r"\r\n?")
# Characters of a report encoded at once (about a millisecond of work in C).
ENCODED_CHARACTERS = 1 << 20


class ExportError(ValueError):
    """The caller's colours are not colours (never the document: any text exports)."""


class ReviewSnapshot(NamedTuple):
    """A document as reviewed at one moment: what an export writes, however the review goes on.

    The document's text and changes never change; only which changes are kept does, so the
    snapshot copies those flags.

    Attributes:
        document: the document.
        accepted: one byte per change, 1 where it is kept.
        label: what the report calls the document (its path).
    """

    document: ReviewDocument
    accepted: bytes
    label: str

    @classmethod
    def of(cls, document: ReviewDocument, label: str) -> ReviewSnapshot:
        """``document`` as reviewed now."""
        return cls(document, bytes(document.state.accepted), label)


def json_report(document: ReviewDocument, label: str) -> str:
    """The ``report --json`` line for ``document`` named ``label``, with each change's review."""
    return "".join(json_pieces(ReviewSnapshot.of(document, label)))


def json_pieces(snapshot: ReviewSnapshot) -> Iterator[str]:
    """:func:`json_report` of a snapshot, in pieces.

    The record is :func:`core.report.report_record`'s, escaped as the command escapes it; each
    change also has ``"kept"`` (false where the reviewer reverted it), the one difference.
    """
    document = snapshot.document
    record = report_record(snapshot.label, document.decoded, document.analysis)
    for change, kept in zip(record["changes"], snapshot.accepted, strict=True):
        change["kept"] = bool(kept)
    yield from json_line_pieces(record)
    yield "\n"


def encoded(pieces: Iterable[str], characters: int = ENCODED_CHARACTERS) -> Iterator[bytes]:
    """``pieces`` joined and encoded as UTF-8, about ``characters`` characters at a time."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= characters:
            yield "".join(batch).encode("utf-8")
            batch.clear()
            size = 0
    if batch:
        yield "".join(batch).encode("utf-8")


def html_text(text: str) -> str:
    """``text`` as HTML content: markup escaped, hidden characters as boxed stand-ins.

    Escaping first is safe: it neither makes nor removes a character that needs a stand-in.
    """
    escaped = html.escape(text, quote=False)
    return STAND_IN_CHARS.sub(_stand_in_html, escaped)


def _stand_in_html(match: re.Match[str]) -> str:
    label = stand_in(match.group()) or f"U+{ord(match.group()):04X}"
    return f'<span class="si">{html.escape(label)}</span>'


def attribute_text(text: str, limit: int = 200) -> str:
    """``text`` for an attribute value (a tooltip): hidden characters as ``<RLO>`` labels, quoted."""
    return html.escape(escape_for_display(text, limit=limit), quote=True)


def code_points(text: str) -> str:
    """``U+0435 U+0065`` (the first few), ``removed`` for nothing."""
    if not text:
        return "removed"
    shown = " ".join(f"U+{ord(char):04X}" for char in text[:LISTED_CODE_POINTS])
    return shown + (" …" if len(text) > LISTED_CODE_POINTS else "")


def check_colors(colors: Mapping[str, RuleColors]) -> None:
    """Refuse a mapping whose values would not be plain CSS colours and underline styles.

    Raises:
        ExportError: naming the rule and the bad value.
    """
    for rule, style in colors.items():
        for value in (style.light, style.dark, style.strong):
            if not _COLOR.fullmatch(value):
                raise ExportError(f"colour {value!r} of rule {rule!r} is not #rgb or #rrggbb")
        if style.underline not in UNDERLINES:
            raise ExportError(f"underline {style.underline!r} of rule {rule!r} is not one of {sorted(UNDERLINES)}")


class _Kind(NamedTuple):
    """One distinct explanation: a rule making one edit for one reason."""

    number: int
    rule: str
    original: str
    replacement: str
    reason: str
    severity: Severity


class _Report:
    """The pieces of one HTML report, built from a snapshot of a document's review."""

    def __init__(self, snapshot: ReviewSnapshot, colors: Mapping[str, RuleColors]) -> None:
        check_colors(colors)
        document = self.document = snapshot.document
        self.label = snapshot.label
        self.text = document.decoded.text
        changes = document.changes
        self.offsets = document.state.offsets
        self.ends = document.state.ends
        self.accepted = snapshot.accepted
        self.originals = changes.originals
        self.replacements = changes.replacements
        self.rules = changes.rules
        present = set(self.rules)
        ordered = [rule.id for rule in RULES if rule.id in present] + sorted(present - set(RULES_BY_ID))
        self.rule_order = ordered
        self.rule_class = {rule: f"r{number}" for number, rule in enumerate(ordered)}
        self.colors = {rule: colors.get(rule, NEUTRAL) for rule in ordered}
        self.kinds: dict[tuple[str, str, str, str], _Kind] = {}
        self.kind_of: list[_Kind] = []
        for key in zip(self.rules, self.originals, self.replacements, changes.reasons, strict=True):
            kind = self.kinds.get(key)
            if kind is None:
                kind = self.kinds[key] = _Kind(len(self.kinds), *key, RULES_BY_ID[key[0]].severity
                                               if key[0] in RULES_BY_ID else Severity.INFO)
            self.kind_of.append(kind)
        self._severities = changes.severities
        self._pieces: dict[tuple[str, str], list[tuple[int, int, int, int]]] = {}
        self._titles: dict[tuple[_Kind, int], str] = {}

    # -- the whole page ----------------------------------------------------------------------

    def page(self) -> Iterator[str]:
        title = html_text(escape_for_display(self.label, limit=300))
        yield ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
               "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
               "style-src 'unsafe-inline'; img-src data:\">\n"
               '<meta name="color-scheme" content="light dark">\n'
               '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
               f"<title>Glyphwash report: {title}</title>\n<style>\n{self.css()}</style>\n</head>\n<body>\n")
        yield f'<header><h1>Glyphwash report</h1><p class="file">{html_text(self.label)}</p></header>\n'
        yield from self.summary()
        yield from self.texts()
        yield from self.kinds_section()
        yield from self.changes_section()
        yield f'<footer>Made by Glyphwash {html.escape(__version__)}. No script, no external resource.</footer>\n'
        yield "</body>\n</html>\n"

    def css(self) -> str:
        light = "".join(f".{self.rule_class[rule]}{{--mark:{style.light};--strong:{style.strong};"
                        f"--ul:{style.underline}}}\n" for rule, style in self.colors.items())
        dark = "".join(f".{self.rule_class[rule]}{{--mark:{style.dark}}}\n" for rule, style in self.colors.items())
        return CSS.replace("/*RULES*/", light).replace("/*DARK-RULES*/", dark).replace("REVERTED", REVERTED_COLOR)

    # -- summary -----------------------------------------------------------------------------

    def summary(self) -> Iterator[str]:
        decoded = self.document.decoded
        analysis = self.document.analysis
        count = len(self.accepted)
        kept = self.accepted.count(1)
        facts = [
            ("File", html_text(self.label)),
            ("Encoding", f"{html_text(decoded.encoding)} (confidence {decoded.confidence:.0%}, "
                         f"{html_text(decoded.detected_by)})" + (", with a byte order mark" if decoded.bom else "")),
            ("Line endings", html_text(decoded.newline.upper())),
            ("Rules", html_text(", ".join(rule.id for rule in RULES if rule.id in self.document.config.rules)
                                or "none")),
            ("Changes", f"{count:,} · {kept:,} kept · {count - kept:,} reverted (original kept)"),
        ]
        if decoded.decode_errors:
            facts.append(("Undecodable bytes", f"{len(decoded.decode_errors):,} runs, kept as they are "
                          "(shown as <span class=\"si\">xNN</span>)"))
        for hidden in analysis.hidden_text:
            line, column = self.document.state.lines.line_column(hidden.offset)
            facts.append(("Hidden text", f'<a href="#L{line}">{line}:{column}</a> in tag characters: '
                                         f"<q>{html_text(hidden.text)}</q>"))
        facts += [("Warning", html_text(warning)) for warning in decoded.warnings]
        yield '<section id="summary"><h2>Summary</h2>\n<dl>\n'
        for name, value in facts:
            yield f"<dt>{name}</dt><dd>{value}</dd>\n"
        yield "</dl>\n"
        if count:
            yield from self.rule_table()
            yield from self.severity_table()
        yield "</section>\n"

    def rule_table(self) -> Iterator[str]:
        totals = dict.fromkeys(self.rule_order, 0)
        kept = dict.fromkeys(self.rule_order, 0)
        for rule in self.rules:
            totals[rule] += 1
        for rule in compress(self.rules, self.accepted):
            kept[rule] += 1
        yield ('<table class="counts"><caption>By rule (the sample shows how its changes look)</caption>\n'
               "<tr><th>Rule</th><th>Id</th><th>Severity</th><th>Sample</th><th>Changes</th><th>Kept</th>"
               "<th>Reverted</th></tr>\n")
        for rule in self.rule_order:
            info = RULES_BY_ID.get(rule)
            css = self.rule_class[rule]
            severity = info.severity.label if info else ""
            yield (f'<tr><td>{html_text(info.title if info else rule)}</td><td><code>{html_text(rule)}</code></td>'
                   f'<td>{severity}</td><td><span class="m p {css}">kept</span> '
                   f'<span class="m p rv {css}">reverted</span> <span class="m {css}"><span class="si">ZWSP</span>'
                   f'</span></td><td class="n">{totals[rule]:,}</td><td class="n">{kept[rule]:,}</td>'
                   f'<td class="n">{totals[rule] - kept[rule]:,}</td></tr>\n')
        yield "</table>\n"

    def severity_table(self) -> Iterator[str]:
        counts = dict.fromkeys(sorted(Severity, reverse=True), 0)
        for severity in self._severities:
            counts[severity] += 1
        yield '<table class="counts"><caption>By severity</caption>\n<tr><th>Severity</th><th>Changes</th></tr>\n'
        for severity, number in counts.items():
            yield f'<tr><td>{severity.label}</td><td class="n">{number:,}</td></tr>\n'
        yield "</table>\n"

    # -- the texts ---------------------------------------------------------------------------

    def texts(self) -> Iterator[str]:
        yield ('<section id="texts"><h2>Original and cleaned text</h2>\n<p class="note">Kept changes are '
               "coloured per rule; reverted ones are outlined in grey and keep the original in the cleaned text. "
               "Hidden characters are shown as boxed labels. Click a change for its explanation.</p>\n"
               '<table class="texts"><colgroup><col class="ln"><col><col></colgroup>\n'
               '<thead><tr><th class="ln">Line</th><th>Original</th><th>Cleaned (as reviewed)</th></tr></thead>\n'
               "<tbody>\n")
        first = 0  # the first change not yet shown
        for line, start, end in self.rows():
            left, right, first = self.row_cells(start, end, first)
            yield f'<tr id="L{line}"><th class="ln">{line}</th><td>{left}</td><td>{right}</td></tr>\n'
        yield "</tbody></table>\n</section>\n"

    def rows(self) -> Iterator[tuple[int, int, int]]:
        """(line number, start, end) of each row: a line of the original, with its following lines
        when a change spans its line break (both cells of a row then show the whole change)."""
        starts = self.document.state.lines.starts
        offsets, ends = self.offsets, self.ends
        total = len(self.text)
        change = 0
        line = 0
        while line < len(starts):
            first = line
            while True:
                line += 1
                boundary = starts[line] if line < len(starts) else total
                while change < len(offsets) and ends[change] <= boundary:
                    change += 1
                if line >= len(starts) or change >= len(offsets) or offsets[change] >= boundary:
                    break
            yield first + 1, starts[first], boundary

    def row_cells(self, start: int, end: int, change: int) -> tuple[str, str, int]:
        """The original and cleaned cells of ``text[start:end]``; ``change`` is the first change at
        or after ``start``, and the first one after the row is returned with the cells."""
        text, offsets, ends = self.text, self.offsets, self.ends
        count = len(offsets)
        stop = change
        while stop < count and offsets[stop] < end:
            stop += 1
        line_end = _LINE_END.search(text, start, end)
        if line_end is not None and (stop == change or ends[stop - 1] <= line_end.start()):
            end = line_end.start()  # the line break itself is the row's end
        left: list[str] = []
        right: list[str] = []
        position = start
        for index in range(change, stop):
            offset = offsets[index]
            if offset > position:
                plain = _cell_text(text[position:offset])
                left.append(plain)
                right.append(plain)
            left_mark, right_mark = self.marks(index)
            left.append(left_mark)
            right.append(right_mark)
            position = ends[index]
        if end > position:
            plain = _cell_text(text[position:end])
            left.append(plain)
            right.append(plain)
        return "".join(left), "".join(right), stop

    def marks(self, index: int) -> tuple[str, str]:
        """Change ``index`` as shown in the original cell and in the cleaned one."""
        kind = self.kind_of[index]
        kept = self.accepted[index]
        pieces = self._pieces.get((kind.original, kind.replacement))
        if pieces is None:
            pieces = self._pieces[(kind.original, kind.replacement)] = Pieces.cut(kind.original, kind.replacement)
        title = self._titles.get((kind, kept))
        if title is None:
            state = "kept" if kept else "reverted: original kept"
            title = self._titles[(kind, kept)] = attribute_text(
                f"{code_points(kind.original)} → {code_points(kind.replacement)} · {kind.rule} · {state}")
        css = f"m {self.rule_class[kind.rule]}" + ("" if kept else " rv")
        left = self._mark(f'id="o{index}" ', css, title, index, kind.original, pieces, original=True)
        # The tooltip once, on the original's mark: it says the same for both, and a dense text has
        # hundreds of thousands of marks.
        if kept:
            right = self._mark("", css, "", index, kind.replacement, pieces, original=False)
        else:
            right = self._mark("", css, "", index, kind.original, pieces, original=True)
        return left, right

    @staticmethod
    def _mark(anchor: str, css: str, title: str, index: int, shown: str,
              pieces: list[tuple[int, int, int, int]], *, original: bool) -> str:
        if title:
            anchor += f'title="{title}" '
        if not shown:
            return f'<a {anchor}class="{css} del" href="#e{index}"></a>'
        if len(pieces) == 1:
            return f'<a {anchor}class="{css} p" href="#e{index}">{_cell_text(shown)}</a>'
        parts = []
        for start, original_end, replacement_end, strong in pieces:
            piece = _cell_text(shown[start:original_end if original else replacement_end])
            parts.append(f'<span class="p">{piece}</span>' if strong else piece)
        return f'<a {anchor}class="{css}" href="#e{index}">{"".join(parts)}</a>'

    # -- explanations ------------------------------------------------------------------------

    def kinds_section(self) -> Iterator[str]:
        if not self.kinds:
            return
        kept_counts = [0] * len(self.kinds)
        counts = [0] * len(self.kinds)
        for kind, kept in zip(self.kind_of, self.accepted, strict=True):
            counts[kind.number] += 1
            kept_counts[kind.number] += kept
        yield ('<section id="kinds"><h2>Kinds of change</h2>\n<p class="note">Each distinct change with its '
               "characters, rule and reason; every change below links to its kind.</p>\n"
               '<table class="kinds"><tr><th>Kind</th><th>Before</th><th>After</th><th>Rule</th><th>Why</th>'
               "<th>Changes</th><th>Kept</th></tr>\n")
        for kind in self.kinds.values():
            info = RULES_BY_ID.get(kind.rule)
            rule = f"{html_text(info.title if info else kind.rule)} (<code>{html_text(kind.rule)}</code>)"
            yield (f'<tr id="k{kind.number}"><td>k{kind.number + 1}</td><td>{_characters(kind.original)}</td>'
                   f"<td>{_characters(kind.replacement)}</td><td>{rule}<br>{kind.severity.label}</td>"
                   f'<td>{html_text(kind.reason)}</td><td class="n">{counts[kind.number]:,}</td>'
                   f'<td class="n">{kept_counts[kind.number]:,}</td></tr>\n')
        yield "</table>\n</section>\n"

    def changes_section(self) -> Iterator[str]:
        if not self.kind_of:
            return
        yield ('<section id="changes"><h2>Every change</h2>\n<table class="changes"><tr><th>#</th>'
               "<th>Line:col</th><th>Before → after</th><th>Rule</th><th>Kind</th><th>State</th></tr>\n")
        lines = self.document.state.lines
        for index, kind in enumerate(self.kind_of):
            line, column = lines.line_column(self.offsets[index])
            css = self.rule_class[kind.rule]
            state = "kept" if self.accepted[index] else '<span class="reverted">reverted</span>'
            yield (f'<tr id="e{index}"><td class="n">{index + 1}</td><td><a href="#o{index}">{line}:{column}</a></td>'
                   f'<td><span class="m p {css}">{_short(kind.original)}</span> <small>{code_points(kind.original)}'
                   f'</small> → <span class="m p {css}">{_short(kind.replacement)}</span> '
                   f"<small>{code_points(kind.replacement)}</small></td><td>{html_text(kind.rule)}</td>"
                   f'<td><a href="#k{kind.number}">k{kind.number + 1}</a></td><td>{state}</td></tr>\n')
        yield "</table>\n</section>\n"


def _cell_text(text: str) -> str:
    """A piece of a text cell: :func:`html_text` with CRLF and CR as the line breaks they are."""
    if "\r" in text:
        text = _BREAKS.sub("\n", text)
    return html_text(text)


def _short(text: str, limit: int = 40) -> str:
    """A change's text in a list: at most ``limit`` characters, ``(removed)`` for nothing."""
    if not text:
        return "<i>(removed)</i>"
    return _cell_text(text[:limit]) + ("…" if len(text) > limit else "")


def _characters(text: str) -> str:
    """The characters of a kind, one a line with code point and name (the first few of a long text)."""
    if not text:
        return "<i>(removed)</i>"
    lines = [f'<span class="ch">{_cell_text(char)}</span> {html.escape(describe(char))}'
             for char in text[:NAMED_CHARACTERS]]
    if len(text) > NAMED_CHARACTERS:
        lines.append(f"… {len(text) - NAMED_CHARACTERS:,} more")
    return "<br>".join(lines)


def html_report(document: ReviewDocument, colors: Mapping[str, RuleColors], label: str) -> str:
    """The self-contained HTML report of ``document`` as reviewed now, titled ``label``.

    ``colors`` maps rule ids to the panes' colours (a rule missing from it is shown neutral).

    Raises:
        ExportError: a colour or underline style is not one.
    """
    return "".join(html_pieces(ReviewSnapshot.of(document, label), colors))


def html_pieces(snapshot: ReviewSnapshot, colors: Mapping[str, RuleColors]) -> Iterator[str]:
    """:func:`html_report` of a snapshot, in pieces (a row of the texts, a change of the list…).

    Raises:
        ExportError: at once, a colour or underline style is not one.
    """
    return _Report(snapshot, colors).page()


CSS = """\
:root{color-scheme:light dark;--fg:#212529;--bg:#ffffff;--muted:#6c757d;--rule:#dee2e6;--head:#f1f3f5;
--alt:#f8f9fa;--target:#fab005}
@media (prefers-color-scheme:dark){:root{--fg:#dee2e6;--bg:#1b1d20;--muted:#adb5bd;--rule:#3a3f45;
--head:#26292d;--alt:#212427}}
body{margin:0;padding:1.2em 2em 3em;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;
color:var(--fg);background:var(--bg)}
h1{font-size:1.5em;margin:0 0 .1em}h2{font-size:1.2em;margin:1.6em 0 .5em;border-bottom:1px solid var(--rule)}
.file{margin:0;color:var(--muted);overflow-wrap:anywhere;unicode-bidi:isolate}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1.2em;margin:0 0 1em}
dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere;unicode-bidi:isolate}
table{border-collapse:collapse}
th,td{border:1px solid var(--rule);padding:.2em .5em;text-align:left;vertical-align:top}
th{background:var(--head);font-weight:600}
caption{text-align:left;font-weight:600;padding:.4em 0}
table.counts{display:inline-table;margin:0 2em 1em 0}
td.n{text-align:right;font-variant-numeric:tabular-nums;width:1%;white-space:nowrap}
table.kinds{width:100%}
.note{color:var(--muted);margin:.2em 0 .6em}
code,.ch{font-family:ui-monospace,"DejaVu Sans Mono",Consolas,monospace}
table.texts{width:100%;table-layout:fixed;font:13px/1.45 ui-monospace,"DejaVu Sans Mono",Consolas,monospace}
table.texts col.ln{width:4.5em}
table.texts th.ln{text-align:right;color:var(--muted);font-weight:normal;background:var(--head)}
table.texts thead th{font-family:system-ui,sans-serif;font-weight:600;position:sticky;top:0;z-index:1}
table.texts td{white-space:pre-wrap;overflow-wrap:anywhere;unicode-bidi:plaintext}
table.texts tbody tr:nth-child(even) td{background:var(--alt)}
table.kinds td,table.changes td{overflow-wrap:anywhere}
.m{color:inherit;text-decoration:none;--strong:#868e96;--mark:transparent;--ul:solid}
.m.p,.m .p{background:var(--mark);text-decoration:underline var(--ul) var(--strong);
text-decoration-skip-ink:none;text-underline-offset:2px}
.m.rv.p,.m.rv .p{background:none;text-decoration-color:REVERTED;outline:1px dashed REVERTED;outline-offset:-1px}
.m.del{display:inline-block;width:3px;height:1.1em;vertical-align:text-bottom;background:var(--strong)}
.si{display:inline-block;font:bold .75em/1.3 system-ui,sans-serif;color:#fff;background:#6c757d;border-radius:3px;
padding:0 .2em;margin:0 1px;vertical-align:.1em;unicode-bidi:isolate;direction:ltr;white-space:nowrap}
.m .si{background:var(--strong)}
.m.rv .si{background:REVERTED}
.reverted{color:var(--muted);font-style:italic}
:target{outline:2px solid var(--target);outline-offset:1px}
footer{margin-top:2em;color:var(--muted);font-size:.85em}
/*RULES*/@media (prefers-color-scheme:dark){
/*DARK-RULES*/}
"""
