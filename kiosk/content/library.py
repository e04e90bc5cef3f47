"""The installed library: verified releases in a shared object store, one active release per
pack id (the built-in pack, the site's own, head office's campaign side by side; see
:mod:`kiosk.content.layers` for how they are shown together). Each pack is installed, rolled
back, fallen back and marked good on its own.

Install steps are separate so every channel composes the same ones (``.kpack`` from USB,
objects fetched one by one by network sync)::

    with library.transaction() as txn:          # takes the installer lock, opens staging
        txn.check(signed, policy)               # freshness + compatibility, fail early
        for entry in signed.manifest.files:
            if not txn.has(entry):
                txn.put_object(entry, chunks)   # streamed, checked, written to staging
        txn.activate(signed, policy)            # adopt objects, switch the pointer, GC

Each checked file is fsynced on a helper thread while the next one streams in (at most
:data:`FSYNC_AHEAD_FILES` wait, so open files stay bounded); :meth:`Transaction.activate`
waits for every fsync before it touches the store, so objects are durable before the switch.

Activation moves staged objects into the store and then replaces one small pointer file
atomically; a release is "pending" until the app has loaded it once (:meth:`Library.start`,
:meth:`Library.mark_good`), so a release that fails to load is abandoned at the next start.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from kiosk.content.checker import EntryChecker
from kiosk.content.errors import LibraryError, PackRejected
from kiosk.content.manifest import FileEntry, Manifest, SignedManifest, parse_manifest
from kiosk.content.policy import InstallPolicy, check_policy
from kiosk.content.rules import Limits
from kiosk.content.store import (
    POINTER_NAME,
    ObjectStore,
    PackRef,
    Pointer,
    Slot,
    installer_lock,
    read_pointer,
    write_pointer,
)
from kiosk.util.atomic import remove_temp_files
from kiosk.util.failure_kinds import FailureKind

log = logging.getLogger(__name__)

#: Written files waiting for their fsync, at most (bounds open files).
FSYNC_AHEAD_FILES = 32


@dataclass(frozen=True)
class InstalledPack:
    """A release found complete in the library, with its parsed manifest."""

    ref: PackRef
    manifest: Manifest


class Library:
    def __init__(self, root: Path, limits: Limits | None = None) -> None:
        self.root = Path(root)
        self.limits = limits or Limits()
        self.objects = ObjectStore(self.root / "objects")
        self.staging_root = self.root / "staging"
        self.lock_path = self.root / ".lock"

    # -- reading -------------------------------------------------------------------------
    def pointer(self) -> Pointer:
        return read_pointer(self.root)

    def object_path(self, sha256: str) -> Path:
        return self.objects.path(sha256)

    def load(self, ref: PackRef, deep: bool = False) -> InstalledPack:
        """Check a release is complete (every object present with its size; ``deep`` also
        re-hashes each object) and return its manifest. Raises LibraryError."""
        try:
            body = self.objects.read(ref.manifest_sha256)
            self.objects.read(ref.signature_sha256)
            manifest = parse_manifest(body, self.limits)
        except (OSError, PackRejected) as exc:
            raise LibraryError(
                f"release {ref.id} {ref.version}: manifest unusable ({exc})"
            ) from None
        for entry in manifest.files:
            if not self.objects.has(entry.sha256, entry.size):
                raise LibraryError(f"release {ref.id} {ref.version}: {entry.path} is missing")
            if deep and self.objects.hash_of(entry.sha256) != entry.sha256:
                raise LibraryError(f"release {ref.id} {ref.version}: {entry.path} is damaged")
        return InstalledPack(ref, manifest)

    def load_active(self, deep: bool = False) -> InstalledPack | None:
        """The release of the pack changed last (see :attr:`Pointer.focus`)."""
        active = self.pointer().active
        return self.load(active, deep) if active else None

    # -- writing -------------------------------------------------------------------------
    @contextlib.contextmanager
    def locked(self, wait_seconds: float = 0.0) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with installer_lock(self.lock_path, wait_seconds):
            yield

    @contextlib.contextmanager
    def transaction(
        self, wait_seconds: float = 0.0, keep_checked: bool = False
    ) -> Iterator[Transaction]:
        """Lock the library and open a staging folder; staging is removed however this ends.

        ``keep_checked``: if the install does not reach activation (a dropped network, the
        app closing), the files already fully checked against the signed manifest are kept in
        the store, so the next attempt does not download them again. They are plain verified
        content, used by no release until one activates, and collected by the next activation
        if it does not need them. Network sync asks for this; a local ``.kpack`` does not."""
        with self.locked(wait_seconds):
            self._clean_leftovers()
            staging = self.staging_root / uuid.uuid4().hex
            staging.mkdir(parents=True)
            txn = Transaction(self, staging)
            try:
                yield txn
            finally:
                if keep_checked and not txn.activated:
                    txn.keep_checked_objects()
                txn.close()
                shutil.rmtree(staging, ignore_errors=True)
                with contextlib.suppress(OSError):
                    self.staging_root.rmdir()

    def rollback(self, pack_id: str | None = None) -> PackRef:
        """Staff action: make the kept previous release of ``pack_id`` (default: the pack
        changed last) active again (no version check). The other packs are not touched."""
        with self.locked():
            ptr = self.pointer()
            pack_id = pack_id or ptr.focus
            slot = ptr.slot(pack_id)
            if pack_id is None or slot is None:
                raise LibraryError(
                    f"pack {pack_id} is not installed" if pack_id else "no pack is installed",
                    FailureKind.NO_PACK,
                )
            if slot.previous is None:
                raise LibraryError(
                    f"no previous release of pack {pack_id} is kept; nothing to roll back to",
                    FailureKind.NO_PACK,
                )
            self.load(slot.previous)
            new = ptr.with_slot(pack_id, Slot(slot.previous, slot.active, "good"))
            write_pointer(self.root, new)
            return slot.previous

    def start(self) -> list[PackRef]:
        """Call once when the app starts. A release that was started before but never marked
        good failed to load: its pack falls back to its previous release. With no previous
        release there is nothing better, so it is tried again. Returns the releases to load
        (one per pack)."""
        with self.locked(wait_seconds=5.0):
            self._clean_leftovers()
            ptr = self.pointer()
            for pack_id, slot in sorted(ptr.packs.items()):
                if slot.status == "trying" and slot.previous is not None:
                    ptr = self._fall_back(ptr, pack_id)
                elif slot.status == "pending":
                    ptr = replace(ptr, packs={**ptr.packs, pack_id: replace(slot, status="trying")})
                    write_pointer(self.root, ptr)
            return ptr.refs()

    def mark_good(self, refs: Iterable[PackRef] | None = None) -> None:
        """The app loaded these releases (default: every active one) and shows them: keep them."""
        with self.locked(wait_seconds=5.0):
            ptr = self.pointer()
            shown = set(refs) if refs is not None else set(ptr.refs())
            packs = {
                k: replace(v, status="good") if v.active in shown else v
                for k, v in ptr.packs.items()
            }
            if packs != ptr.packs:
                write_pointer(self.root, replace(ptr, packs=packs))

    def fall_back(self, pack_id: str) -> PackRef | None:
        """A pack's active release cannot be loaded now: switch that pack to its previous
        release; with none kept, the pack is taken out (the others keep showing)."""
        with self.locked(wait_seconds=5.0):
            slot = self._fall_back(self.pointer(), pack_id).slot(pack_id)
            return slot.active if slot else None

    def _fall_back(self, ptr: Pointer, pack_id: str) -> Pointer:
        slot = ptr.slot(pack_id)
        if slot is None:
            return ptr
        new_slot = Slot(slot.previous, None, "good") if slot.previous else None
        new = ptr.with_slot(pack_id, new_slot, last_failed=slot.active)
        write_pointer(self.root, new)
        self.collect_garbage(new)
        return new

    def collect_garbage(self, ptr: Pointer) -> int:
        """Delete objects no kept release refers to. Caller holds the lock."""
        keep: set[str] = set()
        for slot in ptr.packs.values():
            for ref in (slot.active, slot.previous):
                if ref is None:
                    continue
                keep.update((ref.manifest_sha256, ref.signature_sha256))
                with contextlib.suppress(OSError, LibraryError, PackRejected):
                    body = self.objects.read(ref.manifest_sha256)
                    keep.update(f.sha256 for f in parse_manifest(body, self.limits).files)
        removed = 0
        for sha in list(self.objects.all_objects()):
            if sha not in keep:
                self.objects.remove(sha)
                removed += 1
        return removed

    def _clean_leftovers(self) -> None:
        """Remove what killed installs and pointer writes left behind (caller holds the lock)."""
        if remove_temp_files(self.root / POINTER_NAME):
            log.info("removed the temp file of a pointer write that was cut off")
        if self.staging_root.is_dir():
            for leftover in self.staging_root.iterdir():
                shutil.rmtree(leftover, ignore_errors=True)


class Transaction:
    """One install under the lock. Objects go to staging first and reach the store only in
    :meth:`activate`, after every file of the release has been checked."""

    def __init__(self, library: Library, staging: Path) -> None:
        self.library = library
        self.staging = staging
        self._staged: dict[str, Path] = {}
        self.activated = False
        self._fsync_pool: ThreadPoolExecutor | None = None
        self._fsyncs: deque[Future[None]] = deque()

    def check(self, signed: SignedManifest, policy: InstallPolicy) -> None:
        check_policy(signed, policy, self.library.pointer().highest)

    def has(self, entry: FileEntry) -> bool:
        return entry.sha256 in self._staged or self.library.objects.has(entry.sha256, entry.size)

    def put_object(self, entry: FileEntry, chunks: Iterable[bytes]) -> None:
        """Stream one file through the checker into staging; nothing reaches the store yet.

        Returns once the file is fully checked (raises PackRejected otherwise); its fsync may
        still be running and is awaited by :meth:`activate`."""
        checker = EntryChecker(entry, self.library.limits)
        target = self.staging / entry.sha256
        try:
            out = open(target, "wb")  # noqa: SIM115 - closed here on failure, else by _fsync_and_close
            try:
                for chunk in chunks:
                    checker.update(chunk)
                    out.write(chunk)
                checker.finish()
                out.flush()
            except BaseException:
                out.close()
                raise
            self._fsync_later(out)
        except OSError as exc:
            raise LibraryError(f"cannot write to the library: {exc.strerror or exc}") from None
        self._staged[entry.sha256] = target

    def keep_checked_objects(self) -> None:
        """Move the files checked so far into the store once they are on the disk; with any
        fsync failed, keep none (best effort: a failure here only costs a download)."""
        try:
            self._wait_durable()
            self.library.objects.adopt(self._staged)
        except OSError as exc:
            log.warning("checked files of an unfinished install not kept: %s", exc)

    def close(self) -> None:
        """Stop the fsync thread (waits for running fsyncs; their errors no longer matter)."""
        for future in self._fsyncs:
            future.exception()
        self._fsyncs.clear()
        if self._fsync_pool is not None:
            self._fsync_pool.shutdown(wait=True)

    def _fsync_later(self, out: BinaryIO) -> None:
        """Hand a written, flushed file to the fsync thread, which closes it."""
        if self._fsync_pool is None:
            self._fsync_pool = ThreadPoolExecutor(1, thread_name_prefix="library-fsync")
        self._fsyncs.append(self._fsync_pool.submit(_fsync_and_close, out))
        while len(self._fsyncs) > FSYNC_AHEAD_FILES:
            self._fsyncs.popleft().result()

    def _wait_durable(self) -> None:
        """Every staged file is on the disk (raises the first fsync error)."""
        while self._fsyncs:
            self._fsyncs.popleft().result()

    def activate(self, signed: SignedManifest, policy: InstallPolicy) -> PackRef:
        """Re-check policy under the lock, adopt objects, switch the pointer, collect garbage."""
        self.check(signed, policy)
        manifest = signed.manifest
        for entry in manifest.files:
            if not self.has(entry):
                raise PackRejected(
                    f"{entry.path}: not received; release incomplete", FailureKind.DAMAGED
                )
        lib = self.library
        try:
            ref = PackRef(
                id=manifest.id,
                version=manifest.version,
                display_version=manifest.display_version,
                manifest_sha256=self._stage_bytes(signed.manifest_bytes),
                signature_sha256=self._stage_bytes(signed.signature_bytes),
            )
            self._wait_durable()
            lib.objects.adopt(self._staged)
            self.activated = True
            ptr = lib.pointer()
            slot = ptr.slot(manifest.id)
            if slot is not None and slot.active == ref:
                return ref
            highest = dict(ptr.highest)
            seen = highest.get(manifest.id)
            if seen is None or int(seen[0]) < manifest.version:
                highest[manifest.id] = [manifest.version, ref.manifest_sha256]
            previous = slot.active if slot is not None else None
            new = ptr.with_slot(
                manifest.id, Slot(ref, previous, "pending"), highest=highest, last_failed=None
            )
            write_pointer(lib.root, new)
        except OSError as exc:
            raise LibraryError(f"cannot write to the library: {exc.strerror or exc}") from None
        lib.collect_garbage(new)
        return ref

    def _stage_bytes(self, data: bytes) -> str:
        sha = _sha(data)
        if not self.library.objects.has(sha, len(data)) and sha not in self._staged:
            target = self.staging / sha
            out = open(target, "wb")  # noqa: SIM115 - closed by _fsync_and_close
            try:
                out.write(data)
                out.flush()
            except BaseException:
                out.close()
                raise
            self._fsync_later(out)
            self._staged[sha] = target
        return sha


def _fsync_and_close(out: BinaryIO) -> None:
    try:
        os.fsync(out.fileno())
    finally:
        out.close()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
