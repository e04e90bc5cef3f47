"""Calendar periods and fair comparisons: like is compared with like, at every hour.

A period still running (today, this week …) is compared "so far": today up to now with
yesterday up to the same time of day, this month so far with the same days and time of the
same month last year. A finished period is compared with the whole earlier one. Days, weeks
from Monday, months and years are local to the site (its time zone, daylight saving included).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from kiosk.energy.buckets import LocalDays


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"

    def zoomed(self, step: int) -> Period:
        """The next finer (step < 0) or coarser (step > 0) period, staying within day..year."""
        order = list(Period)
        return order[max(0, min(len(order) - 1, order.index(self) + step))]


@dataclass(frozen=True)
class PeriodWindow:
    period: Period
    start_ts: float
    end_ts: float
    first_day: date


@dataclass(frozen=True)
class Span:
    """[start_ts, end_ts) of local time; ``so_far`` when it stops at "now", not a period's end."""

    start_ts: float
    end_ts: float
    so_far: bool = False


@dataclass(frozen=True)
class Comparison:
    """What the figures of a period cover, and the span of the earlier period they face."""

    window: PeriodWindow
    current: Span  # the window, or its part up to now
    earlier: Span  # the same part of the period before (day, week) or a year before


def _shift_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_window(days: LocalDays, period: Period, anchor_ts: float, step: int = 0) -> PeriodWindow:
    """The local day, week (from Monday), month or year holding ``anchor_ts``, moved ``step``."""
    d = days.local_date(anchor_ts)
    if period is Period.DAY:
        first = d + timedelta(days=step)
        last = first + timedelta(days=1)
    elif period is Period.WEEK:
        first = d - timedelta(days=d.weekday()) + timedelta(weeks=step)
        last = first + timedelta(weeks=1)
    elif period is Period.MONTH:
        first = _shift_months(d.replace(day=1), step)
        last = _shift_months(first, 1)
    else:
        first = date(d.year + step, 1, 1)
        last = date(first.year + 1, 1, 1)
    start, end = days.start_of_date(first), days.start_of_date(last)
    return PeriodWindow(period, float(start), float(end), first)


def comparison_window(days: LocalDays, window: PeriodWindow) -> PeriodWindow:
    """What a period is compared with: the day or week before, the month or year a year before."""
    if window.period in (Period.DAY, Period.WEEK):
        return period_window(days, window.period, window.start_ts, -1)
    return period_window(
        days, window.period, window.start_ts, -12 if window.period is Period.MONTH else -1
    )


def _same_moment(
    days: LocalDays, now_ts: float, window: PeriodWindow, earlier: PeriodWindow
) -> float:
    """The local time in ``earlier`` that matches ``now_ts`` in ``window`` (same weekday or
    day of the month and the same time of day; the 29th of February is the 28th a year on)."""
    now = datetime.fromtimestamp(now_ts, days.tz)
    first = earlier.first_day
    if window.period in (Period.DAY, Period.WEEK):
        d = first + (now.date() - window.first_day)
    elif window.period is Period.MONTH:
        d = first.replace(day=min(now.day, calendar.monthrange(first.year, first.month)[1]))
    else:
        d = date(first.year, now.month, min(now.day, calendar.monthrange(first.year, now.month)[1]))
    moment = datetime(d.year, d.month, d.day, now.hour, now.minute, now.second, tzinfo=days.tz)
    return min(max(moment.timestamp(), earlier.start_ts), earlier.end_ts)


def compare(days: LocalDays, window: PeriodWindow, now_ts: float) -> Comparison:
    """Fair spans for ``window`` as of ``now_ts``: so far vs the same span, or whole vs whole."""
    earlier = comparison_window(days, window)
    if window.start_ts <= now_ts < window.end_ts:
        return Comparison(
            window,
            Span(window.start_ts, now_ts, so_far=True),
            Span(earlier.start_ts, _same_moment(days, now_ts, window, earlier), so_far=True),
        )
    return Comparison(
        window, Span(window.start_ts, window.end_ts), Span(earlier.start_ts, earlier.end_ts)
    )
