"""Site figures that are the sum of several parts: inverters, meters, or MQTT topics.

``[aggregate] pv_power_w = ["inverter-a", "inverter-b"]`` makes the site's PV power the sum of
two sources (each source's own figure is kept as a meter named after it, so the per-inverter
figures stay visible), or of meter ids that any source reports. A power sum adds the parts
that are live; when some are not, the sum is PARTIAL (its badge says so and the staff screen
names the missing parts), never a silently lower "live" figure. A counter sum (lifetime
energy) appears once every part has reported, and adds each part's last known total, so a
part that goes quiet neither drops the sum (which would look like a meter reset) nor adds its
whole lifetime when it comes back. A level (battery %) cannot be summed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from kiosk.energy.metrics import Metric, MetricKind, Provenance, Reading
from kiosk.sources.base import Source

#: The source id the sums are stored under (a ``[[sources]]`` entry may not use it).
AGGREGATE_ID = "aggregate"
#: ``[aggregate]`` key holding the parts' display names, not a metric.
NAMES_KEY = "names"


@dataclass(frozen=True)
class Part:
    """One part's newest reading and whether it counts as live now."""

    value: float
    live: bool
    provenance: Provenance


def sum_parts(metric: Metric, parts: Sequence[Part | None]) -> tuple[float, Provenance] | None:
    """The sum of ``parts`` (None = never reported) and its provenance, or None if there is none.

    Power: the live parts; PARTIAL when some part is not live. Counter: every part's last
    total, only once all have reported; PARTIAL when some part is not live.
    """
    seen = [p for p in parts if p is not None]
    live = [p for p in seen if p.live]
    if not live:
        return None
    if metric.kind is MetricKind.COUNTER:
        if len(seen) < len(parts):
            return None
        total = sum(p.value for p in seen)
    else:
        total = sum(p.value for p in live)
    if len(live) < len(parts):
        return total, Provenance.PARTIAL
    if any(p.provenance is Provenance.SIMULATED for p in live):
        return total, Provenance.SIMULATED
    return total, Provenance.LIVE


@dataclass(frozen=True)
class AggregateStatus:
    """What the staff screen says about one sum: how many parts are live, which are not."""

    metric: Metric
    parts: tuple[str, ...]
    live: tuple[str, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(p for p in self.parts if p not in self.live)

    def words(self) -> str:
        if not self.missing:
            return f"{self.metric.value}: all {len(self.parts)} parts live"
        return (
            f"{self.metric.value}: partial, {len(self.live)} of {len(self.parts)} parts live "
            f"(not live: {', '.join(self.missing)})"
        )


@dataclass(frozen=True)
class AggregatePlan:
    """The ``[aggregate]`` table, checked: metric -> parts, and the parts' names."""

    sums: Mapping[Metric, tuple[str, ...]]
    names: Mapping[str, Mapping[str, str]]
    source_parts: frozenset[str]  # parts that are source ids (the rest are meter ids)

    @classmethod
    def parse(cls, raw: Mapping[str, Any] | None, source_ids: Iterable[str]) -> AggregatePlan:
        """Raises ValueError naming the key when the table cannot work."""
        ids = set(source_ids)
        sums: dict[Metric, tuple[str, ...]] = {}
        names: dict[str, dict[str, str]] = {}
        for key, value in (raw or {}).items():
            if key == NAMES_KEY:
                names = _names(value)
                continue
            try:
                metric = Metric(key)
            except ValueError:
                raise ValueError(f"{key}: not a metric name") from None
            if metric.kind is MetricKind.LEVEL:
                raise ValueError(f"{key}: a level cannot be summed")
            if not isinstance(value, list) or len(value) < 2:
                raise ValueError(f"{key}: must be a list of at least two source or meter ids")
            if not all(isinstance(p, str) and p for p in value) or len(set(value)) < len(value):
                raise ValueError(f"{key}: parts must be distinct, non-empty ids")
            sums[metric] = tuple(value)
        parts = {p for ps in sums.values() for p in ps}
        return cls(sums, names, frozenset(parts & ids))

    def relabels(self, source_id: str) -> frozenset[Metric]:
        """The site figures of ``source_id`` that are parts of a sum (kept as its own meter)."""
        return frozenset(m for m, ps in self.sums.items() if source_id in ps)


def _names(value: Any) -> dict[str, dict[str, str]]:
    if not isinstance(value, Mapping):
        raise ValueError(f"{NAMES_KEY}: must be a table of id = {{ zh = ..., en = ... }}")
    out: dict[str, dict[str, str]] = {}
    for part, langs in value.items():
        if not isinstance(langs, Mapping) or not set(langs) <= {"zh", "en"}:
            raise ValueError(f'{NAMES_KEY}.{part}: must be {{ zh = "...", en = "..." }}')
        if not all(isinstance(t, str) for t in langs.values()):
            raise ValueError(f"{NAMES_KEY}.{part}: names must be text")
        out[str(part)] = {str(k): str(v) for k, v in langs.items()}
    return out


class PartSource(Source):
    """Wraps a source that is part of a sum: its site figures of summed metrics become its meter.

    ``pv_power_w`` of ``inverter-a`` is stored as meter ``inverter-a``, so the site figure is
    the sum alone, and each inverter's own figure stays available for the student view.
    """

    def __init__(self, inner: Source, metrics: frozenset[Metric]) -> None:
        super().__init__(inner.source_id)
        self.inner = inner
        self.provenance = inner.provenance
        self._metrics = metrics

    def read(self, now: float) -> Sequence[Reading]:
        return [self._relabel(r) for r in self.inner.read(now)]

    def history(self, now: float) -> Sequence[Reading]:
        return [self._relabel(r) for r in self.inner.history(now)]

    def close(self) -> None:
        self.inner.close()

    def mapped_metrics(self) -> frozenset[tuple[Metric, str]] | None:
        mapped = getattr(self.inner, "mapped_metrics", None)
        if not callable(mapped):
            return None
        return frozenset(
            (m, self.source_id if not meter and m in self._metrics else meter)
            for m, meter in mapped()
        )

    def __getattr__(self, name: str) -> Any:
        # value_problems, wait_for_update, layout ...: whatever the adapter offers.
        return getattr(self.inner, name)

    def _relabel(self, r: Reading) -> Reading:
        if r.meter or r.metric not in self._metrics:
            return r
        return replace(r, meter=self.source_id)


class Aggregator:
    """Keeps each part's newest reading; computes the sums. Feed it from one thread."""

    def __init__(self, plan: AggregatePlan) -> None:
        self.plan = plan
        self._latest: dict[tuple[Metric, str], Reading] = {}

    def note(self, readings: Iterable[Reading]) -> None:
        for r in readings:
            parts = self.plan.sums.get(r.metric)
            if not parts or r.meter not in parts:
                continue
            if r.meter in self.plan.source_parts and r.source_id != r.meter:
                continue  # a source part: only that source's own figure
            old = self._latest.get((r.metric, r.meter))
            if old is None or r.timestamp >= old.timestamp:
                self._latest[(r.metric, r.meter)] = r

    def sums(self, now: float, is_live: Callable[[Reading], bool]) -> list[Reading]:
        """One reading per sum that has a value now, stamped ``now``, source ``aggregate``."""
        out: list[Reading] = []
        for metric, parts in self.plan.sums.items():
            got = sum_parts(metric, [self._part(metric, p, is_live) for p in parts])
            if got is not None:
                out.append(Reading(metric, got[0], now, AGGREGATE_ID, got[1]))
        return out

    def status(self, is_live: Callable[[Reading], bool]) -> list[AggregateStatus]:
        out = []
        for metric, parts in self.plan.sums.items():
            live = tuple(
                p for p in parts if (r := self._latest.get((metric, p))) is not None and is_live(r)
            )
            out.append(AggregateStatus(metric, parts, live))
        return out

    def _part(self, metric: Metric, part: str, is_live: Callable[[Reading], bool]) -> Part | None:
        r = self._latest.get((metric, part))
        return None if r is None else Part(r.value, is_live(r), r.provenance)
