"""Time buckets for rollups: UTC minutes and hours, and days in the site's own time zone."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo


class Resolution(StrEnum):
    RAW = "raw"
    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"


ROLLUP_RESOLUTIONS = (Resolution.MINUTE, Resolution.HOUR, Resolution.DAY)


def minute_start(ts: float) -> int:
    return math.floor(ts / 60.0) * 60


def hour_start(ts: float) -> int:
    return math.floor(ts / 3600.0) * 3600


class LocalDays:
    """Local-midnight boundaries in one time zone, cached for the day last asked about.

    Rollups are filed by the UTC timestamp of local midnight, so "today" on screen is the
    site's today, including days of 23 or 25 hours where the zone has daylight saving.
    """

    def __init__(self, tz: ZoneInfo | str) -> None:
        self.tz = tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)
        self._lo = 1.0
        self._hi = 0.0

    def local_date(self, ts: float) -> date:
        return datetime.fromtimestamp(ts, self.tz).date()

    def start_of_date(self, d: date) -> int:
        return int(datetime(d.year, d.month, d.day, tzinfo=self.tz).timestamp())

    def day_start(self, ts: float) -> int:
        if self._lo <= ts < self._hi:
            return int(self._lo)
        d = self.local_date(ts)
        lo = self.start_of_date(d)
        self._lo, self._hi = float(lo), float(self.start_of_date(d + timedelta(days=1)))
        return lo

    def next_day_start(self, ts: float) -> int:
        return self.start_of_date(self.local_date(ts) + timedelta(days=1))

    def month_start(self, ts: float) -> int:
        d = self.local_date(ts)
        return self.start_of_date(d.replace(day=1))

    def year_start(self, ts: float) -> int:
        d = self.local_date(ts)
        return self.start_of_date(d.replace(month=1, day=1))
