"""Announcements shown now: from the packs (signed) and from staff (posted on the kiosk).

The service looks at the one wall clock at the next start or end of an announcement, and at
least every minute, and emits ``announcements_did_change`` with what is shown now (urgent
first) whenever that changes: an expired announcement disappears by itself. Staff posts are
saved through the task runner before they show.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.content.active import ActiveContent
from kiosk.content.announcements import Announcement, current, next_change
from kiosk.schedule.times import local_time
from kiosk.services.tasks import TaskRunner
from kiosk.staff.announcements import load_posted, posted_announcement, save_posted

log = logging.getLogger(__name__)

#: The longest the service sleeps between two looks at the clock.
RECHECK_MS = 60_000


class AnnouncementService(QObject):
    #: tuple[Announcement, ...] shown now, urgent first
    announcements_did_change = Signal(object)
    #: a staff post or removal could not be saved: nothing changed; the reason in words
    post_did_fail = Signal(str)

    def __init__(
        self,
        path: Path,
        *,
        tasks: TaskRunner,
        clock: Callable[[], float] = time.time,
        tz: tzinfo = UTC,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.tz = tz
        self._clock = clock
        self._queue = tasks.serial("announcements")
        self._from_packs: tuple[Announcement, ...] = ()
        self._posted: tuple[Announcement, ...] = ()
        self._shown: tuple[Announcement, ...] = ()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)
        self._running = False

    @property
    def shown(self) -> tuple[Announcement, ...]:
        return self._shown

    @property
    def posted(self) -> tuple[Announcement, ...]:
        """Staff announcements not yet expired (shown or still to come)."""
        now = self.now().replace(tzinfo=None)
        return tuple(a for a in self._posted if a.ends > now)

    def now(self) -> datetime:
        return local_time(self._clock(), self.tz)

    def start(self) -> None:
        self._running = True
        self._queue.run(partial(load_posted, self.path), self._on_loaded, self._on_load_failed)
        self.refresh()

    def stop(self) -> None:
        self._running = False
        self._timer.stop()
        self._queue.wait(10_000)

    def set_content(self, content: ActiveContent | None) -> None:
        self._from_packs = content.announcements if content is not None else ()
        self.refresh()

    def post(self, text_zh: str, text_en: str, priority: str, minutes: int) -> None:
        """Show a staff announcement from now for ``minutes`` (once it is saved)."""
        try:
            new = posted_announcement(text_zh, text_en, priority, self.now(), minutes)
        except ValueError as exc:
            self.post_did_fail.emit(str(exc))
            return
        self._save((*self.posted, new))

    def remove(self, announcement_id: str) -> None:
        self._save(tuple(a for a in self.posted if a.id != announcement_id))

    def _save(self, posted: tuple[Announcement, ...]) -> None:
        self._queue.run(
            partial(save_posted, self.path, posted),
            partial(self._on_saved, posted),
            self._on_save_failed,
        )

    def _on_saved(self, posted: tuple[Announcement, ...], _result: object) -> None:
        self._posted = posted
        self.refresh()

    def _on_save_failed(self, exc: BaseException) -> None:
        reason = f"cannot save the announcement: {exc}"
        log.error("%s", reason)
        self.post_did_fail.emit(reason)

    def _on_loaded(self, posted: tuple[Announcement, ...]) -> None:
        self._posted = posted
        self.refresh()

    def _on_load_failed(self, exc: BaseException) -> None:
        log.warning("staff announcements ignored: %s", exc)

    def refresh(self) -> None:
        """Look at the clock: emit if what is shown changed; sleep until the next change."""
        local = self.now()
        every = (*self._posted, *self._from_packs)
        shown = current(every, local)
        if shown != self._shown:
            self._shown = shown
            self.announcements_did_change.emit(shown)
        if self._running:
            wait_ms = float(RECHECK_MS)
            upcoming = next_change(every, local)
            if upcoming is not None:
                ahead = (upcoming - local.replace(tzinfo=None)).total_seconds() * 1000
                wait_ms = min(wait_ms, max(0.0, ahead) + 50)
            self._timer.start(int(wait_ms))
