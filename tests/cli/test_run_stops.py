"""Ctrl+C and ``systemctl stop`` end ``kiosk run``: exit 130 / 143, no traceback, process gone."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_ends_kiosk_run_cleanly(tmp_path: Path, signum: int, code: int) -> None:
    notify_path = tmp_path / "notify.sock"
    ready = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    ready.bind(str(notify_path))
    ready.settimeout(120)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "NOTIFY_SOCKET": str(notify_path)}
    env.pop("KIOSK_BENCH_FIRST_FRAME", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "run", "--windowed", "--data-dir", str(tmp_path / "d")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert ready.recv(100) == b"READY=1"  # first frame painted: the event loop runs
        proc.send_signal(signum)
        _out, err = proc.communicate(timeout=60)
    finally:
        ready.close()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == code, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
