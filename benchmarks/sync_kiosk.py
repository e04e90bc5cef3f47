"""Helpers for bench_sync.py: a channel server in its own process (optionally a slow link), and a
first sync through the real kiosk's staff screen with a heartbeat on its GUI thread.

The kiosk is :class:`kiosk.app.Kiosk` as the tests build it (offscreen, 1280x720), with the
staff screen's *Network sync* panel open; the sync is started by a click on its *Sync now*
button, so it runs the way staff (or the schedule, the same ``sync_now``) run it: on the task
runner's "sync" queue, progress throttled back to the panel, then the content service reloading
the new pack on the GUI thread.
"""

from __future__ import annotations

import contextlib
import itertools
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CHANNEL_SERVER = ROOT / "tests" / "sync" / "channel_server.py"
HEARTBEAT_MS = 10


class ServedChannel:
    """``tests/sync/channel_server.py`` in another process: ``url``; :meth:`wire` asks it for
    the HTTP bytes (received, sent) it has counted so far."""

    def __init__(self, proc: subprocess.Popen[str], url: str) -> None:
        self._proc = proc
        self.url = url

    def wire(self) -> tuple[int, int]:
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._proc.stdin.write("wire\n")
        self._proc.stdin.flush()
        received, sent = self._proc.stdout.readline().split()
        return int(received), int(sent)


@contextlib.contextmanager
def served(channel: Path, rate_bytes_per_s: float | None = None) -> Iterator[ServedChannel]:
    """Serve ``channel`` (ETag, 304, ranges, like nginx); with a rate, as a slow link."""
    rate = ["--rate", str(rate_bytes_per_s)] if rate_bytes_per_s else []
    proc = subprocess.Popen(
        [sys.executable, str(CHANNEL_SERVER), str(channel), *rate],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        yield ServedChannel(proc, proc.stdout.readline().strip())
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(10)


@dataclass(frozen=True)
class Window:
    """Gaps between heartbeat ticks on the GUI thread (seconds) in one stretch of time."""

    seconds: float
    gaps: list[float]

    def longest_ms(self) -> float:
        return max(self.gaps, default=0.0) * 1000

    def over(self, limit_ms: float) -> int:
        return sum(1 for g in self.gaps if g * 1000 > limit_ms)


@dataclass(frozen=True)
class KioskSync:
    """One first sync through the kiosk: seconds from the start to the finish signal, body bytes
    fetched, and the GUI thread's heartbeat during the download (``sync``), during the content
    reload that follows (``reload``) and in the idle kiosk right after (``idle``, as long as
    the sync, at most ``idle_s``)."""

    seconds: float
    bytes_fetched: int
    windows: dict[str, Window]


def quiet_offscreen_noise() -> None:
    """Drop the offscreen platform's one line per window (``kiosk shot`` drops it too)."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if "does not support propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def _run_until(done: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Run the Qt event loop (deferred deletes and all) until ``done()`` or the timeout."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(lambda: done() and loop.quit())
    limit = QTimer()
    limit.setSingleShot(True)
    limit.timeout.connect(loop.quit)
    poll.start()
    limit.start(int(timeout_s * 1000))
    loop.exec()
    poll.stop()
    limit.stop()
    if not done():
        raise SystemExit(f"bench_sync: {what} did not happen within {timeout_s:.0f} s")


def _window(ticks: list[float], start: float, end: float) -> Window:
    inside = [t for t in ticks if start <= t <= end]
    return Window(end - start, [b - a for a, b in itertools.pairwise(inside)])


def sync_in_kiosk(
    data_dir: Path, url: str, channel_pub: str, pack_pub: str, timeout_s: float, idle_s: float
) -> KioskSync:
    """Build a kiosk on an empty ``data_dir``, open the staff sync panel, press *Sync now*."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    from kiosk.app import Kiosk, LaunchOptions, ensure_qapp
    from kiosk.config.loader import parse_config
    from kiosk.config.paths import AppPaths
    from kiosk.ui.staff.sync_panel import SyncPanel

    ensure_qapp()
    config = parse_config(
        {
            "sources": [],
            "site": {"kind": "school"},
            "display": {"language": "en"},
            "content": {"trusted_keys": [pack_pub]},
            "channel": {"url": url, "trusted_keys": [channel_pub]},
        }
    )
    kiosk = Kiosk(config, AppPaths.resolve(data_dir), LaunchOptions(size=(1280, 720)))
    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(lambda: ticks.append(time.monotonic()))
    try:
        kiosk.show()
        kiosk.start_features()
        heartbeat.start()
        services = kiosk.services
        content, sync = services.content, services.sync
        _run_until(
            lambda: (
                bool(content.status.problem)
                or (content.status.active is not None and content.status.confirmed)
            ),
            30,
            "the built-in pack's start",
        )
        kiosk.window.router.go("staff")
        staff: Any = kiosk.window.router.screen("staff")
        staff.open_section("sync")
        panel = staff.findChild(SyncPanel)
        assert panel is not None
        kiosk.tasks.wait(10_000)

        def calm() -> bool:
            recent = ticks[-20:]
            return len(recent) == 20 and max(b - a for a, b in itertools.pairwise(recent)) < 0.03

        _run_until(calm, 30, "a calm GUI thread after start-up")
        marks: dict[str, float] = {}
        outcomes: list[Any] = []
        failures: list[str] = []
        sync.sync_did_start.connect(lambda: marks.setdefault("start", time.monotonic()))
        sync.sync_did_finish.connect(
            lambda o: (outcomes.append(o), marks.setdefault("finish", time.monotonic()))
        )
        sync.sync_did_fail.connect(lambda _kind, reason: failures.append(reason))
        content.content_did_change.connect(
            lambda _c: "finish" in marks and marks.setdefault("reloaded", time.monotonic())
        )
        QTest.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
        _run_until(lambda: "reloaded" in marks or bool(failures), timeout_s, "the sync")
        if failures:
            raise SystemExit(f"bench_sync: the kiosk's sync failed: {failures[0]}")
        seconds = marks["finish"] - marks["start"]
        idle_from = time.monotonic() + 0.5
        idle_to = idle_from + min(idle_s, seconds)
        _run_until(lambda: time.monotonic() > idle_to, idle_s + 10, "idle time")
        return KioskSync(
            seconds=seconds,
            bytes_fetched=int(outcomes[0].bytes_fetched),
            windows={
                "sync": _window(ticks, marks["start"], marks["finish"]),
                "reload": _window(ticks, marks["finish"], marks["reloaded"]),
                "idle": _window(ticks, idle_from, idle_to),
            },
        )
    finally:
        heartbeat.stop()
        kiosk.window.allow_close()
        kiosk.shutdown()
        kiosk.window.close()
        kiosk.window.deleteLater()
