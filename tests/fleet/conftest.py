"""Real mosquitto brokers on loopback for the fleet tests (plain, with users, with TLS)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "sources"))
sys.path.insert(0, str(Path(__file__).parent))

from loopback import Mosquitto, mosquitto_binary


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[Mosquitto]:
    if mosquitto_binary() is None:
        pytest.skip("mosquitto binary not found (bash build_scripts/dev.sh setup installs it)")
    server = Mosquitto(tmp_path)
    server.start()
    yield server
    server.stop()
