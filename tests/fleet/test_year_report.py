"""The yearly report's figures from real stores: months without readings are None (never 0),
a dry month with readings is a measured 0, the class leaderboard counts the whole year, and
quiz participation comes from the anonymous counts."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from year_data import TZ, YEAR, fill_energy

from kiosk.config.paths import AppPaths
from kiosk.energy.carbon import factor_for
from kiosk.energy.metrics import Metric, Provenance, Reading
from kiosk.energy.store import EnergyStore
from kiosk.fleet.year_report import (
    SiteFacts,
    build_year_report,
    class_leaderboard,
    energy_months,
    energy_simulated,
    quiz_year,
)
from kiosk.quiz.points_store import DailyRow

FACTOR = factor_for("national", 2022)


def test_months_as_fed_none_without_readings_and_zero_when_dry(data_dir: Path) -> None:
    fed = fill_energy(data_dir)
    store = EnergyStore(AppPaths.resolve(data_dir).readings_db, tz=TZ)
    try:
        months = energy_months(store, YEAR, FACTOR)
        assert [m.month for m in months] == list(range(1, 13))
        for m in months:
            if m.month in fed.pv_wh:
                assert m.pv_kwh is not None
                assert abs(m.pv_kwh - fed.pv_wh[m.month] / 1000) < 1e-6
                assert abs(m.co2_kg - fed.pv_wh[m.month] / 1000 * 0.5366) < 1e-6  # type: ignore[operator]
                assert m.water_l == fed.water_l[m.month]
                assert m.pv_days == fed.pv_days[m.month]
            else:
                assert (m.pv_kwh, m.co2_kg, m.water_l, m.pv_days) == (None, None, None, 0)
        assert not energy_simulated(store, ["http"])
        assert energy_simulated(store, ["simulator"])
        # a December night: readings that did not move are a measured zero, not "no data"
        night = [
            Reading(
                Metric.PV_ENERGY_WH,
                sum(fed.pv_wh.values()),
                datetime(YEAR, 12, 1, h, tzinfo=TZ).timestamp(),
                "inv",
                Provenance.SIMULATED,
            )
            for h in (1, 2)
        ]
        store.ingest(night, now=night[-1].timestamp)
        assert energy_months(store, YEAR, FACTOR)[11].pv_kwh == 0.0
        assert energy_simulated(store, ["http"])  # the newest reading was simulated
    finally:
        store.close()


def test_leaderboard_of_the_year_shares_ranks_on_equal_points() -> None:
    day = date(YEAR, 5, 1)
    rows = [
        DailyRow(day, "2A", 1, 4, 40),
        DailyRow(day, "1B", 2, 6, 30),
        DailyRow(date(YEAR, 9, 1), "1B", 1, 2, 10),
        DailyRow(day, "3C", 1, 1, 5),
    ]
    board = class_leaderboard(rows)
    assert [(r.rank, r.team, r.rounds, r.right_answers, r.points) for r in board] == [
        (1, "1B", 3, 8, 40),
        (1, "2A", 1, 4, 40),
        (3, "3C", 1, 1, 5),
    ]


def test_quiz_rounds_by_level_and_topic_from_the_counts() -> None:
    quiz = quiz_year(
        {
            "quiz.started.kids.energy": 4,
            "quiz.finished.kids.energy": 3,
            "quiz.started.kids.water": 2,
            "quiz.started.family.all": 1,
            "quiz.answers": 20,
            "quiz.right": 15,
            "sessions": 9,
            "screen.quiz": 12,
            "stories.opened": 2,
        }
    )
    assert [(r.level, r.topic, r.started, r.finished) for r in quiz.rounds] == [
        ("family", "all", 1, 0),
        ("kids", "energy", 4, 3),
        ("kids", "water", 2, 0),
    ]
    assert (quiz.started, quiz.finished, quiz.right_share) == (7, 3, 0.75)
    assert quiz.by_level() == {"family": (1, 0), "kids": (6, 3)}
    assert (quiz.sessions, quiz.stories) == (9, 2)


def test_a_year_with_nothing_is_empty() -> None:
    site = SiteFacts("A", "甲", "store", "Asia/Shanghai")
    report = build_year_report(YEAR, site, datetime(YEAR, 12, 4, tzinfo=TZ), FACTOR)
    assert report.is_empty and not report.has_energy
    assert (report.pv_total_kwh, report.co2_total_kg, report.water_total_l) == (None, None, None)
    assert not build_year_report(
        YEAR, site, report.generated_at, FACTOR, counts={"sessions": 1}
    ).is_empty
