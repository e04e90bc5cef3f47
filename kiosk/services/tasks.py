"""Run blocking work off the GUI thread and hand the result back by signal.

Modelled on Anki's ``QueryOp`` and Picard's ``thread.py``: ``op`` runs on a pool thread and
must not touch widgets; ``on_done`` / ``on_error`` run on the thread that owns the runner (the
GUI thread). Errors in ``op`` never escape: they are logged and passed to ``on_error``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    task_did_finish = Signal(object, object)  # (callback, result)
    task_did_fail = Signal(object, object)  # (callback, exception)


class _Job(QRunnable):
    def __init__(self, relay: _Relay, op: Callable[[], Any], on_done: Any, on_error: Any) -> None:
        super().__init__()
        self._relay = relay
        self._op = op
        self._on_done = on_done
        self._on_error = on_error

    def run(self) -> None:
        try:
            result = self._op()
        except Exception as exc:
            log.exception("background task failed")
            self._relay.task_did_fail.emit(self._on_error, exc)
        else:
            self._relay.task_did_finish.emit(self._on_done, result)


class TaskRunner(QObject):
    """Owns a thread pool; create it on the GUI thread."""

    def __init__(self, max_threads: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.task_did_finish.connect(self._on_task_did_finish)
        self._relay.task_did_fail.connect(self._on_task_did_fail)

    def run(
        self,
        op: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._pool.start(_Job(self._relay, op, on_done, on_error))

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until all tasks are done (shutdown and tests only)."""
        return self._pool.waitForDone(msecs)

    @Slot(object, object)
    def _on_task_did_finish(self, callback: Any, result: Any) -> None:
        if callback is not None:
            callback(result)

    @Slot(object, object)
    def _on_task_did_fail(self, callback: Any, exc: Any) -> None:
        if callback is not None:
            callback(exc)
