"""Store benchmark: ingest a year of 10-metric minute data, then the two queries the UI makes.

Baseline, measured in the same run: the same readings in a plain table with no index and no
checks or rollups (``naive``), queried by full-table scan. Targets: each query ≤ 10 ms.

    .venv/bin/python benchmarks/bench_store.py [--quick] [--days N]
"""

from __future__ import annotations

import argparse
import math
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.energy.metrics import Metric, Provenance, Reading
from kiosk.energy.store import EnergyStore

TZ = ZoneInfo("Asia/Shanghai")
START = datetime(2025, 1, 1, tzinfo=TZ).timestamp()
POWER = (Metric.PV_POWER_W, Metric.LOAD_POWER_W, Metric.GRID_IMPORT_POWER_W,
         Metric.GRID_EXPORT_POWER_W, Metric.BATTERY_CHARGE_POWER_W)  # fmt: skip
COUNTERS = (Metric.PV_ENERGY_WH, Metric.LOAD_ENERGY_WH, Metric.GRID_IMPORT_ENERGY_WH,
            Metric.WATER_USED_L)  # fmt: skip
QUERY_TARGET_MS = 10.0


def day_of_readings(day: int, counters: dict[Metric, float]) -> list[Reading]:
    out: list[Reading] = []
    base = START + day * 86400
    for i in range(1440):
        ts = base + i * 60.0
        sun = max(0.0, math.sin(math.pi * ((i / 60.0) - 6) / 12))
        values = (40_000 * sun, 20_000 + 5_000 * math.sin(i / 90), max(0.0, 20_000 - 40_000 * sun),
                  max(0.0, 40_000 * sun - 20_000), 3_000 * sun)  # fmt: skip
        for metric, v in zip(POWER, values, strict=True):
            out.append(Reading(metric, v, ts, "bench", Provenance.LIVE))
        out.append(Reading(Metric.BATTERY_SOC_PCT, 50 + 40 * sun, ts, "bench", Provenance.LIVE))
        for metric, rate in zip(COUNTERS, (40_000 * sun, 20_000, 10_000, 30.0), strict=True):
            counters[metric] += rate / 60.0
            out.append(Reading(metric, counters[metric], ts, "bench", Provenance.LIVE))
    return out


def days(n: int) -> Iterator[list[Reading]]:
    counters = dict.fromkeys(COUNTERS, 1_000_000.0)
    for day in range(n):
        yield day_of_readings(day, counters)


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``fn`` in milliseconds."""
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def _size_mb(db: Path) -> float:
    wal = db.with_name(db.name + "-wal")
    return (db.stat().st_size + (wal.stat().st_size if wal.exists() else 0)) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="30 days instead of 365")
    parser.add_argument("--days", type=int, help="days of data to ingest")
    args = parser.parse_args()
    n_days = args.days or (30 if args.quick else 365)
    with tempfile.TemporaryDirectory() as tmp:
        store = EnergyStore(Path(tmp) / "store.sqlite3", tz=TZ, raw_retention_days=3650,
                            max_db_mb=100_000)  # fmt: skip
        naive = sqlite3.connect(Path(tmp) / "naive.sqlite3", isolation_level=None)
        naive.execute("PRAGMA journal_mode = WAL")
        naive.execute("PRAGMA synchronous = NORMAL")
        naive.execute("CREATE TABLE naive (metric TEXT, meter TEXT, ts REAL, value REAL)")
        now = START + n_days * 86400
        t_store = t_naive = 0.0
        count = 0
        for batch in days(n_days):
            count += len(batch)
            t0 = time.perf_counter()
            report = store.ingest(batch, now=now)
            t_store += time.perf_counter() - t0
            assert report.accepted == len(batch), report
            t0 = time.perf_counter()
            naive.execute("BEGIN")
            naive.executemany(
                "INSERT INTO naive VALUES (?, ?, ?, ?)",
                [(r.metric.value, r.meter, r.timestamp, r.value) for r in batch],
            )
            naive.execute("COMMIT")
            t_naive += time.perf_counter() - t0
        last_day = START + (n_days - 1) * 86400

        def store_day() -> object:
            ts, _ = store.series(Metric.PV_POWER_W, last_day, last_day + 86400, "minute")
            assert len(ts) == 1440
            return ts

        def naive_day() -> object:
            rows = naive.execute(
                "SELECT CAST(ts / 60 AS INTEGER) * 60 AS m, avg(value) FROM naive"
                " WHERE metric = ? AND ts >= ? AND ts < ? GROUP BY m ORDER BY m",
                ("pv_power_w", last_day, last_day + 86400),
            ).fetchall()
            assert len(rows) == 1440
            return rows

        def store_year() -> object:
            d, v = store.totals(Metric.GRID_IMPORT_ENERGY_WH, START, now, "day")
            assert len(d) == n_days
            return v

        def naive_year() -> object:
            rows = naive.execute(
                "SELECT CAST((ts + 28800) / 86400 AS INTEGER) AS d, max(value) - min(value)"
                " FROM naive WHERE metric = ? GROUP BY d ORDER BY d",
                ("grid_import_energy_wh",),
            ).fetchall()
            assert len(rows) == n_days
            return rows

        repeat = 20
        results = [
            ("24 h minute series (1440 points)", timed(store_day, repeat), timed(naive_day, 3)),
            (f"{n_days} daily totals", timed(store_year, repeat), timed(naive_year, 3)),
        ]
        size_mb = _size_mb(Path(tmp) / "store.sqlite3")
        naive_mb = _size_mb(Path(tmp) / "naive.sqlite3")
        store.close()
        naive.close()
    print(f"store benchmark: {n_days} days × 10 metrics × 1440 min = {count:,} readings")
    print(f"{'':34} {'store':>12} {'naive scan':>12} {'ratio':>8}")
    rate_store, rate_naive = count / t_store, count / t_naive
    print(f"{'ingest (readings/s)':34} {rate_store:12,.0f} {rate_naive:12,.0f} "
          f"{rate_store / rate_naive:7.2f}x")  # fmt: skip
    print(f"{'ingest total (s)':34} {t_store:12.1f} {t_naive:12.1f}")
    ok = True
    for name, ms, base_ms in results:
        print(f"{name + ' (ms)':34} {ms:12.2f} {base_ms:12.2f} {base_ms / ms:7.0f}x faster")
        ok &= ms <= QUERY_TARGET_MS
    print(f"{'database size (MB)':34} {size_mb:12.1f} {naive_mb:12.1f}")
    print(f"query target ≤ {QUERY_TARGET_MS:.0f} ms: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
