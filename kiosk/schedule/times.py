"""Small parsers shared by opening hours and seasons; each raises ValueError in plain words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo


def local_time(timestamp: float, tz: tzinfo) -> datetime:
    """A clock's reading (Unix seconds) as the aware local time of the site."""
    return datetime.fromtimestamp(timestamp, UTC).astimezone(tz)


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SPAN = re.compile(r"(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})")
_DAY = re.compile(r"(?:(\d{4})-)?(\d{2})-(\d{2})")


@dataclass(frozen=True)
class TimeSpan:
    """A span of the day; ``end <= start`` runs past midnight ("18:00-02:00"), and "24:00" is
    the end of the day."""

    start: time
    end_minutes: int  # minutes after the start day's midnight, up to 48 h

    @property
    def start_minutes(self) -> int:
        return self.start.hour * 60 + self.start.minute

    def __str__(self) -> str:
        end = self.end_minutes % (24 * 60) if self.end_minutes != 24 * 60 else 24 * 60
        return f"{self.start:%H:%M}-{end // 60:02d}:{end % 60:02d}"


def parse_spans(text: str) -> tuple[TimeSpan, ...]:
    """ "08:00-12:00, 14:00-21:00" -> spans; "closed" or "" -> none."""
    text = text.strip().lower()
    if text in ("", "closed"):
        return ()
    spans = []
    for part in text.split(","):
        match = _SPAN.fullmatch(part.strip())
        if match is None:
            raise ValueError(
                f"{part.strip()[:30]!r} is not a time span: write it as 08:00-21:00 "
                "(or 'closed'; several spans separated by commas)"
            )
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 23 or m1 > 59 or h2 > 24 or m2 > 59 or (h2 == 24 and m2):
            raise ValueError(f"{part.strip()!r}: hours go from 00:00 to 24:00")
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if end == start:
            raise ValueError(f"{part.strip()!r} is empty: the span starts and ends at once")
        if end < start:
            end += 24 * 60  # past midnight
        spans.append(TimeSpan(time(h1, m1), end))
    return tuple(sorted(spans, key=lambda s: s.start_minutes))


def parse_weekdays(items: tuple[str, ...] | list[str]) -> frozenset[int]:
    """["mon-fri", "sun"] -> {0, 1, 2, 3, 4, 6} (Monday is 0)."""
    days: set[int] = set()
    for item in items:
        first, _, last = str(item).strip().lower().partition("-")
        try:
            a = WEEKDAYS.index(first)
            b = WEEKDAYS.index(last) if last else a
        except ValueError:
            raise ValueError(
                f"{str(item)[:20]!r} is not a weekday: use {', '.join(WEEKDAYS)} or a range "
                "such as mon-fri"
            ) from None
        days.update(range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)])
    return frozenset(days)


@dataclass(frozen=True)
class DayRange:
    """Inclusive days. With ``year`` None both ends are MM-DD and recur every year (a range
    such as 12-20..01-05 wraps the year end)."""

    first: tuple[int, int, int | None]  # (month, day, year or None)
    last: tuple[int, int, int | None]

    @property
    def yearly(self) -> bool:
        return self.first[2] is None

    def contains(self, day: date) -> bool:
        if not self.yearly:
            return self._date(self.first) <= day <= self._date(self.last)
        key = (day.month, day.day)
        a, b = self.first[:2], self.last[:2]
        return a <= key <= b if a <= b else key >= a or key <= b

    def days_from(self, start: date, limit_days: int) -> list[date]:
        """Days of the range from ``start`` on, at most ``limit_days`` ahead."""
        return [d for i in range(limit_days) if self.contains(d := start + timedelta(days=i))]

    def last_date(self) -> date | None:
        """The last day of a range with years (None for a yearly one)."""
        return None if self.yearly else self._date(self.last)

    @staticmethod
    def _date(part: tuple[int, int, int | None]) -> date:
        month, day, year = part
        return date(year or 2000, month, day)


def parse_day(text: str) -> tuple[int, int, int | None]:
    """ "2026-10-01" or "10-01" (every year) -> (month, day, year or None)."""
    match = _DAY.fullmatch(str(text).strip())
    if match is None:
        raise ValueError(
            f"{str(text)[:20]!r} is not a date: write YYYY-MM-DD, or MM-DD for every year"
        )
    year = int(match[1]) if match[1] else None
    month, day = int(match[2]), int(match[3])
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: 02-29 recurs
    except ValueError:
        raise ValueError(f"{str(text)!r} is not a day of the calendar") from None
    return month, day, year


def parse_day_range(first: str, last: str) -> DayRange:
    a, b = parse_day(first), parse_day(last)
    if (a[2] is None) != (b[2] is None):
        raise ValueError(
            f"{first!r} and {last!r}: give both with a year (YYYY-MM-DD) or both without (MM-DD)"
        )
    if a[2] is not None and DayRange._date(b) < DayRange._date(a):
        raise ValueError(f"{last!r} is before {first!r}")
    return DayRange(a, b)
