"""The readings database's schema versions, and the steps that bring an older file up to date.

A kiosk keeps its ``readings.sqlite3`` for years and across app updates, so every change to
the schema is one numbered step here: :func:`open_schema` reads ``meta.schema_version`` when
the store opens, creates a new file at :data:`SCHEMA_VERSION`, migrates an older one in one
transaction (all steps or none), and refuses a file written by a newer app, so that an app
rolled back after an update never misreads (or rewrites) what the newer one stored.

To change the schema: bump :data:`SCHEMA_VERSION`, write ``_to_vN(conn)`` and add it to
:data:`STEPS`, update :data:`SCHEMA` (what a new file gets), and add a test that opens a file
of the previous version.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

SCHEMA_VERSION = 3

ROLLUP_TABLES = ("rollup_minute", "rollup_hour", "rollup_day")

#: Figures with no meter, entered by staff (kiosk.energy.manual): one row per entry.
MANUAL_ENTRIES = """
CREATE TABLE IF NOT EXISTS manual_entries (
    id INTEGER PRIMARY KEY, metric TEXT NOT NULL, day TEXT NOT NULL, amount REAL NOT NULL,
    entered_at REAL NOT NULL, origin TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS manual_entries_by_day ON manual_entries (metric, day);
"""

#: A new file at :data:`SCHEMA_VERSION`.
SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS series (
    id INTEGER PRIMARY KEY, metric TEXT NOT NULL, meter TEXT NOT NULL,
    last_ts REAL, last_value REAL, source_id TEXT, provenance TEXT,
    chain_ok INTEGER NOT NULL DEFAULT 1, spikes_in_row INTEGER NOT NULL DEFAULT 0,
    first_ts REAL,
    UNIQUE (metric, meter));
CREATE TABLE IF NOT EXISTS raw (
    series INTEGER NOT NULL, ts REAL NOT NULL, value REAL NOT NULL,
    PRIMARY KEY (series, ts)) WITHOUT ROWID;
"""
    + MANUAL_ENTRIES
    + "".join(
        f"""CREATE TABLE IF NOT EXISTS {t} (
    series INTEGER NOT NULL, bucket INTEGER NOT NULL, n INTEGER NOT NULL, total REAL NOT NULL,
    vmin REAL NOT NULL, vmax REAL NOT NULL, PRIMARY KEY (series, bucket)) WITHOUT ROWID;
"""
        for t in ROLLUP_TABLES
    )
)


class SchemaError(Exception):
    """The file's schema is newer than this app reads, or a migration step failed."""


def _to_v2(conn: sqlite3.Connection) -> None:
    """v2: ``series.first_ts``, when the series' first reading was stored. It is kept when
    old readings and summaries are pruned, so "since the kiosk started recording" stays true."""
    conn.execute("ALTER TABLE series ADD COLUMN first_ts REAL")
    firsts = " UNION ALL ".join(
        ["SELECT MIN(ts) AS t FROM raw WHERE series = series.id"]
        + [f"SELECT MIN(bucket) FROM {t} WHERE series = series.id" for t in ROLLUP_TABLES]
    )
    conn.execute(f"UPDATE series SET first_ts = (SELECT MIN(t) FROM ({firsts}))")


def _to_v3(conn: sqlite3.Connection) -> None:
    """v3: ``manual_entries``, figures without a meter entered by staff (kg composted …)."""
    for statement in MANUAL_ENTRIES.split(";"):
        if statement.strip():
            conn.execute(statement)


#: STEPS[n] brings a version-n file to version n + 1.
STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _to_v2, 2: _to_v3}


def stored_version(conn: sqlite3.Connection) -> int | None:
    """The file's schema version; None for a file with no tables yet."""
    has_meta = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    ).fetchone()
    if has_meta is None:
        return None
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        return None
    try:
        return int(row[0])
    except ValueError:
        raise SchemaError(f"schema_version {row[0]!r} is not a number") from None


def open_schema(conn: sqlite3.Connection) -> int:
    """Create, check or migrate the schema of ``conn``'s file. Returns the version it had
    (0 for a new file). Raises SchemaError, leaving the file as it was."""
    found = stored_version(conn)
    if found is None:
        conn.executescript(SCHEMA)
        conn.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
        )
        return 0
    if found > SCHEMA_VERSION:
        raise SchemaError(
            f"it was written by a newer version of the kiosk (schema {found}; this version "
            f"reads up to {SCHEMA_VERSION}): update the app, or move the file away to start "
            "a new one"
        )
    if found < 1 or any(v not in STEPS for v in range(found, SCHEMA_VERSION)):
        raise SchemaError(f"schema {found} is not one this version can migrate")
    if found == SCHEMA_VERSION:
        return found
    conn.execute("BEGIN IMMEDIATE")
    try:
        for version in range(found, SCHEMA_VERSION):
            STEPS[version](conn)
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),)
        )
    except sqlite3.Error as exc:
        conn.execute("ROLLBACK")
        raise SchemaError(f"migrating from schema {found} failed: {exc}") from None
    conn.execute("COMMIT")
    return found
