"""The shared corpora (developers' machines and CI only; skipped on a fresh clone)."""

from __future__ import annotations

from pathlib import Path

from glyphwash.core.decoding import BinaryFileError, decode_bytes
from glyphwash.core.saving import encode_document


def test_every_chardet_test_file_round_trips(shared_dir: Path) -> None:
    files = sorted(p for p in (shared_dir / "corpora" / "chardet-tests").rglob("*")
                   if p.is_file() and p.name != "SOURCE.txt")
    assert len(files) > 100
    not_identical = []
    for path in files:
        data = path.read_bytes()
        try:
            document = decode_bytes(data, path=path)
        except BinaryFileError:
            not_identical.append(f"{path.name}: refused as binary")
            continue
        if encode_document(document, document.text) != data:
            not_identical.append(path.name)
    assert not_identical == []


def test_homoglyph_sample_in_cp1251_decodes_to_cyrillic(sample_article: Path) -> None:
    text = sample_article.read_text(encoding="utf-8")
    document = decode_bytes(text.encode("cp1251"))
    assert document.text == text
    assert "å" not in document.text
