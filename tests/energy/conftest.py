from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.energy.store import EnergyStore

from .helpers import TZ


@pytest.fixture
def store(data_dir: Path) -> Iterator[EnergyStore]:
    s = EnergyStore(data_dir / "readings.sqlite3", tz=TZ)
    yield s
    s.close()
