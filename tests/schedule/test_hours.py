"""Opening hours: open or closed at a moment, and until when, across midnight, holidays and
DST (a zone with DST stands in for the clock jumping)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from kiosk.config.errors import ConfigError
from kiosk.config.loader import parse_config
from kiosk.schedule.hours import HoursException, OpeningHours
from kiosk.schedule.times import parse_day_range, parse_spans, parse_weekdays

SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")


def hours(week: list[str], *exceptions: HoursException, tz: ZoneInfo = SHANGHAI) -> OpeningHours:
    return OpeningHours(tuple(parse_spans(d) for d in week), exceptions, tz)


WEEK = ["08:00-21:00"] * 5 + ["10:00-18:00", "closed"]


def at(text: str, tz: ZoneInfo = SHANGHAI) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=tz)


def real_hours(start: datetime, end: datetime | None) -> float:
    assert end is not None
    return (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() / 3600


def test_open_until_closing_then_closed_until_next_opening() -> None:
    h = hours(WEEK)
    state = h.state_at(at("2026-12-07 12:00"))  # a Monday
    assert state.open and state.until == at("2026-12-07 21:00")
    state = h.state_at(at("2026-12-07 21:00"))
    assert not state.open and state.until == at("2026-12-08 08:00")
    # Saturday evening: Sunday is closed, so off until Monday 08:00
    state = h.state_at(at("2026-12-12 18:30"))
    assert not state.open and state.until == at("2026-12-14 08:00")


def test_a_span_past_midnight_stays_open_into_the_next_day() -> None:
    h = hours(["18:00-02:00"] * 7)
    state = h.state_at(at("2026-12-08 01:30"))
    assert state.open and state.until == at("2026-12-08 02:00")
    assert not h.state_at(at("2026-12-08 02:00")).open
    # two days touching at midnight read as one opening
    h = hours(["00:00-24:00"] * 7)
    assert h.state_at(at("2026-12-08 23:59")).until is None


def test_a_holiday_closes_and_a_later_exception_wins() -> None:
    national_day = HoursException("National Day", parse_day_range("10-01", "10-07"), ())
    open_day = HoursException(
        "Open day", parse_day_range("2026-10-03", "2026-10-03"), parse_spans("10:00-16:00")
    )
    h = hours(WEEK, national_day, open_day)
    state = h.state_at(at("2026-09-30 21:00"))
    assert not state.open and state.until == at("2026-10-03 10:00")
    state = h.state_at(at("2026-10-02 12:00"))
    assert not state.open and state.exception == "National Day"
    assert h.state_at(at("2026-10-03 12:00")).open
    assert h.state_at(at("2027-10-05 12:00")).exception == "National Day"  # every year


def test_a_vacation_that_wraps_the_year_end() -> None:
    winter = HoursException("Winter vacation", parse_day_range("12-24", "01-02"), ())
    h = hours(["08:00-21:00"] * 7, winter)
    assert not h.state_at(at("2026-12-31 12:00")).open
    assert h.state_at(at("2026-12-31 12:00")).until == at("2027-01-03 08:00")
    assert h.state_at(at("2027-01-03 12:00")).open


def test_dst_changes_keep_wall_clock_hours() -> None:
    h = hours(["08:00-21:00"] * 7, tz=BERLIN)
    # the night the clocks go forward (29 March 2026, 02:00 -> 03:00): 10 hours closed, not 11
    state = h.state_at(at("2026-03-28 21:00", BERLIN))
    assert not state.open and state.until == at("2026-03-29 08:00", BERLIN)
    assert real_hours(state.at, state.until) == 10
    # and back (25 October 2026): opens at 08:00 local, after 12 hours
    state = h.state_at(at("2026-10-24 21:00", BERLIN))
    assert real_hours(state.at, state.until) == 12


def test_never_opening_says_closed_with_no_end() -> None:
    h = hours(["closed"] * 7)
    state = h.state_at(at("2026-12-07 12:00"))
    assert not state.open and state.until is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("8-21", "is not a time span"),
        ("08:00-08:00", "is empty"),
        ("25:00-26:00", "hours go from 00:00 to 24:00"),
    ],
)
def test_bad_spans_are_refused_in_words(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_spans(text)


def test_weekday_ranges() -> None:
    assert parse_weekdays(["mon-fri"]) == {0, 1, 2, 3, 4}
    assert parse_weekdays(["sat-mon"]) == {5, 6, 0}
    with pytest.raises(ValueError, match="is not a weekday"):
        parse_weekdays(["monday"])


@pytest.mark.parametrize(
    ("raw", "key", "problem"),
    [
        ({"monday": "8am-9pm"}, "schedule.monday", "is not a time span"),
        ({"exceptions": [{"name": "x"}]}, "schedule.exceptions[0].first_day", "required"),
        (
            {"exceptions": [{"first_day": "10-01", "last_day": "2026-10-07"}]},
            "schedule.exceptions[0].last_day",
            "both with a year",
        ),
        (
            {"exceptions": [{"first_day": "02-30"}]},
            "schedule.exceptions[0].first_day",
            "not a day of the calendar",
        ),
        ({"backend": "command"}, "schedule.off_command", "required when"),
        ({"closed_screen": "black"}, "schedule.closed_screen", "must be one of"),
    ],
)
def test_schedule_config_errors_name_the_key(raw: dict, key: str, problem: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config({"schedule": raw}, "kiosk.toml")
    assert f"kiosk.toml: {key}: " in str(info.value)
    assert problem in str(info.value)
