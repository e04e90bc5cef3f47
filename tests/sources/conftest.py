"""Fixtures starting real loopback servers for the adapter tests (see loopback.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from loopback import HttpTestServer, ModbusTestServer, Mosquitto, SunspecMap, mosquitto_binary


@pytest.fixture
def sunspec_map() -> SunspecMap:
    return SunspecMap()


@pytest.fixture
def modbus_server(sunspec_map: SunspecMap) -> Iterator[ModbusTestServer]:
    server = ModbusTestServer(sunspec_map.regs)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def http_server() -> Iterator[HttpTestServer]:
    server = HttpTestServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[Mosquitto]:
    if mosquitto_binary() is None:
        pytest.skip("mosquitto binary not found (apt-get install -y mosquitto)")
    server = Mosquitto(tmp_path)
    server.start()
    yield server
    server.stop()
