"""The app's side of content packs: start with the active pack, install from USB, roll back.

All library work runs on the kiosk's task runner in one serial queue, one job at a time
(installs, marking good and rollback never overlap). The jobs are plain Python
(:mod:`kiosk.services.content_jobs`) and touch no QObject; their results and progress come back
on the GUI thread, where the service updates its state and emits its signals. The start
sequence:

1. :meth:`ContentService.start` installs the bundled pack if needed and loads the active
   release (falling back past one that failed to start) → ``content_did_change``.
2. The UI applies the content and calls :meth:`ContentService.mark_shown`; only then is a new
   release marked good. If the app dies before that, the next start falls back by itself.

What ``content_did_change`` carries is only what is in season now
(:func:`kiosk.content.in_season.shown_now`): the service looks at the clock every minute and
emits again when a dated story, attract item or quiz set comes into season or leaves it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, tzinfo
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.content.active import ActiveContent
from kiosk.content.builtin import BUILTIN_DIR
from kiosk.content.in_season import season_key, shown_now
from kiosk.content.library import Library
from kiosk.content.policy import InstallPolicy
from kiosk.content.store import PackRef
from kiosk.schedule.times import local_time
from kiosk.services.content_jobs import (
    PROGRESS_STEPS,
    ContentStatus,
    LibraryJobs,
    Loaded,
    ReleaseInfo,
)
from kiosk.services.tasks import Task, TaskRunner
from kiosk.util.failure_kinds import Failure, FailureKind, kind_of

__all__ = ["PROGRESS_STEPS", "ContentService", "ContentStatus", "ReleaseInfo"]

log = logging.getLogger(__name__)

#: How often the service looks whether a dated item came into season or left it.
SEASON_CHECK_MS = 60_000


class ContentService(QObject):
    content_did_change = Signal(object)  # ActiveContent | None
    status_did_change = Signal(object)  # ContentStatus
    install_did_start = Signal(str)  # the pack file's name
    install_did_enter_phase = Signal(str)  # "copy" | "install" | "load"
    install_did_progress = Signal(int, int)  # (done, PROGRESS_STEPS)
    install_did_finish = Signal(object)  # PackRef of the release now shown
    install_did_fail = Signal(str, str)  # FailureKind value, English reason; nothing changed
    rollback_did_finish = Signal(object)  # PackRef
    rollback_did_fail = Signal(str, str)  # FailureKind value, English reason

    def __init__(
        self,
        library: Library,
        policy: InstallPolicy,
        trusted_keys: tuple[str, ...],
        incoming_dir: Path,
        bundle_dir: Path = BUILTIN_DIR,
        clock: Callable[[], float] = time.time,
        *,
        tasks: TaskRunner,
        tz: tzinfo = UTC,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.tz = tz  # the site's: seasons are in its local time
        self.policy = policy
        self.incoming_dir = incoming_dir
        self._clock = clock
        self._jobs = LibraryJobs(library, policy, trusted_keys, incoming_dir, bundle_dir)
        self._status = ContentStatus()
        self._content: ActiveContent | None = None  # what is in season of _all_content
        self._all_content: ActiveContent | None = None
        self._season_timer = QTimer(self)
        self._season_timer.setInterval(SEASON_CHECK_MS)
        self._season_timer.timeout.connect(self.check_season)
        self._busy = False
        self._phase = ""
        self._started = False
        self._loaded = False
        self._stopped = False
        self._queue = tasks.serial("content")

    # -- state read by the UI ----------------------------------------------------------------
    @property
    def content(self) -> ActiveContent | None:
        return self._content

    @property
    def status(self) -> ContentStatus:
        return self._status

    @property
    def loaded(self) -> bool:
        """The start has finished (with or without content)."""
        return self._loaded

    @property
    def busy(self) -> bool:
        """An install or rollback is running."""
        return self._busy

    # -- actions -----------------------------------------------------------------------------
    def start(self) -> None:
        """Begin (once): a second start would see the release "trying" and fall back."""
        if self._started:
            return
        self._started = True
        self._season_timer.start()
        self._run(self._jobs.start, self._on_loaded, self._on_start_error)

    def reload(self, _pack_id: str = "") -> None:
        """Load the active release again (another channel, e.g. network sync, installed one)."""
        self._run(self._jobs.load, self._on_loaded)

    def stop(self) -> None:
        """Refuse new installs and let the running job finish (the library is atomic anyway)."""
        self._stopped = True
        self._season_timer.stop()
        self._queue.wait(10_000)

    def check_season(self) -> None:
        """Look at the clock: emit ``content_did_change`` if what is in season changed."""
        shown = self._in_season(self._all_content)
        if season_key(shown) != season_key(self._content):
            self._content = shown
            log.info("content in season changed")
            self.content_did_change.emit(shown)

    def _in_season(self, content: ActiveContent | None) -> ActiveContent | None:
        if content is None:
            return None
        return shown_now(content, local_time(self._clock(), self.tz))

    def mark_shown(self, ref: PackRef) -> None:
        """The UI has applied this content (``ref``: its top pack): keep every pack it shows
        (each becomes the release of its pack to start with)."""
        problem, kind = self._status.problem, self._status.problem_kind
        content = self.content
        refs: tuple[PackRef, ...] = (ref,)
        if content is not None and content.ref == ref and content.layers:
            refs = tuple(layer.ref for layer in content.layers)
        jobs = self._jobs
        self._run(lambda: jobs.mark_good(refs, problem, kind), self._on_status)

    def install(self, pack_file: Path) -> bool:
        """Copy ``pack_file`` (on a stick) in, verify and install it. False if busy."""
        if self._busy or self._stopped:
            return False
        self._busy = True
        self._phase = ""
        self.install_did_start.emit(pack_file.name)
        jobs = self._jobs

        def install(task: Task[tuple[PackRef, Loaded]]) -> tuple[PackRef, Loaded]:
            return jobs.install(pack_file, task.report)

        self._queue.run_task(
            install,
            self._on_installed,
            self._on_install_error,
            self._on_install_progress,
        )
        return True

    def roll_back(self) -> bool:
        """Make the previous release active again. False if busy."""
        if self._busy or self._stopped:
            return False
        self._busy = True
        self._run(self._jobs.rollback, self._on_rolled_back, self._on_rollback_error)
        return True

    def _run(self, op: Callable[[], Any], on_done: Any, on_error: Any = None) -> None:
        self._queue.run(op, on_done, on_error or self._on_job_error)

    # -- results on the GUI thread -----------------------------------------------------------
    def _on_install_progress(self, phase: str, step: int) -> None:
        if phase != self._phase:
            self._phase = phase
            self.install_did_enter_phase.emit(phase)
        self.install_did_progress.emit(step, PROGRESS_STEPS)

    def _on_loaded(self, loaded: Loaded) -> None:
        self._loaded = True
        self._all_content = loaded.content
        self._content = self._in_season(loaded.content)
        self._on_status(loaded.status)
        self.content_did_change.emit(self._content)

    def _on_status(self, library_status: ContentStatus) -> None:
        self._set_status(replace(self._status, **_status_fields(library_status)))

    def _set_status(self, status: ContentStatus) -> None:
        self._status = status
        self.status_did_change.emit(status)

    def _record_install(self, text: str, ok: bool, kind: str = "") -> None:
        self._status = replace(
            self._status,
            last_install=text,
            last_install_ok=ok,
            last_install_kind=kind,
            last_install_at=self._clock(),
        )

    def _on_installed(self, result: tuple[PackRef, Loaded]) -> None:
        self._busy = False
        ref, loaded = result
        content = loaded.content
        shown = {layer.ref for layer in content.layers} if content is not None else set()
        if ref not in shown:
            reason = (
                f"{ref.id} release {ref.version} was installed but could not be shown "
                f"({loaded.status.problem or 'unknown reason'}); the previous content is back"
            )
            kind = loaded.status.problem_kind or FailureKind.INTERNAL
            self._record_install(f"not shown: {reason}", ok=False, kind=kind)
            self._on_loaded(loaded)
            self.install_did_fail.emit(kind, reason)
            return
        self._record_install(
            f"installed {ref.id} release {ref.version} ({ref.display_version})", ok=True
        )
        self._on_loaded(loaded)
        self.install_did_finish.emit(ref)

    def _on_install_error(self, exc: BaseException) -> None:
        self._busy = False
        reason, kind = _reason(exc), kind_of(exc)
        log.warning("pack not installed (%s): %s", kind, reason)
        self._record_install(f"not installed: {reason}", ok=False, kind=kind)
        self._set_status(self._status)
        self.install_did_fail.emit(kind, reason)

    def _on_rolled_back(self, result: tuple[PackRef, Loaded]) -> None:
        self._busy = False
        ref, loaded = result
        self._on_loaded(loaded)
        self.rollback_did_finish.emit(ref)

    def _on_rollback_error(self, exc: BaseException) -> None:
        self._busy = False
        self.rollback_did_fail.emit(kind_of(exc), _reason(exc))

    def _on_start_error(self, exc: BaseException) -> None:
        self._loaded = True
        self._on_job_error(exc)
        self.content_did_change.emit(None)

    def _on_job_error(self, exc: BaseException) -> None:
        log.error("content job failed: %s", exc)
        self._set_status(replace(self._status, problem=_reason(exc), problem_kind=kind_of(exc)))


def _status_fields(status: ContentStatus) -> dict[str, Any]:
    """The library-derived fields of a status (not the last-install record)."""
    return {
        "active": status.active,
        "previous": status.previous,
        "layers": status.layers,
        "confirmed": status.confirmed,
        "problem": status.problem,
        "problem_kind": status.problem_kind,
    }


def _reason(exc: BaseException) -> str:
    if isinstance(exc, Failure):
        return exc.reason
    if isinstance(exc, OSError):
        return f"disk error: {exc.strerror or exc}"
    return f"unexpected error: {exc}"
