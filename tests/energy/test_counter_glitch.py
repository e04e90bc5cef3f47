"""Lifetime counters that drop and come back (a gateway reading 0), through the real store.

Before: the reading after a drop to 0 was rejected as a spike and, three readings later, a new
baseline started (the energy in between lost); a single low reading of a meter that never
moved added the meter's whole reading as new energy.
"""

from __future__ import annotations

import pytest

from kiosk.energy.metrics import Metric
from kiosk.energy.quality import RejectReason
from kiosk.energy.store import EnergyStore

from .helpers import DAY0, reading

PV_WH = Metric.PV_ENERGY_WH
WATER = Metric.WATER_HARVESTED_L
NOW = DAY0 + 86400


def test_a_counter_that_reads_zero_briefly_is_bridged_and_counted(store: EnergyStore) -> None:
    t0 = DAY0 + 12 * 3600
    values = [5_000_000.0, 5_000_100.0, 0.0, 0.0, 5_000_400.0, 5_000_500.0]
    rows = [reading(PV_WH, v, t0 + i * 60.0) for i, v in enumerate(values)]
    report = store.ingest(rows, now=NOW)
    assert report.rejected == {RejectReason.COUNTER_DROP: 2}
    assert report.glitches == 1 and report.resets == 0
    assert store.energy_wh(PV_WH, DAY0, NOW) == pytest.approx(500.0)  # nothing lost, nothing added
    latest = store.latest(PV_WH)
    assert latest is not None and latest.value == 5_000_500.0


@pytest.mark.parametrize("low", [0.0, 12.0, 4_000.0])
def test_one_low_reading_of_a_meter_that_never_moved_adds_nothing(
    store: EnergyStore, low: float
) -> None:
    t0 = DAY0 + 3600
    values = [67_057.0] * 5 + [low] + [67_057.0] * 5
    report = store.ingest([reading(WATER, v, t0 + i * 30.0) for i, v in enumerate(values)], now=NOW)
    assert report.glitches == 1 and report.resets == 0
    assert store.energy_wh(WATER, DAY0, NOW) == 0.0


def test_glitches_across_batches_are_bridged(store: EnergyStore) -> None:
    t0 = DAY0 + 3600
    store.ingest([reading(PV_WH, 1000.0, t0)], now=NOW)
    assert store.ingest([reading(PV_WH, 0.0, t0 + 60)], now=NOW).rejected_total == 1
    assert store.ingest([reading(PV_WH, 1100.0, t0 + 120)], now=NOW).glitches == 1
    assert store.energy_wh(PV_WH, DAY0, NOW) == pytest.approx(100.0)


@pytest.mark.parametrize(
    ("metric", "jump"),
    [
        (Metric.GRID_IMPORT_ENERGY_WH, 2_000_000.0),  # 2 MWh in 5 s (was allowed up to 10 MWh)
        (WATER, 50_000.0),  # 50 m³ of rain in 5 s (was allowed up to 360 m³)
    ],
)
def test_a_counter_step_is_bounded_by_the_time_between_readings(
    store: EnergyStore, metric: Metric, jump: float
) -> None:
    t0 = DAY0 + 3600
    report = store.ingest(
        [reading(metric, 10_000.0, t0), reading(metric, 10_000.0 + jump, t0 + 5)], now=NOW
    )
    assert report.rejected == {RejectReason.SPIKE: 1}
    assert not store.energy_wh(metric, DAY0, NOW)  # nothing counted (a baseline only)


def test_a_whole_kwh_counter_on_a_small_site_still_steps() -> None:
    from kiosk.energy.quality import SanityLimits

    small = SanityLimits.for_site(2.0)  # 3 kW of PV at most
    assert small.max_counter_step(PV_WH, 5.0) >= 1000.0  # one whole-kWh step fits
