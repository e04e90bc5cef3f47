"""Anonymous visitor counts: a service that listens to the idle tracker, the router, the quiz
service and the stories screen, and adds up what happened in each hour.

It never sees a person: only that a session began (a touch after the attract loop), which
screen was shown, which quiz level and topic a round had and how many answers were right,
that a story was opened, and how long a session lasted (in buckets). Counts gather in memory
and go to SQLite (:class:`kiosk.fleet.counts.CountStore`) once a minute on the serial queue
"fleet-counts"; the heartbeat reads "since the last heartbeat" from here.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer

from kiosk.fleet.counts import CountStore, counter_name, hour_of
from kiosk.services.tasks import TaskRunner

log = logging.getLogger(__name__)
T = TypeVar("T")

FLUSH_MS = 60_000
#: Screens that are not the visitor's choice (staff, the PIN pad, USB install, the loop).
NOT_VISITOR_SCREENS = frozenset({"attract", "staff", "pin", "usb"})
#: Upper bounds (seconds) and names of the dwell-time buckets.
DWELL_BUCKETS = ((30, "under-30s"), (120, "30s-2m"), (300, "2-5m"), (900, "5-15m"))
DWELL_LONGEST = "over-15m"


def dwell_bucket(seconds: float) -> str:
    for bound, name in DWELL_BUCKETS:
        if seconds < bound:
            return name
    return DWELL_LONGEST


class EngagementService(QObject):
    def __init__(
        self,
        store_path: Path,
        tasks: TaskRunner,
        *,
        keep_days: int = 400,
        idle_seconds: float = 90.0,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._path = store_path
        self._keep_days = keep_days
        self._store: CountStore | None = None
        self._queue = tasks.serial("fleet-counts")
        self.idle_seconds = idle_seconds
        self.clock = clock
        self.monotonic = monotonic
        self._pending: dict[int, Counter[str]] = {}
        self._since_heartbeat: Counter[str] = Counter()
        self._session_started: float | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(FLUSH_MS)
        self._timer.timeout.connect(self.flush)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        """Write what is in memory, close the database (waits for the queue; at shutdown)."""
        self._timer.stop()
        self.flush()
        self._queue.run(self._close)
        self._queue.wait(10_000)

    # --- what visitors did -------------------------------------------------------------------

    def count(self, name: str, n: int = 1) -> None:
        self._pending.setdefault(hour_of(self.clock()), Counter())[name] += n
        self._since_heartbeat[name] += n

    def on_user_did_return(self) -> None:
        self._session_started = self.monotonic()
        self.count("sessions")

    def on_user_did_go_idle(self) -> None:
        started, self._session_started = self._session_started, None
        if started is not None:
            seconds = max(0.0, self.monotonic() - started - self.idle_seconds)
            self.count(counter_name("dwell", dwell_bucket(seconds)))

    def on_screen_did_change(self, name: str) -> None:
        if name not in NOT_VISITOR_SCREENS:
            self.count(counter_name("screen", name))

    def on_round_did_start(self, level: str, topic: str) -> None:
        self.count(counter_name("quiz", "started", level, topic or "all"))

    def on_round_did_finish(self, level: str, topic: str, answered: int, right: int) -> None:
        self.count(counter_name("quiz", "finished", level, topic or "all"))
        self.count("quiz.answers", answered)
        self.count("quiz.right", right)

    def on_story_did_open(self) -> None:
        self.count("stories.opened")

    # --- for the heartbeat and reports --------------------------------------------------------

    def take_since_heartbeat(self) -> dict[str, int]:
        """The counts since the last call (the heartbeat's "since_last")."""
        out = dict(sorted(self._since_heartbeat.items()))
        self._since_heartbeat.clear()
        return out

    def flush(self) -> None:
        """Hand the counts in memory to the database queue."""
        if not self._pending:
            return
        batch = {hour: dict(c) for hour, c in self._pending.items()}
        self._pending = {}
        now = self.clock()
        self._queue.run(lambda: self._open().add(batch, now), on_error=self._on_write_failed)

    def with_store(
        self,
        op: Callable[[CountStore], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``op(store)`` on the counts queue (after the pending writes); ``on_done`` (or
        ``on_error``) on the GUI thread."""
        self.flush()
        self._queue.run(lambda: op(self._open()), on_done, on_error or self._on_write_failed)

    @property
    def store_path(self) -> Path:
        return self._path

    @property
    def keep_days(self) -> int:
        return self._keep_days

    def _on_write_failed(self, exc: BaseException) -> None:
        log.warning("visitor counts: %s: %s", self._path, exc)

    def _open(self) -> CountStore:
        if self._store is None:
            self._store = CountStore(self._path, self._keep_days)
        return self._store

    def _close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
