"""A real ``kiosk run`` process with ``[fleet]`` set: its heartbeat is retained on a loopback
mosquitto, and when the process is killed with SIGKILL (no goodbye possible) the broker's
last will marks it offline; a clean stop (SIGTERM) says "stopped" instead."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from loopback import Mosquitto
from mqtt_helpers import Watcher

from kiosk.fleet.topics import status_filter


def start_kiosk(tmp_path: Path, port: int) -> subprocess.Popen[str]:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        'sources = []\n[site]\nname = "Store 17 Wuhan"\n'
        f'[fleet]\nbroker = "mqtt://127.0.0.1:{port}"\nfleet = "chain"\ninterval_seconds = 10\n',
        "utf-8",
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("KIOSK_BENCH_FIRST_FRAME", None)
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", "run", "--windowed", "--config", str(config),
         "--data-dir", str(tmp_path / "data")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("signum", "reason"), [(signal.SIGKILL, "lost"), (signal.SIGTERM, "stopped")]
)
def test_killed_kiosk_goes_offline_by_its_last_will(
    broker: Mosquitto, tmp_path: Path, signum: int, reason: str
) -> None:
    watcher = Watcher(broker.port, status_filter("chain")).start()
    proc = start_kiosk(tmp_path, broker.port)
    try:
        online = watcher.wait_for(lambda d: d["online"], timeout=120)
        assert online["kiosk"] == "store-17-wuhan"  # the id comes from the site's name
        assert online["site"] == "Store 17 Wuhan"
        assert online["screen"] == "on"  # no opening hours set: always on
        assert online["packs"] and online["packs"][0]["id"]  # the built-in pack at least
        proc.send_signal(signum)
        proc.wait(60)
        offline = watcher.wait_for(lambda d: not d["online"], timeout=30)
        assert offline["reason"] == reason
        assert offline["kiosk"] == "store-17-wuhan"
        # head office still sees what the vanished kiosk ran
        for key in ("site", "app_version", "packs"):
            assert offline[key] == online[key], key
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        watcher.stop()
    # a subscriber that comes later reads the offline status too: it is retained
    late = Watcher(broker.port, status_filter("chain")).start()
    try:
        assert late.wait_for(lambda d: True)["online"] is False
    finally:
        late.stop()
