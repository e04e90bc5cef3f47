"""One poller per source, each on its own QThread: read, store, report, back off on failure.

The worker calls the adapter's blocking ``read`` and ``EnergyStore.ingest`` on its thread, so
the GUI thread never waits on a device or the disk. Intervals run on Qt timers (monotonic);
timestamps come from the injectable ``clock`` (wall time, or a fake/accelerated clock).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from kiosk.energy.metrics import Reading
from kiosk.energy.store import EnergyStore, StoreError
from kiosk.sources.backoff import Backoff
from kiosk.sources.base import Source, SourceError, SourceMisconfigured

log = logging.getLogger(__name__)

Clock = Callable[[], float]
#: Decides per reading whether it goes into the store (the source chosen for that figure).
Accept = Callable[[Reading], bool]


class _PollWorker(QObject):
    poll_did_succeed = Signal(object, float, object)  # readings, now, IngestReport
    poll_did_fail = Signal(str, bool)  # plain-words reason, permanent (misconfigured)

    def __init__(
        self, source: Source, interval_s: float, store: EnergyStore, clock: Clock,
        backoff: Backoff, accept: Accept,
    ) -> None:  # fmt: skip
        super().__init__()
        self._source = source
        self._interval_ms = max(1, round(interval_s * 1000))
        self._store = store
        self._clock = clock
        self._backoff = backoff
        self._accept = accept
        self._timer: QTimer | None = None
        self._home = QThread.currentThread()
        self._history_pending = True

    @Slot()
    def begin(self) -> None:
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self._timer.start(0)

    @Slot()
    def finish(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        try:
            self._source.close()
        except Exception:
            log.exception("closing source %s failed", self._source.source_id)
            self._timer.deleteLater()  # deleted when this thread finishes
            self._timer = None
        thread = self.thread()
        self.moveToThread(self._home)  # back to the GUI thread, where it will be destroyed
        thread.quit()

    @Slot()
    def _on_timeout(self) -> None:
        now = self._clock()
        try:
            if self._history_pending:
                self._history_pending = False
                self._store_history(now)
            readings: Sequence[Reading] = self._source.read(now)
            report = self._store.ingest([r for r in readings if self._accept(r)], now)
        except SourceMisconfigured as exc:
            self.poll_did_fail.emit(str(exc), True)
            self._schedule(self._backoff.max_s)  # a file may appear; do not hammer meanwhile
            return
        except SourceError as exc:
            self.poll_did_fail.emit(str(exc) or type(exc).__name__, False)
            self._schedule(self._backoff.next_delay())
            return
        except StoreError as exc:
            self.poll_did_fail.emit(str(exc), False)
            self._schedule(self._backoff.next_delay())
            return
        except Exception as exc:  # an adapter bug must not kill the poller
            log.exception("source %s raised an unexpected error", self._source.source_id)
            self.poll_did_fail.emit(f"unexpected error: {type(exc).__name__}: {exc}", False)
            self._schedule(self._backoff.next_delay())
            return
        self._backoff.reset()
        self.poll_did_succeed.emit(list(readings), now, report)
        self._schedule(self._interval_ms / 1000)

    def _store_history(self, now: float) -> None:
        """Store the source's past readings once, if the store has nothing for them yet."""
        history = [r for r in self._source.history(now) if self._accept(r)]
        if history and self._store.latest(history[0].metric, history[0].meter) is None:
            report = self._store.ingest(history, now)
            log.info("%s: stored %d past readings", self._source.source_id, report.accepted)

    def _schedule(self, delay_s: float) -> None:
        if self._timer is not None:
            self._timer.start(max(1, round(delay_s * 1000)))


class SourcePoller(QObject):
    """Polls one source every ``interval_s`` on a private thread. Create it on the GUI thread.

    ``source_did_fail`` is emitted when a source starts failing or its reason changes;
    ``source_did_recover`` after the first good poll that follows.
    """

    readings_did_arrive = Signal(str, object, float, object)  # id, readings, now, IngestReport
    source_did_fail = Signal(str, str)  # id, reason in plain words
    source_did_recover = Signal(str)
    _stop_requested = Signal()

    def __init__(
        self,
        source: Source,
        interval_s: float,
        store: EnergyStore,
        *,
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
        self._thread: QThread | None = None
        self._worker = _PollWorker(
            source, interval_s, store, clock, self.backoff, accept or (lambda _r: True)
        )
        self._worker.poll_did_succeed.connect(self._on_poll_did_succeed)
        self._worker.poll_did_fail.connect(self._on_poll_did_fail)
        self._stop_requested.connect(self._worker.finish)

    @property
    def is_running(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = QThread()
        self._thread.setObjectName(f"poller-{self.source_id}")
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.begin)
        self._thread.start()

    def stop(self, timeout_ms: int = 30_000) -> bool:
        """Stop polling, close the source and join the thread. True if it ended in time."""
        thread, self._thread = self._thread, None
        if thread is None:
            return True
        self._stop_requested.emit()
        done = thread.wait(timeout_ms)
        return bool(done)

    @Slot(object, float, object)
    def _on_poll_did_succeed(self, readings: list[Reading], now: float, report: object) -> None:
        if self.failing_reason:
            self.failing_reason, self.misconfigured = "", False
            self.source_did_recover.emit(self.source_id)
        self.readings_did_arrive.emit(self.source_id, readings, now, report)

    @Slot(str, bool)
    def _on_poll_did_fail(self, reason: str, permanent: bool) -> None:
        self.misconfigured = permanent
        if reason != self.failing_reason:
            self.failing_reason = reason
            self.source_did_fail.emit(self.source_id, reason)
