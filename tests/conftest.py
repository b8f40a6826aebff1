"""Test setup shared by every test: the checkout is importable as ``glyphwash``."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# The README's example, shipped with the project: every test that needs it runs on a fresh clone.
SAMPLE_ARTICLE = ROOT / "docs" / "examples" / "homoglyph-news.txt"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Built Unicode tables are cached on disk (core/table_cache.py): never in the user's cache dir
# during tests. The directory is removed when the test process exits.
_TABLE_CACHE = tempfile.TemporaryDirectory(prefix="glyphwash-test-tables-")
os.environ["GLYPHWASH_CACHE_DIR"] = _TABLE_CACHE.name
sys.path.insert(0, str(ROOT))
import main  # noqa: E402

main.register_checkout_package()


@pytest.fixture
def shared_dir() -> Path:
    """The developers' ../shared folder; tests that need it skip on a user's fresh clone."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present (fresh clone)")
    return SHARED


@pytest.fixture
def sample_article() -> Path:
    """The README's example article, in which all 205 letters ``e`` are Cyrillic."""
    return SAMPLE_ARTICLE
