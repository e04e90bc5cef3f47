"""The worker side of :class:`~kiosk.services.content_service.ContentService`: library jobs.

Plain Python, no QObject: the service runs these on its serial queue (one at a time, in
order), so the only state here — the trusted keys, read once — is touched by one job at a time.
Each job returns what the GUI side needs; nothing here emits signals or sets service state.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.active import ActiveContent, start_content
from kiosk.content.builtin import BUILTIN_PACK_ID, builtin_trusted_key, ensure_builtin
from kiosk.content.errors import LibraryError
from kiosk.content.keys import KeyFileError, TrustStore, trusted_key
from kiosk.content.library import Library
from kiosk.content.policy import InstallPolicy
from kiosk.content.store import PackRef
from kiosk.content.usb import install_from_stick
from kiosk.util.failure_kinds import FailureKind

log = logging.getLogger(__name__)

#: Progress is reported in thousandths of the whole job: copying, then verify + install.
PROGRESS_STEPS = 1000
_COPY_SHARE = 500

#: Called on the worker with (phase, step of PROGRESS_STEPS); must be thread-safe.
ReportProgress = Callable[[str, int], None]


@dataclass(frozen=True)
class ReleaseInfo:
    ref: PackRef
    title_zh: str
    title_en: str


@dataclass(frozen=True)
class ContentStatus:
    """What the staff panel shows about content packs."""

    active: ReleaseInfo | None = None  # the pack changed last (what Roll back acts on)
    previous: ReleaseInfo | None = None  # its kept previous release
    confirmed: bool = True  # its active release has been shown once and marked good
    layers: tuple[ReleaseInfo, ...] = ()  # every active pack: the site's own first, built-in last
    problem: str = ""  # why the wanted release is not shown, bad trusted keys, ... (English)
    problem_kind: str = ""  # FailureKind of the (first) problem
    last_install: str = ""  # English, for the log and the "Details" line
    last_install_ok: bool | None = None
    last_install_kind: str = ""  # FailureKind of a failed last install
    last_install_at: float | None = None  # time.time()


@dataclass(frozen=True)
class Loaded:
    content: ActiveContent | None
    status: ContentStatus


class LibraryJobs:
    """Blocking library work. Run only on one serial queue."""

    def __init__(
        self,
        library: Library,
        policy: InstallPolicy,
        trusted_keys: tuple[str, ...],
        incoming_dir: Path,
        bundle_dir: Path,
    ) -> None:
        self.library = library
        self.policy = policy
        self.incoming_dir = incoming_dir
        self._trusted_keys = trusted_keys
        self._bundle_dir = bundle_dir
        self._trust: TrustStore | None = None
        self._key_problem = ""

    def start(self) -> Loaded:
        self._trust_store()  # read the configured keys once, off the GUI thread
        self._clean_incoming()
        builtin = ensure_builtin(self.library, self.policy, self._bundle_dir)
        log.info("content start: %s", builtin.message)
        return self.load()

    def load(self) -> Loaded:
        result = start_content(self.library)
        if result.problem:
            log.warning("content: %s", result.problem)
        problem = "; ".join(p for p in (result.problem, self._key_problem) if p)
        kind = result.problem_kind or (FailureKind.NOT_CONFIGURED if self._key_problem else "")
        return Loaded(result.content, self.read_status(problem, kind))

    def read_status(self, problem: str, problem_kind: str) -> ContentStatus:
        """The library's side of the status (the GUI thread adds the last-install record)."""
        try:
            ptr = self.library.pointer()
        except LibraryError as exc:
            return ContentStatus(problem=str(exc), problem_kind=exc.kind)
        refs = sorted(ptr.refs(), key=lambda r: (r.id == BUILTIN_PACK_ID, r.id))
        return ContentStatus(
            active=self._release(ptr.active),
            previous=self._release(ptr.previous),
            confirmed=ptr.status == "good",
            layers=tuple(info for info in map(self._release, refs) if info is not None),
            problem=problem,
            problem_kind=problem_kind,
        )

    def mark_good(
        self, refs: tuple[PackRef, ...], problem: str, problem_kind: str
    ) -> ContentStatus:
        ptr = self.library.pointer()
        unconfirmed = [
            r
            for r in refs
            if (slot := ptr.slot(r.id)) and slot.active == r and slot.status != "good"
        ]
        if unconfirmed:
            self.library.mark_good(unconfirmed)
            for ref in unconfirmed:
                log.info("content: %s release %s marked good", ref.id, ref.version)
        return self.read_status(problem, problem_kind)

    def install(self, pack_file: Path, report: ReportProgress) -> tuple[PackRef, Loaded]:
        last = [-1]

        def progress(phase: str, done: int, total: int) -> None:
            share = min(1.0, done / total) if total > 0 else 1.0
            if phase == "copy":
                step = int(_COPY_SHARE * share)
            else:
                step = _COPY_SHARE + int((PROGRESS_STEPS - _COPY_SHARE) * share)
            if step != last[0]:  # at most PROGRESS_STEPS reports, however big the pack
                last[0] = step
                report(phase, step)

        report("copy", 0)
        ref = install_from_stick(
            pack_file, self.incoming_dir, self.library, self._trust_store(), self.policy, progress
        )
        report("load", PROGRESS_STEPS)
        return ref, self.load()

    def rollback(self) -> tuple[PackRef, Loaded]:
        ref = self.library.rollback()
        return ref, self.load()

    def _trust_store(self) -> TrustStore:
        if self._trust is None:
            store = TrustStore()
            problems = []
            for spec in self._trusted_keys:
                try:
                    store.add(trusted_key(spec, "[content] trusted_keys"))
                except KeyFileError as exc:
                    problems.append(str(exc))
            builtin = builtin_trusted_key(self._bundle_dir)
            if builtin is not None:
                store.add(builtin)
            self._key_problem = "; ".join(f"trusted key not usable: {p}" for p in problems)
            self._trust = store
        return self._trust

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
