"""Carbon points per class or team in SQLite, with day / week / term leaderboards.

Only a class or team name and numbers are stored (points, and the right answers of the round
that earned them), never a person. Awards older than ``keep_days`` (``quiz.awards_keep_days``,
two school years by default) are pruned as new ones arrive, so the file stays small. Staff can
reset a class for a new term: its leaderboards count from then on, while the awards stay for
the class points export and the yearly report.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from kiosk.quiz.periods import LeaderboardCalendar, Period
from kiosk.util.sqlite_file import open_versioned

SCHEMA_VERSION = 2
KEEP_DAYS = 800  # two school years: a year's export and report need the whole year
MAX_TEAM_CHARS = 60

_SCHEMA = """
CREATE TABLE IF NOT EXISTS awards (
    id INTEGER PRIMARY KEY,
    team TEXT NOT NULL,
    points INTEGER NOT NULL CHECK (points >= 0),
    awarded_at REAL NOT NULL,
    right_answers INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS awards_at ON awards (awarded_at);
CREATE TABLE IF NOT EXISTS resets (team TEXT PRIMARY KEY, reset_at REAL NOT NULL);
"""
#: Version 1 had no right answers and no resets.
_TO_V2 = """
ALTER TABLE awards ADD COLUMN right_answers INTEGER NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS resets (team TEXT PRIMARY KEY, reset_at REAL NOT NULL);
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

    def __init__(
        self, path: Path, calendar: LeaderboardCalendar, keep_days: int = KEEP_DAYS
    ) -> None:
        self._calendar = calendar
        self.keep_days = keep_days
        self._lock = threading.Lock()
        self._db, version = open_versioned(path, SCHEMA_VERSION, "points")
        if version == 1:
            self._db.executescript(f"BEGIN;{_TO_V2}PRAGMA user_version=2;COMMIT;")
        self._db.executescript(_SCHEMA)
        self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def award(self, team: str, points: int, now: datetime, right_answers: int = 0) -> None:
        """Add ``points`` (>= 0) to ``team`` at aware time ``now`` (one finished round)."""
        team = team.strip()
        if not team or len(team) > MAX_TEAM_CHARS:
            raise ValueError(f"team name must be 1-{MAX_TEAM_CHARS} characters, got {team!r}")
        if points < 0:
            raise ValueError(f"points must not be negative, got {points}")
        stamp = _stamp(now)
        cutoff = _stamp(now - timedelta(days=self.keep_days))
        with self._lock, self._db:
            self._db.execute("BEGIN")
            self._db.execute(
                "INSERT INTO awards (team, points, awarded_at, right_answers) VALUES (?, ?, ?, ?)",
                (team, points, stamp, max(0, right_answers)),
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
                " AND awarded_at > COALESCE("
                "(SELECT reset_at FROM resets WHERE resets.team = awards.team), -1)"
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

    def reset_team(self, team: str, now: datetime) -> None:
        """From ``now`` on, ``team``'s leaderboards start again at 0 (its awards are kept)."""
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO resets (team, reset_at) VALUES (?, ?)"
                " ON CONFLICT (team) DO UPDATE SET reset_at = excluded.reset_at",
                (team.strip(), _stamp(now)),
            )

    def daily_rows(self, first: date, last: date) -> list[DailyRow]:
        """One row per class per local day from ``first`` to ``last`` (inclusive), by date
        then class: rounds, right answers and points (resets do not hide history)."""
        tz = self._calendar.timezone
        start = datetime.combine(first, time.min, tz)
        end = datetime.combine(last + timedelta(days=1), time.min, tz)
        with self._lock:
            awards = self._db.execute(
                "SELECT team, points, right_answers, awarded_at FROM awards"
                " WHERE awarded_at >= ? AND awarded_at < ? ORDER BY awarded_at",
                (_stamp(start), _stamp(end)),
            ).fetchall()
        days: dict[tuple[date, str], list[int]] = {}
        for team, points, right, stamp in awards:
            day = datetime.fromtimestamp(stamp, tz).date()
            sums = days.setdefault((day, team), [0, 0, 0])
            sums[0] += 1
            sums[1] += right
            sums[2] += points
        return [DailyRow(d, t, *v) for (d, t), v in sorted(days.items())]


@dataclass(frozen=True, slots=True)
class DailyRow:
    day: date
    team: str
    rounds: int
    right_answers: int
    points: int


def _stamp(moment: datetime) -> float:
    if moment.tzinfo is None:
        raise ValueError("time must be timezone-aware")
    return moment.timestamp()
