"""Class points in SQLite with day, week and term leaderboards in the site's time zone."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.config.errors import ConfigError
from kiosk.config.loader import parse_config
from kiosk.config.paths import AppPaths
from kiosk.quiz.periods import LeaderboardCalendar, Period
from kiosk.quiz.points_store import KEEP_DAYS, PointsStore

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def calendar() -> LeaderboardCalendar:
    config = parse_config(
        {
            "site": {"kind": "school", "timezone": "Asia/Shanghai"},
            "quiz": {"classes": ["1A", "1B", "2A"], "term_starts": ["09-01", "02-20"]},
        }
    )
    return LeaderboardCalendar.from_config(config)


@pytest.fixture
def store(data_dir: Path, calendar: LeaderboardCalendar):
    s = PointsStore(AppPaths.resolve(data_dir).quiz_db, calendar)
    yield s
    s.close()


def _points(board) -> dict[str, int]:
    return {row.team: row.points for row in board.rows}


def test_points_go_to_classes_and_rank_best_first(store: PointsStore) -> None:
    now = at(2026, 11, 25, 10, 0)
    store.award("1B", 15, now)
    store.award("1A", 10, now)
    store.award("1B", 5, now)
    board = store.leaderboard(Period.DAY, now, teams=("1A", "1B", "2A"))
    assert [(r.rank, r.team, r.points) for r in board.rows] == [
        (1, "1B", 20),
        (2, "1A", 10),
        (3, "2A", 0),
    ]


def test_equal_points_share_a_rank(store: PointsStore) -> None:
    now = at(2026, 11, 25, 10, 0)
    for team in ("2A", "1A"):
        store.award(team, 10, now)
    store.award("1B", 5, now)
    board = store.leaderboard(Period.DAY, now)
    assert [(r.rank, r.team) for r in board.rows] == [(1, "1A"), (1, "2A"), (3, "1B")]


def test_daily_board_resets_at_local_midnight(store: PointsStore) -> None:
    store.award("1A", 10, at(2026, 11, 25, 23, 59))
    board = store.leaderboard(Period.DAY, at(2026, 11, 25, 23, 59, 30))
    assert _points(board) == {"1A": 10}
    assert board.resets_at == at(2026, 11, 26, 0, 0)
    # 00:00 in Shanghai is 16:00 UTC the day before: the reset follows the site clock.
    assert _points(store.leaderboard(Period.DAY, at(2026, 11, 26, 0, 0))) == {}


def test_weekly_board_resets_on_the_configured_weekday(
    data_dir: Path, calendar: LeaderboardCalendar
) -> None:
    sunday = LeaderboardCalendar(calendar.timezone, week_start=6, term_starts=calendar.term_starts)
    monday_store = PointsStore(data_dir / "a.sqlite3", calendar)
    sunday_store = PointsStore(data_dir / "b.sqlite3", sunday)
    saturday = at(2026, 11, 28, 12, 0)  # 2026-11-28 is a Saturday
    for s in (monday_store, sunday_store):
        s.award("1A", 10, saturday)
    next_sunday = at(2026, 11, 29, 9, 0)
    assert _points(monday_store.leaderboard(Period.WEEK, next_sunday)) == {"1A": 10}
    assert _points(sunday_store.leaderboard(Period.WEEK, next_sunday)) == {}
    board = monday_store.leaderboard(Period.WEEK, next_sunday)
    assert board.starts == at(2026, 11, 23) and board.resets_at == at(2026, 11, 30)
    monday_store.close()
    sunday_store.close()


def test_term_board_runs_from_term_start_to_the_next(store: PointsStore) -> None:
    store.award("1A", 30, at(2026, 8, 31, 12, 0))  # summer, previous term
    store.award("1A", 7, at(2026, 9, 1, 8, 0))
    store.award("2A", 9, at(2026, 12, 20, 8, 0))
    board = store.leaderboard(Period.TERM, at(2027, 1, 10, 8, 0))
    assert _points(board) == {"2A": 9, "1A": 7}
    assert board.starts == at(2026, 9, 1) and board.resets_at == at(2027, 2, 20)
    spring = store.leaderboard(Period.TERM, at(2027, 2, 20, 0, 0))
    assert _points(spring) == {} and spring.resets_at == at(2027, 9, 1)


def test_points_survive_reopening_the_database(data_dir: Path, calendar) -> None:
    path = data_dir / "quiz.sqlite3"
    first = PointsStore(path, calendar)
    first.award("1A", 10, at(2026, 11, 25, 10))
    first.close()
    second = PointsStore(path, calendar)
    assert _points(second.leaderboard(Period.WEEK, at(2026, 11, 25, 11))) == {"1A": 10}
    second.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        columns = [row[1] for row in db.execute("PRAGMA table_info(awards)")]
    assert columns == ["id", "team", "points", "awarded_at", "right_answers"]  # no person


def test_old_awards_are_pruned(store: PointsStore, data_dir: Path) -> None:
    now = at(2026, 11, 25, 10)
    store.award("1A", 10, now - timedelta(days=KEEP_DAYS + 1))
    store.award("1A", 10, now)
    with sqlite3.connect(AppPaths.resolve(data_dir).quiz_db) as db:
        assert db.execute("SELECT COUNT(*) FROM awards").fetchone() == (1,)


@pytest.mark.parametrize(("team", "points"), [("", 5), ("   ", 5), ("x" * 61, 5), ("1A", -1)])
def test_bad_awards_are_refused_and_nothing_is_stored(store: PointsStore, team, points) -> None:
    now = at(2026, 11, 25, 10)
    with pytest.raises(ValueError):
        store.award(team, points, now)
    assert store.leaderboard(Period.TERM, now).rows == ()


def test_naive_times_are_refused(store: PointsStore) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        store.award("1A", 5, datetime(2026, 11, 25, 10))


@pytest.mark.parametrize(
    ("quiz", "key"),
    [
        ({"term_starts": ["9/1"]}, "quiz.term_starts[0]"),
        ({"term_starts": ["02-30"]}, "quiz.term_starts[0]"),
        ({"term_starts": []}, "quiz.term_starts"),
    ],
)
def test_bad_term_dates_name_the_key(quiz: dict, key: str) -> None:
    with pytest.raises(ConfigError) as info:
        LeaderboardCalendar.from_config(parse_config({"quiz": quiz}))
    assert info.value.key == key


def test_unknown_timezone_names_the_key() -> None:
    with pytest.raises(ConfigError) as info:
        LeaderboardCalendar.from_config(parse_config({"site": {"timezone": "Mars/Olympus"}}))
    assert info.value.key == "site.timezone"


def test_leap_day_term_start_falls_back_to_28_february() -> None:
    cal = LeaderboardCalendar(SHANGHAI, term_starts=((2, 29), (9, 1)))
    starts, _ = cal.bounds(Period.TERM, at(2027, 3, 1))
    assert starts == at(2027, 2, 28)


def test_cli_leaderboard_prints_classes_by_rank(tmp_path: Path, capsys) -> None:
    from kiosk.cli import main

    config = tmp_path / "kiosk.toml"
    config.write_text(
        'sources = []\n\n[site]\nkind = "school"\n\n[quiz]\nclasses = ["1A", "1B"]\n', "utf-8"
    )
    data = tmp_path / "data"
    calendar = LeaderboardCalendar(SHANGHAI)
    store = PointsStore(AppPaths.resolve(data).quiz_db, calendar)
    store.award("1B", 25, datetime.now(SHANGHAI))
    store.close()
    args = ["quiz", "leaderboard", "--period", "term", "--config", str(config), "--data-dir"]
    assert main([*args, str(data)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("term from ")
    assert lines[1].split() == ["1", "25", "1B"] and lines[2].split() == ["2", "0", "1A"]
