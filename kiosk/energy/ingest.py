"""Turn a batch of readings into raw rows and rollup contributions (pure Python, no SQL).

Per series (metric + meter) the engine keeps the newest accepted reading. In-order readings
extend the series: a power reading adds its value to the mean rollups and, when the site has
no counter for that energy, the trapezoid energy since the previous reading (gaps longer than
``max_gap_s`` are not bridged: no energy is invented). A counter reading adds its increase,
spread over the interval since the previous one. A counter that goes down (a gateway that
briefly reads 0 or a small value) is held, never counted: when it comes back to its total the
gap is bridged and the glitch counted; only when it stays low for :data:`REPLACED_AFTER_DROPS`
readings and :data:`REPLACED_AFTER_S` seconds is it a reset or a new meter, counted from its
first low reading on. A low reading never adds its value as new energy.
Late (out-of-order) readings are kept in raw data and in mean rollups, but do not change energy:
the counter total between its neighbours is already counted.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kiosk.energy.buckets import LocalDays, hour_start, minute_start
from kiosk.energy.metrics import ENERGY_OF_POWER, Metric, MetricKind, Reading
from kiosk.energy.quality import (
    FUTURE_TOLERANCE_S,
    RejectReason,
    SanityLimits,
    check_reading,
)

SeriesKey = tuple[str, str]  # (metric, meter)
#: (resolution index 0=minute 1=hour 2=day, metric, meter, bucket start) -> [n, total, min, max]
RollupKey = tuple[int, str, str, int]

#: Consecutive implausible counter jumps after which the new level is taken as a new baseline.
REBASE_AFTER_SPIKES = 3
#: A counter below its total this many readings in a row, for this long, was reset or replaced.
REPLACED_AFTER_DROPS = 3
REPLACED_AFTER_S = 600.0


@dataclass
class SeriesState:
    """The newest accepted reading of one series, and whether its chain can be extended."""

    last_ts: float
    last_value: float
    source_id: str
    provenance: str
    chain_ok: bool = True  # False after a clock jump: the next reading starts a new chain
    spikes_in_row: int = 0
    # A counter below its total: how many readings in a row, and the first of them (ts, value).
    drops_in_row: int = 0
    drop_first: tuple[float, float] | None = None


@dataclass
class IngestReport:
    """What happened to one batch. Rejected readings are counted by reason, never stored."""

    accepted: int = 0
    rejected: Counter[RejectReason] = field(default_factory=Counter)
    late: int = 0  # accepted out-of-order readings
    resets: int = 0  # counter reset or replaced (stayed low), or re-baselined after spikes
    glitches: int = 0  # counter dropped and came back: bridged
    gaps: int = 0  # power gaps too long to integrate
    clock_jumps: int = 0  # series whose newest reading was ahead of the clock

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    def merge(self, other: IngestReport) -> None:
        self.accepted += other.accepted
        self.rejected.update(other.rejected)
        self.late += other.late
        self.resets += other.resets
        self.glitches += other.glitches
        self.gaps += other.gaps
        self.clock_jumps += other.clock_jumps


@dataclass
class Batch:
    raw_rows: list[tuple[str, str, float, float]] = field(default_factory=list)
    rollups: dict[RollupKey, list[float]] = field(default_factory=dict)
    states: dict[SeriesKey, SeriesState] = field(default_factory=dict)  # changed series only
    report: IngestReport = field(default_factory=IngestReport)


class IngestEngine:
    def __init__(
        self,
        states: dict[SeriesKey, SeriesState],
        limits: SanityLimits,
        days: LocalDays,
        max_gap_s: float = 900.0,
    ) -> None:
        self.states = states  # committed state; only replaced by :meth:`commit`
        self.limits = limits
        self.days = days
        self.max_gap_s = max_gap_s

    def process(
        self,
        readings: Iterable[Reading],
        now: float,
        raw_cutoff_ts: float,
        is_stored: Callable[[str, str, float], bool],
    ) -> Batch:
        """Classify ``readings``; ``is_stored`` answers whether a raw row already exists."""
        batch = Batch()
        ordered = sorted(
            readings,
            key=lambda r: (r.metric.kind is not MetricKind.COUNTER, r.metric, r.meter, r.timestamp),
        )
        seen_late: set[tuple[str, str, float]] = set()
        for r in ordered:
            reason = check_reading(r, self.limits, now)
            if reason is None:
                reason = self._one(r, now, raw_cutoff_ts, is_stored, seen_late, batch)
            if reason is None:
                batch.report.accepted += 1
            else:
                batch.report.rejected[reason] += 1
        return batch

    def commit(self, batch: Batch) -> None:
        self.states.update(batch.states)

    def _state(self, key: SeriesKey, batch: Batch) -> SeriesState | None:
        st = batch.states.get(key)
        if st is None and key in self.states:
            st = batch.states[key] = dataclasses.replace(self.states[key])
        return st

    def _one(
        self,
        r: Reading,
        now: float,
        raw_cutoff_ts: float,
        is_stored: Callable[[str, str, float], bool],
        seen_late: set[tuple[str, str, float]],
        batch: Batch,
    ) -> RejectReason | None:
        metric, meter, ts, value = r.metric, r.meter, r.timestamp, r.value
        key = (metric.value, meter)
        st = self._state(key, batch)
        if st is not None and st.last_ts > now + FUTURE_TOLERANCE_S:
            # The clock was ahead when the newest reading was taken: start a new chain.
            st.last_ts = -1.0
            st.chain_ok = False
            batch.report.clock_jumps += 1
        kind = metric.kind
        if st is not None and ts <= st.last_ts:
            if ts == st.last_ts:
                return RejectReason.DUPLICATE
            if ts < raw_cutoff_ts:
                return RejectReason.TOO_OLD
            late_key = (metric.value, meter, ts)
            if late_key in seen_late or is_stored(*late_key):
                return RejectReason.DUPLICATE
            seen_late.add(late_key)
            if kind is not MetricKind.COUNTER:
                self._add(batch, metric.value, meter, ts, value)
            batch.raw_rows.append((metric.value, meter, ts, value))
            batch.report.late += 1
            return None
        if kind is MetricKind.COUNTER:
            reason = self._counter_step(r, st, batch)
            if reason is not None:
                return reason
        else:
            self._add(batch, metric.value, meter, ts, value)
            if kind is MetricKind.POWER and st is not None and st.chain_ok:
                self._integrate(metric, meter, st, ts, value, batch)
        batch.raw_rows.append((metric.value, meter, ts, value))
        if st is None:
            batch.states[key] = SeriesState(ts, value, r.source_id, r.provenance.value)
        else:
            st.last_ts, st.last_value = ts, value
            st.source_id, st.provenance = r.source_id, r.provenance.value
            st.chain_ok, st.spikes_in_row = True, 0
            st.drops_in_row, st.drop_first = 0, None
        return None

    def _counter_step(
        self, r: Reading, st: SeriesState | None, batch: Batch
    ) -> RejectReason | None:
        if st is None or not st.chain_ok:
            return None  # first reading: a baseline, no energy yet
        dt = r.timestamp - st.last_ts
        max_step = self.limits.max_counter_step(r.metric, dt)
        delta = r.value - st.last_value
        if delta < 0:
            return self._counter_drop(r, st, batch)
        if st.drops_in_row:
            batch.report.glitches += 1  # back at its total: the low readings were a glitch
        if delta > max_step:
            st.spikes_in_row += 1
            if st.spikes_in_row < REBASE_AFTER_SPIKES:
                return RejectReason.SPIKE
            batch.report.resets += 1  # the meter really moved (replaced): new baseline
            delta = 0.0
        # a counter that did not move is a measured zero (a dry day, a night): store it
        self._spread(batch, r.metric.value, r.meter, st.last_ts, r.timestamp, delta)
        return None

    def _counter_drop(self, r: Reading, st: SeriesState, batch: Batch) -> RejectReason | None:
        """A reading below the counter's total: hold it, or, once it lasts, start afresh."""
        first = st.drop_first
        if first is None or r.value < first[1]:
            first = st.drop_first = (r.timestamp, r.value)
            st.drops_in_row = 0
        st.drops_in_row += 1
        lasted = r.timestamp - first[0] >= REPLACED_AFTER_S
        if st.drops_in_row < REPLACED_AFTER_DROPS or not lasted:
            return RejectReason.COUNTER_DROP
        # Reset or replaced: the new meter counts from its first low reading (what it counted
        # before that is unknown, so nothing is invented), within the site's physical limits.
        batch.report.resets += 1
        delta = r.value - first[1]
        if 0 < delta <= self.limits.max_counter_step(r.metric, r.timestamp - first[0]):
            self._spread(batch, r.metric.value, r.meter, first[0], r.timestamp, delta)
        return None

    def _integrate(
        self, metric: Metric, meter: str, st: SeriesState, ts: float, value: float, batch: Batch
    ) -> None:
        energy_metric = ENERGY_OF_POWER.get(metric)
        if energy_metric is None or (energy_metric.value, meter) in self.states:
            return  # a real counter exists for this energy: it is the truth
        if (energy_metric.value, meter) in batch.states:
            return
        dt = ts - st.last_ts
        if dt > self.max_gap_s:
            batch.report.gaps += 1
            return
        energy_wh = (st.last_value + value) / 2.0 * dt / 3600.0
        self._spread(batch, energy_metric.value, meter, st.last_ts, ts, energy_wh)  # 0 is a value

    def _spread(
        self, batch: Batch, metric: str, meter: str, t0: float, t1: float, total: float
    ) -> None:
        """Share ``total`` over [t0, t1) by minute, in proportion to the time in each minute.

        An interval longer than ``max_gap_s`` goes whole to the minute of its end: spreading
        it would draw a shape nobody measured.
        """
        dt = t1 - t0
        if dt <= 0 or dt > self.max_gap_s:
            self._add(batch, metric, meter, t1, total)
            return
        start = t0
        while start < t1:
            end = min(float(minute_start(start) + 60), t1)
            self._add(batch, metric, meter, start, total * (end - start) / dt)
            start = end

    def _add(self, batch: Batch, metric: str, meter: str, ts: float, value: float) -> None:
        rollups = batch.rollups
        for key in (
            (0, metric, meter, minute_start(ts)),
            (1, metric, meter, hour_start(ts)),
            (2, metric, meter, self.days.day_start(ts)),
        ):
            acc = rollups.get(key)
            if acc is None:
                rollups[key] = [1, value, value, value]
            else:
                acc[0] += 1
                acc[1] += value
                if value < acc[2]:
                    acc[2] = value
                if value > acc[3]:
                    acc[3] = value
