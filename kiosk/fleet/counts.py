"""Anonymous visitor counts by hour in SQLite, and the numbered outbox that sends them.

Only counter names and whole numbers are stored: how many visitor sessions, screens viewed,
quiz rounds, right answers, stories opened, dwell times in buckets. Never a person, a face, a
free text or a visitor's device. Names are short fixed words (:func:`counter_name`); at most
:data:`MAX_NAMES_PER_HOUR` different names per hour, the rest add up under ``other``.

Once an hour is over (plus :data:`SEAL_GRACE_S`), :meth:`CountStore.seal` gives it the next
sequence number and freezes its counts into one outbox message. The link sends each message
until the broker acknowledges it, then marks it sent: a broker that is down only delays the
hours, and the fleet side sees every number once (a lost acknowledgement can repeat a message;
the sequence number says it is the same hour) and any gap. Rows older than ``keep_days`` are
pruned, so the file stays small (about 30 counters × 24 hours × 400 days).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.util.sqlite_file import open_versioned

SCHEMA_VERSION = 1
HOUR_S = 3600
#: An hour is sealed this long after it ends, so the last in-memory counts reach it first.
SEAL_GRACE_S = 120.0
MAX_NAMES_PER_HOUR = 300
OTHER = "other"
_NAME = re.compile(r"[a-z0-9_.-]{1,80}")
_PART = re.compile(r"[^a-z0-9_-]+")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS counts (
    hour INTEGER NOT NULL,
    name TEXT NOT NULL,
    value INTEGER NOT NULL CHECK (value >= 0),
    PRIMARY KEY (hour, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY,
    hour INTEGER NOT NULL UNIQUE,
    body TEXT NOT NULL,
    sent_at REAL
);
"""


def counter_name(*parts: str) -> str:
    """A counter's name from fixed words and pack ids: ``quiz.started.kids.energy``."""
    cleaned = [(_PART.sub("-", p.lower()).strip("-") or "none")[:30] for p in parts]
    return ".".join(cleaned)


def hour_of(moment: float) -> int:
    """The hour bucket (hours since 1970, UTC) that holds ``moment`` (epoch seconds)."""
    return int(moment // HOUR_S)


def hour_text(hour: int) -> str:
    return datetime.fromtimestamp(hour * HOUR_S, UTC).strftime("%Y-%m-%dT%H:00Z")


@dataclass(frozen=True, slots=True)
class HourMessage:
    """One sealed hour in the outbox."""

    seq: int
    hour: int
    counts: dict[str, int]

    def payload(self, fleet: str, kiosk: str) -> bytes:
        doc = {
            "schema": SCHEMA_VERSION,
            "fleet": fleet,
            "kiosk": kiosk,
            "seq": self.seq,
            "hour": hour_text(self.hour),
            "counts": self.counts,
        }
        return json.dumps(doc, ensure_ascii=False, sort_keys=True).encode()


class CountStore:
    """Thread-safe: one connection behind a lock (a service queue writes, the link reads)."""

    def __init__(self, path: Path, keep_days: int = 400) -> None:
        self.keep_days = keep_days
        self._lock = threading.Lock()
        self._db, _ = open_versioned(path, SCHEMA_VERSION, "counts")
        self._db.executescript(_SCHEMA)
        self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def add(self, by_hour: Mapping[int, Mapping[str, int]], now: float) -> None:
        """Add counts per hour bucket in one transaction; an hour already sealed (late
        counts) goes to the hour of ``now`` instead."""
        current = hour_of(now)
        with self._lock, self._db:
            self._db.execute("BEGIN")
            sealed = {h for (h,) in self._db.execute("SELECT hour FROM outbox WHERE hour >= ?",
                                                     (min(by_hour, default=current),))}  # fmt: skip
            for hour, counts in by_hour.items():
                target = current if hour in sealed else hour
                for name, value in counts.items():
                    self._add_one(target, name, value)

    def _add_one(self, hour: int, name: str, value: int) -> None:
        if value <= 0:
            return
        if not _NAME.fullmatch(name):
            raise ValueError(f"not a counter name: {name[:90]!r}")
        known = self._db.execute(
            "SELECT 1 FROM counts WHERE hour = ? AND name = ?", (hour, name)
        ).fetchone()
        if known is None:
            (names,) = self._db.execute(
                "SELECT COUNT(*) FROM counts WHERE hour = ?", (hour,)
            ).fetchone()
            if names >= MAX_NAMES_PER_HOUR:
                name = OTHER
        self._db.execute(
            "INSERT INTO counts (hour, name, value) VALUES (?, ?, ?)"
            " ON CONFLICT (hour, name) DO UPDATE SET value = value + excluded.value",
            (hour, name, value),
        )

    def seal(self, now: float) -> int:
        """Number every finished hour not yet in the outbox (oldest first); how many; prunes."""
        newest = hour_of(now - SEAL_GRACE_S) - 1
        cutoff = hour_of(now) - self.keep_days * 24
        with self._lock, self._db:
            self._db.execute("BEGIN")
            hours = [h for (h,) in self._db.execute(
                "SELECT DISTINCT hour FROM counts WHERE hour <= ? AND hour NOT IN"
                " (SELECT hour FROM outbox) ORDER BY hour", (newest,))]  # fmt: skip
            (last,) = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM outbox").fetchone()
            for hour in hours:
                last += 1
                counts = dict(self._db.execute(
                    "SELECT name, value FROM counts WHERE hour = ? ORDER BY name", (hour,)))  # fmt: skip
                self._db.execute(
                    "INSERT INTO outbox (seq, hour, body) VALUES (?, ?, ?)",
                    (last, hour, json.dumps(counts, sort_keys=True)),
                )
            self._db.execute("DELETE FROM counts WHERE hour < ?", (cutoff,))
            # the newest row stays, so numbering continues after a long quiet spell
            self._db.execute("DELETE FROM outbox WHERE hour < ? AND seq < ?", (cutoff, last))
        return len(hours)

    def pending(self, limit: int = 100) -> list[HourMessage]:
        """Sealed hours the broker has not acknowledged yet, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT seq, hour, body FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ?",
                (limit,),
            ).fetchall()
        return [HourMessage(seq, hour, json.loads(body)) for seq, hour, body in rows]

    def mark_sent(self, seq: int, now: float) -> None:
        with self._lock, self._db:
            self._db.execute("UPDATE outbox SET sent_at = ? WHERE seq = ?", (now, seq))

    def outbox_state(self) -> tuple[int, int]:
        """(newest sequence number, how many wait to be sent)."""
        with self._lock:
            last, waiting = self._db.execute(
                "SELECT COALESCE(MAX(seq), 0), COUNT(*) - COUNT(sent_at) FROM outbox"
            ).fetchone()
        return int(last), int(waiting)

    def totals(self, from_hour: int, to_hour: int) -> dict[str, int]:
        """Each counter's sum over hours ``from_hour`` <= hour < ``to_hour``."""
        with self._lock:
            rows = self._db.execute(
                "SELECT name, SUM(value) FROM counts WHERE hour >= ? AND hour < ?"
                " GROUP BY name ORDER BY name",
                (from_hour, to_hour),
            ).fetchall()
        return {name: int(total) for name, total in rows}

    def hourly(self, from_hour: int, to_hour: int) -> dict[int, dict[str, int]]:
        """Counts per hour bucket in the range (for store reports)."""
        out: dict[int, dict[str, int]] = {}
        with self._lock:
            rows = self._db.execute(
                "SELECT hour, name, value FROM counts WHERE hour >= ? AND hour < ?"
                " ORDER BY hour, name",
                (from_hour, to_hour),
            ).fetchall()
        for hour, name, value in rows:
            out.setdefault(hour, {})[name] = value
        return out
