"""EnergyStore against a real SQLite file: rollups, bad input, resets, time trouble, upkeep."""

from __future__ import annotations

import math
import random
import sqlite3
import threading
from pathlib import Path

import numpy as np
import pytest

from kiosk.energy.metrics import Metric
from kiosk.energy.quality import RejectReason
from kiosk.energy.store import EnergyStore

from .helpers import DAY0, TZ, reading

PV = Metric.PV_POWER_W
PV_WH = Metric.PV_ENERGY_WH
IMPORT_WH = Metric.GRID_IMPORT_ENERGY_WH
NOW = DAY0 + 3 * 86400  # the kiosk clock in these tests: three days after DAY0


def test_minute_hour_day_rollups_equal_the_raw_data(store: EnergyStore) -> None:
    rng = random.Random(7)
    rows = [reading(PV, rng.uniform(0, 40_000), DAY0 + i * 7.0) for i in range(20_000)]
    report = store.ingest(rows, now=NOW)
    assert report.accepted == 20_000 and report.rejected_total == 0
    ts, values = store.series(PV, DAY0, DAY0 + 2 * 86400, "raw")
    assert len(ts) == 20_000
    for res, width in (("minute", 60), ("hour", 3600)):
        buckets, means = store.series(PV, DAY0, DAY0 + 2 * 86400, res)
        idx = np.floor(ts / width) * width
        for b, mean in zip(buckets, means, strict=True):
            assert mean == pytest.approx(values[idx == b].mean(), rel=1e-12)
        assert len(buckets) == len(np.unique(idx))
    days, day_means = store.series(PV, DAY0 - 86400, DAY0 + 3 * 86400, "day")
    assert days.tolist() == [DAY0, DAY0 + 86400, DAY0 + 2 * 86400][: len(days)]
    assert day_means[0] == pytest.approx(values[ts < DAY0 + 86400].mean(), rel=1e-12)


def test_counter_rollups_sum_to_the_counter_increase(store: EnergyStore) -> None:
    rng = random.Random(3)
    counter, rows = 1_000_000.0, []
    for i in range(3 * 1440):  # three days of minute data
        counter += rng.uniform(0, 600)
        rows.append(reading(IMPORT_WH, counter, DAY0 + 30 + i * 60.0))
    store.ingest(rows, now=NOW)
    increase = counter - rows[0].value
    for res in ("minute", "hour", "day"):
        _, amounts = store.series(IMPORT_WH, DAY0 - 86400, NOW, res)
        assert amounts.sum() == pytest.approx(increase, rel=1e-9)
    assert store.energy_wh(IMPORT_WH, DAY0 - 86400, NOW) == pytest.approx(increase, rel=1e-9)
    # A minute-aligned window split by local days: a whole day from day rollups, edges from
    # minutes. Increases are spread linearly, so the expected amount is the interpolated
    # counter at the window's end minus that at its start.
    start, end = DAY0 + 3600 * 5, DAY0 + 86400 + 3600 * 7
    times = [r.timestamp for r in rows]
    values = [r.value for r in rows]
    expected = float(np.interp(end, times, values) - np.interp(start, times, values))
    assert store.energy_wh(IMPORT_WH, start, end) == pytest.approx(expected, rel=1e-9)


def test_energy_from_power_by_integration(store: EnergyStore) -> None:
    # 0 W ramping to 3600 W over one hour (readings every 10 s): 1800 Wh by trapezoid.
    rows = [reading(PV, 3600.0 * i / 360, DAY0 + 36000 + i * 10.0) for i in range(361)]
    store.ingest(rows, now=NOW)
    assert store.energy_wh(PV_WH, DAY0, DAY0 + 86400) == pytest.approx(1800.0)
    _, per_minute = store.series(PV_WH, DAY0, DAY0 + 86400, "minute")
    assert len(per_minute) == 60 and per_minute.sum() == pytest.approx(1800.0)


def test_no_energy_is_invented_across_a_gap(store: EnergyStore) -> None:
    report = store.ingest(
        [reading(PV, 1000.0, DAY0 + 36000), reading(PV, 1000.0, DAY0 + 36000 + 3600)], now=NOW
    )
    assert report.gaps == 1
    assert store.energy_wh(PV_WH, DAY0, DAY0 + 86400) is None  # nothing measured, not zero


def test_a_real_counter_wins_over_integration(store: EnergyStore) -> None:
    rows = [reading(PV_WH, 5000.0 + i * 10, DAY0 + 36000 + i * 60.0) for i in range(11)]
    rows += [reading(PV, 9999.0, DAY0 + 36000 + i * 60.0) for i in range(11)]
    store.ingest(rows, now=NOW)
    assert store.energy_wh(PV_WH, DAY0, DAY0 + 86400) == pytest.approx(100.0)


def test_meter_reset_counts_from_its_first_low_reading_once_it_lasts(store: EnergyStore) -> None:
    # Reset between the 3rd and 4th reading, then counting on for more than ten minutes: the
    # low readings are held until the drop has lasted, then the new meter counts from 30.
    values = [1000.0, 1100.0, 1200.0, 30.0, 130.0, 230.0, 330.0]
    times = [DAY0 + 3600 + i * 60.0 for i in range(4)] + [
        DAY0 + 3600 + 180 + 300 * i for i in (1, 2, 3)
    ]
    rows = [reading(IMPORT_WH, v, t) for v, t in zip(values, times, strict=True)]
    report = store.ingest(rows, now=NOW)
    assert report.resets == 1 and report.accepted == 5
    assert report.rejected == {RejectReason.COUNTER_DROP: 2}
    assert store.energy_wh(IMPORT_WH, DAY0, DAY0 + 86400) == pytest.approx(200 + 300)


def test_duplicates_are_rejected_within_and_across_batches(store: EnergyStore) -> None:
    first = store.ingest([reading(PV, 100.0, DAY0 + 60), reading(PV, 100.0, DAY0 + 60)], now=NOW)
    assert first.accepted == 1 and first.rejected == {RejectReason.DUPLICATE: 1}
    store.ingest([reading(PV, 200.0, DAY0 + 120)], now=NOW)
    again = store.ingest([reading(PV, 555.0, DAY0 + 60), reading(PV, 1.0, DAY0 + 120)], now=NOW)
    assert again.accepted == 0 and again.rejected == {RejectReason.DUPLICATE: 2}
    _, values = store.series(PV, DAY0, DAY0 + 3600, "raw")
    assert values.tolist() == [100.0, 200.0]


def test_out_of_order_readings_are_kept_without_double_counting(store: EnergyStore) -> None:
    store.ingest(
        [reading(IMPORT_WH, 100.0, DAY0 + 60), reading(IMPORT_WH, 400.0, DAY0 + 240)], now=NOW
    )
    late = store.ingest(
        [reading(IMPORT_WH, 250.0, DAY0 + 150), reading(PV, 10.0, DAY0 + 200)], now=NOW
    )
    store.ingest([reading(PV, 30.0, DAY0 + 100)], now=NOW)  # late power reading
    assert late.late == 1 and late.accepted == 2
    assert store.energy_wh(IMPORT_WH, DAY0, DAY0 + 3600) == pytest.approx(300.0)
    ts, _ = store.series(IMPORT_WH, DAY0, DAY0 + 3600, "raw")
    assert ts.tolist() == [DAY0 + 60, DAY0 + 150, DAY0 + 240]
    _, pv_means = store.series(PV, DAY0, DAY0 + 3600, "minute")
    assert pv_means.tolist() == [30.0, 10.0]  # minutes 1 and 3, both in the mean rollups
    assert store.latest(PV).value == 10.0  # the newest by time, not by arrival


@pytest.mark.parametrize(
    ("metric", "value", "reason"),
    [
        (PV, math.nan, RejectReason.NOT_FINITE),
        (PV, math.inf, RejectReason.NOT_FINITE),
        (PV, -math.inf, RejectReason.NOT_FINITE),
        (PV, -4.0, RejectReason.NEGATIVE),
        (PV, 5e9, RejectReason.SPIKE),
        (IMPORT_WH, -1.0, RejectReason.NEGATIVE),
        (Metric.BATTERY_SOC_PCT, 101.0, RejectReason.OUT_OF_RANGE),
    ],
)
def test_implausible_values_are_counted_and_never_stored(
    store: EnergyStore, metric: Metric, value: float, reason: RejectReason
) -> None:
    good = reading(metric, 50.0, DAY0 + 60)
    report = store.ingest([good, reading(metric, value, DAY0 + 120)], now=NOW)
    assert report.accepted == 1 and report.rejected == {reason: 1}
    _, values = store.series(metric, DAY0, DAY0 + 3600, "raw")
    assert values.tolist() == [50.0]
    assert store.latest(metric).value == 50.0


def test_counter_spike_is_rejected_then_a_lasting_jump_rebases(store: EnergyStore) -> None:
    start = [reading(IMPORT_WH, 1000.0, DAY0 + 60), reading(IMPORT_WH, 1100.0, DAY0 + 120)]
    spike = store.ingest([*start, reading(IMPORT_WH, 9e12, DAY0 + 180)], now=NOW)
    assert spike.rejected == {RejectReason.SPIKE: 1}
    store.ingest([reading(IMPORT_WH, 1200.0, DAY0 + 240)], now=NOW)
    assert store.energy_wh(IMPORT_WH, DAY0, DAY0 + 3600) == pytest.approx(200.0)
    # A replaced meter: three readings in a row at a new, far higher level -> new baseline.
    jump = [reading(IMPORT_WH, 5e12 + i, DAY0 + 300 + i * 60) for i in range(4)]
    report = store.ingest(jump, now=NOW)
    assert report.rejected == {RejectReason.SPIKE: 2} and report.resets == 1
    assert store.energy_wh(IMPORT_WH, DAY0, DAY0 + 3600) == pytest.approx(201.0)


def test_timestamps_before_the_clock_was_set_or_in_the_future(store: EnergyStore) -> None:
    report = store.ingest(
        [reading(PV, 1.0, 3600.0), reading(PV, 1.0, NOW + 3600), reading(PV, 1.0, math.nan)],
        now=NOW,
    )
    assert report.rejected == {RejectReason.BAD_TIMESTAMP: 2, RejectReason.FUTURE: 1}


def test_clock_that_ran_ahead_then_jumped_back(store: EnergyStore) -> None:
    ahead = DAY0 + 400 * 86400  # the kiosk clock ran a year ahead, then NTP fixed it
    store.ingest([reading(PV, 500.0, ahead), reading(PV, 500.0, ahead + 60)], now=ahead + 60)
    later = [reading(PV, 1200.0, DAY0 + 36000 + i * 60) for i in range(61)]
    report = store.ingest(later, now=DAY0 + 40000)
    assert report.clock_jumps == 1 and report.accepted == 61 and report.late == 0
    assert store.latest(PV).timestamp == DAY0 + 36000 + 3600
    assert store.energy_wh(PV_WH, DAY0, DAY0 + 86400) == pytest.approx(1200.0)


def test_late_reading_older_than_raw_retention_is_too_old(store: EnergyStore) -> None:
    store.ingest([reading(PV, 1.0, NOW - 60)], now=NOW)
    report = store.ingest([reading(PV, 1.0, NOW - 31 * 86400)], now=NOW)
    assert report.rejected == {RejectReason.TOO_OLD: 1}


def test_local_days_follow_the_site_time_zone(store: EnergyStore) -> None:
    # 23:59 and 00:01 local time fall on different days although both are 15:xx UTC.
    store.ingest([reading(PV, 10.0, DAY0 - 60), reading(PV, 30.0, DAY0 + 60)], now=NOW)
    days, means = store.series(PV, DAY0 - 86400, DAY0 + 86400, "day")
    assert days.tolist() == [DAY0 - 86400, DAY0] and means.tolist() == [10.0, 30.0]


def test_month_and_year_totals(store: EnergyStore) -> None:
    rows = [reading(IMPORT_WH, i * 1000.0, DAY0 - 30 * 86400 + i * 3600 * 6) for i in range(4 * 25)]
    store.ingest(rows, now=NOW)
    months, amounts = store.totals(IMPORT_WH, DAY0 - 60 * 86400, NOW, "month")
    assert len(months) == 2 and amounts.sum() == pytest.approx(99_000.0)
    years, per_year = store.totals(IMPORT_WH, DAY0 - 60 * 86400, NOW, "year")
    assert len(years) == 1 and per_year[0] == pytest.approx(99_000.0)


def test_state_survives_reopening(data_dir: Path) -> None:
    path = data_dir / "r.sqlite3"
    s1 = EnergyStore(path, tz=TZ)
    s1.ingest([reading(IMPORT_WH, 100.0, DAY0 + 60)], now=NOW)
    s1.close()
    s2 = EnergyStore(path, tz=TZ)
    report = s2.ingest(
        [reading(IMPORT_WH, 100.0, DAY0 + 60), reading(IMPORT_WH, 150.0, DAY0 + 120)], now=NOW
    )
    assert report.rejected == {RejectReason.DUPLICATE: 1}
    assert s2.energy_wh(IMPORT_WH, DAY0, NOW) == pytest.approx(50.0)
    assert s2.latest(IMPORT_WH).value == 150.0
    s2.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_retention_and_size_bound(data_dir: Path) -> None:
    store = EnergyStore(data_dir / "r.sqlite3", tz=TZ, raw_retention_days=2, max_db_mb=1.0)
    for day in range(10):
        base = NOW - 10 * 86400 + day * 86400
        store.ingest([reading(PV, 100.0 + i % 7, base + i * 20.0) for i in range(4320)], now=NOW)
    assert store.size_bytes() > 1024 * 1024
    report = store.maintenance(now=NOW)
    assert report.raw_deleted > 0 and report.checkpointed
    assert report.size_bytes <= 1024 * 1024
    ts, _ = store.series(PV, 0, NOW, "raw")
    assert ts.min() >= NOW - 2 * 86400  # retention
    days, _ = store.series(PV, 0, NOW, "day")
    assert len(days) == 10  # day rollups are what is kept longest
    _, recent = store.series(PV, NOW - 86400, NOW, "raw")
    assert len(recent) > 0
    store.close()
    assert (data_dir / "r.sqlite3").stat().st_size <= 1.2 * 1024 * 1024


def test_one_writer_and_one_reader_thread_at_once(store: EnergyStore) -> None:
    errors: list[BaseException] = []
    done = threading.Event()

    def read() -> None:
        try:
            while not done.is_set():
                ts, values = store.series(PV, DAY0, NOW, "minute")
                assert len(ts) == len(values)
                store.energy_wh(PV_WH, DAY0, NOW)
        except BaseException as exc:
            errors.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    for batch in range(50):
        store.ingest(
            [reading(PV, 1000.0, DAY0 + (batch * 20 + i) * 5.0) for i in range(20)], now=NOW
        )
    done.set()
    reader.join()
    assert not errors
    assert len(store.series(PV, DAY0, NOW, "raw")[0]) == 1000


def test_non_counter_energy_queries_are_refused(store: EnergyStore) -> None:
    with pytest.raises(ValueError, match="not an energy or volume metric"):
        store.energy_wh(PV, DAY0, NOW)
