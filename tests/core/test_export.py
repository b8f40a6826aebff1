"""The exported findings: the HTML report (escaping of hostile text, structure) and the JSON record."""

from __future__ import annotations

import html.parser
import io
import json
from pathlib import Path

import pytest

from glyphwash.core.cli import cli
from glyphwash.core.cli.cli import json_pieces as json_line_pieces
from glyphwash.core.encoding.decoding import decode_bytes
from glyphwash.core.encoding.loading import load_file
from glyphwash.core.engine import EngineConfig
from glyphwash.core.export import (
    ExportError,
    ReviewSnapshot,
    RuleColors,
    encoded,
    html_pieces,
    html_report,
    html_text,
    json_pieces,
    json_report,
)
from glyphwash.core.view.document import ReviewDocument

ROOT = Path(__file__).resolve().parents[2]
COLORS = {"homoglyphs": RuleColors("#ffd8a8", "#7a4a12", "#e8590c", "wavy"),
          "invisible": RuleColors("#ffc9c9", "#7d2323", "#e03131", "solid")}
HOSTILE = ("Korеa \u202e<script>alert(1)</script>\u2066 & \"q\" tag\U000e0041\U000e003c zw\u200bsp "
           "\x00nul\n")


class Page(html.parser.HTMLParser):
    """Collects what a browser would see: tags, attributes and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def document_of(text: str | bytes, **kwargs: object) -> ReviewDocument:
    data = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text
    return ReviewDocument(decode_bytes(data, **kwargs), EngineConfig())  # type: ignore[arg-type]


def parsed(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


def test_hostile_text_is_shown_never_raw() -> None:
    page = html_report(document_of(HOSTILE), COLORS, "evil\u202etxt.<b>html")
    seen = parsed(page)
    tags = {tag for tag, _ in seen.tags}
    assert "script" not in tags and "b" not in tags and "img" not in tags and "link" not in tags
    shown = "".join(seen.text)
    assert "<script>alert(1)</script>" in shown  # as text, escaped
    for char in "\u202e\u2066\u200b\x00\U000e0041\U000e003c":
        assert char not in page
    assert {"RLO", "LRI", "ZWSP", "A", "<", "\u2400"} <= {text for text in seen.text}
    page.encode("utf-8")  # strictly: no lone surrogate


def test_raw_bytes_are_shown_as_their_stand_ins() -> None:
    document = document_of(b"caf\xe9 \xff\xfe ok\n", encoding="utf-8")
    page = html_report(document, COLORS, "bytes.txt")
    page.encode("utf-8")
    assert "xFF" in parsed(page).text and "\udcff" not in page


def test_the_page_needs_nothing_else() -> None:
    page = html_report(document_of(HOSTILE), COLORS, "a.txt")
    seen = parsed(page)
    assert not any(tag in {"script", "link", "img", "iframe", "object"} for tag, _ in seen.tags)
    assert not any(name.startswith("on") or name == "src" for _, attrs in seen.tags for name in attrs)
    for _, attrs in seen.tags:
        assert not (attrs.get("href") or "#").partition("#")[0]  # only links inside the page
    assert "default-src 'none'" in page and "prefers-color-scheme:dark" in page
    assert "http" not in page.replace('http-equiv="Content-Security-Policy"', "")


def test_structure_both_texts_marks_and_explanations() -> None:
    document = document_of("one Korеa\ntwo\u200bthree\n")
    document.state.set_accepted([1], False)
    page = html_report(document, COLORS, "a.txt")
    seen = parsed(page)
    ids = {attrs.get("id") for _, attrs in seen.tags}
    assert {"summary", "texts", "kinds", "changes", "L1", "L2", "o0", "o1", "e0", "e1", "k0", "k1"} <= ids
    marks = [attrs for tag, attrs in seen.tags if tag == "a" and "m" in (attrs.get("class") or "").split()]
    assert [mark["href"] for mark in marks] == ["#e0", "#e0", "#e1", "#e1"]  # left, right per change
    assert "rv" in (marks[2]["class"] or "") and "rv" in (marks[3]["class"] or "")  # reverted in both cells
    assert "rv" not in (marks[0]["class"] or "")
    assert "U+0435 CYRILLIC SMALL LETTER IE" in "".join(seen.text)
    assert "#ffd8a8" in page and "#7a4a12" in page and "wavy" in page  # the caller's colours, light and dark


def test_cleaned_cell_follows_the_review() -> None:
    document = document_of("one Korеa\n")
    accepted = html_report(document, COLORS, "a.txt")
    document.state.set_accepted([0], False)
    reverted = html_report(document, COLORS, "a.txt")
    cells = [text for text in parsed(accepted).text if text in ("е", "e")]
    assert cells[:2] == ["е", "e"]
    assert [text for text in parsed(reverted).text if text in ("е", "e")][:2] == ["е", "е"]


def test_a_change_over_a_line_break_keeps_one_row() -> None:
    document = document_of("a\u200b\nb\n")
    rows = [attrs["id"] for tag, attrs in parsed(html_report(document, COLORS, "a")).tags
            if tag == "tr" and (attrs.get("id") or "").startswith("L")]
    assert rows == ["L1", "L2", "L3"]


def test_bad_colours_are_refused() -> None:
    with pytest.raises(ExportError):
        html_report(document_of("x\n"), {"homoglyphs": RuleColors("red;}</style>", "#000", "#000", "wavy")}, "a")
    with pytest.raises(ExportError):
        html_report(document_of("x\n"), {"homoglyphs": RuleColors("#fff", "#000", "#000", "wavy;x")}, "a")


def test_html_text_escapes_markup_and_boxes_hidden_characters() -> None:
    assert html_text("<a>&\u200b") == '&lt;a&gt;&amp;<span class="si">ZWSP</span>'


def test_json_equals_report_json_plus_the_review(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_bytes((ROOT / "docs/examples/homoglyph-news.txt").read_bytes() + HOSTILE.encode())
    out = io.StringIO()
    assert cli.main(["report", "--json", str(path)], stdout=out, stderr=io.StringIO()) == 0
    document = ReviewDocument(load_file(path), EngineConfig())
    document.state.set_accepted([2], False)
    exported = json_report(document, str(path))
    record = json.loads(exported)
    assert [change.pop("kept") for change in record["changes"]][:4] == [True, True, False, True]
    assert record == json.loads(out.getvalue())
    assert "\u202e" not in exported  # escaped as the command escapes it


def test_export_is_linear_in_structure() -> None:
    """One row per line and one list entry per change, whatever the size."""
    text = "Korеa and Korеa\n" * 2000
    page = html_report(document_of(text), COLORS, "big.txt")
    assert page.count('<tr id="L') == 2001 and page.count('<tr id="e') == 4000


@pytest.mark.parametrize(("items_per_piece", "count"), [(1, 12), (2, 11), (3, 8), (4096, 8)])
def test_json_in_pieces_is_the_one_line(items_per_piece: int, count: int) -> None:
    """Lists longer than a piece are cut; the pieces join into exactly :func:`json_line`'s line
    (hostile strings escaped the same way, empty and short lists whole)."""
    record = {"path": "a\u202eb\\\"c", "changes": [{"original": "е\u200b", "n": number} for number in range(3)],
              "empty": [], "one": ["\U000e0041"], "counts": {"x": 1}, "error": None}
    pieces = list(json_line_pieces(record, items_per_piece))
    assert "".join(pieces) == cli.json_line(record) == cli.STAND_IN_CHARS.sub(
        cli._json_escape, json.dumps(record, ensure_ascii=False))
    assert len(pieces) == count  # { and } and a piece a key, the changes cut into "[", pieces of items, "]"


def test_a_snapshot_keeps_the_review_as_it_was() -> None:
    document = ReviewDocument(decode_bytes(HOSTILE.encode()), EngineConfig())
    snapshot = ReviewSnapshot.of(document, "x.txt")
    document.state.set_accepted(range(document.state.count), False)
    record = json.loads("".join(json_pieces(snapshot)))
    assert all(change["kept"] for change in record["changes"])
    assert 'class="m r0 rv' not in "".join(html_pieces(snapshot, COLORS))


def test_encoded_pieces_are_the_page_in_bounded_chunks() -> None:
    pieces = ["Korеa " * 10, "x" * 25, "", "é" * 7]
    chunks = list(encoded(pieces, characters=30))
    assert b"".join(chunks) == "".join(pieces).encode("utf-8")
    assert [len(chunk.decode()) for chunk in chunks] == [60, 32]  # each batch closed once it reaches 30
