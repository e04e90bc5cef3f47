"""The real kiosk with ``[fleet]`` against a real mosquitto on loopback: the heartbeat carries
the visitor counts, the staff screen says in plain words when the broker is down or refuses
the login, and the window never stalls more than 100 ms through any of it."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

sys.path.insert(0, str(Path(__file__).parents[1] / "sources"))
sys.path.insert(0, str(Path(__file__).parents[1] / "fleet"))

from loopback import Mosquitto, mosquitto_binary
from mqtt_helpers import Watcher

from kiosk.fleet.topics import status_filter
from kiosk.ui.staff.reports_panel import ReportsPanel

MAX_STALL_S = 0.100


class StallMeter:
    """A 5 ms timer on the GUI thread; the longest gap between its ticks is the worst stall."""

    def __init__(self) -> None:
        self.worst = 0.0
        self.phase = self.worst_at = "start"
        self._last = time.monotonic()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.monotonic()
        gap = now - self._last
        if gap > self.worst:
            self.worst, self.worst_at = gap, self.phase
        self._last = now

    def stop(self) -> float:
        self.timer.stop()
        return self.worst


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[Mosquitto]:
    if mosquitto_binary() is None:
        pytest.skip("mosquitto binary not found (bash build_scripts/dev.sh setup installs it)")
    server = Mosquitto(tmp_path)
    server.start()
    yield server
    server.stop()


def fleet_config(port: int, **extra: Any) -> dict[str, Any]:
    fleet = {"broker": f"mqtt://127.0.0.1:{port}", "fleet": "chain", "kiosk": "k1",
             "interval_seconds": 10, **extra}  # fmt: skip
    return {"fleet": fleet, "display": {"idle_seconds": 60, "language": "en"}}


def off_gui_thread(qtbot: Any, work: Callable[[], object]) -> None:
    """Run the test's own blocking step (stopping a broker) beside the event loop, so the
    stall meter sees only the kiosk's stalls."""
    worker = threading.Thread(target=work)
    worker.start()
    qtbot.waitUntil(lambda: not worker.is_alive(), timeout=30_000)


def settle(kiosk: Any, qtbot: Any) -> None:
    """Build every screen and let the first paints and chart loads finish: the stall meter
    measures the heartbeat, not the start-up (bench_startup.py measures that)."""
    from kiosk.ui.screens.registry import LAZY_SCREENS

    for name in LAZY_SCREENS:
        kiosk.window.router.screen(name)
    qtbot.wait(500)


def panel_of(kiosk: Any) -> ReportsPanel:
    panel = kiosk.window.router.screen("staff").findChild(ReportsPanel)
    assert panel is not None
    return panel


def test_heartbeat_counts_and_outage_without_stalling_the_window(
    make_kiosk: Callable[..., Any], broker: Mosquitto, qtbot: Any, fake_clock: Any
) -> None:
    watcher = Watcher(broker.port, status_filter("chain")).start()
    kiosk = make_kiosk(fleet_config(broker.port))
    services = kiosk.services
    services.engagement.monotonic = fake_clock
    meter: StallMeter | None = None
    try:
        qtbot.waitUntil(
            lambda: watcher.find(lambda d: d["online"] and d["packs"]) is not None, timeout=30_000
        )
        # one visitor: a touch after the attract loop, two screens, four minutes, then idle
        fake_clock.advance(61)
        kiosk.idle.check()
        kiosk.idle.poke()
        kiosk.window.router.go("stories")
        kiosk.window.router.go("energy")
        fake_clock.advance(240 + 60)
        kiosk.idle.check()
        settle(kiosk, qtbot)
        meter = StallMeter()
        meter.phase = "heartbeat"
        services.fleet.heartbeat()

        def has_counts(d: dict[str, Any]) -> bool:
            return "sessions" in d.get("counts", {}).get("since_last", {})

        qtbot.waitUntil(lambda: watcher.find(has_counts) is not None, timeout=20_000)
        doc = watcher.find(has_counts)
        assert doc is not None
        since = doc["counts"]["since_last"]
        assert since["sessions"] == 1
        assert since["screen.stories"] == since["screen.energy"] == 1
        assert since["dwell.2-5m"] == 1
        assert "screen.attract" not in since  # the loop is not a visitor's choice
        # the broker goes away: the staff screen says so in plain words; visitors see nothing
        panel = panel_of(kiosk)
        meter.phase = "broker down"
        off_gui_thread(qtbot, broker.stop)
        qtbot.waitUntil(lambda: not panel.problem.isHidden(), timeout=20_000)
        assert panel.problem.text() == "Cannot reach the head office broker."
        # first the lost connection, then why the next try failed
        qtbot.waitUntil(
            lambda: "nothing accepts connections" in panel.problem_detail.text(), timeout=10_000
        )
        meter.phase = "broker back"
        off_gui_thread(qtbot, broker.start)
        qtbot.waitUntil(lambda: services.fleet.link_state.connected, timeout=30_000)
        qtbot.waitUntil(lambda: panel.problem.isHidden(), timeout=5_000)
        assert panel.facts.value("link").text() == "connected"
    finally:
        worst = meter.stop() if meter is not None else 0.0
        watcher.stop()
    assert meter is not None
    assert worst < MAX_STALL_S, f"the GUI thread stalled {worst * 1000:.0f} ms ({meter.worst_at})"


def test_wrong_password_shows_on_the_staff_screen(
    make_kiosk: Callable[..., Any], tmp_path: Path, qtbot: Any
) -> None:
    if mosquitto_binary() is None:
        pytest.skip("mosquitto binary not found")
    broker = Mosquitto(tmp_path / "b" if (tmp_path / "b").mkdir() is None else tmp_path,
                       users={"k1": "right"})  # fmt: skip
    broker.start()
    kiosk = make_kiosk(fleet_config(broker.port, username="k1", password="wrong"))
    settle(kiosk, qtbot)
    meter = StallMeter()
    try:
        panel = panel_of(kiosk)
        qtbot.waitUntil(
            lambda: (
                panel.problem.text() == "The broker refused this kiosk's user name or password."
            ),
            timeout=20_000,
        )
        assert "fleet.password" in panel.problem_detail.text()
    finally:
        worst = meter.stop()
        broker.stop()
    assert worst < MAX_STALL_S, f"the GUI thread stalled {worst * 1000:.0f} ms ({meter.worst_at})"
