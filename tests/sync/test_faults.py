"""Every network fault and attack ends in a correct install or a clean failure with the
previous pack active and intact; the next sync after the fault is gone succeeds.

One test per fault, against the real loopback server in :mod:`channel_server`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
from channel_server import ChannelServer
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sync_helpers import Channel, KioskDir, video

from kiosk.content.store import PackRef
from kiosk.sync.client import SyncFailed
from kiosk.sync.index import INDEX_NAME, read_index, sign_index
from kiosk.sync.publisher import refresh_channel
from kiosk.util.failure_kinds import FailureKind

OBJECT_BYTES = 300_000


@pytest.fixture
def on_v1(channel: Channel, kiosk: KioskDir) -> Iterator[PackRef]:
    """Release 1 synced and active; release 2 published and waiting."""
    channel.publish(1, {"media/a.mp4": video(OBJECT_BYTES, 1)})
    kiosk.client().sync_once()
    ref = kiosk.library.pointer().active
    assert ref is not None and ref.version == 1
    channel.publish(2, {"media/a.mp4": video(OBJECT_BYTES, 2)})
    yield ref


def fails_cleanly(kiosk: KioskDir, before: PackRef, match: str, kind: FailureKind) -> None:
    """The sync fails with ``match`` in its reason and ``kind`` for staff, both kept in the
    state file; the previous release stays active and intact."""
    with pytest.raises(SyncFailed, match=match) as info:
        kiosk.client().sync_once()
    assert info.value.kind == kind
    assert kiosk.library.pointer().active == before
    kiosk.library.load(before, deep=True)
    assert not (kiosk.library.root / "staging").exists()
    state = kiosk.state.load()
    assert state.last_result == "failed" and state.last_error == info.value.reason
    assert state.last_error_kind == kind


def recovers(kiosk: KioskDir, server: ChannelServer, version: int = 2) -> None:
    server.clear_faults()
    outcome = kiosk.client().sync_once()
    assert outcome.status in ("updated", "up_to_date")
    assert kiosk.active_version() == version
    kiosk.library.load_active(deep=True)
    assert kiosk.state.load().last_error == kiosk.state.load().last_error_kind == ""


def test_dropped_connection_resumes_with_range(
    server: ChannelServer, kiosk: KioskDir, on_v1: PackRef
) -> None:
    server.set_faults(drop_once_at=100_000)
    outcome = kiosk.client().sync_once()
    assert outcome.status == "updated" and kiosk.active_version() == 2
    resumed = [h for h in server.state.hits if h.range]
    assert [(h.range, h.status) for h in resumed] == [("bytes=100000-", 206)]
    assert outcome.bytes_fetched < 2 * OBJECT_BYTES  # not downloaded again from the start
    kiosk.library.load_active(deep=True)


def test_server_ignoring_range_still_resumes_correctly(
    server: ChannelServer, kiosk: KioskDir, on_v1: PackRef
) -> None:
    server.set_faults(drop_once_at=100_000, ignore_range=True)
    assert kiosk.client().sync_once().status == "updated"
    kiosk.library.load_active(deep=True)


def test_stalled_server(server: ChannelServer, kiosk: KioskDir, on_v1: PackRef) -> None:
    server.set_faults(stall_s=5.0)
    fails_cleanly(kiosk, on_v1, "stopped sending|time limit", FailureKind.TIMEOUT)
    assert kiosk.sleeps  # retried with backoff before giving up
    recovers(kiosk, server)


def test_slow_drip_hits_the_total_deadline(
    server: ChannelServer, kiosk: KioskDir, on_v1: PackRef
) -> None:
    server.set_faults(drip_interval_s=0.02)  # well inside the 0.5 s read timeout
    fails_cleanly(kiosk, on_v1, "total time limit", FailureKind.TIMEOUT)
    recovers(kiosk, server)


def test_dribbled_headers_hit_the_total_deadline(
    server: ChannelServer, kiosk: KioskDir, on_v1: PackRef
) -> None:
    """Headers sent a byte at a time (each inside the read timeout) used to keep a sync, and
    the library lock, for ever: the total deadline now counts from the request, headers too."""
    server.set_faults(drip_headers_s=0.02)
    started = time.monotonic()
    fails_cleanly(kiosk, on_v1, "total time limit", FailureKind.TIMEOUT)
    assert time.monotonic() - started < 30  # the headers alone would take 2,000 s
    with kiosk.library.transaction():  # the lock is free again: a USB install could run
        pass
    recovers(kiosk, server)


def test_a_deeply_nested_index_is_refused_and_recorded(
    server: ChannelServer, kiosk: KioskDir, channel: Channel, on_v1: PackRef
) -> None:
    """100,000 nested [ in index.json crashed with a RecursionError and was not recorded."""
    index = channel.root / INDEX_NAME
    good = index.read_bytes()
    index.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    fails_cleanly(kiosk, on_v1, "nested deeper than", FailureKind.DAMAGED)
    index.write_bytes(good)
    recovers(kiosk, server)


def test_truncated_body(server: ChannelServer, kiosk: KioskDir, on_v1: PackRef) -> None:
    server.set_faults(truncate=True)
    fails_cleanly(kiosk, on_v1, "connection dropped.*gave up", FailureKind.OFFLINE)
    recovers(kiosk, server)


def test_corrupted_bytes(server: ChannelServer, kiosk: KioskDir, on_v1: PackRef) -> None:
    server.set_faults(corrupt=True)
    fails_cleanly(kiosk, on_v1, "SHA-256 does not match", FailureKind.DAMAGED)
    recovers(kiosk, server)


@pytest.mark.parametrize("delta", [10, -10])
def test_wrong_content_length(
    server: ChannelServer, kiosk: KioskDir, on_v1: PackRef, delta: int
) -> None:
    server.set_faults(length_delta=delta)
    fails_cleanly(kiosk, on_v1, f"announces {OBJECT_BYTES + delta} bytes", FailureKind.DAMAGED)
    recovers(kiosk, server)


@pytest.mark.parametrize(
    ("status", "match", "kind"),
    [
        (404, "not on the channel server", FailureKind.NOT_FOUND),
        (500, "HTTP 500.*gave up", FailureKind.SERVER_ERROR),
        (503, "HTTP 503.*gave up", FailureKind.SERVER_ERROR),
        (403, "server refused \\(HTTP 403", FailureKind.REFUSED),
    ],
)
def test_http_errors(
    server: ChannelServer,
    kiosk: KioskDir,
    on_v1: PackRef,
    status: int,
    match: str,
    kind: FailureKind,
) -> None:
    server.set_faults(status=status)
    fails_cleanly(kiosk, on_v1, match, kind)
    assert bool(kiosk.sleeps) == (status >= 500)  # only server trouble is retried
    recovers(kiosk, server)


def test_redirect_loop(server: ChannelServer, kiosk: KioskDir, on_v1: PackRef) -> None:
    server.set_faults(redirect_loop=True)
    fails_cleanly(kiosk, on_v1, "redirects in a loop", FailureKind.REFUSED)
    recovers(kiosk, server)


def test_endless_body(server: ChannelServer, kiosk: KioskDir, on_v1: PackRef) -> None:
    server.set_faults(endless=True)
    fails_cleanly(kiosk, on_v1, f"more than the {OBJECT_BYTES} bytes", FailureKind.DAMAGED)
    assert server.state.sent_bytes() < 50 * OBJECT_BYTES
    recovers(kiosk, server)


def test_expired_index(
    channel: Channel, server: ChannelServer, kiosk: KioskDir, on_v1: PackRef
) -> None:
    channel.clock.advance(days=31)
    fails_cleanly(kiosk, on_v1, "expired on .*stale", FailureKind.EXPIRED)
    refresh_channel(channel.root, channel.index_key, channel.clock.utc(), 30)
    recovers(kiosk, server)


def test_expired_index_noticed_on_304(
    channel: Channel, server: ChannelServer, kiosk: KioskDir, on_v1: PackRef
) -> None:
    kiosk.client().sync_once()
    channel.clock.advance(days=31)
    server.state.hits.clear()
    with pytest.raises(SyncFailed, match="expired"):
        kiosk.client().sync_once()
    assert [h.status for h in server.state.hits] == [304]


def test_older_index_replayed(
    channel: Channel, server: ChannelServer, kiosk: KioskDir, on_v1: PackRef
) -> None:
    index_path = channel.root / INDEX_NAME
    old = index_path.read_bytes()  # channel version 2, pack release 2
    kiosk.client().sync_once()
    channel.publish(3, {"media/a.mp4": video(OBJECT_BYTES, 3)})
    kiosk.client().sync_once()
    v3 = kiosk.library.pointer().active
    assert v3 is not None and v3.version == 3
    current = index_path.read_bytes()
    index_path.write_bytes(old)
    fails_cleanly(kiosk, v3, "older than version 3 seen before", FailureKind.REPLAYED)
    index_path.write_bytes(current)
    recovers(kiosk, server, version=3)


def test_manifest_from_another_publish(
    channel: Channel, server: ChannelServer, kiosk: KioskDir, on_v1: PackRef
) -> None:
    index = read_index((channel.root / INDEX_NAME).read_bytes(), None)
    v2_manifest = channel.root / "manifests" / index.packs["test-pack"].manifest_sha256
    good = v2_manifest.read_bytes()
    v1_manifest = channel.root / "manifests" / on_v1.manifest_sha256
    v2_manifest.write_bytes(v1_manifest.read_bytes())
    fails_cleanly(
        kiosk, on_v1, "does not match the hash in the channel index", FailureKind.REPLAYED
    )
    v2_manifest.write_bytes(good)
    recovers(kiosk, server)


def test_index_signed_by_unknown_key(
    channel: Channel, server: ChannelServer, kiosk: KioskDir, on_v1: PackRef
) -> None:
    index_path = channel.root / INDEX_NAME
    good = index_path.read_bytes()
    forged = sign_index(read_index(good, None), Ed25519PrivateKey.generate())
    index_path.write_bytes(forged)
    fails_cleanly(kiosk, on_v1, "unknown key", FailureKind.UNTRUSTED)
    index_path.write_bytes(good)
    recovers(kiosk, server)


def test_index_with_altered_content_fails_signature(
    channel: Channel, server: ChannelServer, kiosk: KioskDir, on_v1: PackRef
) -> None:
    index_path = channel.root / INDEX_NAME
    good = index_path.read_bytes()
    index_path.write_bytes(good.replace(b'"channel_version":2', b'"channel_version":9'))
    fails_cleanly(kiosk, on_v1, "bad signature", FailureKind.UNTRUSTED)
    index_path.write_bytes(good)
    recovers(kiosk, server)


def test_pack_signed_by_channel_key_only_is_refused(
    channel: Channel, server: ChannelServer, kiosk: KioskDir, on_v1: PackRef
) -> None:
    """The channel key vouches for which release is current, never for a pack's content."""
    pack_key = channel.pack_key
    channel.pack_key = channel.index_key
    channel.publish(3, {"media/a.mp4": video(OBJECT_BYTES, 3)})
    channel.pack_key = pack_key
    fails_cleanly(kiosk, on_v1, "unknown key", FailureKind.UNTRUSTED)
    channel.publish(4, {"media/a.mp4": video(OBJECT_BYTES, 4)})
    recovers(kiosk, server, version=4)


def test_no_server_listening_is_offline(channel: Channel, kiosk: KioskDir, on_v1: PackRef) -> None:
    with ChannelServer(channel.root) as gone:
        url = gone.url  # closed again: nothing listens on this port any more
    with pytest.raises(
        SyncFailed, match="connection refused — is the channel server running"
    ) as info:
        kiosk.client(url=url, retries=1).sync_once()
    assert info.value.kind == FailureKind.OFFLINE
    assert kiosk.state.load().last_error_kind == FailureKind.OFFLINE
    assert kiosk.library.pointer().active == on_v1


def test_no_channel_url_is_not_configured(kiosk: KioskDir) -> None:
    client = kiosk.client()
    client.settings = replace(client.settings, url="")
    with pytest.raises(SyncFailed, match="no channel URL") as info:
        client.sync_once()
    assert info.value.kind == FailureKind.NOT_CONFIGURED
