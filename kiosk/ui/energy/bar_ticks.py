"""Labels for the History bars: each bar named under its own middle ("1月", "Mon", "14", "6时"),
thinned out evenly only where the chart is too narrow to name them all."""

from __future__ import annotations

import calendar
import math
from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.energy.periods import Period, PeriodWindow

_ZH_WEEKDAYS = "一二三四五六日"


def bucket_starts(window: PeriodWindow, bucket_s: float, tz: ZoneInfo) -> list[float]:
    """Where each bar's bucket starts: calendar months for a year, else equal steps."""
    if window.period is Period.YEAR:
        year = window.first_day.year
        return [datetime(year, m, 1, tzinfo=tz).timestamp() for m in range(1, 13)]
    count = max(1, round((window.end_ts - window.start_ts) / bucket_s))
    return [window.start_ts + k * bucket_s for k in range(count)]


def bar_label(period: Period, start_ts: float, tz: ZoneInfo, code: str) -> str:
    at = datetime.fromtimestamp(start_ts, tz)
    zh = code == "zh"
    if period is Period.YEAR:
        return f"{at.month}月" if zh else calendar.month_abbr[at.month]
    if period is Period.WEEK:
        return f"周{_ZH_WEEKDAYS[at.weekday()]}" if zh else calendar.day_abbr[at.weekday()]
    if period is Period.MONTH:
        return str(at.day)
    return f"{at.hour}时" if zh else f"{at.hour:02d}:00"


def bar_ticks(
    window: PeriodWindow, bucket_s: float, tz: ZoneInfo, code: str, room: int
) -> list[tuple[float, str]]:
    """(middle of the bar, label) for the bars, at most ``room`` of them, evenly spread."""
    starts = bucket_starts(window, bucket_s, tz)
    step = max(1, math.ceil(len(starts) / max(1, room)))
    return [
        (start + bucket_s / 2, bar_label(window.period, start, tz, code))
        for start in starts[::step]
    ]
