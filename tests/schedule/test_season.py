"""Seasons of dated pack items: in season at a moment, and whether ever."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from kiosk.schedule.season import season_from_doc

TZ = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def test_yearly_dates_recur_and_wrap_the_year_end() -> None:
    arbor = season_from_doc({"from": "03-05", "until": "03-12"})
    assert arbor is not None
    assert arbor.contains(at("2027-03-12 23:59"))
    assert not arbor.contains(at("2027-03-13 00:00"))
    winter = season_from_doc({"from": "12-20", "until": "01-05"})
    assert winter is not None and winter.contains(at("2027-01-02 10:00"))
    assert not winter.contains(at("2027-01-06 10:00"))


def test_once_dates_weekdays_and_times_of_day() -> None:
    season = season_from_doc(
        {
            "from": "2026-06-01",
            "until": "2026-06-30",
            "weekdays": ["mon-fri"],
            "times": ["07:00-09:00"],
        }
    )
    assert season is not None
    assert season.contains(at("2026-06-01 08:30"))  # a Monday morning
    assert not season.contains(at("2026-06-01 09:00"))
    assert not season.contains(at("2026-06-06 08:30"))  # Saturday
    assert not season.contains(at("2027-06-01 08:30"))  # once only
    evening = season_from_doc({"times": ["20:00-01:00"]})
    assert evening is not None and evening.contains(at("2026-06-02 00:30"))


def test_one_sided_ranges_and_yaml_dates() -> None:
    season = season_from_doc({"from": date(2026, 6, 1)})  # YAML reads 2026-06-01 as a date
    assert season is not None and season.contains(at("2030-01-01 12:00"))
    assert not season.contains(at("2026-05-31 12:00"))
    with pytest.raises(ValueError, match="needs both"):
        season_from_doc({"until": "06-30"})


def test_never_in_season_has_a_reason() -> None:
    today = date(2026, 12, 4)
    ended = season_from_doc({"from": "2025-06-01", "until": "2025-06-30"})
    assert ended is not None and ended.never_reason(today) == "its season ended on 2025-06-30"
    # 12 March 2027 is a Friday: a weekend-only day that never comes
    no_weekday = season_from_doc(
        {"from": "2027-03-12", "until": "2027-03-12", "weekdays": ["sat-sun"]}
    )
    assert no_weekday is not None
    assert "none of its days falls on its weekdays (sat, sun)" in no_weekday.never_reason(today)
    yearly = season_from_doc({"from": "03-12", "until": "03-12", "weekdays": ["sat"]})
    assert yearly is not None and yearly.never_reason(today) == ""  # some year it is a Saturday
    assert season_from_doc(None) is None
