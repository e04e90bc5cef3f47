"""The yearly report's figures, gathered from the kiosk's own stores (Qt-free).

One :class:`YearReport` holds what a school or store hands in for its year: solar energy per
month (from the readings database's day rollups), the CO2 it avoided with the grid factor, its
year and source, rain water harvested, the staff's manual figures, quiz participation (from the
anonymous hourly counts) and the class leaderboard of the year (from the points database).
A month with no readings is None, never 0. ``kiosk report year`` and the staff screen's button
both build it here; :mod:`kiosk.ui.report.year_pdf` draws it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.energy.carbon import EmissionFactor, co2_kg
from kiosk.energy.manual import MANUAL_METRICS
from kiosk.energy.metrics import Metric, Provenance
from kiosk.energy.store import EnergyStore
from kiosk.fleet.counts import HOUR_S
from kiosk.quiz.points_store import DailyRow

#: Source types whose readings are not measured (their provenance is "simulated").
SIMULATED_SOURCE_TYPES = frozenset({"simulator", "csv"})
#: Series whose newest provenance says whether the year's energy figures were simulated.
_ENERGY_SERIES = (Metric.PV_ENERGY_WH, Metric.PV_POWER_W, Metric.WATER_HARVESTED_L)


@dataclass(frozen=True)
class SiteFacts:
    name_en: str
    name_zh: str
    kind: str  # "school" or "store"
    timezone: str
    logo_path: Path | None = None  # the active pack's logo; None: the kiosk's leaf
    pack_title_en: str = ""
    pack_title_zh: str = ""
    #: (theme, title in Chinese, in English) of the active pack's quiz topics
    topic_titles: tuple[tuple[str, str, str], ...] = ()

    def topic_title(self, theme: str) -> tuple[str, str] | None:
        """(zh, en) of a quiz topic, None if the pack has no such topic (any more)."""
        for value, zh, en in self.topic_titles:
            if value == theme:
                return zh, en
        return None


@dataclass(frozen=True)
class MonthFigures:
    month: int  # 1-12
    pv_kwh: float | None  # None: no readings that month
    co2_kg: float | None
    water_l: float | None
    pv_days: int  # local days with solar readings


@dataclass(frozen=True)
class ManualYear:
    id: str
    name_en: str
    name_zh: str
    unit_en: str
    unit_zh: str
    total: float
    entries: int
    last_day: date


@dataclass(frozen=True)
class QuizRounds:
    level: str
    topic: str  # a quiz set id, or "all"
    started: int
    finished: int


@dataclass(frozen=True)
class QuizYear:
    rounds: tuple[QuizRounds, ...]  # by level, then topic
    answers: int
    right: int
    sessions: int  # visitor sessions (a touch after the attract loop)
    stories: int  # stories opened

    @property
    def started(self) -> int:
        return sum(r.started for r in self.rounds)

    @property
    def finished(self) -> int:
        return sum(r.finished for r in self.rounds)

    @property
    def right_share(self) -> float | None:
        return self.right / self.answers if self.answers else None

    def by_level(self) -> dict[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}
        for r in self.rounds:
            started, finished = out.get(r.level, (0, 0))
            out[r.level] = (started + r.started, finished + r.finished)
        return out


@dataclass(frozen=True)
class ClassRow:
    rank: int
    team: str
    rounds: int
    right_answers: int
    points: int


@dataclass(frozen=True)
class YearReport:
    year: int
    site: SiteFacts
    generated_at: datetime  # aware, the site's time
    months: tuple[MonthFigures, ...]  # always 12
    factor: EmissionFactor
    simulated: bool  # the energy figures came from the simulator or a replay
    manual: tuple[ManualYear, ...]
    quiz: QuizYear
    classes: tuple[ClassRow, ...]  # the year's class leaderboard, best first

    @staticmethod
    def _sum(values: Iterable[float | None]) -> float | None:
        known = [v for v in values if v is not None]
        return sum(known) if known else None

    @property
    def pv_total_kwh(self) -> float | None:
        return self._sum(m.pv_kwh for m in self.months)

    @property
    def co2_total_kg(self) -> float | None:
        return self._sum(m.co2_kg for m in self.months)

    @property
    def water_total_l(self) -> float | None:
        return self._sum(m.water_l for m in self.months)

    @property
    def has_energy(self) -> bool:
        return any(m.pv_kwh is not None or m.water_l is not None for m in self.months)

    @property
    def is_empty(self) -> bool:
        quiz = self.quiz
        return not (
            self.has_energy
            or self.manual
            or self.classes
            or quiz.rounds
            or quiz.sessions
            or quiz.stories
        )


def year_bounds(year: int, tz: ZoneInfo) -> tuple[float, float]:
    """The local year as Unix seconds: [1 January 00:00, next 1 January 00:00)."""
    start = datetime(year, 1, 1, tzinfo=tz).timestamp()
    return start, datetime(year + 1, 1, 1, tzinfo=tz).timestamp()


def year_hours(year: int, tz: ZoneInfo) -> tuple[int, int]:
    """The hour buckets of the visitor counts for the local year: (first, one past the last)."""
    start, end = year_bounds(year, tz)
    return int(start // HOUR_S), int(end // HOUR_S)


def energy_months(
    store: EnergyStore, year: int, factor: EmissionFactor
) -> tuple[MonthFigures, ...]:
    """Solar energy, CO2 avoided and water harvested per month, from the day rollups."""
    tz = store.days.tz
    start, end = year_bounds(year, tz)

    def by_month(metric: Metric) -> tuple[dict[int, float], dict[int, int]]:
        days, values = store.totals(metric, start, end, "day")
        sums: dict[int, float] = {}
        counts: dict[int, int] = {}
        for day, value in zip(days.tolist(), values.tolist(), strict=True):
            month = datetime.fromtimestamp(day, tz).month
            sums[month] = sums.get(month, 0.0) + value
            counts[month] = counts.get(month, 0) + 1
        return sums, counts

    pv_wh, pv_days = by_month(Metric.PV_ENERGY_WH)
    water_l, _ = by_month(Metric.WATER_HARVESTED_L)
    months = []
    for month in range(1, 13):
        wh = pv_wh.get(month)
        months.append(
            MonthFigures(
                month,
                None if wh is None else wh / 1000.0,
                None if wh is None else co2_kg(wh, factor),
                water_l.get(month),
                pv_days.get(month, 0),
            )
        )
    return tuple(months)


def manual_year(store: EnergyStore, year: int) -> tuple[ManualYear, ...]:
    """Each manual figure's total over the year's entries (by the day they happened)."""

    def query(conn: sqlite3.Connection) -> list[tuple[str, float, int, str]]:
        return conn.execute(
            "SELECT metric, sum(amount), count(*), max(day) FROM manual_entries"
            " WHERE day >= ? AND day <= ? GROUP BY metric ORDER BY metric",
            (f"{year:04d}-01-01", f"{year:04d}-12-31"),
        ).fetchall()

    out = []
    for metric_id, total, entries, last in store.run_read(query):
        m = MANUAL_METRICS.get(metric_id)
        if m is not None:
            out.append(
                ManualYear(
                    m.id,
                    m.name_en,
                    m.name_zh,
                    m.unit_en,
                    m.unit_zh,
                    float(total),
                    int(entries),
                    date.fromisoformat(last),
                )
            )
    return tuple(out)


def energy_simulated(store: EnergyStore, source_types: Iterable[str] = ()) -> bool:
    """Whether the energy figures are not measured: a simulator or replay is configured, or
    the solar or water series' newest reading was simulated."""
    if any(t in SIMULATED_SOURCE_TYPES for t in source_types):
        return True
    names = [m.value for m in _ENERGY_SERIES]

    def query(conn: sqlite3.Connection) -> list[tuple[str | None]]:
        marks = ",".join("?" * len(names))
        return conn.execute(
            f"SELECT provenance FROM series WHERE metric IN ({marks})", names
        ).fetchall()

    return any(p == Provenance.SIMULATED.value for (p,) in store.run_read(query))


@dataclass(frozen=True)
class ReadingsYear:
    """What the readings database says about the year."""

    months: tuple[MonthFigures, ...]
    manual: tuple[ManualYear, ...]
    simulated: bool


def readings_year(
    store: EnergyStore, year: int, factor: EmissionFactor, source_types: Iterable[str] = ()
) -> ReadingsYear:
    return ReadingsYear(
        energy_months(store, year, factor),
        manual_year(store, year),
        energy_simulated(store, source_types),
    )


def report_file_name(kiosk: str, year: int) -> str:
    """The PDF's name on a USB stick: yearly-report-riverside-school-2026.pdf."""
    return f"yearly-report-{kiosk}-{year}.pdf"


def quiz_year(totals: Mapping[str, int]) -> QuizYear:
    """Quiz participation from the year's visitor counts (``quiz.started.<level>.<topic>``)."""
    rounds: dict[tuple[str, str], list[int]] = {}
    for name, value in totals.items():
        parts = name.split(".")
        if len(parts) == 4 and parts[0] == "quiz" and parts[1] in ("started", "finished"):
            pair = rounds.setdefault((parts[2], parts[3]), [0, 0])
            pair[0 if parts[1] == "started" else 1] += value
    return QuizYear(
        tuple(QuizRounds(level, topic, s, f) for (level, topic), (s, f) in sorted(rounds.items())),
        totals.get("quiz.answers", 0),
        totals.get("quiz.right", 0),
        totals.get("sessions", 0),
        totals.get("stories.opened", 0),
    )


def class_leaderboard(rows: Iterable[DailyRow]) -> tuple[ClassRow, ...]:
    """The year's points per class, best first; equal points share a rank, ties by name.

    Every award of the year counts: a reset for a new term does not hide it."""
    sums: dict[str, list[int]] = {}
    for r in rows:
        s = sums.setdefault(r.team, [0, 0, 0])
        s[0] += r.rounds
        s[1] += r.right_answers
        s[2] += r.points
    ordered = sorted(sums.items(), key=lambda item: (-item[1][2], item[0]))
    out: list[ClassRow] = []
    for i, (team, (rounds, right, points)) in enumerate(ordered):
        rank = out[-1].rank if out and out[-1].points == points else i + 1
        out.append(ClassRow(rank, team, rounds, right, points))
    return tuple(out)


def build_year_report(
    year: int,
    site: SiteFacts,
    generated_at: datetime,
    factor: EmissionFactor,
    *,
    readings: ReadingsYear | None = None,
    counts: Mapping[str, int] | None = None,
    points: Iterable[DailyRow] = (),
) -> YearReport:
    """The report from what each store gave (``readings`` None: no readings database)."""
    if readings is None:
        months = tuple(MonthFigures(m, None, None, None, 0) for m in range(1, 13))
        readings = ReadingsYear(months, (), False)
    return YearReport(
        year,
        site,
        generated_at,
        readings.months,
        factor,
        readings.simulated,
        readings.manual,
        quiz_year(counts or {}),
        class_leaderboard(points),
    )


def check_year(year: int, today: date) -> None:
    """A year the kiosk can have data for: not in the future, not before 2000."""
    if year < 2000 or year > today.year:
        raise ValueError(f"the year must be between 2000 and {today.year}, got {year}")
