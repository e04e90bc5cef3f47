"""Quiz test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from quiz_helpers import PICTURE_SVG


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A pack source folder with two pictures."""
    root = tmp_path / "pack"
    (root / "images" / "quiz").mkdir(parents=True)
    for name in ("sun.svg", "tap.svg"):
        (root / "images" / "quiz" / name).write_text(PICTURE_SVG, "utf-8")
    return root
