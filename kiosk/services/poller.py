"""One poller per source: read, store, report, back off on failure.

Each poller has a serial queue on the kiosk's :class:`TaskRunner`: the adapter's blocking
``read`` and ``EnergyStore.ingest`` run there, one poll at a time, so the GUI thread never
waits on a device or the disk. The interval runs on a Qt timer on the GUI thread (monotonic),
started again when a poll's outcome arrives; timestamps come from the injectable ``clock``
(wall time, or a fake/accelerated clock), read on the worker when the poll runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.energy.ingest import IngestReport
from kiosk.energy.metrics import Reading
from kiosk.energy.store import EnergyStore, StoreError
from kiosk.services.tasks import SerialQueue, Task, TaskRunner
from kiosk.sources.backoff import Backoff
from kiosk.sources.base import Source, SourceError, SourceMisconfigured

log = logging.getLogger(__name__)

Clock = Callable[[], float]
#: Decides per reading whether it goes into the store (the source chosen for that figure).
#: Called on the worker: it must be a plain function of immutable state, no QObject.
Accept = Callable[[Reading], bool]


@dataclass(frozen=True)
class _Outcome:
    """What one poll did: readings stored, or why not (``permanent`` = misconfigured)."""

    now: float
    readings: tuple[Reading, ...] = ()
    report: IngestReport | None = None
    failure: str = ""
    permanent: bool = False


class _PollJob:
    """The worker side of a poller (no Qt): touched only by its serial queue, one poll at a time."""

    def __init__(self, source: Source, store: EnergyStore, clock: Clock, accept: Accept) -> None:
        self.source = source
        self._store = store
        self._clock = clock
        self._accept = accept
        self._history_pending = True

    def poll(self) -> _Outcome:
        now = self._clock()
        try:
            if self._history_pending:
                self._history_pending = False
                self._store_history(now)
            readings = tuple(self.source.read(now))
            report = self._store.ingest([r for r in readings if self._accept(r)], now)
        except SourceMisconfigured as exc:
            return _Outcome(now, failure=str(exc), permanent=True)
        except SourceError as exc:
            return _Outcome(now, failure=str(exc) or type(exc).__name__)
        except StoreError as exc:
            return _Outcome(now, failure=str(exc))
        except Exception as exc:  # an adapter bug must not kill the poller
            log.exception("source %s raised an unexpected error", self.source.source_id)
            return _Outcome(now, failure=f"unexpected error: {type(exc).__name__}: {exc}")
        return _Outcome(now, readings, report)

    def close(self) -> None:
        try:
            self.source.close()
        except Exception:
            log.exception("closing source %s failed", self.source.source_id)

    def _store_history(self, now: float) -> None:
        """Store the source's past readings once, if the store has nothing for them yet."""
        history = [r for r in self.source.history(now) if self._accept(r)]
        if history and self._store.latest(history[0].metric, history[0].meter) is None:
            report = self._store.ingest(history, now)
            log.info("%s: stored %d past readings", self.source.source_id, report.accepted)


class SourcePoller(QObject):
    """Polls one source every ``interval_s`` on its own serial queue. Create it on the GUI thread.

    ``source_did_fail`` is emitted when a source starts failing or its reason changes;
    ``source_did_recover`` after the first good poll that follows.
    """

    readings_did_arrive = Signal(str, object, float, object)  # id, readings, now, IngestReport
    source_did_fail = Signal(str, str)  # id, reason in plain words
    source_did_recover = Signal(str)

    def __init__(
        self,
        source: Source,
        interval_s: float,
        store: EnergyStore,
        *,
        tasks: TaskRunner,
        clock: Clock,
        backoff: Backoff | None = None,
        accept: Accept | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.source_id = source.source_id
        self.interval_s = interval_s
        self.backoff = backoff or Backoff(interval_s, max(60.0, interval_s))
        self.failing_reason = ""
        self.misconfigured = False
        self._job = _PollJob(source, store, clock, accept or _accept_all)
        self._queue: SerialQueue = tasks.serial(f"poller-{self.source_id}")
        self._poll: Task[_Outcome] | None = None
        self._running = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def is_running(self) -> bool:
        return self._running

    def start(self) -> None:
        if self._running:
            return
        self._running = True
        self._timer.start(0)

    def stop(self, timeout_ms: int = 30_000) -> bool:
        """Stop polling, close the source and wait for it. True if it ended in time."""
        if not self._running:
            return True
        self._running = False
        self._timer.stop()
        if self._poll is not None:
            self._poll.cancel()
            self._poll = None
        self._queue.run(self._job.close)  # after a poll that is still reading
        return self._queue.wait(timeout_ms)

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._poll = self._queue.run(self._job.poll, self._on_poll_done)

    def _on_poll_done(self, outcome: _Outcome) -> None:
        self._poll = None
        if outcome.failure:
            self.misconfigured = outcome.permanent
            # a missing file may appear: retry, but do not hammer meanwhile
            delay_s = self.backoff.max_s if outcome.permanent else self.backoff.next_delay()
            if outcome.failure != self.failing_reason:
                self.failing_reason = outcome.failure
                self.source_did_fail.emit(self.source_id, outcome.failure)
        else:
            self.backoff.reset()
            delay_s = self.interval_s
            if self.failing_reason:
                self.failing_reason, self.misconfigured = "", False
                self.source_did_recover.emit(self.source_id)
            self.readings_did_arrive.emit(
                self.source_id, list(outcome.readings), outcome.now, outcome.report
            )
        if self._running:
            self._timer.start(max(1, round(delay_s * 1000)))


def _accept_all(_reading: Reading) -> bool:
    return True
