"""The home-screen summary: hand-worked figures, missing data as None, stale data as CACHED."""

from __future__ import annotations

import pytest

from kiosk.energy.carbon import factor_for
from kiosk.energy.metrics import Metric, Provenance, Reading
from kiosk.energy.store import EnergyStore
from kiosk.energy.summary import summarize

from .helpers import DAY0, reading

NOON = DAY0 + 12 * 3600
CENTRAL = factor_for("central")  # 0.5271


def _counter(metric: Metric, start: float, per_min: float, minutes: int) -> list[Reading]:
    return [
        reading(metric, start + i * per_min, DAY0 + 6 * 3600 + i * 60) for i in range(minutes + 1)
    ]


def test_hand_worked_day(store: EnergyStore) -> None:
    # 06:00-12:00: PV 40 kWh, load 30 kWh, import 5 kWh, export 15 kWh.
    rows = _counter(Metric.PV_ENERGY_WH, 1e6, 40_000 / 360, 360)
    rows += _counter(Metric.LOAD_ENERGY_WH, 2e6, 30_000 / 360, 360)
    rows += _counter(Metric.GRID_IMPORT_ENERGY_WH, 0.0, 5_000 / 360, 360)
    rows += _counter(Metric.GRID_EXPORT_ENERGY_WH, 0.0, 15_000 / 360, 360)
    rows.append(reading(Metric.PV_POWER_W, 21_000.0, NOON))
    store.ingest(rows, now=NOON)
    s = summarize(store, NOON, CENTRAL, stale_after=60)
    assert s.pv_energy_today_wh.value == pytest.approx(40_000)
    assert s.self_sufficiency_today_pct.value == pytest.approx(25 / 30 * 100)  # 83.33 %
    assert s.self_consumption_today_pct.value == pytest.approx(25 / 40 * 100)  # 62.5 %
    assert s.co2_avoided_today_kg.value == pytest.approx(21.084)  # 40 kWh × 0.5271
    assert s.co2_consumption_today_kg.value == pytest.approx(2.6355)  # 5 kWh × 0.5271
    # since the panels were installed: the inverter's own counter reads 1,040 kWh
    assert s.pv_energy_lifetime_wh.value == pytest.approx(1_040_000) and s.lifetime_from_device
    assert s.co2_avoided_total_kg.value == pytest.approx(1040 * 0.5271)
    assert s.pv_power_w.value == 21_000.0 and s.pv_power_w.provenance is Provenance.LIVE
    assert s.co2_avoided_today_kg.provenance is Provenance.LIVE


def test_missing_data_is_none_not_zero(store: EnergyStore) -> None:
    store.ingest([reading(Metric.PV_POWER_W, 0.0, NOON - 10)], now=NOON)  # night-like zero
    s = summarize(store, NOON, CENTRAL)
    assert s.pv_power_w.value == 0.0  # a measured zero is a value
    assert s.load_power_w.value is None and s.load_power_w.provenance is None
    assert s.water_harvested_today_l.value is None
    assert s.self_sufficiency_today_pct.value is None
    assert s.co2_consumption_today_kg.value is None


def test_stale_values_stay_and_turn_cached_with_their_age(store: EnergyStore) -> None:
    rows = [reading(Metric.PV_POWER_W, 5000.0, NOON - 300 + i * 5) for i in range(61)]
    store.ingest(rows, now=NOON)
    fresh = summarize(store, NOON + 5, CENTRAL, stale_after=15)
    assert fresh.pv_power_w.provenance is Provenance.LIVE
    assert fresh.pv_energy_today_wh.value == pytest.approx(5000 * 300 / 3600)
    stale = summarize(store, NOON + 600, CENTRAL, stale_after=15)
    assert stale.pv_power_w.value == 5000.0 and stale.pv_power_w.provenance is Provenance.CACHED
    assert stale.pv_power_w.age_s(NOON + 600) == 600
    assert stale.co2_avoided_today_kg.provenance is Provenance.CACHED


def test_simulated_inputs_make_simulated_figures(store: EnergyStore) -> None:
    sim = Reading(Metric.PV_POWER_W, 100.0, NOON, "sim", Provenance.SIMULATED)
    store.ingest([sim], now=NOON)
    assert summarize(store, NOON, CENTRAL).pv_power_w.provenance is Provenance.SIMULATED


def test_without_a_device_counter_lifetime_is_since_the_kiosk_started_recording(
    store: EnergyStore,
) -> None:
    rows = [
        reading(Metric.PV_POWER_W, 3600.0, DAY0 - 86_400 + 8 * 3600 + m * 60) for m in range(61)
    ]
    rows += [reading(Metric.PV_POWER_W, 3600.0, NOON - 3600 + m * 60) for m in range(61)]
    store.ingest(rows, now=NOON)
    s = summarize(store, NOON, CENTRAL, stale_after=120)
    assert not s.lifetime_from_device
    assert s.recording_since == DAY0 - 86_400 + 8 * 3600  # yesterday 08:00, its first reading
    assert s.pv_energy_lifetime_wh.value == pytest.approx(7200.0)  # two hours of 3.6 kW
    assert s.co2_avoided_total_kg.value == pytest.approx(7.2 * 0.5271)
