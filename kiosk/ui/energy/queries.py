"""Store queries behind the charts, run on a worker thread through ``ctx.tasks`` (no Qt here).

Each function returns a frozen result the view shows as a whole, so a view never sees half
an update.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

import numpy as np

from kiosk.energy.buckets import LocalDays, Resolution
from kiosk.energy.metrics import Metric, Provenance
from kiosk.energy.store import EnergyStore
from kiosk.energy.summary import Figure

_DAY_S = 86_400.0


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
class TodaySeries:
    start_ts: float  # local midnight
    end_ts: float  # next local midnight
    pv_ts: np.ndarray
    pv_w: np.ndarray
    load_ts: np.ndarray
    load_w: np.ndarray


def today_series(store: EnergyStore, now: float) -> TodaySeries:
    """Minute means of PV and consumption power since local midnight."""
    days = store.days
    start, end = days.day_start(now), days.next_day_start(now)
    pv_ts, pv = store.series(Metric.PV_POWER_W, start, end, Resolution.MINUTE)
    load_ts, load = store.series(Metric.LOAD_POWER_W, start, end, Resolution.MINUTE)
    return TodaySeries(float(start), float(end), pv_ts, pv, load_ts, load)


@dataclass(frozen=True)
class PeriodWindow:
    period: Period
    start_ts: float
    end_ts: float
    first_day: date


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


@dataclass(frozen=True)
class HistoryData:
    window: PeriodWindow
    bucket_s: float  # nominal bar width
    pv_starts: np.ndarray
    pv_wh: np.ndarray
    load_starts: np.ndarray
    load_wh: np.ndarray
    pv_total_wh: float | None
    load_total_wh: float | None
    compare: PeriodWindow
    pv_compare_wh: float | None
    load_compare_wh: float | None


def _buckets(
    store: EnergyStore, metric: Metric, window: PeriodWindow
) -> tuple[np.ndarray, np.ndarray]:
    start, end = window.start_ts, window.end_ts
    if window.period is Period.DAY:
        return store.series(metric, start, end, Resolution.HOUR)
    return store.totals(metric, start, end, "month" if window.period is Period.YEAR else "day")


def history(store: EnergyStore, period: Period, anchor_ts: float, step: int = 0) -> HistoryData:
    """Bars (hours of a day, days of a week or month, months of a year) and the comparison."""
    window = period_window(store.days, period, anchor_ts, step)
    compare = comparison_window(store.days, window)
    pv_starts, pv = _buckets(store, Metric.PV_ENERGY_WH, window)
    load_starts, load = _buckets(store, Metric.LOAD_ENERGY_WH, window)
    bucket_s = {Period.DAY: 3600.0, Period.YEAR: 30.4 * _DAY_S}.get(period, _DAY_S)

    def total(metric: Metric, w: PeriodWindow) -> float | None:
        return store.energy_wh(metric, w.start_ts, w.end_ts)

    return HistoryData(
        window, bucket_s, pv_starts, pv, load_starts, load,
        total(Metric.PV_ENERGY_WH, window), total(Metric.LOAD_ENERGY_WH, window),
        compare, total(Metric.PV_ENERGY_WH, compare), total(Metric.LOAD_ENERGY_WH, compare),
    )  # fmt: skip


@dataclass(frozen=True)
class MeterRow:
    meter: str
    power_w: Figure
    energy_today_wh: Figure


def meter_rows(
    store: EnergyStore, now: float, stale_after: Callable[[str], float]
) -> list[MeterRow]:
    """Per building or sub-meter: its consumption now and today (the student mode breakdown)."""
    rows: list[MeterRow] = []
    today = store.days.day_start(now)
    for meter in store.meters(Metric.LOAD_POWER_W):
        if not meter:
            continue
        latest = store.latest(Metric.LOAD_POWER_W, meter)
        if latest is None:
            power = Figure(None, Metric.LOAD_POWER_W.unit, None, None)
        else:
            stale = now - latest.timestamp > stale_after(latest.source_id)
            prov = Provenance.CACHED if stale else latest.provenance
            power = Figure(latest.value, Metric.LOAD_POWER_W.unit, prov, latest.timestamp)
        wh = store.energy_wh(Metric.LOAD_ENERGY_WH, today, now + 1, meter)
        energy = Figure(
            wh, Metric.LOAD_ENERGY_WH.unit, power.provenance if wh is not None else None,
            power.updated_at if wh is not None else None,
        )  # fmt: skip
        rows.append(MeterRow(meter, power, energy))
    return rows
