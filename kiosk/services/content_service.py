"""The app's side of content packs: start with the active pack, install from USB, roll back.

All library work runs on one worker thread, one job at a time (installs, marking good and
rollback never overlap); results come back on the GUI thread as signals. The start sequence:

1. :meth:`ContentService.start` installs the bundled pack if needed and loads the active
   release (falling back past one that failed to start) → ``content_did_change``.
2. The UI applies the content and calls :meth:`ContentService.mark_shown`; only then is a new
   release marked good. If the app dies before that, the next start falls back by itself.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.content.active import ActiveContent, start_content
from kiosk.content.builtin import BUILTIN_DIR, builtin_trusted_key, ensure_builtin
from kiosk.content.errors import LibraryError
from kiosk.content.keys import KeyFileError, TrustedKey, TrustStore, load_public_key
from kiosk.content.library import Library
from kiosk.content.policy import InstallPolicy
from kiosk.content.store import PackRef
from kiosk.content.usb import install_from_stick
from kiosk.services.tasks import TaskRunner
from kiosk.util.failure_kinds import Failure, FailureKind, kind_of

log = logging.getLogger(__name__)

#: Progress is reported in thousandths of the whole job: copying, then verify + install.
PROGRESS_STEPS = 1000
_COPY_SHARE = 500


@dataclass(frozen=True)
class ReleaseInfo:
    ref: PackRef
    title_zh: str
    title_en: str


@dataclass(frozen=True)
class ContentStatus:
    """What the staff panel shows about content packs."""

    active: ReleaseInfo | None = None
    previous: ReleaseInfo | None = None
    confirmed: bool = True  # the active release has been shown once and marked good
    problem: str = ""  # why the wanted release is not shown, bad trusted keys, ... (English)
    problem_kind: str = ""  # FailureKind of the (first) problem
    last_install: str = ""  # English, for the log and the "Details" line
    last_install_ok: bool | None = None
    last_install_kind: str = ""  # FailureKind of a failed last install
    last_install_at: float | None = None  # time.time()


@dataclass(frozen=True)
class _Loaded:
    content: ActiveContent | None
    status: ContentStatus


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

    _worker_did_progress = Signal(str, int)  # emitted on the worker thread, queued to us

    def __init__(
        self,
        library: Library,
        policy: InstallPolicy,
        trusted_keys: tuple[str, ...],
        incoming_dir: Path,
        bundle_dir: Path = BUILTIN_DIR,
        clock: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.policy = policy
        self.incoming_dir = incoming_dir
        self._trusted_keys = trusted_keys
        self._bundle_dir = bundle_dir
        self._clock = clock
        self._trust: TrustStore | None = None
        self._key_problem = ""
        self._status = ContentStatus()
        self._content: ActiveContent | None = None
        self._busy = False
        self._phase = ""
        self._started = False
        self._loaded = False
        self._stopped = False
        self._worker = TaskRunner(max_threads=1, parent=self)
        self._worker_did_progress.connect(self._on_worker_did_progress)

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
        self._run(self._start_job, self._on_loaded, self._on_start_error)

    def reload(self, _pack_id: str = "") -> None:
        """Load the active release again (another channel, e.g. network sync, installed one)."""
        self._run(self._load, self._on_loaded)

    def stop(self) -> None:
        self._stopped = True
        self._worker.wait(10_000)

    def mark_shown(self, ref: PackRef) -> None:
        """The UI has applied this release: keep it (it becomes the release to start with)."""
        problem, kind = self._status.problem, self._status.problem_kind
        self._run(lambda: self._mark_good_job(ref, problem, kind), self._on_status)

    def install(self, pack_file: Path) -> bool:
        """Copy ``pack_file`` (on a stick) in, verify and install it. False if busy."""
        if self._busy or self._stopped:
            return False
        self._busy = True
        self._phase = ""
        self.install_did_start.emit(pack_file.name)
        self._run(lambda: self._install_job(pack_file), self._on_installed, self._on_install_error)
        return True

    def roll_back(self) -> bool:
        """Make the previous release active again. False if busy."""
        if self._busy or self._stopped:
            return False
        self._busy = True
        self._run(self._rollback_job, self._on_rolled_back, self._on_rollback_error)
        return True

    def _run(self, op: Callable[[], Any], on_done: Any, on_error: Any = None) -> None:
        self._worker.run(op, on_done, on_error or self._on_job_error)

    # -- worker-thread jobs (no Qt objects touched except the progress signal) ---------------
    def _trust_store(self) -> TrustStore:
        if self._trust is None:
            store = TrustStore()
            problems = []
            for spec in self._trusted_keys:
                try:
                    store.add(TrustedKey(load_public_key(spec)))
                except KeyFileError as exc:
                    problems.append(str(exc))
            builtin = builtin_trusted_key(self._bundle_dir)
            if builtin is not None:
                store.add(builtin)
            self._key_problem = "; ".join(f"trusted key not usable: {p}" for p in problems)
            self._trust = store
        return self._trust

    def _start_job(self) -> _Loaded:
        self._trust_store()  # read the configured keys once, off the GUI thread
        self._clean_incoming()
        builtin = ensure_builtin(self.library, self.policy, self._bundle_dir)
        log.info("content start: %s", builtin.message)
        return self._load()

    def _load(self) -> _Loaded:
        result = start_content(self.library)
        if result.problem:
            log.warning("content: %s", result.problem)
        problem = "; ".join(p for p in (result.problem, self._key_problem) if p)
        kind = result.problem_kind or (FailureKind.NOT_CONFIGURED if self._key_problem else "")
        return _Loaded(result.content, self._read_status(problem, kind))

    def _read_status(self, problem: str, problem_kind: str) -> ContentStatus:
        """The library's side of the status (the GUI thread adds the last-install record)."""
        try:
            ptr = self.library.pointer()
        except LibraryError as exc:
            return ContentStatus(problem=str(exc), problem_kind=exc.kind)
        return ContentStatus(
            active=self._release(ptr.active),
            previous=self._release(ptr.previous),
            confirmed=ptr.status == "good",
            problem=problem,
            problem_kind=problem_kind,
        )

    def _release(self, ref: PackRef | None) -> ReleaseInfo | None:
        if ref is None:
            return None
        try:
            m = self.library.load(ref).manifest
        except LibraryError:
            return ReleaseInfo(ref, "", "")
        return ReleaseInfo(ref, m.title_zh, m.title_en)

    def _clean_incoming(self) -> None:
        """Remove copies a killed install left in internal storage."""
        try:
            for leftover in self.incoming_dir.glob("*"):
                if leftover.is_file():
                    leftover.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("could not clean %s: %s", self.incoming_dir, exc)

    def _mark_good_job(self, ref: PackRef, problem: str, problem_kind: str) -> ContentStatus:
        ptr = self.library.pointer()
        if ptr.active == ref and ptr.status != "good":
            self.library.mark_good()
            log.info("content: %s release %s marked good", ref.id, ref.version)
        return self._read_status(problem, problem_kind)

    def _install_job(self, pack_file: Path) -> tuple[PackRef, _Loaded]:
        last = [-1]

        def progress(phase: str, done: int, total: int) -> None:
            share = min(1.0, done / total) if total > 0 else 1.0
            if phase == "copy":
                step = int(_COPY_SHARE * share)
            else:
                step = _COPY_SHARE + int((PROGRESS_STEPS - _COPY_SHARE) * share)
            if step != last[0]:  # at most PROGRESS_STEPS signals, however big the pack
                last[0] = step
                self._worker_did_progress.emit(phase, step)

        self._worker_did_progress.emit("copy", 0)
        ref = install_from_stick(
            pack_file, self.incoming_dir, self.library, self._trust_store(), self.policy, progress
        )
        self._worker_did_progress.emit("load", PROGRESS_STEPS)
        return ref, self._load()

    def _rollback_job(self) -> tuple[PackRef, _Loaded]:
        ref = self.library.rollback()
        return ref, self._load()

    # -- results on the GUI thread -----------------------------------------------------------
    def _on_worker_did_progress(self, phase: str, step: int) -> None:
        if phase != self._phase:
            self._phase = phase
            self.install_did_enter_phase.emit(phase)
        self.install_did_progress.emit(step, PROGRESS_STEPS)

    def _on_loaded(self, loaded: _Loaded) -> None:
        self._loaded = True
        self._content = loaded.content
        self._on_status(loaded.status)
        self.content_did_change.emit(loaded.content)

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

    def _on_installed(self, result: tuple[PackRef, _Loaded]) -> None:
        self._busy = False
        ref, loaded = result
        shown = loaded.content.ref if loaded.content is not None else None
        if shown != ref:
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

    def _on_rolled_back(self, result: tuple[PackRef, _Loaded]) -> None:
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
