"""Verify and install ``.kpack`` files, composed from the library's transaction steps.

``verify_kpack`` and ``install_kpack`` run the same checks in the same order; install only
adds writing to staging and activation. Both stream: memory does not grow with pack size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from kiosk.content.checker import EntryChecker
from kiosk.content.keys import TrustStore
from kiosk.content.kpack import MANIFEST_NAME, SIGNATURE_NAME, KpackReader
from kiosk.content.library import Library
from kiosk.content.manifest import FileEntry, SignedManifest, verify_signed_manifest
from kiosk.content.policy import InstallPolicy, check_policy
from kiosk.content.rules import Limits
from kiosk.content.store import PackRef

Progress = Callable[[int, int], None]


def _open_signed(reader: KpackReader, trust: TrustStore) -> SignedManifest:
    body = reader.read_small(MANIFEST_NAME)
    signature = reader.read_small(SIGNATURE_NAME)
    signed = verify_signed_manifest(body, signature, trust, reader.limits)
    reader.check_against(signed.manifest)
    return signed


class _Counter:
    def __init__(self, total: int, progress: Progress | None) -> None:
        self.done, self.total, self.progress = 0, total, progress

    def wrap(self, chunks: Iterator[bytes]) -> Iterator[bytes]:
        for chunk in chunks:
            self.done += len(chunk)
            if self.progress:
                self.progress(self.done, self.total)
            yield chunk


def _check_only(entry: FileEntry, chunks: Iterator[bytes], limits: Limits) -> None:
    checker = EntryChecker(entry, limits)
    for chunk in chunks:
        checker.update(chunk)
    checker.finish()


def verify_kpack(
    path: Path,
    trust: TrustStore,
    policy: InstallPolicy,
    limits: Limits | None = None,
    library: Library | None = None,
    progress: Progress | None = None,
) -> SignedManifest:
    """Check a pack completely without installing it; raises PackRejected with the reason.

    With ``library`` the pack must also be newer than what was installed there.
    """
    limits = library.limits if library and limits is None else (limits or Limits())
    with KpackReader(path, limits) as reader:
        signed = _open_signed(reader, trust)
        manifest = signed.manifest
        check_policy(signed, policy, library.pointer().highest if library else None)
        counter = _Counter(manifest.total_bytes, progress)
        for entry in manifest.files:
            _check_only(entry, counter.wrap(reader.file_chunks(entry)), limits)
    return signed


def install_kpack(
    path: Path,
    library: Library,
    trust: TrustStore,
    policy: InstallPolicy,
    progress: Progress | None = None,
    wait_seconds: float = 0.0,
) -> PackRef:
    """Verify ``path`` while copying its files into staging, then activate it atomically."""
    with library.transaction(wait_seconds) as txn, KpackReader(path, library.limits) as reader:
        signed = _open_signed(reader, trust)
        txn.check(signed, policy)
        counter = _Counter(signed.manifest.total_bytes, progress)
        for entry in signed.manifest.files:
            chunks = counter.wrap(reader.file_chunks(entry))
            if txn.has(entry):
                _check_only(entry, chunks, library.limits)
            else:
                txn.put_object(entry, chunks)
        return txn.activate(signed, policy)
