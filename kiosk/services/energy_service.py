"""The energy pipeline as one service: pollers → store → summary, staleness and source health.

Lives on the GUI thread and owns: one :class:`SourcePoller` per source, the failover
selector (which source feeds each figure, and each source's health), a staleness timer, and
a serial queue on the kiosk's task runner that computes summaries and runs store maintenance
off the GUI thread. Views subscribe to its signals; they never touch the store from the GUI thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.config.model import Config
from kiosk.config.paths import AppPaths
from kiosk.energy.baselines import SiteReferences, baselines_from
from kiosk.energy.carbon import EmissionFactor, resolve_factor
from kiosk.energy.metrics import Provenance, Reading
from kiosk.energy.quality import SanityLimits
from kiosk.energy.store import EnergyStore
from kiosk.energy.summary import EnergySummary, summarize
from kiosk.services.poller import Clock, SourcePoller
from kiosk.services.tasks import SerialQueue, TaskRunner
from kiosk.sources.aggregate import (
    AGGREGATE_ID,
    AggregatePlan,
    AggregateStatus,
    Aggregator,
    PartSource,
)
from kiosk.sources.base import Source, SourceMisconfigured
from kiosk.sources.failover import FailoverPolicy, FailoverSelector, SourceHealth
from kiosk.sources.probe import mapped_metrics, missing_words
from kiosk.sources.registry import create_source

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SourceSpec:
    source: Source
    interval_s: float
    preset: str = ""  # the preset its config names, for the staff screen


class _BrokenSource(Source):
    """Stands in for a source whose config could not be turned into an adapter."""

    def __init__(self, source_id: str, reason: str) -> None:
        super().__init__(source_id)
        self.reason = reason

    def read(self, now: float) -> Sequence[Reading]:
        raise SourceMisconfigured(self.reason)


def _stale_after_s(live_for_seconds: Mapping[str, float], source_id: str) -> float:
    return live_for_seconds.get(source_id, 60.0)


class _FigureOwners:
    """Which source feeds the store for each figure. Plain Python: poller workers ask it."""

    def __init__(self) -> None:
        self._owners: dict[tuple[str, str], str] = {}

    def replace(self, owners: dict[tuple[str, str], str]) -> None:
        """GUI thread. Replaced whole, never changed in place: workers read without a lock."""
        self._owners = owners

    def accepts(self, reading: Reading) -> bool:
        """Worker side: store a figure only from the source currently feeding it."""
        owner = self._owners.get((reading.metric.value, reading.meter))
        return owner is None or owner == reading.source_id


class EnergyService(QObject):
    summary_did_update = Signal(object)  # EnergySummary
    source_did_fail = Signal(str, str)  # source id, reason in plain words
    source_did_recover = Signal(str)
    health_did_change = Signal(object)  # list[SourceHealth]
    metric_did_go_stale = Signal(str, str)  # metric, meter
    metric_did_go_live = Signal(str, str)

    def __init__(
        self,
        store: EnergyStore,
        factor: EmissionFactor,
        sources: Sequence[SourceSpec],
        *,
        tasks: TaskRunner,
        policy: FailoverPolicy | None = None,
        aggregate: AggregatePlan | None = None,
        clock: Clock = time.time,
        stale_check_ms: int = 500,
        maintenance_minutes: float = 10.0,
        owns_store: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.factor = factor
        self.clock = clock
        self._owns_store = owns_store
        self.policy = policy or FailoverPolicy(
            default_order=tuple(s.source.source_id for s in sources),
            orders={},
            live_for_seconds={s.source.source_id: 3 * s.interval_s for s in sources},
        )
        self.selector = FailoverSelector(self.policy)
        self.aggregator = Aggregator(aggregate or AggregatePlan({}, {}, frozenset()))
        self._owners = _FigureOwners()
        self._stale: set[tuple[str, str]] = set()
        self._last: dict[tuple[str, str], Reading] = {}
        self._summary_pending = False
        self._summary_again = False
        self.summary: EnergySummary | None = None
        #: Baselines and the site's size, compared in every summary (from_config sets them).
        self.references = SiteReferences()
        self._tasks: SerialQueue = tasks.serial("energy")
        self._runner = tasks
        self.pollers: dict[str, SourcePoller] = {}
        #: Per source: its preset and the (metric, meter) pairs its config maps, if it knows.
        self._mapped = {s.source.source_id: (s.preset, mapped_metrics(s.source)) for s in sources}
        for spec in sources:
            poller = SourcePoller(
                spec.source, spec.interval_s, store, tasks=tasks, clock=clock,
                accept=self._owners.accepts, parent=self,
            )  # fmt: skip
            poller.readings_did_arrive.connect(self._on_readings_did_arrive)
            poller.source_did_fail.connect(self._on_source_did_fail)
            poller.source_did_recover.connect(self._on_source_did_recover)
            self.pollers[spec.source.source_id] = poller
        self._stale_timer = QTimer(self)
        self._stale_timer.setInterval(stale_check_ms)
        self._stale_timer.timeout.connect(self._on_stale_timer)
        self._maintenance_timer = QTimer(self)
        self._maintenance_timer.setInterval(max(1000, round(maintenance_minutes * 60_000)))
        self._maintenance_timer.timeout.connect(self._on_maintenance_timer)

    @classmethod
    def from_config(
        cls, config: Config, paths: AppPaths, *, tasks: TaskRunner, clock: Clock = time.time
    ) -> EnergyService:
        """Store, sources and factor as the config says. A broken source shows as failing."""
        site, storage = config.site, config.storage
        store = EnergyStore(
            paths.readings_db, raw_retention_days=storage.raw_retention_days,
            max_db_mb=storage.max_db_mb, tz=site.timezone,
            limits=SanityLimits.for_site(site.pv_kwp, site.grid_capacity_kw),
        )  # fmt: skip
        plan = AggregatePlan.parse(config.aggregate, (s.id for s in config.sources))
        specs = []
        for src in config.sources:
            if not src.enabled:
                continue
            try:
                source = create_source(src, config, clock)
            except SourceMisconfigured as exc:
                source = _BrokenSource(src.id, str(exc))
            if plan.relabels(src.id):
                source = PartSource(source, plan.relabels(src.id))
            preset = (src.options or {}).get("preset", "")
            specs.append(SourceSpec(source, src.interval_seconds, str(preset)))
        service = cls(
            store, resolve_factor(site), specs, tasks=tasks,
            policy=FailoverPolicy.from_config(config),
            aggregate=plan, clock=clock, maintenance_minutes=storage.checkpoint_minutes,
            owns_store=True,
        )  # fmt: skip
        service.references = SiteReferences(
            baselines_from(config.baselines or ()), site.area_m2, site.occupants
        )
        return service

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        for poller in self.pollers.values():
            poller.start()
        self._stale_timer.start()
        self._maintenance_timer.start()
        self.refresh_summary()

    def stop(self) -> None:
        """Stop every poller (joining its thread), finish background work, close the store."""
        self._stale_timer.stop()
        self._maintenance_timer.stop()
        for poller in self.pollers.values():
            poller.stop()
        self._tasks.cancel_all()  # a summary nobody will see
        self._tasks.wait()
        if self._owns_store:
            # chart queries and other services' work use the store from other queues: all
            # of it ends before the store closes (the kiosk stops the other services first)
            self._runner.wait()
            self.store.close()

    def stop_source(self, source_id: str) -> None:
        """Stop polling one source (staff action, or a test); its figures go stale in time."""
        self.pollers[source_id].stop()

    def stale_after_s(self, source_id: str) -> float:
        return _stale_after_s(self.policy.live_for_seconds, source_id)

    def stale_after_for_workers(self) -> Callable[[str], float]:
        """:meth:`stale_after_s` as a plain function of a copy of the policy, for queries on
        worker threads (which must not call into this QObject)."""
        return partial(_stale_after_s, dict(self.policy.live_for_seconds))

    def health(self) -> list[SourceHealth]:
        """One record per source for the staff screen: state, last good time, error, reads/min,
        its preset and the mapped metrics it has no live value for."""
        now = self.clock()
        out = self.selector.health(now)
        for h in out:
            preset, mapped = self._mapped.get(h.source_id, ("", None))
            h.preset = preset
            if mapped is not None:
                live = {k for k, r in self.selector.latest_of(h.source_id).items()
                        if self.selector.is_live(r, now)}  # fmt: skip
                h.missing = missing_words(mapped, live)
        return out

    def is_stale(self, metric: str, meter: str = "") -> bool:
        return (metric, meter) in self._stale

    # -- summary -----------------------------------------------------------------------------

    def current_summary(self) -> EnergySummary | None:
        """The newest summary (None before the first one), for pull-style readers."""
        return self.summary

    def refresh_summary(self) -> None:
        """Recompute the summary off the GUI thread; at most one computation at a time."""
        if self._summary_pending:
            self._summary_again = True
            return
        self._summary_pending = True
        now = self.clock()
        store, factor, references = self.store, self.factor, self.references
        stale_after = self.stale_after_for_workers()
        self._tasks.run(
            lambda: summarize(store, now, factor, stale_after, references),
            self._on_summary_done,
            self._on_summary_failed,
        )

    def _on_summary_done(self, summary: EnergySummary) -> None:
        self._summary_pending = False
        self.summary = summary
        self.summary_did_update.emit(summary)
        if self._summary_again:
            self._summary_again = False
            self.refresh_summary()

    def _on_summary_failed(self, exc: BaseException) -> None:
        self._summary_pending = False
        log.warning("energy summary failed: %s", exc)

    # -- slots -------------------------------------------------------------------------------

    @Slot(str, object, float, object)
    def _on_readings_did_arrive(
        self, source_id: str, readings: list[Reading], now: float, report: object
    ) -> None:
        del report
        self.selector.note_poll(source_id, now, readings)
        self._add_sums(readings, now)
        for r in readings:
            key = (r.metric.value, r.meter)
            old = self._last.get(key)
            if old is None or r.timestamp >= old.timestamp:
                self._last[key] = r
        self._update_owners(now)
        self._check_staleness(now)
        self.health_did_change.emit(self.health())
        self.refresh_summary()

    @Slot(str, str)
    def _on_source_did_fail(self, source_id: str, reason: str) -> None:
        now = self.clock()
        self.selector.note_failure(source_id, now, reason)
        self._update_owners(now)
        self.source_did_fail.emit(source_id, reason)
        self.health_did_change.emit(self.health())

    @Slot(str)
    def _on_source_did_recover(self, source_id: str) -> None:
        self.source_did_recover.emit(source_id)

    @Slot()
    def _on_stale_timer(self) -> None:
        if self._check_staleness(self.clock()):
            self.refresh_summary()

    @Slot()
    def _on_maintenance_timer(self) -> None:
        now, store = self.clock(), self.store
        self._tasks.run(lambda: store.maintenance(now), None, self._on_maintenance_failed)

    def _on_maintenance_failed(self, exc: BaseException) -> None:
        log.warning("readings database maintenance failed: %s", exc)

    def aggregate_status(self) -> list[AggregateStatus]:
        """Each ``[aggregate]`` sum: its parts and which of them are live now."""
        now = self.clock()
        return self.aggregator.status(lambda r: self.selector.is_live(r, now))

    def _add_sums(self, readings: list[Reading], now: float) -> None:
        """Recompute the sums the new readings are part of; store them off the GUI thread."""
        if not self.aggregator.plan.sums:
            return
        self.aggregator.note(readings)
        sums = self.aggregator.sums(now, lambda r: self.selector.is_live(r, now))
        if not sums:
            return
        self.selector.note_poll(AGGREGATE_ID, now, sums)
        partial = [s.words() for s in self.aggregate_status() if s.missing]
        self.selector.note_problem(AGGREGATE_ID, "; ".join(partial))
        for r in sums:
            key = (r.metric.value, r.meter)
            self._last[key] = r
        store = self.store
        self._tasks.run(lambda: store.ingest(sums, now), None, self._on_sums_failed)

    def _on_sums_failed(self, exc: BaseException) -> None:
        log.warning("storing the [aggregate] sums failed: %s", exc)

    def _update_owners(self, now: float) -> None:
        self._owners.replace(
            {
                (metric.value, meter): choice.source_id
                for (metric, meter), choice in self.selector.select_all(now).items()
                if choice.provenance is not Provenance.CACHED
            }
        )

    def _check_staleness(self, now: float) -> bool:
        """Emit a signal per figure that went stale or live; True if any changed."""
        changed = False
        for key, r in self._last.items():
            stale = now - r.timestamp > self.stale_after_s(r.source_id)
            if stale and key not in self._stale:
                self._stale.add(key)
                self.metric_did_go_stale.emit(*key)
                changed = True
            elif not stale and key in self._stale:
                self._stale.discard(key)
                self.metric_did_go_live.emit(*key)
                changed = True
        return changed
