"""The shared corpora (developers' machines and CI only; skipped on a fresh clone)."""

from __future__ import annotations

from pathlib import Path

import chardet.registry

from glyphwash.core.encoding.decoding import BinaryFileError, decode_bytes
from glyphwash.core.encoding.saving import encode_document


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


def test_no_corpus_file_is_called_binary(shared_dir: Path) -> None:
    # Whole chardet-tests files are covered by test_every_chardet_test_file_round_trips.
    corpora = shared_dir / "corpora"
    files = sorted(path for name in ("chardet-tests", "bible", "ud-treebanks", "english")
                   for path in (corpora / name).rglob("*") if path.is_file())
    assert len(files) > 400
    refused = []
    for path in files:
        data = path.read_bytes()
        cuts = (256, 64) if path.is_relative_to(corpora / "chardet-tests") else (len(data), 256, 64)
        for cut in cuts:  # short files too
            if not data[:cut].strip(b"\x00"):
                continue  # a NUL-padded file's first bytes: "only NUL bytes", and rightly so
            try:
                decode_bytes(data[:cut])
            except BinaryFileError as error:
                refused.append(f"{path.name}[:{cut}]: {error}")
    assert refused == []


TEXTS_PER_ENCODING = 8


def test_corpus_texts_in_every_legacy_encoding_are_not_called_binary(shared_dir: Path) -> None:
    texts = [path.read_text(encoding="utf-8")[:3000]
             for path in sorted((shared_dir / "corpora" / "bible").glob("*.txt"))]
    texts += [path.read_text(encoding="utf-8")[:3000]
              for path in sorted((shared_dir / "corpora" / "ud-treebanks").rglob("*.sentences.txt"))]
    encodings = sorted(name for name in chardet.registry.REGISTRY if not name.startswith(("utf", "ascii")))
    refused, tried = [], 0
    for encoding in encodings:
        written = 0
        for text in texts:
            try:
                data = text.encode(encoding)
            except UnicodeEncodeError:
                continue  # the code page cannot write this language
            if written == TEXTS_PER_ENCODING or (data.isascii() and written):
                continue  # a few languages per code page, one of them ASCII-only at most
            tried += 1
            written += 1
            for cut in (len(data), 256):
                try:
                    decode_bytes(data[:cut])
                except BinaryFileError as error:
                    refused.append(f"{encoding} {text[:20]!r}[:{cut}]: {error}")
    assert tried > 100
    assert refused == []
