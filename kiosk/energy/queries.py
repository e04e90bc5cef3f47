"""Store queries behind the charts, run on a worker thread through ``ctx.tasks`` (no Qt here).

Each function returns a frozen result the view shows as a whole, so a view never sees half
an update.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from kiosk.energy.buckets import Resolution
from kiosk.energy.carbon import EmissionFactor
from kiosk.energy.history import HistoryFigure, history_figures
from kiosk.energy.metrics import Metric, Provenance
from kiosk.energy.periods import Comparison, Period, PeriodWindow, compare, period_window
from kiosk.energy.store import EnergyStore
from kiosk.energy.summary import Figure

_DAY_S = 86_400.0


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
class HistoryData:
    window: PeriodWindow
    bucket_s: float  # nominal bar width
    pv_starts: np.ndarray
    pv_wh: np.ndarray
    load_starts: np.ndarray
    load_wh: np.ndarray
    comparison: Comparison  # the spans the figures cover: so far vs the same span, or whole
    figures: tuple[HistoryFigure, ...]
    #: (meter, its electricity used) per building or area, compared like the site's
    buildings: tuple[tuple[str, HistoryFigure], ...] = ()

    def figure(self, figure_id: str) -> HistoryFigure:
        return next(f for f in self.figures if f.figure == figure_id)


def _buckets(
    store: EnergyStore, metric: Metric, window: PeriodWindow
) -> tuple[np.ndarray, np.ndarray]:
    start, end = window.start_ts, window.end_ts
    if window.period is Period.DAY:
        return store.series(metric, start, end, Resolution.HOUR)
    return store.totals(metric, start, end, "month" if window.period is Period.YEAR else "day")


def history(
    store: EnergyStore,
    period: Period,
    anchor_ts: float,
    now: float,
    factor: EmissionFactor,
    step: int = 0,
) -> HistoryData:
    """Bars (hours of a day, days of a week or month, months of a year) and the figures,
    each compared fairly as of ``now`` (see :func:`kiosk.energy.periods.compare`)."""
    window = period_window(store.days, period, anchor_ts, step)
    comparison = compare(store.days, window, now)
    pv_starts, pv = _buckets(store, Metric.PV_ENERGY_WH, window)
    load_starts, load = _buckets(store, Metric.LOAD_ENERGY_WH, window)
    bucket_s = {Period.DAY: 3600.0, Period.YEAR: 30.4 * _DAY_S}.get(period, _DAY_S)
    buildings = tuple(
        (meter, _load_of(history_figures(store, comparison, factor, meter)))
        for meter in store.meters(Metric.LOAD_ENERGY_WH)
        if meter
    )
    return HistoryData(
        window, bucket_s, pv_starts, pv, load_starts, load, comparison,
        history_figures(store, comparison, factor), buildings,
    )  # fmt: skip


def _load_of(figures: tuple[HistoryFigure, ...]) -> HistoryFigure:
    return next(f for f in figures if f.figure == "load_energy_wh")


@dataclass(frozen=True)
class MeterRow:
    meter: str
    power_w: Figure
    energy_today_wh: Figure
    kind: str = "load"  # "load": a building's use; "pv": one inverter's or roof's output


#: The breakdowns the student mode shows: (kind, power metric, energy metric).
_BREAKDOWNS = (
    ("load", Metric.LOAD_POWER_W, Metric.LOAD_ENERGY_WH),
    ("pv", Metric.PV_POWER_W, Metric.PV_ENERGY_WH),
)


def meter_rows(
    store: EnergyStore, now: float, stale_after: Callable[[str], float]
) -> list[MeterRow]:
    """Per building or sub-meter its consumption, and per inverter (the parts of an
    ``[aggregate]`` sum) its output: now and today (the student mode breakdown)."""
    rows: list[MeterRow] = []
    today = store.days.day_start(now)
    for kind, power_metric, energy_metric in _BREAKDOWNS:
        for meter in store.meters(power_metric):
            if not meter:
                continue
            latest = store.latest(power_metric, meter)
            if latest is None:
                power = Figure(None, power_metric.unit, None, None)
            else:
                stale = now - latest.timestamp > stale_after(latest.source_id)
                prov = Provenance.CACHED if stale else latest.provenance
                power = Figure(latest.value, power_metric.unit, prov, latest.timestamp)
            wh = store.energy_wh(energy_metric, today, now + 1, meter)
            energy = Figure(
                wh, energy_metric.unit, power.provenance if wh is not None else None,
                power.updated_at if wh is not None else None,
            )  # fmt: skip
            rows.append(MeterRow(meter, power, energy, kind))
    return rows
