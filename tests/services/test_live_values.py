"""Live quiz figures from a real summary: today's solar, a staff-entered total, stale = none."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.energy.carbon import factor_for
from kiosk.energy.manual import add_entry
from kiosk.energy.metrics import Metric, Provenance, Reading
from kiosk.energy.store import EnergyStore
from kiosk.energy.summary import summarize
from kiosk.services.live_values import SummaryLiveValues

TZ = ZoneInfo("Asia/Shanghai")
NOON = datetime(2026, 6, 15, 12, 0, tzinfo=TZ).timestamp()


def test_solar_today_manual_compost_and_a_stale_figure(data_dir: Path) -> None:
    store = EnergyStore(data_dir / "r.sqlite3", tz=TZ)
    try:
        store.ingest(
            [Reading(Metric.PV_POWER_W, 6000.0, NOON - 3600 + m * 60, "m", Provenance.LIVE)
             for m in range(61)], now=NOON,
        )  # fmt: skip
        add_entry(store, "compost_kg", 12.5, date(2026, 6, 14), now=NOON)
        summary = summarize(store, NOON, factor_for("central"), 120.0)
        live = SummaryLiveValues(lambda: summary, lambda: NOON)
        solar = live("pv_energy_today_kwh")
        assert solar is not None and abs(solar.value - 6.0) < 0.01 and solar.age_seconds == 0
        assert live("compost_year_kg") is not None and live("compost_year_kg").value == 12.5
        assert live("water_harvested_today_l") is None  # no rain meter: skipped
        later = summarize(store, NOON + 3600, factor_for("central"), 120.0)  # source stopped
        assert SummaryLiveValues(lambda: later, lambda: NOON + 3600)("pv_power_now_kw") is None
    finally:
        store.close()
