from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from kiosk.services.watchdog import Watchdog, notify


def test_without_systemd_nothing_is_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert notify("READY=1") is False


def test_ready_then_watchdog_pings_reach_the_notify_socket(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "notify.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(str(path))
    server.settimeout(5)
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))
    monkeypatch.setenv("WATCHDOG_USEC", "2000000")  # 2 s -> ping every second
    dog = Watchdog()
    assert dog.interval_ms == 1000
    dog.start()
    assert server.recv(100) == b"READY=1"
    qtbot.waitUntil(lambda: _readable(server), timeout=3000)
    assert server.recv(100) == b"WATCHDOG=1"
    dog.stop()
    assert server.recv(100) == b"STOPPING=1"
    server.close()


def _readable(sock: socket.socket) -> bool:
    import select

    return bool(select.select([sock], [], [], 0)[0])
