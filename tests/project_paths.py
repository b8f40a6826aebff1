"""Where the checkout and its shipped files are, for tests (importable, unlike a conftest)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# The README's example, shipped with the project: every test that needs it runs on a fresh clone.
SAMPLE_ARTICLE = ROOT / "docs" / "examples" / "homoglyph-news.txt"
