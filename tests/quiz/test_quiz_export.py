"""Class points export: one row per class per local day (date, class, rounds, right answers,
points), UTF-8 with BOM; awards kept as long as configured (a whole school year, not 400 days);
a class reset for a new term restarts its leaderboards but keeps its history; a version-1
points file is migrated."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from test_quiz_points import _points, at, calendar, store  # noqa: F401  # fixtures too

from kiosk.cli import main
from kiosk.config.loader import parse_config
from kiosk.config.paths import AppPaths
from kiosk.quiz.periods import LeaderboardCalendar, Period
from kiosk.quiz.points_store import PointsStore


def test_one_row_per_class_per_local_day(store: PointsStore) -> None:  # noqa: F811
    store.award("一年级(1)班", 25, at(2026, 9, 1, 9), right_answers=2)
    store.award("一年级(1)班", 55, at(2026, 9, 1, 15), right_answers=5)
    store.award("2A", 10, at(2026, 9, 1, 23, 30), right_answers=1)  # still 1 Sept in Shanghai
    store.award("2A", 10, at(2026, 9, 2, 0, 30), right_answers=1)
    rows = store.daily_rows(date(2026, 9, 1), date(2026, 9, 2))
    assert [(r.day.isoformat(), r.team, r.rounds, r.right_answers, r.points) for r in rows] == [
        ("2026-09-01", "2A", 1, 1, 10),
        ("2026-09-01", "一年级(1)班", 2, 7, 80),
        ("2026-09-02", "2A", 1, 1, 10),
    ]


def test_cli_export_is_utf8_with_bom_and_chinese_names_intact(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('sources = []\n[site]\ntimezone = "Asia/Shanghai"\n', "utf-8")
    shanghai = LeaderboardCalendar.from_config(parse_config({"sources": []}))
    points = PointsStore(AppPaths.resolve(data_dir).quiz_db, shanghai)
    points.award("一年级(1)班", 25, at(2026, 9, 1, 9), right_answers=2)
    points.award("2A", 5, at(2026, 10, 1, 9), right_answers=0)
    points.close()
    out = tmp_path / "points.csv"
    code = main(["quiz", "export", "--from", "2026-09-01", "--to", "2026-09-30", "--out", str(out),
                 "--config", str(config), "--data-dir", str(data_dir)])  # fmt: skip
    assert code == 0
    assert "1 rows" in capsys.readouterr().out
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows == [["date", "class", "rounds", "right_answers", "points"],
                    ["2026-09-01", "一年级(1)班", "1", "2", "25"]]  # fmt: skip
    bad = main(["quiz", "export", "--from", "2026-09-30", "--to", "2026-09-01", "--out", str(out),
                "--data-dir", str(data_dir)])  # fmt: skip
    assert bad == 2
    assert "--from must not be after --to" in capsys.readouterr().err


def test_awards_are_kept_for_the_configured_days(
    data_dir: Path,
    calendar: LeaderboardCalendar,  # noqa: F811
) -> None:
    points = PointsStore(data_dir / "q.sqlite3", calendar, keep_days=730)
    now = at(2026, 11, 25, 10)
    points.award("1A", 10, now - timedelta(days=500))  # older than the old 400-day limit
    points.award("1A", 10, now - timedelta(days=731))
    points.award("1A", 10, now)
    rows = points.daily_rows(date(2024, 1, 1), date(2026, 12, 31))
    assert [r.day for r in rows] == [(now - timedelta(days=500)).date(), now.date()]
    points.close()


def test_reset_restarts_the_leaderboards_but_keeps_the_history(
    store: PointsStore,  # noqa: F811
) -> None:
    store.award("1A", 30, at(2027, 2, 16, 10))
    store.award("2A", 20, at(2027, 2, 16, 10))
    store.reset_team("1A", at(2027, 2, 17, 8))
    store.award("1A", 5, at(2027, 2, 17, 9))
    assert _points(store.leaderboard(Period.WEEK, at(2027, 2, 17, 10))) == {"2A": 20, "1A": 5}
    assert sum(r.points for r in store.daily_rows(date(2027, 2, 1), date(2027, 2, 28))) == 55


def test_a_version_1_points_file_is_migrated(
    tmp_path: Path,
    calendar: LeaderboardCalendar,  # noqa: F811
) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE awards (id INTEGER PRIMARY KEY, team TEXT NOT NULL,"
            " points INTEGER NOT NULL CHECK (points >= 0), awarded_at REAL NOT NULL);"
            "PRAGMA user_version=1;"
        )
        db.execute("INSERT INTO awards (team, points, awarded_at) VALUES ('1A', 15, ?)",
                   (at(2026, 9, 1, 9).timestamp(),))  # fmt: skip
    points = PointsStore(path, calendar)
    rows = points.daily_rows(date(2026, 9, 1), date(2026, 9, 1))
    assert [(r.team, r.rounds, r.right_answers, r.points) for r in rows] == [("1A", 1, 0, 15)]
    points.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (2,)
