"""Which readings the store accepts as truth, and why it rejects the rest.

Rejected readings are counted by :class:`RejectReason`, never stored. The limits are physical
bounds for the site ("absurd" values), not statistics: a real but unusual value is kept.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from kiosk.energy.metrics import Metric, MetricKind, Reading, Unit

#: Readings stamped before 2000-01-01 come from a clock that has not been set yet (boot at 1970).
EARLIEST_PLAUSIBLE_TS = 946_684_800.0
#: How far ahead of the kiosk's own clock a device timestamp may be.
FUTURE_TOLERANCE_S = 300.0
#: A counter step may be what the maximum rate gives in the time between the readings, plus this
#: many seconds at that rate (readings are stamped when polled, not when the meter counted), and
#: at least one step of a coarse counter (whole kWh, whole m³). Before, every step was allowed
#: an hour at the maximum rate whatever the time between readings: 10 MWh of grid in 5 s.
COUNTER_STEP_ALLOWANCE_S = 300.0
COARSE_COUNTER_STEP = {Unit.WH: 1000.0, Unit.L: 1000.0}

_PV_METRICS = frozenset({Metric.PV_POWER_W, Metric.PV_ENERGY_WH})
_GRID_METRICS = frozenset({
    Metric.GRID_IMPORT_POWER_W, Metric.GRID_EXPORT_POWER_W,
    Metric.GRID_IMPORT_ENERGY_WH, Metric.GRID_EXPORT_ENERGY_WH,
})  # fmt: skip
#: A rating can be exceeded briefly (a cloud edge for PV, a breaker's tolerance), never by 50 %.
OVERLOAD_FACTOR = 1.5
#: Without ``site.grid_capacity_kw``: the grid connection is taken as the larger of this and
#: GRID_KW_PER_PV_KWP x the site's kWp (a school's or store's transformer is 0.6-2 MVA).
DEFAULT_GRID_CAPACITY_KW = 2500.0
GRID_KW_PER_PV_KWP = 10.0


class RejectReason(StrEnum):
    NOT_FINITE = "not_finite"  # NaN or ±Inf value
    NEGATIVE = "negative"  # negative power or counter (e.g. PV at night)
    OUT_OF_RANGE = "out_of_range"  # a level outside 0..100 %
    SPIKE = "spike"  # beyond the physical limit of the site
    BAD_TIMESTAMP = "bad_timestamp"  # not finite, or before the clock was set
    FUTURE = "future"  # ahead of the kiosk clock
    DUPLICATE = "duplicate"  # same series and timestamp already stored
    TOO_OLD = "too_old"  # late and older than the raw retention window
    COUNTER_DROP = "counter_drop"  # a lifetime counter below its total: held as a glitch


@dataclass(frozen=True)
class SanityLimits:
    """Physical upper bounds: PV power, grid power, any other power, and water flow. Counter
    steps are bounded by the same rates times the time between readings."""

    pv_max_w: float = 1_000_000.0
    power_max_w: float = 10_000_000.0
    water_max_l_per_s: float = 100.0
    grid_max_w: float = 10_000_000.0

    @classmethod
    def for_site(cls, pv_kwp: float, grid_capacity_kw: float = 0.0) -> SanityLimits:
        """PV by its rating, grid by the connection's (``grid_capacity_kw`` 0 = not known:
        :data:`DEFAULT_GRID_CAPACITY_KW` or :data:`GRID_KW_PER_PV_KWP` x kWp, the larger),
        each with :data:`OVERLOAD_FACTOR`."""
        grid_kw = grid_capacity_kw or max(DEFAULT_GRID_CAPACITY_KW, GRID_KW_PER_PV_KWP * pv_kwp)
        return cls(
            pv_max_w=max(1000.0, pv_kwp * 1000.0 * OVERLOAD_FACTOR),
            grid_max_w=grid_kw * 1000.0 * OVERLOAD_FACTOR,
        )

    def max_power_w(self, metric: Metric) -> float:
        if metric in _PV_METRICS:
            return self.pv_max_w
        return self.grid_max_w if metric in _GRID_METRICS else self.power_max_w

    def max_counter_rate_per_s(self, metric: Metric) -> float:
        """Largest plausible growth of a counter per second (Wh/s or L/s)."""
        if metric.unit is Unit.L:
            return self.water_max_l_per_s
        return self.max_power_w(metric) / 3600.0

    def max_counter_step(self, metric: Metric, dt_s: float) -> float:
        rate = self.max_counter_rate_per_s(metric)
        slack = max(rate * COUNTER_STEP_ALLOWANCE_S, COARSE_COUNTER_STEP.get(metric.unit, 0.0))
        return rate * max(dt_s, 0.0) + slack


def check_reading(reading: Reading, limits: SanityLimits, now: float) -> RejectReason | None:
    """The reason ``reading`` cannot be stored as truth, or None if its value is plausible."""
    ts = reading.timestamp
    if not math.isfinite(ts) or ts < EARLIEST_PLAUSIBLE_TS:
        return RejectReason.BAD_TIMESTAMP
    if ts > now + FUTURE_TOLERANCE_S:
        return RejectReason.FUTURE
    value = reading.value
    if not math.isfinite(value):
        return RejectReason.NOT_FINITE
    kind = reading.metric.kind
    if kind is MetricKind.LEVEL:
        return None if 0.0 <= value <= 100.0 else RejectReason.OUT_OF_RANGE
    if value < 0.0:
        return RejectReason.NEGATIVE
    if kind is MetricKind.POWER and value > limits.max_power_w(reading.metric):
        return RejectReason.SPIKE
    return None
