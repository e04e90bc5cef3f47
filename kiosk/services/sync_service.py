"""Network sync in the background: a jittered schedule, one worker thread per sync run.

The sync client blocks on the network and on hashing, so it never runs on the GUI thread.
Signals are emitted from the worker and delivered queued to GUI-thread receivers. Progress
is throttled so a fast download cannot flood the event loop.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.config import Config
from kiosk.config.paths import AppPaths
from kiosk.sync.client import SyncClient, SyncFailed, SyncOutcome
from kiosk.sync.schedule import first_delay_s, next_delay_s
from kiosk.sync.setup import SyncSetupError, client_from_config
from kiosk.sync.status import SyncStatus, read_status
from kiosk.util.failure_kinds import FailureKind

log = logging.getLogger(__name__)

PROGRESS_INTERVAL_S = 0.1


class SyncService(QObject):
    """Owns the sync schedule. Create on the GUI thread; call :meth:`start` once.

    ``client`` None means sync cannot run (``setup_error`` says why, e.g. no channel key);
    the staff screen still shows that reason.
    """

    sync_did_start = Signal()
    sync_did_progress = Signal("qint64", "qint64")  # bytes done, bytes to download
    sync_did_finish = Signal(object)  # SyncOutcome
    sync_did_fail = Signal(str, str)  # FailureKind value, English reason (the detail)
    pack_did_install = Signal(str)  # pack id; the content service reloads the active content
    status_did_change = Signal(object)  # SyncStatus, for the staff screen (GUI thread)
    _worker_did_read_status = Signal(object)
    _worker_did_end = Signal(bool)

    def __init__(
        self,
        client: SyncClient | None,
        url: str,
        interval_minutes: int,
        setup_error: str = "",
        rng: random.Random | None = None,
        status_reader: Callable[[], SyncStatus] | None = None,
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
        self._sync_thread: threading.Thread | None = None
        self._status_thread: threading.Thread | None = None
        self._cancel = threading.Event()
        self.status: SyncStatus | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        self._worker_did_end.connect(self._on_worker_did_end)
        self._worker_did_read_status.connect(self._on_worker_did_read_status)

    @property
    def is_running(self) -> bool:
        return self._sync_thread is not None and self._sync_thread.is_alive()

    def start(self) -> None:
        """Publish the stored status, then sync after a random short delay."""
        self.refresh_status()
        if self.client is not None:
            self._timer.start(int(first_delay_s(self._rng) * 1000))

    def refresh_status(self) -> None:
        """Re-read the stored status (e.g. when the staff screen opens); answers by
        ``status_did_change``."""
        if self._status_thread is None or not self._status_thread.is_alive():
            self._status_thread = self._spawn(self._work_status)

    def sync_now(self) -> bool:
        """Start a sync unless one is running; False if it could not start."""
        if self.client is None:
            self.sync_did_fail.emit(
                FailureKind.NOT_CONFIGURED, self.setup_error or "network sync is not configured"
            )
            return False
        if self.is_running:
            return False
        self._timer.stop()
        self.sync_did_start.emit()
        self._sync_thread = self._spawn(self._work_sync)
        return True

    def stop(self) -> None:
        """Cancel a running sync (the previous content stays active) and wait for it."""
        self._timer.stop()
        self._cancel.set()
        for thread in (self._sync_thread, self._status_thread):
            if thread is not None:
                thread.join(10)

    def next_delay_ms(self) -> int:
        return int(next_delay_s(self.interval_minutes, self._failures, self._rng) * 1000)

    # -- worker side -------------------------------------------------------------------------
    def _spawn(self, target: Callable[[], None]) -> threading.Thread:
        thread = threading.Thread(target=target, name="kiosk-sync", daemon=True)
        thread.start()
        return thread

    def _work_status(self) -> None:
        if self._status_reader is not None:
            try:
                self._worker_did_read_status.emit(self._status_reader())
            except Exception:
                log.exception("reading the sync status failed")

    def _work_sync(self) -> None:
        assert self.client is not None
        last_emit = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if done >= total or now - last_emit[0] >= PROGRESS_INTERVAL_S:
                last_emit[0] = now
                self.sync_did_progress.emit(done, total)

        ok = False
        try:
            outcome: SyncOutcome = self.client.sync_once(progress, self._cancel)
        except SyncFailed as exc:
            log.warning("sync failed (%s): %s", exc.kind, exc.reason)
            self.sync_did_fail.emit(exc.kind, exc.reason)
        except Exception as exc:  # a bug must not kill the schedule
            log.exception("sync crashed")
            self.sync_did_fail.emit(FailureKind.INTERNAL, f"internal error: {exc}")
        else:
            ok = True
            log.info("sync: %s", outcome.message)
            self.sync_did_finish.emit(outcome)
            if outcome.status == "updated":
                self.pack_did_install.emit(outcome.pack_id)
        self._work_status()
        self._worker_did_end.emit(ok)

    # -- GUI side ----------------------------------------------------------------------------
    def _on_worker_did_end(self, ok: bool) -> None:
        self._failures = 0 if ok else self._failures + 1
        if not self._cancel.is_set():
            self._timer.start(self.next_delay_ms())

    def _on_worker_did_read_status(self, status: SyncStatus) -> None:
        self.status = status
        self.status_did_change.emit(status)


def sync_service_from_config(
    config: Config, paths: AppPaths, parent: QObject | None = None
) -> SyncService:
    """The app's sync service; with no channel URL (or a bad key) it only reports why."""
    url = config.channel.url
    if not url:
        return SyncService(None, "", config.channel.interval_minutes, parent=parent)
    try:
        client = client_from_config(config, paths)
    except SyncSetupError as exc:
        log.error("network sync is off: %s", exc)
        return SyncService(None, url, config.channel.interval_minutes, str(exc), parent=parent)
    return SyncService(client, url, config.channel.interval_minutes, parent=parent)
