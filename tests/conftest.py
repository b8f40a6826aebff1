"""Test setup shared by every test: the checkout is importable as ``glyphwash``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(ROOT))
import main  # noqa: E402

main.register_checkout_package()


@pytest.fixture
def shared_dir() -> Path:
    """The developers' ../shared folder; tests that need it skip on a user's fresh clone."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present (fresh clone)")
    return SHARED
