"""Carbon points per class or team in SQLite, with day / week / term leaderboards.

Only a class or team name and a number are stored, never a person. Awards older than
:data:`KEEP_DAYS` are pruned as new ones arrive, so the file stays small.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.quiz.periods import LeaderboardCalendar, Period

SCHEMA_VERSION = 1
KEEP_DAYS = 400  # longer than any school term plus a holiday
MAX_TEAM_CHARS = 60

_SCHEMA = """
CREATE TABLE IF NOT EXISTS awards (
    id INTEGER PRIMARY KEY,
    team TEXT NOT NULL,
    points INTEGER NOT NULL CHECK (points >= 0),
    awarded_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS awards_at ON awards (awarded_at);
"""


@dataclass(frozen=True, slots=True)
class LeaderboardRow:
    rank: int
    team: str
    points: int


@dataclass(frozen=True, slots=True)
class Leaderboard:
    period: Period
    starts: datetime
    resets_at: datetime
    rows: tuple[LeaderboardRow, ...]


class PointsStore:
    """Thread-safe: one connection guarded by a lock (the UI calls it through a worker)."""

    def __init__(self, path: Path, calendar: LeaderboardCalendar) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._calendar = calendar
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            self._db.close()
            raise RuntimeError(f"{path}: points database is from a newer version ({version})")
        self._db.executescript(_SCHEMA)
        self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def award(self, team: str, points: int, now: datetime) -> None:
        """Add ``points`` (>= 0) to ``team`` at aware time ``now``."""
        team = team.strip()
        if not team or len(team) > MAX_TEAM_CHARS:
            raise ValueError(f"team name must be 1-{MAX_TEAM_CHARS} characters, got {team!r}")
        if points < 0:
            raise ValueError(f"points must not be negative, got {points}")
        stamp = _stamp(now)
        cutoff = _stamp(now - timedelta(days=KEEP_DAYS))
        with self._lock, self._db:
            self._db.execute("BEGIN")
            self._db.execute(
                "INSERT INTO awards (team, points, awarded_at) VALUES (?, ?, ?)",
                (team, points, stamp),
            )
            self._db.execute("DELETE FROM awards WHERE awarded_at < ?", (cutoff,))

    def leaderboard(self, period: Period, now: datetime, teams: Sequence[str] = ()) -> Leaderboard:
        """Points per team in the period holding ``now``, best first; ``teams`` show even at 0.

        Equal points share a rank; ties are listed by name.
        """
        starts, resets_at = self._calendar.bounds(period, now)
        with self._lock:
            rows = self._db.execute(
                "SELECT team, SUM(points) FROM awards WHERE awarded_at >= ? AND awarded_at < ?"
                " GROUP BY team",
                (_stamp(starts), _stamp(resets_at)),
            ).fetchall()
        totals = {team: 0 for team in teams}
        totals.update({team: int(total) for team, total in rows})
        ordered = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
        ranked: list[LeaderboardRow] = []
        for i, (team, total) in enumerate(ordered):
            same = ranked and ranked[-1].points == total
            ranked.append(LeaderboardRow(ranked[-1].rank if same else i + 1, team, total))
        return Leaderboard(period, starts, resets_at, tuple(ranked))


def _stamp(moment: datetime) -> float:
    if moment.tzinfo is None:
        raise ValueError("time must be timezone-aware")
    return moment.timestamp()
