"""Opening hours: spans per weekday, exceptions by date (holidays, terms, vacations).

:meth:`OpeningHours.state_at` answers "open now, and until when" for any aware datetime; it
holds no state, so a clock that steps (NTP) or a DST change is just a different question.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from kiosk.schedule.times import DayRange, TimeSpan

#: How far ahead the next opening is looked for (a kiosk closed for longer says "closed").
LOOK_AHEAD_DAYS = 400


@dataclass(frozen=True)
class HoursException:
    """Days with other hours than the week's: ``spans`` empty means closed all day."""

    name: str
    days: DayRange
    spans: tuple[TimeSpan, ...]


@dataclass(frozen=True)
class OpenState:
    """Open or closed at ``at``, and until when (None: no change within the look-ahead)."""

    open: bool
    at: datetime
    until: datetime | None
    #: The exception that sets today's hours ("National Day"), "" on a normal day.
    exception: str = ""


@dataclass(frozen=True)
class OpeningHours:
    """``week`` has seven entries, Monday first. Of several exceptions for one day, the last
    listed wins (a vacation, then an open day inside it)."""

    week: tuple[tuple[TimeSpan, ...], ...]
    exceptions: tuple[HoursException, ...]
    tz: tzinfo

    @classmethod
    def always_open(cls, tz: tzinfo = UTC) -> OpeningHours:
        return cls(((TimeSpan(time(0), 24 * 60),),) * 7, (), tz)

    def exception_for(self, day: date) -> HoursException | None:
        found = None
        for exception in self.exceptions:
            if exception.days.contains(day):
                found = exception
        return found

    def spans_for(self, day: date) -> tuple[TimeSpan, ...]:
        exception = self.exception_for(day)
        return exception.spans if exception is not None else self.week[day.weekday()]

    def state_at(self, now: datetime) -> OpenState:
        """Open or closed at the aware datetime ``now``, and until when."""
        now_utc = now.astimezone(UTC)
        local = now.astimezone(self.tz)
        exception = self.exception_for(local.date())
        name = exception.name if exception is not None else ""
        for start, end in self._merged(local.date() - timedelta(days=1)):
            if end <= now_utc:
                continue
            if start <= now_utc:
                return OpenState(True, now, self._until(end), name)
            return OpenState(False, now, self._until(start), name)
        return OpenState(False, now, None, name)

    def _until(self, moment: datetime | None) -> datetime | None:
        return None if moment is None or moment.year >= 9999 else moment.astimezone(self.tz)

    def _merged(self, first_day: date) -> Iterator[tuple[datetime, datetime]]:
        """Open intervals in UTC from ``first_day`` on, touching ones joined."""
        current: tuple[datetime, datetime] | None = None
        for start, end in self._intervals(first_day):
            if current is not None and start <= current[1]:
                current = (current[0], max(current[1], end))
                continue
            if current is not None:
                yield current
            current = (start, end)
        if current is not None:
            # open to the end of the look-ahead: "until" unknown
            yield current if current[1] < self._horizon(first_day) else (current[0], _NEVER)

    def _horizon(self, first_day: date) -> datetime:
        return self._at(first_day + timedelta(days=LOOK_AHEAD_DAYS), 0)

    def _intervals(self, first_day: date) -> Iterator[tuple[datetime, datetime]]:
        for i in range(LOOK_AHEAD_DAYS):
            day = first_day + timedelta(days=i)
            for span in self.spans_for(day):
                yield self._at(day, span.start_minutes), self._at(day, span.end_minutes)

    def _at(self, day: date, minutes: int) -> datetime:
        """The wall time ``minutes`` after ``day``'s midnight, as a UTC instant. A wall time
        a DST change skips maps past the gap; a repeated one to its first occurrence."""
        wall = datetime.combine(day, time(0)) + timedelta(minutes=minutes)
        return wall.replace(tzinfo=self.tz).astimezone(UTC)


_NEVER = datetime(9999, 1, 1, tzinfo=UTC)


def format_week(hours: OpeningHours) -> list[tuple[int, str]]:
    """(weekday, "08:00-21:00" or "closed") for the staff screen, Monday first."""
    return [
        (day, ", ".join(str(s) for s in spans) if spans else "closed")
        for day, spans in enumerate(hours.week)
    ]
