"""One sync: fetch and check the channel index, then install the offered release through the
pack library, downloading only the objects the library does not hold yet.

Nothing is verified or installed by a second code path: the manifest signature is checked by
:func:`kiosk.content.manifest.verify_signed_manifest`, each object is streamed through the
library transaction's checker (size, SHA-256, file kind), and activation is the library's
atomic pointer switch. The index adds only what a channel needs on top: its own signature,
a version that never goes back, an expiry, and the manifest hashes it pins.
"""

from __future__ import annotations

import hashlib
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import requests

from kiosk.content.errors import LibraryError, PackRejected
from kiosk.content.keys import TrustStore
from kiosk.content.library import Library
from kiosk.content.manifest import FileEntry, SignedManifest, verify_signed_manifest
from kiosk.content.policy import InstallPolicy
from kiosk.sync.fetch import Fetcher, FetchError, FetchOptions, Prefetcher, make_session
from kiosk.sync.index import INDEX_NAME, ChannelIndex, IndexEntry, IndexRejected, read_index
from kiosk.sync.publisher import MANIFESTS_DIR, OBJECTS_DIR
from kiosk.sync.state import StateFile, SyncState, iso
from kiosk.util.failure_kinds import Failure, FailureKind, kind_of

Progress = Callable[[int, int], None]


class SyncFailed(Failure):
    """The sync did not install anything; ``reason`` is one plain line, ``kind`` its key."""


class SyncCancelled(SyncFailed):
    """The app is shutting down; the previous content stays active."""

    default_kind = FailureKind.CANCELLED


@dataclass(frozen=True)
class SyncSettings:
    """What a sync needs besides the library: where, whom to trust, and network options.

    ``index_trust`` holds the channel keys (``channel.trusted_keys``); ``pack_trust`` the pack
    keys (``content.trusted_keys``). A channel key does not make a pack trusted: the index says
    *which* release is current, only a pack key can vouch for *what* it contains.
    """

    url: str
    index_trust: TrustStore
    pack_trust: TrustStore
    policy: InstallPolicy
    fetch: FetchOptions = FetchOptions()
    #: How long to wait for another installer (USB, start-up) to release the library.
    lock_wait_s: float = 30.0


@dataclass(frozen=True)
class SyncOutcome:
    status: str  # "updated" | "up_to_date"
    pack_id: str
    version: int
    display_version: str
    bytes_fetched: int
    message: str


class SyncClient:
    """Runs syncs for one library. Not thread-safe: one sync at a time, on one thread."""

    def __init__(
        self,
        library: Library,
        state_file: StateFile,
        settings: SyncSettings,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.library = library
        self.state_file = state_file
        self.settings = settings
        self._now = now
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._session = session

    def sync_once(
        self, progress: Progress | None = None, cancel: threading.Event | None = None
    ) -> SyncOutcome:
        """Bring the library up to the channel's current release; raises SyncFailed."""
        state = self.state_file.load()
        started = self._now()
        state = replace(state, last_attempt=iso(started))
        session = self._session or make_session(self.settings.fetch)
        fetcher = Fetcher(session, self.settings.fetch, self._sleep, self._rng)
        try:
            outcome, state = self._run(fetcher, state, progress, cancel)
        except SyncFailed as exc:
            self._save_failure(state, exc)
            raise
        except (FetchError, PackRejected) as exc:
            failed = SyncFailed(exc.reason, exc.kind)
            self._save_failure(state, failed)
            raise failed from None
        except (LibraryError, OSError) as exc:
            failed = SyncFailed(f"cannot write to the library: {exc}", kind_of(exc))
            self._save_failure(state, failed)
            raise failed from None
        finally:
            if self._session is None:
                session.close()
        self._save(
            replace(
                state,
                last_success=iso(self._now()),
                last_result=outcome.status,
                last_message=outcome.message,
                last_error="",
                last_error_kind="",
                bytes_to_download=0,
            )
        )
        return outcome

    def _save_failure(self, state: SyncState, exc: SyncFailed) -> None:
        self._save(
            replace(state, last_result="failed", last_error=exc.reason, last_error_kind=exc.kind)
        )

    def _save(self, state: SyncState) -> None:
        try:
            self.state_file.save(state)
        except OSError:
            pass  # the result still reaches the caller; the state is only for staff display

    def _run(
        self,
        fetcher: Fetcher,
        state: SyncState,
        progress: Progress | None,
        cancel: threading.Event | None,
    ) -> tuple[SyncOutcome, SyncState]:
        base = self.settings.url.rstrip("/")
        if not base:
            raise SyncFailed(
                "no channel URL is configured ([channel] url)", FailureKind.NOT_CONFIGURED
            )
        index, state = self._fetch_index(fetcher, base, state)
        pack_id, entry = self._choose(index)
        slot = self.library.pointer().slot(pack_id)
        active = slot.active if slot is not None else None
        state = replace(state, pack_id=pack_id, available_version=entry.display_version)
        if active is not None and active.manifest_sha256 == entry.manifest_sha256:
            outcome = SyncOutcome(
                "up_to_date", pack_id, entry.version, entry.display_version,
                fetcher.bytes_fetched, f"{pack_id} {entry.display_version} is up to date",
            )  # fmt: skip
            return outcome, state
        if active is not None and active.id == pack_id and active.version > entry.version:
            outcome = SyncOutcome(
                "up_to_date", pack_id, active.version, active.display_version,
                fetcher.bytes_fetched,
                f"{pack_id} {active.display_version} (installed by hand) is newer than the "
                f"channel's {entry.display_version}; kept",
            )  # fmt: skip
            return outcome, state
        signed = self._fetch_manifest(fetcher, base, pack_id, entry)
        with self.library.transaction(self.settings.lock_wait_s, keep_checked=True) as txn:
            txn.check(signed, self.settings.policy)
            wanted: dict[str, FileEntry] = {}  # one entry per missing object, in order
            for f in signed.manifest.files:
                if not txn.has(f):
                    wanted.setdefault(f.sha256, f)
            total = sum(f.size for f in wanted.values())
            state = replace(state, bytes_to_download=total)
            self._save(state)
            done = [0]
            if progress:
                progress(0, total)
            urls = [(f"{base}/{OBJECTS_DIR}/{sha}", f.size) for sha, f in wanted.items()]
            with Prefetcher(fetcher, urls) as prefetch:
                for f in wanted.values():
                    chunks = prefetch.next_object()
                    txn.put_object(f, _counted(chunks, done, total, progress, cancel))
            ref = txn.activate(signed, self.settings.policy)
        outcome = SyncOutcome(
            "updated", ref.id, ref.version, ref.display_version, fetcher.bytes_fetched,
            f"installed {ref.id} {ref.display_version} ({fetcher.bytes_fetched} bytes fetched)",
        )  # fmt: skip
        return outcome, state

    def _fetch_index(
        self, fetcher: Fetcher, base: str, state: SyncState
    ) -> tuple[ChannelIndex, SyncState]:
        url = f"{base}/{INDEX_NAME}"
        cached = self.state_file.cached_index()
        etag, modified = (state.etag, state.last_modified) if cached else ("", "")
        resp = fetcher.get_index(url, etag, modified)
        body = cached if resp.not_modified and cached is not None else resp.body
        index = read_index(body, self.settings.index_trust)
        sha = hashlib.sha256(body).hexdigest()
        if index.channel_version < state.channel_version:
            raise IndexRejected(
                f"channel index version {index.channel_version} is older than version "
                f"{state.channel_version} seen before; refused (replayed or rolled back)",
                FailureKind.REPLAYED,
            )
        if index.channel_version == state.channel_version and sha != state.index_sha256:
            raise IndexRejected(
                f"channel index version {index.channel_version} changed without a new "
                "version number; refused",
                FailureKind.REPLAYED,
            )
        if index.is_expired(self._now()):
            raise IndexRejected(
                f"channel index expired on {iso(index.expires)}; the channel is stale "
                "(head office must run: kiosk channel refresh)",
                FailureKind.EXPIRED,
            )
        if not resp.not_modified:
            self.state_file.save_index(body)
        accepted = replace(
            state,
            channel_version=index.channel_version,
            index_sha256=sha,
            etag=resp.etag,
            last_modified=resp.last_modified,
        )
        if accepted != state:  # a new floor or validators: on the disk before anything else
            self._save(accepted)
        return index, accepted

    def _choose(self, index: ChannelIndex) -> tuple[str, IndexEntry]:
        """An installed pack's id if the channel lists it, else the first pack for this site."""
        listed = [k for k in sorted(self.library.pointer().packs) if k in index.packs]
        if listed:
            return listed[0], index.packs[listed[0]]
        kind = self.settings.policy.site_kind
        for pack_id, entry in sorted(index.packs.items()):
            if kind is None or kind in entry.targets:
                return pack_id, entry
        raise SyncFailed(
            f"the channel offers no pack for a {kind or 'kiosk'} site",
            FailureKind.NOT_FOR_THIS_SITE,
        )

    def _fetch_manifest(
        self, fetcher: Fetcher, base: str, pack_id: str, entry: IndexEntry
    ) -> SignedManifest:
        limits = self.library.limits
        docs = []
        for sha, size, what in (
            (entry.manifest_sha256, entry.manifest_size, "manifest"),
            (entry.signature_sha256, entry.signature_size, "signature"),
        ):
            body = fetcher.get_small(
                f"{base}/{MANIFESTS_DIR}/{sha}", min(size, limits.max_manifest_bytes)
            )
            if hashlib.sha256(body).hexdigest() != sha:
                raise IndexRejected(
                    f"{pack_id} {what} does not match the hash in the channel index "
                    "(mixed publishes or tampering); refused",
                    FailureKind.REPLAYED,
                )
            docs.append(body)
        signed = verify_signed_manifest(docs[0], docs[1], self.settings.pack_trust, limits)
        m = signed.manifest
        if m.id != pack_id or m.version != entry.version:
            raise IndexRejected(
                f"channel index lists {pack_id} release {entry.version} but its manifest is "
                f"{m.id} release {m.version}; refused",
                FailureKind.REPLAYED,
            )
        return signed


def _counted(
    chunks: Iterator[bytes],
    done: list[int],
    total: int,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> Iterator[bytes]:
    for chunk in chunks:
        if cancel is not None and cancel.is_set():
            raise SyncCancelled("sync stopped because the app is closing")
        done[0] += len(chunk)
        if progress:
            progress(done[0], total)
        yield chunk
