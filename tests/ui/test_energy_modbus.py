"""The real kiosk reading a real SunSpec inverter over Modbus TCP (a loopback pymodbus server):
the energy screen shows the registers' value with its scale factor, follows a change, and keeps
the last value marked as stale when the inverter goes away; the staff screen lists the source."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "sources"))

from loopback import ModbusTestServer, SunspecMap

from kiosk.ui.staff.sources_panel import SourcesPanel

INTERVAL_S = 0.5


@pytest.fixture
def inverter() -> Iterator[tuple[SunspecMap, ModbusTestServer]]:
    regs = SunspecMap()
    regs.set("inverter.W", 2468)
    regs.set("inverter.W_SF", 1)  # 2468 × 10^1 = 24,680 W
    server = ModbusTestServer(regs.regs)
    server.start()
    yield regs, server
    server.stop()


def modbus_config(port: int) -> dict[str, Any]:
    return {
        "display": {"language": "en"},
        "sources": [
            {
                "id": "inverter",
                "type": "modbus",
                "interval_seconds": INTERVAL_S,
                "options": {"host": "127.0.0.1", "port": port, "timeout_seconds": 0.5},
            }
        ],
    }


def hero_text(screen: Any) -> str:
    hero = screen.now_view.hero
    return f"{hero.value_label.text()} {hero.unit_label.text()}"


def test_energy_screen_follows_a_modbus_inverter(
    qtbot: Any, make_kiosk: Any, inverter: tuple[SunspecMap, ModbusTestServer]
) -> None:
    regs, server = inverter
    kiosk = make_kiosk(modbus_config(server.port))
    router = kiosk.window.router
    router.go("energy")
    screen = router.current
    badge = screen.now_view.hero.badge

    qtbot.waitUntil(lambda: hero_text(screen) == "24.7 kW", timeout=5000)
    assert badge.text() == "live"
    assert badge.property("state") == "live"

    regs.set("inverter.W", 9876)
    regs.set("inverter.W_SF", -1)  # 987.6 W
    qtbot.waitUntil(lambda: hero_text(screen) == "988 W", timeout=5000)
    assert badge.text() == "live"

    router.go("staff")
    panel = router.current.findChild(SourcesPanel)
    assert panel is not None
    row = panel.rows["inverter"]
    qtbot.waitUntil(lambda: row.badge.text() == "Live", timeout=5000)
    assert row.values["state"].text() == "Readings arrive on time"
    assert row.values["last_good"].text().endswith(" s ago")
    assert row.values["last_error"].text() == "none"
    assert int(row.values["reads"].text()) > 0

    router.go("energy")
    server.stop()
    # Live for 3 intervals after the last reading, then the last value stays, marked stale.
    qtbot.waitUntil(lambda: badge.text() == "updated 1 min ago", timeout=8000)
    assert badge.property("state") == "stale"
    assert hero_text(screen) == "988 W"

    router.go("staff")
    qtbot.waitUntil(lambda: row.badge.text() == "Failing", timeout=5000)
    assert row.badge.property("state") == "missing"
    assert row.values["last_error"].text() not in ("", "none")
    assert row.values["last_good"].text().endswith(" s ago")
