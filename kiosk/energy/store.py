"""The readings database: raw readings for N days, minute/hour/day rollups for years.

SQLite in WAL mode with ``synchronous=NORMAL``: a power cut can lose the last transaction but
never corrupts the file. One thread writes at a time (a lock); any thread may read at the
same time, each through its own connection. Rollups are updated in the same transaction as
the raw rows they summarise, so they always agree with what was accepted.

Values in rollups: power and level metrics keep ``n`` and the ``total`` of the readings (a mean
is ``total / n``); counter metrics (Wh, L) keep the energy or volume *in* the bucket.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

import numpy as np

from kiosk.energy.buckets import LocalDays, Resolution
from kiosk.energy.ingest import Batch, IngestEngine, IngestReport, SeriesKey, SeriesState
from kiosk.energy.metrics import Metric, MetricKind, Provenance, Reading
from kiosk.energy.migrations import ROLLUP_TABLES, SCHEMA_VERSION, SchemaError, open_schema
from kiosk.energy.quality import SanityLimits

log = logging.getLogger(__name__)

T = TypeVar("T")

__all__ = ["EnergyStore", "IngestReport", "MaintenanceReport", "StoreError"]

_DAY_S = 86_400
_TABLES = {Resolution.MINUTE: "rollup_minute", Resolution.HOUR: "rollup_hour",
           Resolution.DAY: "rollup_day"}  # fmt: skip
_TABLE_BY_INDEX = ROLLUP_TABLES


class StoreError(Exception):
    """The database cannot be opened or written (disk full, read-only, corrupt)."""


@dataclass(frozen=True)
class MaintenanceReport:
    raw_deleted: int
    rollups_deleted: int
    size_bytes: int  # database bytes in use after maintenance
    checkpointed: bool  # the WAL was fully copied back and truncated


class EnergyStore:
    """Readings and rollups in one SQLite file. Safe for one writer and many reader threads."""

    def __init__(
        self,
        path: Path,
        *,
        raw_retention_days: int = 30,
        max_db_mb: float = 1024,
        minute_retention_days: int = 400,
        tz: ZoneInfo | str = "Asia/Shanghai",
        limits: SanityLimits | None = None,
        max_gap_s: float = 900.0,
    ) -> None:
        self.path = Path(path)
        self.raw_retention_days = raw_retention_days
        self.max_db_bytes = int(max_db_mb * 1024 * 1024)
        self.minute_retention_days = minute_retention_days
        self.days = LocalDays(tz)
        self._conns: dict[int, sqlite3.Connection] = {}
        self._conns_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._ids: dict[SeriesKey, int] = {}
        self._closed = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = self._conn()
            migrated_from = open_schema(conn)
            states = self._load_states(conn)
        except (sqlite3.Error, OSError, SchemaError) as exc:
            self.close()
            raise StoreError(f"cannot open readings database {self.path}: {exc}") from None
        if 0 < migrated_from < SCHEMA_VERSION:
            log.info("readings database %s migrated from schema %d", self.path, migrated_from)
        self._engine = IngestEngine(states, limits or SanityLimits(), self.days, max_gap_s)

    # -- connections -------------------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        """This thread's connection. Keyed by thread id, not ``threading.local``: Qt pool
        threads get a fresh Python thread state per job, which would open (and leak) a new
        connection for every task."""
        ident = threading.get_ident()
        conn = self._conns.get(ident)
        if conn is None:
            if self._closed:
                raise StoreError("the readings database is closed")
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA auto_vacuum = INCREMENTAL")  # takes effect on a new file only
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA journal_size_limit = 67108864")
            with self._conns_lock:
                self._conns[ident] = conn
        return conn

    @property
    def open_connections(self) -> int:
        """Connections open now, one per thread that has used the store (diagnostics)."""
        return len(self._conns)

    def run_read(self, op: Callable[[sqlite3.Connection], T]) -> T:
        """``op`` on this thread's connection: for tables other core modules keep here."""
        try:
            return op(self._conn())
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read {self.path}: {exc}") from None

    def run_write(self, op: Callable[[sqlite3.Connection], T]) -> T:
        """``op`` in one write transaction, in turn with the readings' writes."""
        with self._write_lock:
            conn = self._conn()
            try:
                conn.execute("BEGIN IMMEDIATE")
                result = op(conn)
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise StoreError(f"cannot write to {self.path}: {exc}") from None
            return result

    def close(self) -> None:
        """Close every thread's connection. Call once, after the writer threads have stopped."""
        self._closed = True
        with self._conns_lock:
            for conn in self._conns.values():
                conn.close()
            self._conns.clear()

    def _load_states(self, conn: sqlite3.Connection) -> dict[SeriesKey, SeriesState]:
        states: dict[SeriesKey, SeriesState] = {}
        rows = conn.execute(
            "SELECT id, metric, meter, last_ts, last_value, source_id, provenance, chain_ok,"
            " spikes_in_row FROM series"
        )
        for sid, metric, meter, last_ts, last_value, source_id, prov, chain_ok, spikes in rows:
            self._ids[(metric, meter)] = sid
            if last_ts is not None:
                states[(metric, meter)] = SeriesState(
                    last_ts, last_value, source_id, prov, bool(chain_ok), spikes
                )
        return states

    def _series_id(self, conn: sqlite3.Connection, key: SeriesKey, create: bool) -> int | None:
        sid = self._ids.get(key)
        if sid is None:
            if create:
                conn.execute("INSERT OR IGNORE INTO series (metric, meter) VALUES (?, ?)", key)
            row = conn.execute(
                "SELECT id FROM series WHERE metric = ? AND meter = ?", key
            ).fetchone()
            if row is None:
                return None
            sid = self._ids[key] = int(row[0])
        return sid

    # -- writing -----------------------------------------------------------------------------

    def ingest(self, readings: Iterable[Reading], now: float | None = None) -> IngestReport:
        """Store what is plausible, count what is not. ``now`` is the kiosk clock (Unix s)."""
        now = time.time() if now is None else now
        with self._write_lock:
            if self._closed:  # a poll that ended after shutdown closed the store
                log.debug("readings database is closed: late readings dropped")
                return IngestReport()
            conn = self._conn()
            cutoff = now - self.raw_retention_days * _DAY_S

            def is_stored(metric: str, meter: str, ts: float) -> bool:
                sid = self._series_id(conn, (metric, meter), create=False)
                if sid is None:
                    return False
                sql = "SELECT 1 FROM raw WHERE series = ? AND ts = ?"
                return conn.execute(sql, (sid, ts)).fetchone() is not None

            batch = self._engine.process(readings, now, cutoff, is_stored)
            try:
                self._write(conn, batch)
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise StoreError(f"cannot write readings to {self.path}: {exc}") from None
            self._engine.commit(batch)
            return batch.report

    def _write(self, conn: sqlite3.Connection, batch: Batch) -> None:
        keys = {(m, mt) for m, mt, _, _ in batch.raw_rows}
        keys.update((m, mt) for _, m, mt, _ in batch.rollups)
        keys.update(batch.states)
        ids = {k: self._series_id(conn, k, create=True) for k in keys}
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT OR IGNORE INTO raw VALUES (?, ?, ?)",
            [(ids[(m, mt)], ts, v) for m, mt, ts, v in batch.raw_rows],
        )
        by_table: list[list[tuple[object, ...]]] = [[], [], []]
        for (res, m, mt, bucket), (n, total, vmin, vmax) in batch.rollups.items():
            by_table[res].append((ids[(m, mt)], bucket, n, total, vmin, vmax))
        for table, rows in zip(_TABLE_BY_INDEX, by_table, strict=True):
            conn.executemany(
                f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (series, bucket)"
                " DO UPDATE SET n = n + excluded.n, total = total + excluded.total,"
                " vmin = min(vmin, excluded.vmin), vmax = max(vmax, excluded.vmax)",
                rows,
            )
        firsts: dict[SeriesKey, float] = {}
        for m, mt, ts, _ in batch.raw_rows:
            firsts[(m, mt)] = min(ts, firsts.get((m, mt), ts))
        for res, m, mt, bucket in batch.rollups:  # minutes only: a day starts before its data
            if res == 0:
                firsts[(m, mt)] = min(float(bucket), firsts.get((m, mt), float(bucket)))
        conn.executemany(
            "UPDATE series SET first_ts = ? WHERE id = ? AND (first_ts IS NULL OR first_ts > ?)",
            [(ts, ids[k], ts) for k, ts in firsts.items()],
        )
        conn.executemany(
            "UPDATE series SET last_ts = ?, last_value = ?, source_id = ?, provenance = ?,"
            " chain_ok = ?, spikes_in_row = ? WHERE id = ?",
            [
                (
                    s.last_ts,
                    s.last_value,
                    s.source_id,
                    s.provenance,
                    int(s.chain_ok),
                    s.spikes_in_row,
                    ids[k],
                )
                for k, s in batch.states.items()
            ],
        )
        conn.execute("COMMIT")

    # -- reading -----------------------------------------------------------------------------

    def recording_since(self, metric: str, meter: str = "") -> float | None:
        """When the first reading of a series was stored (kept when old data is pruned)."""
        row = (
            self._conn()
            .execute("SELECT first_ts FROM series WHERE metric = ? AND meter = ?", (metric, meter))
            .fetchone()
        )
        return None if row is None or row[0] is None else float(row[0])

    def latest(self, metric: Metric, meter: str = "") -> Reading | None:
        """The newest accepted reading of a series, or None if it never had one."""
        st = self._engine.states.get((metric.value, meter))
        if st is None or st.last_ts < 0:
            return None
        return Reading(
            metric, st.last_value, st.last_ts, st.source_id, Provenance(st.provenance), meter
        )

    def meters(self, metric: Metric) -> list[str]:
        """Meters with data for ``metric`` ("" is the whole site)."""
        rows = self._conn().execute(
            "SELECT meter FROM series WHERE metric = ? ORDER BY meter", (metric.value,)
        )
        return [r[0] for r in rows]

    def series(
        self,
        metric: Metric,
        start_ts: float,
        end_ts: float,
        resolution: Resolution | str = Resolution.MINUTE,
        meter: str = "",
    ) -> tuple[np.ndarray, np.ndarray]:
        """Timestamps and values in [start_ts, end_ts), oldest first, as float64 arrays.

        ``raw`` gives the readings; rollups give the mean (power, level) or the amount in
        the bucket (counters), stamped with the bucket start (a local midnight for days).
        """
        resolution = Resolution(resolution)
        conn = self._conn()
        sid = self._series_id(conn, (metric.value, meter), create=False)
        if sid is None:
            return np.empty(0), np.empty(0)
        if resolution is Resolution.RAW:
            sql = "SELECT ts, value FROM raw WHERE series = ? AND ts >= ? AND ts < ? ORDER BY ts"
        else:
            value = "total" if metric.kind is MetricKind.COUNTER else "total / n"
            sql = (
                f"SELECT bucket, {value} FROM {_TABLES[resolution]}"
                " WHERE series = ? AND bucket >= ? AND bucket < ? ORDER BY bucket"
            )
        rows = conn.execute(sql, (sid, start_ts, end_ts)).fetchall()
        if not rows:
            return np.empty(0), np.empty(0)
        arr = np.array(rows, dtype=np.float64)
        return arr[:, 0].copy(), arr[:, 1].copy()

    def energy_wh(
        self, metric: Metric, start_ts: float, end_ts: float, meter: str = ""
    ) -> float | None:
        """Energy (Wh) or volume (L) of a counter metric in [start_ts, end_ts).

        Whole local days come from day rollups, the rest from minute rollups. None when
        there is no data at all in the window (not the same as a measured zero).
        """
        if metric.kind is not MetricKind.COUNTER:
            raise ValueError(f"{metric} is not an energy or volume metric")
        conn = self._conn()
        sid = self._series_id(conn, (metric.value, meter), create=False)
        if sid is None or end_ts <= start_ts:
            return None
        first_day = self.days.day_start(start_ts)
        if first_day < start_ts:
            first_day = self.days.next_day_start(start_ts)
        last_day = self.days.day_start(end_ts)
        parts: list[tuple[str, float, float]] = []
        if first_day < last_day:
            parts.append(("rollup_day", first_day, last_day))
            parts.append(("rollup_minute", start_ts, first_day))
            parts.append(("rollup_minute", last_day, end_ts))
        else:
            parts.append(("rollup_minute", start_ts, end_ts))
        total = 0.0
        found = False
        for table, lo, hi in parts:
            if hi <= lo:
                continue
            n, s = conn.execute(
                f"SELECT count(*), sum(total) FROM {table}"
                " WHERE series = ? AND bucket >= ? AND bucket < ?",
                (sid, lo, hi),
            ).fetchone()
            if n:
                found = True
                total += s
        return total if found else None

    def totals(
        self,
        metric: Metric,
        start_ts: float,
        end_ts: float,
        period: str = "day",
        meter: str = "",
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per local day, month or year: period starts and amounts of a counter metric."""
        if metric.kind is not MetricKind.COUNTER:
            raise ValueError(f"{metric} is not an energy or volume metric")
        days, values = self.series(metric, start_ts, end_ts, Resolution.DAY, meter)
        if period == "day":
            return days, values
        if period not in ("month", "year"):
            raise ValueError(f"period must be day, month or year, not {period!r}")
        start_of = self.days.month_start if period == "month" else self.days.year_start
        sums: dict[int, float] = {}
        for day, value in zip(days.tolist(), values.tolist(), strict=True):
            key = start_of(day)
            sums[key] = sums.get(key, 0.0) + value
        keys = sorted(sums)
        return np.array(keys, dtype=np.float64), np.array([sums[k] for k in keys])

    # -- upkeep ------------------------------------------------------------------------------

    def size_bytes(self) -> int:
        """Bytes of the database in use (free pages excluded)."""
        conn = self._conn()
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        free = conn.execute("PRAGMA freelist_count").fetchone()[0]
        return int((pages - free) * conn.execute("PRAGMA page_size").fetchone()[0])

    def maintenance(self, now: float | None = None) -> MaintenanceReport:
        """Prune by retention, then oldest-first until under ``max_db_mb``; checkpoint the WAL."""
        now = time.time() if now is None else now
        with self._write_lock:
            conn = self._conn()
            try:
                raw_deleted = self._prune(conn, "raw", "ts", now - self.raw_retention_days * _DAY_S)
                rollups_deleted = self._prune(
                    conn, "rollup_minute", "bucket", now - self.minute_retention_days * _DAY_S
                )
                for table, column, keep_s in _SHRINK_ORDER:
                    while self.size_bytes() > self.max_db_bytes:
                        deleted = self._drop_oldest(conn, table, column, now - keep_s)
                        if table == "raw":
                            raw_deleted += deleted
                        else:
                            rollups_deleted += deleted
                        conn.execute(
                            "PRAGMA incremental_vacuum"
                        ).fetchall()  # runs as rows are read
                        if not deleted:
                            break
                conn.executescript("PRAGMA incremental_vacuum;")  # execute() frees one page only
                busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            except sqlite3.Error as exc:
                raise StoreError(f"maintenance of {self.path} failed: {exc}") from None
            return MaintenanceReport(raw_deleted, rollups_deleted, self.size_bytes(), busy == 0)

    def _series_ids(self, conn: sqlite3.Connection) -> list[int]:
        return [r[0] for r in conn.execute("SELECT id FROM series")]

    def _prune(self, conn: sqlite3.Connection, table: str, column: str, before: float) -> int:
        deleted = 0
        conn.execute("BEGIN IMMEDIATE")
        for sid in self._series_ids(conn):
            cur = conn.execute(
                f"DELETE FROM {table} WHERE series = ? AND {column} < ?", (sid, before)
            )
            deleted += cur.rowcount
        conn.execute("COMMIT")
        return deleted

    def _drop_oldest(
        self, conn: sqlite3.Connection, table: str, column: str, keep_from: float
    ) -> int:
        """Delete the oldest quarter of ``table``'s time span, never data newer than keep_from."""
        oldest: float | None = None
        newest: float | None = None
        for sid in self._series_ids(conn):
            lo, hi = conn.execute(
                f"SELECT min({column}), max({column}) FROM {table} WHERE series = ?", (sid,)
            ).fetchone()
            if lo is not None:
                oldest = lo if oldest is None else min(oldest, lo)
                newest = hi if newest is None else max(newest, hi)
        if oldest is None or newest is None:
            return 0
        cut = min(oldest + max(_DAY_S, (newest - oldest) / 4), keep_from)
        if cut <= oldest:
            return 0
        return self._prune(conn, table, column, cut)


#: What goes first when the database is over its size bound, and what is always kept.
_SHRINK_ORDER = (
    ("raw", "ts", 1 * _DAY_S),
    ("rollup_minute", "bucket", 7 * _DAY_S),
    ("rollup_hour", "bucket", 62 * _DAY_S),
    ("rollup_day", "bucket", 366 * _DAY_S),
)
