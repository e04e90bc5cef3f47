"""Zero is a value: a night, a dry day or an idle meter stores and shows 0, not "no data".

Times are faked: the kiosk clock is set shortly after local midnight or on a dry afternoon.
"""

from __future__ import annotations

import pytest

from kiosk.energy.carbon import factor_for
from kiosk.energy.metrics import Metric, Provenance, Reading
from kiosk.energy.store import EnergyStore
from kiosk.energy.summary import summarize

from .helpers import DAY0, reading

CENTRAL = factor_for("central")
AFTER_MIDNIGHT = DAY0 + 86_400 + 5 * 60  # 00:05 local on the day after DAY0


def _every_minute(metric: Metric, value: float, start: float, end: float) -> list[Reading]:
    return [reading(metric, value, t) for t in range(int(start), int(end) + 1, 60)]


def test_night_pv_power_zero_gives_zero_energy_and_co2_after_midnight(
    store: EnergyStore,
) -> None:
    night = _every_minute(Metric.PV_POWER_W, 0.0, AFTER_MIDNIGHT - 3600, AFTER_MIDNIGHT)
    store.ingest(night, now=AFTER_MIDNIGHT)
    s = summarize(store, AFTER_MIDNIGHT, CENTRAL, stale_after=120)
    assert s.pv_energy_today_wh.value == 0.0
    assert s.pv_energy_today_wh.provenance is Provenance.LIVE
    assert s.co2_avoided_today_kg.value == 0.0
    assert s.co2_avoided_today_kg.provenance is Provenance.LIVE


def test_counter_that_does_not_move_stores_a_zero_delta(store: EnergyStore) -> None:
    """A dry day: the rain-tank counter keeps reporting the same lifetime value."""
    noon = DAY0 + 12 * 3600
    dry = _every_minute(Metric.WATER_HARVESTED_L, 52_000.0, DAY0 - 600, noon)
    pv = _every_minute(Metric.PV_ENERGY_WH, 9_000_000.0, DAY0 - 600, noon)
    store.ingest(dry + pv, now=noon)
    assert store.energy_wh(Metric.WATER_HARVESTED_L, DAY0, noon + 1) == 0.0
    _, per_hour = store.series(Metric.WATER_HARVESTED_L, DAY0, noon, "hour")
    assert len(per_hour) == 12 and not per_hour.any()  # a zero every hour, not a gap
    s = summarize(store, noon, CENTRAL, stale_after=120)
    assert s.water_harvested_today_l.value == 0.0
    assert s.water_harvested_today_l.provenance is Provenance.LIVE
    assert s.water_harvested_year_l.value == 0.0
    assert s.pv_energy_today_wh.value == 0.0
    assert s.pv_energy_lifetime_wh.value == 9_000_000.0  # the meter's own lifetime total


def test_a_day_with_zeros_rolls_up_to_zero(store: EnergyStore) -> None:
    rows = _every_minute(Metric.PV_POWER_W, 0.0, DAY0, DAY0 + 86_400)
    store.ingest(rows, now=DAY0 + 86_400 + 60)
    days, totals = store.totals(Metric.PV_ENERGY_WH, DAY0, DAY0 + 86_400)
    assert days.tolist() == [DAY0] and totals.tolist() == [0.0]


def test_stopped_sources_show_cached_power_and_no_data_today(store: EnergyStore) -> None:
    """Every source stopped yesterday evening: today's amounts are missing, power is cached."""
    evening = DAY0 + 23 * 3600
    rows = _every_minute(Metric.PV_POWER_W, 0.0, evening - 3600, evening)
    rows += _every_minute(Metric.WATER_HARVESTED_L, 100.0, evening - 3600, evening)
    store.ingest(rows, now=evening)
    s = summarize(store, AFTER_MIDNIGHT, CENTRAL, stale_after=120)
    assert s.pv_power_w.value == 0.0 and s.pv_power_w.provenance is Provenance.CACHED
    assert s.pv_energy_today_wh.value is None and s.pv_energy_today_wh.provenance is None
    assert s.water_harvested_today_l.value is None
    assert s.co2_avoided_total_kg.value == 0.0  # yesterday's zeros are still true
    assert s.co2_avoided_total_kg.provenance is Provenance.CACHED


def test_self_consumption_without_solar_is_not_applicable_not_missing(
    store: EnergyStore,
) -> None:
    """No PV yet today: "share of the PV used on site" has no value, yet the data is there."""
    rows = _every_minute(Metric.PV_POWER_W, 0.0, DAY0, AFTER_MIDNIGHT)
    rows += _every_minute(Metric.LOAD_POWER_W, 3000.0, DAY0, AFTER_MIDNIGHT)
    rows += _every_minute(Metric.GRID_IMPORT_POWER_W, 3000.0, DAY0, AFTER_MIDNIGHT)
    rows += _every_minute(Metric.GRID_EXPORT_POWER_W, 0.0, DAY0, AFTER_MIDNIGHT)
    store.ingest(rows, now=AFTER_MIDNIGHT)
    s = summarize(store, AFTER_MIDNIGHT, CENTRAL, stale_after=120)
    assert s.self_sufficiency_today_pct.value == pytest.approx(0.0)
    assert s.self_sufficiency_today_pct.provenance is Provenance.LIVE
    assert s.self_consumption_today_pct.value is None
    assert s.self_consumption_today_pct.provenance is Provenance.LIVE  # n/a, not "no data"
