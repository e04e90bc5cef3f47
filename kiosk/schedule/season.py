"""When a dated pack item (story, attract slide, quiz set, announcement) is shown.

A pack item may carry ``season: {from, until, weekdays, times}``; every key is optional. Dates
are ``YYYY-MM-DD`` (once) or ``MM-DD`` (every year; 12-20..01-05 wraps the year end); weekdays
``mon``..``sun`` or ranges (``mon-fri``); times spans of the day (``07:00-09:00``). An item
without a season is always in season.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from kiosk.schedule.times import (
    WEEKDAYS,
    DayRange,
    TimeSpan,
    parse_day,
    parse_day_range,
    parse_spans,
    parse_weekdays,
)

#: How far a "could it ever be in season" check looks: 28 years, after which the days of
#: the year fall on the same weekdays again (a yearly 03-12 on a Saturday comes in 2033).
_CHECK_DAYS = 28 * 366
_OPEN_FIRST = (1, 1, 1)
_OPEN_LAST = (12, 31, 9999)


@dataclass(frozen=True)
class Season:
    days: DayRange | None = None
    weekdays: frozenset[int] | None = None  # None: every day
    spans: tuple[TimeSpan, ...] = ()  # (): all day

    def contains(self, local: datetime) -> bool:
        """Whether the item is in season at ``local`` (a datetime in the site's time zone)."""
        minutes = local.hour * 60 + local.minute
        today = local.date()
        if not self.spans:
            return self._day_matches(today)
        for span in self.spans:
            if self._day_matches(today) and span.start_minutes <= minutes < span.end_minutes:
                return True
            # a span past midnight belongs to the day before
            overnight = minutes + 24 * 60 < span.end_minutes
            if overnight and self._day_matches(today - timedelta(days=1)):
                return True
        return False

    def _day_matches(self, day: date) -> bool:
        if self.days is not None and not self.days.contains(day):
            return False
        return self.weekdays is None or day.weekday() in self.weekdays

    def never_reason(self, today: date) -> str:
        """Why the item will never be shown from ``today`` on, or "" if it will be."""
        days = self.days
        if days is not None and not days.yearly:
            last = days.last_date()
            assert last is not None
            if last < today:
                return f"its season ended on {last.isoformat()}"
        start = today
        if days is not None and not days.yearly and days.first[2] not in (None, 1):
            start = max(today, DayRange._date(days.first))
        if self.weekdays is None:
            return ""  # every day of the range: not ended, so it comes
        for i in range(_CHECK_DAYS):
            if self._day_matches(start + timedelta(days=i)):
                return ""
        named = ", ".join(WEEKDAYS[d] for d in sorted(self.weekdays or ()))
        return f"none of its days falls on its weekdays ({named or 'none'})"

    def describe(self) -> str:
        """ "03-05..03-12, sat-sun, 08:00-12:00" for messages and the staff screen."""
        parts = []
        if self.days is not None:
            parts.append(f"{_day_text(self.days.first)}..{_day_text(self.days.last)}")
        if self.weekdays is not None:
            parts.append(",".join(WEEKDAYS[d] for d in sorted(self.weekdays)))
        parts.extend(str(s) for s in self.spans)
        return ", ".join(parts) or "always"


def _day_text(part: tuple[int, int, int | None]) -> str:
    month, day, year = part
    if year in (1, 9999):
        return ""
    return f"{year}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"


def season_from_doc(doc: Mapping[str, Any] | None) -> Season | None:
    """The ``season`` mapping of a pack document, or None for an item with none.

    Raises ValueError in plain words (the pack checker adds the file and the key)."""
    if not doc:
        return None
    first, last = doc.get("from"), doc.get("until")
    days: DayRange | None = None
    if first is not None and last is not None:
        days = parse_day_range(str(first), str(last))
    elif first is not None or last is not None:
        given = parse_day(str(first if first is not None else last))
        if given[2] is None:
            raise ValueError("a yearly season (MM-DD) needs both 'from' and 'until'")
        days = DayRange(given, _OPEN_LAST) if first is not None else DayRange(_OPEN_FIRST, given)
    weekdays = doc.get("weekdays")
    times = doc.get("times")
    return Season(
        days=days,
        weekdays=parse_weekdays(list(weekdays)) if weekdays is not None else None,
        spans=tuple(s for t in (times or ()) for s in parse_spans(str(t))),
    )


def in_season(season: Season | None, local: datetime) -> bool:
    return season is None or season.contains(local)
