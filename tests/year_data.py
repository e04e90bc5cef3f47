"""A kiosk's year in its real databases, for the yearly report's tests: hourly solar and
rain water counters (every month but March), staff entries, class points and visitor counts.
The expected monthly totals are worked out here from what was fed, not read back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.config import Config
from kiosk.config.paths import AppPaths
from kiosk.energy.manual import add_entry
from kiosk.energy.metrics import Metric, Provenance, Reading
from kiosk.energy.store import EnergyStore
from kiosk.fleet.counts import CountStore, hour_of
from kiosk.quiz.periods import LeaderboardCalendar
from kiosk.quiz.points_store import PointsStore

TZ = ZoneInfo("Asia/Shanghai")
YEAR = 2026
SKIPPED_MONTH = 3  # no readings at all: the report must say "no data", not 0
LAST_DAY = date(YEAR, 11, 30)
CLASSES = {"一年级(1)班": (3, 40), "2A": (2, 35), "三年级(2)班": (1, 20)}  # rounds, points each


@dataclass
class YearData:
    pv_wh: dict[int, float] = field(default_factory=dict)  # month -> Wh fed
    water_l: dict[int, float] = field(default_factory=dict)
    pv_days: dict[int, int] = field(default_factory=dict)


def _pv_delta_wh(day: date, hour: int) -> float:
    if not 7 <= hour <= 17:
        return 0.0
    return float(100 * (day.timetuple().tm_yday % 7 + 1) + 10 * hour)


def fill_energy(
    data_dir: Path, provenance: Provenance = Provenance.LIVE, year: int = YEAR
) -> YearData:
    """Hourly counter readings at hh:30 local time from 1 January to 30 November."""
    data = YearData()
    readings: list[Reading] = []
    pv_total = water_total = 0.0
    day = date(year, 1, 1)
    first = True
    while day <= LAST_DAY.replace(year=year):
        if day.month != SKIPPED_MONTH:
            for hour in range(24):
                ts = datetime(day.year, day.month, day.day, hour, 30, tzinfo=TZ).timestamp()
                if not first:
                    pv = _pv_delta_wh(day, hour)
                    water = 50.0 if hour == 12 and day.day % 3 == 0 else 0.0
                    pv_total += pv
                    water_total += water
                    data.pv_wh[day.month] = data.pv_wh.get(day.month, 0.0) + pv
                    data.water_l[day.month] = data.water_l.get(day.month, 0.0) + water
                first = False
                readings.append(Reading(Metric.PV_ENERGY_WH, pv_total, ts, "inv", provenance))
                readings.append(
                    Reading(Metric.WATER_HARVESTED_L, water_total, ts, "tank", provenance)
                )
            data.pv_days[day.month] = data.pv_days.get(day.month, 0) + 1
        day += timedelta(days=1)
    store = EnergyStore(AppPaths.resolve(data_dir).readings_db, tz=TZ)
    try:
        store.ingest(readings, now=readings[-1].timestamp)
        entered = datetime(year, 11, 30, 12, tzinfo=TZ).timestamp()
        add_entry(store, "trees_planted", 12, date(year, 4, 22), now=entered)
        add_entry(store, "compost_kg", 35.5, date(year, 6, 5), now=entered)
        add_entry(store, "compost_kg", 20, date(year, 10, 9), now=entered)
    finally:
        store.close()
    return data


def fill_points(data_dir: Path, year: int = YEAR) -> None:
    """The classes' rounds of the year, and one round of the year before (not counted)."""
    config = Config()
    store = PointsStore(AppPaths.resolve(data_dir).quiz_db, LeaderboardCalendar.from_config(config))
    try:
        for team, (rounds, points) in CLASSES.items():
            for i in range(rounds):
                store.award(team, points, datetime(year, 5, 10 + i, 10, tzinfo=TZ), right_answers=4)
        store.award("2A", 500, datetime(year - 1, 12, 31, 10, tzinfo=TZ), right_answers=5)
    finally:
        store.close()


def fill_counts(data_dir: Path, year: int = YEAR) -> None:
    at = hour_of(datetime(year, 5, 10, 10, tzinfo=TZ).timestamp())
    store = CountStore(AppPaths.resolve(data_dir).counts_db)
    try:
        store.add(
            {
                at: {
                    "sessions": 30,
                    "stories.opened": 7,
                    "quiz.started.kids.solar": 9,
                    "quiz.finished.kids.solar": 8,
                    "quiz.started.student.all": 5,
                    "quiz.finished.student.all": 3,
                    "quiz.answers": 55,
                    "quiz.right": 44,
                }
            },
            now=at * 3600.0 + 60,
        )
    finally:
        store.close()


def fill_year(data_dir: Path, provenance: Provenance = Provenance.LIVE) -> YearData:
    data = fill_energy(data_dir, provenance)
    fill_points(data_dir)
    fill_counts(data_dir)
    return data
