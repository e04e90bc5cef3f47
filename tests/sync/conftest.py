"""Fixtures for sync tests: a channel folder served by a real loopback HTTP server with
faults, and kiosks (data dirs) syncing from it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from channel_server import ChannelServer
from fakeclock import FakeClock
from sync_helpers import T0, Channel, KioskDir


@pytest.fixture
def channel(tmp_path: Path) -> Channel:
    return Channel(tmp_path, FakeClock(T0))


@pytest.fixture
def server(channel: Channel) -> Iterator[ChannelServer]:
    channel.root.mkdir(parents=True, exist_ok=True)
    with ChannelServer(channel.root) as srv:
        yield srv


@pytest.fixture
def kiosk(tmp_path: Path, channel: Channel, server: ChannelServer) -> KioskDir:
    return KioskDir(tmp_path / "kiosk", channel, server.url)


@pytest.fixture
def second_kiosk(tmp_path: Path, channel: Channel, server: ChannelServer) -> KioskDir:
    return KioskDir(tmp_path / "kiosk2", channel, server.url)
