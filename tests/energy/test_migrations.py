"""The readings database across app versions: a version-1 file (as the first release wrote it)
is migrated in place with its readings intact; a file from a newer app is refused with a
message that says what to do, and left untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.energy.metrics import Metric
from kiosk.energy.migrations import SCHEMA_VERSION
from kiosk.energy.store import EnergyStore, StoreError

from .helpers import DAY0, TZ, reading

#: The schema exactly as release 1 created it (kiosk/energy/store.py before migrations).
V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE series (
    id INTEGER PRIMARY KEY, metric TEXT NOT NULL, meter TEXT NOT NULL,
    last_ts REAL, last_value REAL, source_id TEXT, provenance TEXT,
    chain_ok INTEGER NOT NULL DEFAULT 1, spikes_in_row INTEGER NOT NULL DEFAULT 0,
    UNIQUE (metric, meter));
CREATE TABLE raw (
    series INTEGER NOT NULL, ts REAL NOT NULL, value REAL NOT NULL,
    PRIMARY KEY (series, ts)) WITHOUT ROWID;
""" + "".join(
    f"""CREATE TABLE {t} (
    series INTEGER NOT NULL, bucket INTEGER NOT NULL, n INTEGER NOT NULL, total REAL NOT NULL,
    vmin REAL NOT NULL, vmax REAL NOT NULL, PRIMARY KEY (series, bucket)) WITHOUT ROWID;
"""
    for t in ("rollup_minute", "rollup_hour", "rollup_day")
)


def write_v1_file(path: Path) -> None:
    """A version-1 database with a PV power series: raw readings pruned, summaries kept."""
    conn = sqlite3.connect(path)
    conn.executescript(V1_SCHEMA)
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.execute(
        "INSERT INTO series VALUES (1, 'pv_power_w', '', ?, 5000.0, 'sim', 'live', 1, 0)",
        (DAY0 + 3600,),
    )
    conn.execute("INSERT INTO raw VALUES (1, ?, 5000.0)", (DAY0 + 3600,))
    conn.execute(
        "INSERT INTO rollup_day VALUES (1, ?, 10, 40000.0, 3000.0, 5000.0)", (DAY0 - 86_400,)
    )
    conn.commit()
    conn.close()


def schema_of(path: Path) -> tuple[str, list[str]]:
    conn = sqlite3.connect(path)
    try:
        version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        columns = [r[1] for r in conn.execute("PRAGMA table_info(series)")]
    finally:
        conn.close()
    return version[0], columns


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_a_new_file_gets_the_current_schema(data_dir: Path) -> None:
    path = data_dir / "readings.sqlite3"
    EnergyStore(path, tz=TZ).close()
    version, columns = schema_of(path)
    assert version == str(SCHEMA_VERSION) and "first_ts" in columns


def test_a_version_1_file_is_migrated_with_its_readings(data_dir: Path) -> None:
    path = data_dir / "readings.sqlite3"
    write_v1_file(path)
    store = EnergyStore(path, tz=TZ)
    try:
        # the oldest thing kept (a day summary) is when recording started
        assert store.recording_since(Metric.PV_POWER_W) == DAY0 - 86_400
        store.ingest([reading(Metric.PV_POWER_W, 4000.0, DAY0 + 3660)], now=DAY0 + 3700)
        assert store.recording_since(Metric.PV_POWER_W) == DAY0 - 86_400  # not moved later
    finally:
        store.close()
    version, columns = schema_of(path)
    assert version == str(SCHEMA_VERSION) and "first_ts" in columns
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT COUNT(*) FROM raw").fetchone()[0] == 2
    assert conn.execute("SELECT total FROM rollup_day").fetchone()[0] == 40000.0
    conn.close()
    EnergyStore(path, tz=TZ).close()  # opening a migrated file again changes nothing


def test_a_new_series_records_its_first_reading(data_dir: Path) -> None:
    store = EnergyStore(data_dir / "readings.sqlite3", tz=TZ)
    try:
        assert store.recording_since(Metric.LOAD_POWER_W) is None
        store.ingest([reading(Metric.LOAD_POWER_W, 900.0, DAY0 + 60)], now=DAY0 + 90)
        assert store.recording_since(Metric.LOAD_POWER_W) == DAY0 + 60
    finally:
        store.close()


def test_a_file_from_a_newer_app_is_refused_and_left_as_it_was(data_dir: Path) -> None:
    path = data_dir / "readings.sqlite3"
    write_v1_file(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    before = dump(path)
    with pytest.raises(StoreError, match=r"newer version of the kiosk \(schema 99.*update the app"):
        EnergyStore(path, tz=TZ)
    assert dump(path) == before


def test_a_failed_migration_changes_nothing(data_dir: Path) -> None:
    """A v1 file that already has the column (a half-done hand edit): the step fails, the
    transaction rolls back, the file stays at version 1 and the store says why."""
    path = data_dir / "readings.sqlite3"
    write_v1_file(path)
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE series ADD COLUMN first_ts REAL")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="migrating from schema 1 failed"):
        EnergyStore(path, tz=TZ)
    assert schema_of(path)[0] == "1"


def test_a_version_2_file_gets_the_manual_entries_table(data_dir: Path) -> None:
    from datetime import date

    from kiosk.energy.manual import add_entry, year_totals

    path = data_dir / "readings.sqlite3"
    write_v1_file(path)
    conn = sqlite3.connect(path)  # bring it to version 2 by hand, as the v2 app left it
    conn.execute("ALTER TABLE series ADD COLUMN first_ts REAL")
    conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    store = EnergyStore(path, tz=TZ)
    try:
        add_entry(store, "compost_kg", 5.0, date(2026, 6, 15), now=DAY0 + 3600)
        assert year_totals(store, DAY0 + 3600)[0].year_total == 5.0
    finally:
        store.close()
    assert schema_of(path)[0] == str(SCHEMA_VERSION) == "3"
