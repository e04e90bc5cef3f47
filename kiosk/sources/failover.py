"""Which source each figure comes from: a priority list per metric, decided by freshness.

A source's reading is *live* while it is younger than ``live_for_intervals`` × the source's poll
interval and the source's last poll did not fail. The first live source in a metric's list wins
and lends its provenance (LIVE for devices, SIMULATED for the simulator). The pseudo-source
``cached`` stands for the newest measured (not simulated) reading any source gave, shown as CACHED with its age;
where a list does not name it, it comes last, so a known value beats a blank. Time is passed in.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kiosk.config.model import Config
from kiosk.energy.metrics import Metric, Provenance, Reading
from kiosk.sources.aggregate import AGGREGATE_ID, AggregatePlan

CACHED = "cached"


@dataclass(frozen=True)
class Choice:
    """The reading shown for one figure, with the badge it gets on screen."""

    reading: Reading
    provenance: Provenance
    age_seconds: float

    @property
    def source_id(self) -> str:
        return self.reading.source_id


@dataclass(frozen=True)
class FailoverPolicy:
    """Priority lists per metric, a default list, and how long each source's readings stay live."""

    default_order: tuple[str, ...]
    orders: Mapping[Metric, tuple[str, ...]]
    live_for_seconds: Mapping[str, float]

    @classmethod
    def from_config(cls, config: Config) -> FailoverPolicy:
        enabled = [s for s in config.sources if s.enabled]
        factor = config.failover.live_for_intervals
        priorities = dict(config.failover.priorities or {})
        default = tuple(priorities.pop("default", [s.id for s in enabled]))
        orders = {Metric(k): tuple(v) for k, v in priorities.items()}
        live_for = {s.id: s.interval_seconds * factor for s in enabled}
        plan = AggregatePlan.parse(config.aggregate, live_for)
        for metric, parts in plan.sums.items():
            # A sum comes first; sources that are not its parts may stand in (a simulator).
            rest = orders.get(metric, default)
            orders[metric] = (AGGREGATE_ID, *(s for s in rest if s not in parts))
        if plan.sums:
            live_for[AGGREGATE_ID] = max(live_for.values(), default=60.0)
        return cls(default_order=default, orders=orders, live_for_seconds=live_for)

    def order_for(self, metric: Metric) -> tuple[str, ...]:
        order = self.orders.get(metric, self.default_order)
        return order if CACHED in order else (*order, CACHED)


@dataclass
class SourceHealth:
    """One line of the staff screen's source list."""

    source_id: str
    #: waiting | live | simulated (live, but made-up figures) | quiet (polls work, nothing
    #: fresh) | failing
    state: str = "waiting"
    last_good_at: float | None = None  # time of the newest reading
    last_error: str = ""  # plain words, kept after recovery until the next failure
    reads_per_minute: float = 0.0
    preset: str = ""  # the preset the source's config names
    missing: tuple[str, ...] = ()  # mapped metrics with no live value from this source
    simulated: bool = False  # its newest reading came from a simulator, not a meter
    _polls: deque[float] = field(default_factory=lambda: deque(maxlen=4096), repr=False)


class FailoverSelector:
    """Keeps the latest reading per source and figure; picks the one to show; tracks health.
    Not thread-safe: feed and ask it from one thread (the poller service's)."""

    def __init__(self, policy: FailoverPolicy) -> None:
        self.policy = policy
        self._latest: dict[tuple[str, Metric, str], Reading] = {}
        self._failing: set[str] = set()
        self._health: dict[str, SourceHealth] = {}

    def note_poll(self, source_id: str, now: float, readings: Iterable[Reading] = ()) -> None:
        """A poll worked (maybe with nothing new: push sources, request budgets)."""
        self._failing.discard(source_id)
        health = self._health_of(source_id)
        health._polls.append(now)
        self.note_readings(readings)

    def note_readings(self, readings: Iterable[Reading]) -> None:
        """Record readings; their sources count as working again."""
        for r in readings:
            self._failing.discard(r.source_id)
            key = (r.source_id, r.metric, r.meter)
            old = self._latest.get(key)
            if old is None or r.timestamp >= old.timestamp:
                self._latest[key] = r
            health = self._health_of(r.source_id)
            if health.last_good_at is None or r.timestamp >= health.last_good_at:
                health.last_good_at = r.timestamp
                health.simulated = r.provenance is Provenance.SIMULATED

    def note_failure(self, source_id: str, now: float, error: str = "") -> None:
        """A poll failed: skip this source until it delivers again, however fresh its value."""
        self._failing.add(source_id)
        self._health_of(source_id).last_error = error or "failed"

    def health(self, now: float) -> list[SourceHealth]:
        """Every source seen so far, in the order first seen, with its state at ``now``."""
        for source_id, h in self._health.items():
            while h._polls and h._polls[0] <= now - 60.0:
                h._polls.popleft()
            h.reads_per_minute = float(len(h._polls))
            live_for = self.policy.live_for_seconds.get(source_id, 0.0)
            if source_id in self._failing:
                h.state = "failing"
            elif h.last_good_at is not None and now - h.last_good_at <= live_for:
                h.state = "simulated" if h.simulated else "live"
            elif h._polls or h.last_good_at is not None:
                h.state = "quiet"
        return list(self._health.values())

    def latest_of(self, source_id: str) -> dict[tuple[Metric, str], Reading]:
        """The newest reading per (metric, meter) that ``source_id`` gave."""
        return {(m, mt): r for (s, m, mt), r in self._latest.items() if s == source_id}

    def note_problem(self, source_id: str, problem: str) -> None:
        """Say something about a working source on the staff screen (a partial sum)."""
        self._health_of(source_id).last_error = problem

    def is_live(self, reading: Reading, now: float) -> bool:
        """Whether ``reading`` is young enough and its source is not failing."""
        if reading.source_id in self._failing:
            return False
        return now - reading.timestamp <= self.policy.live_for_seconds.get(reading.source_id, 0.0)

    def select(self, metric: Metric, now: float, meter: str = "") -> Choice | None:
        """The figure to show for ``metric`` now, or None (the screen shows "n/a")."""
        for entry in self.policy.order_for(metric):
            if entry == CACHED:
                newest = self._newest(metric, meter)
                if newest is not None:
                    return Choice(newest, Provenance.CACHED, now - newest.timestamp)
                continue
            r = self._latest.get((entry, metric, meter))
            if r is None or entry in self._failing:
                continue
            age = now - r.timestamp
            if age <= self.policy.live_for_seconds.get(entry, 0.0):
                return Choice(r, r.provenance, max(age, 0.0))
        return None

    def select_all(self, now: float) -> dict[tuple[Metric, str], Choice]:
        """Every figure any source has ever given, each with its choice."""
        keys = {(metric, meter) for (_, metric, meter) in self._latest}
        out: dict[tuple[Metric, str], Choice] = {}
        for metric, meter in sorted(keys):
            choice = self.select(metric, now, meter)
            if choice is not None:
                out[(metric, meter)] = choice
        return out

    def _health_of(self, source_id: str) -> SourceHealth:
        if source_id not in self._health:
            self._health[source_id] = SourceHealth(source_id)
        return self._health[source_id]

    def _newest(self, metric: Metric, meter: str) -> Reading | None:
        # Only measurements are cached: an old simulated value is not worth showing as "cached".
        real: Sequence[Reading] = [
            r
            for (_, m, mt), r in self._latest.items()
            if m is metric and mt == meter and r.provenance is not Provenance.SIMULATED
        ]
        return max(real, key=lambda r: r.timestamp) if real else None
