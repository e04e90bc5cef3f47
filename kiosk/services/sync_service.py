"""Network sync in the background: a jittered schedule, sync runs on the kiosk's task runner.

The sync client blocks on the network and on hashing, so it runs on a serial queue of the
task runner ("sync"; status reads on "sync-status", so the staff screen is not kept waiting
by a long download). The jobs touch no QObject: outcomes and progress come back on the GUI
thread, where the service emits its signals. Progress is throttled so a fast download cannot
flood the event loop.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.config import Config
from kiosk.config.paths import AppPaths
from kiosk.services.tasks import Task, TaskRunner
from kiosk.sync.client import SyncClient, SyncFailed, SyncOutcome
from kiosk.sync.schedule import first_delay_s, next_delay_s
from kiosk.sync.setup import SyncSetupError, client_from_config
from kiosk.sync.status import SyncStatus, read_status
from kiosk.util.failure_kinds import FailureKind

log = logging.getLogger(__name__)

PROGRESS_INTERVAL_S = 0.1


@dataclass(frozen=True)
class _SyncEnd:
    """What one sync run did: an outcome, or a failure (kind, English reason)."""

    outcome: SyncOutcome | None = None
    kind: str = ""
    reason: str = ""
    status: SyncStatus | None = None  # read again after the run


def _run_sync(
    client: SyncClient,
    status_reader: Callable[[], SyncStatus] | None,
    task: Task[_SyncEnd],
) -> _SyncEnd:
    """Worker side: one sync, then the stored status. Reports (done, total) progress."""
    last_emit = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - last_emit[0] >= PROGRESS_INTERVAL_S:
            last_emit[0] = now
            task.report(done, total)

    try:
        outcome = client.sync_once(progress, task.cancelled)
    except SyncFailed as exc:
        log.warning("sync failed (%s): %s", exc.kind, exc.reason)
        end = _SyncEnd(kind=exc.kind, reason=exc.reason)
    except Exception as exc:  # a bug must not kill the schedule
        log.exception("sync crashed")
        end = _SyncEnd(kind=FailureKind.INTERNAL, reason=f"internal error: {exc}")
    else:
        log.info("sync: %s", outcome.message)
        end = _SyncEnd(outcome=outcome)
    return _SyncEnd(end.outcome, end.kind, end.reason, _read_status_quietly(status_reader))


def _read_status_quietly(status_reader: Callable[[], SyncStatus] | None) -> SyncStatus | None:
    if status_reader is None:
        return None
    try:
        return status_reader()
    except Exception:
        log.exception("reading the sync status failed")
        return None


class SyncService(QObject):
    """Owns the sync schedule. Create on the GUI thread; call :meth:`start` once.

    ``client`` None means sync cannot run (``setup_error`` says why, e.g. no channel key);
    the staff screen still shows that reason.
    """

    sync_did_start = Signal()
    # bytes done, bytes to download (64-bit: a channel may exceed 2 GiB; the stubs want types)
    sync_did_progress = Signal("qint64", "qint64")  # type: ignore[arg-type]
    sync_did_finish = Signal(object)  # SyncOutcome
    sync_did_fail = Signal(str, str)  # FailureKind value, English reason (the detail)
    pack_did_install = Signal(str)  # pack id; the content service reloads the active content
    status_did_change = Signal(object)  # SyncStatus, for the staff screen (GUI thread)

    def __init__(
        self,
        client: SyncClient | None,
        url: str,
        interval_minutes: int,
        setup_error: str = "",
        rng: random.Random | None = None,
        status_reader: Callable[[], SyncStatus] | None = None,
        *,
        tasks: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.url = url
        self.interval_minutes = interval_minutes
        self.setup_error = setup_error
        self._rng = rng or random.Random()
        self._status_reader = status_reader or (
            (lambda: read_status(url, client.library, client.state_file)) if client else None
        )
        self._failures = 0
        self._sync_queue = tasks.serial("sync")
        self._status_queue = tasks.serial("sync-status")
        self._sync: Task[_SyncEnd] | None = None
        self._status_task: Task[SyncStatus | None] | None = None
        self._stopped = False
        self.status: SyncStatus | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)

    @property
    def is_running(self) -> bool:
        return self._sync is not None

    def start(self) -> None:
        """Publish the stored status, then sync after a random short delay."""
        self.refresh_status()
        if self.client is not None:
            self._timer.start(int(first_delay_s(self._rng) * 1000))

    def refresh_status(self) -> None:
        """Re-read the stored status (e.g. when the staff screen opens); answers by
        ``status_did_change``."""
        if self._status_task is None and self._status_reader is not None and not self._stopped:
            reader = self._status_reader
            self._status_task = self._status_queue.run(
                lambda: _read_status_quietly(reader), self._on_status_read
            )

    def sync_now(self) -> bool:
        """Start a sync unless one is running; False if it could not start."""
        if self.client is None:
            self.sync_did_fail.emit(
                FailureKind.NOT_CONFIGURED, self.setup_error or "network sync is not configured"
            )
            return False
        if self.is_running or self._stopped:
            return False
        self._timer.stop()
        self.sync_did_start.emit()
        client, reader = self.client, self._status_reader
        self._sync = self._sync_queue.run_task(
            lambda task: _run_sync(client, reader, task),
            self._on_sync_done,
            on_progress=self._on_sync_progress,
        )
        return True

    def stop(self) -> None:
        """Cancel a running sync (the previous content stays active) and wait for it."""
        self._stopped = True
        self._timer.stop()
        for queue in (self._sync_queue, self._status_queue):
            queue.cancel_all()
            queue.wait(10_000)
        self._sync = self._status_task = None

    def next_delay_ms(self) -> int:
        return int(next_delay_s(self.interval_minutes, self._failures, self._rng) * 1000)

    # -- results on the GUI thread -----------------------------------------------------------
    def _on_sync_progress(self, done: int, total: int) -> None:
        self.sync_did_progress.emit(done, total)

    def _on_sync_done(self, end: _SyncEnd) -> None:
        self._sync = None
        if end.outcome is not None:
            self._failures = 0
            self.sync_did_finish.emit(end.outcome)
            if end.outcome.status == "updated":
                self.pack_did_install.emit(end.outcome.pack_id)
        else:
            self._failures += 1
            self.sync_did_fail.emit(end.kind, end.reason)
        if end.status is not None:
            self._set_status(end.status)
        if not self._stopped:
            self._timer.start(self.next_delay_ms())

    def _on_status_read(self, status: SyncStatus | None) -> None:
        self._status_task = None
        if status is not None:
            self._set_status(status)

    def _set_status(self, status: SyncStatus) -> None:
        self.status = status
        self.status_did_change.emit(status)


def sync_service_from_config(
    config: Config, paths: AppPaths, *, tasks: TaskRunner, parent: QObject | None = None
) -> SyncService:
    """The app's sync service; with no channel URL (or a bad key) it only reports why."""
    url, minutes = config.channel.url, config.channel.interval_minutes
    if not url:
        return SyncService(None, "", minutes, tasks=tasks, parent=parent)
    try:
        client = client_from_config(config, paths)
    except SyncSetupError as exc:
        log.error("network sync is off: %s", exc)
        return SyncService(None, url, minutes, str(exc), tasks=tasks, parent=parent)
    return SyncService(client, url, minutes, tasks=tasks, parent=parent)
