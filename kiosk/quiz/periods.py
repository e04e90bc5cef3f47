"""Leaderboard periods in the site's time zone: day, week (from a chosen weekday) and school term.

A leaderboard "resets" when its period ends: points are summed from the period's start, so no
job has to run at midnight and a kiosk that was off still shows the right board.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.config.errors import ConfigError
from kiosk.config.model import Config

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    TERM = "term"


@dataclass(frozen=True, slots=True)
class LeaderboardCalendar:
    """Where each period starts and ends. ``term_starts`` are (month, day) pairs."""

    timezone: ZoneInfo
    week_start: int = 0  # 0 = Monday
    term_starts: tuple[tuple[int, int], ...] = ((9, 1), (2, 20))

    @classmethod
    def from_config(cls, config: Config) -> LeaderboardCalendar:
        try:
            tz = ZoneInfo(config.site.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(
                "", "site.timezone", f"unknown time zone {config.site.timezone!r}"
            ) from None
        starts = tuple(
            parse_month_day(text, f"quiz.term_starts[{i}]")
            for i, text in enumerate(config.quiz.term_starts)
        )
        if not starts:
            raise ConfigError("", "quiz.term_starts", "needs at least one date")
        return cls(tz, WEEKDAYS.index(config.quiz.leaderboard_week_start), starts)

    def bounds(self, period: Period, now: datetime) -> tuple[datetime, datetime]:
        """Start (inclusive) and end (exclusive) of the period holding aware ``now``."""
        today = now.astimezone(self.timezone).date()
        if period is Period.DAY:
            first, after = today, today + timedelta(days=1)
        elif period is Period.WEEK:
            first = today - timedelta(days=(today.weekday() - self.week_start) % 7)
            after = first + timedelta(days=7)
        else:
            first, after = self._term(today)
        return self._midnight(first), self._midnight(after)

    def _term(self, today: date) -> tuple[date, date]:
        starts = sorted(
            _clamped(year, month, day)
            for year in (today.year - 1, today.year, today.year + 1)
            for month, day in self.term_starts
        )
        first = max(d for d in starts if d <= today)
        after = min(d for d in starts if d > today)
        return first, after

    def _midnight(self, day: date) -> datetime:
        return datetime.combine(day, time(0), tzinfo=self.timezone)


def parse_month_day(text: str, key: str) -> tuple[int, int]:
    """``"09-01"`` -> (9, 1); ConfigError naming ``key`` otherwise."""
    parts = text.split("-")
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        month, day = int(parts[0]), int(parts[1])
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]:
            return month, day
    raise ConfigError("", key, f"must be a month-day date like '09-01', got {text!r}")


def _clamped(year: int, month: int, day: int) -> date:
    """29 February becomes the 28th in other years."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))
