"""Test setup shared by every test: the checkout is importable as ``glyphwash``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from project_paths import ROOT, SAMPLE_ARTICLE, SHARED

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Built Unicode tables and word lists are cached on disk (core/unicode/table_cache.py): never in the
# user's cache dir during tests, but in the checkout's .pytest_cache, so that the word lists
# (seconds to derive from wordfreq) are derived once, not in every test run. Stale tables are
# removed there as anywhere (their names carry a hash of their inputs).
_TABLE_CACHE = ROOT / ".pytest_cache" / "glyphwash-tables"
os.environ["GLYPHWASH_CACHE_DIR"] = str(_TABLE_CACHE)
sys.path.insert(0, str(ROOT))
import main  # noqa: E402

main.register_checkout_package()


@pytest.fixture(scope="session", autouse=True)
def _word_lists() -> None:
    """Derive the lexicon's word lists before any test runs: a test with a deadline must not pay
    for it (a few seconds, once per checkout)."""
    from glyphwash.core import lexicon

    lexicon.language_table(lexicon.DEFAULT_LATIN)
    lexicon.top_words()
    for script in lexicon.SCRIPT_LANGUAGES:
        lexicon.script_table(script)
    from glyphwash.core.engine import analyze

    analyze("Please сӏаім ᴛhe e×istence of ɑll, Аннa")  # and every table the homoglyph rule builds


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
