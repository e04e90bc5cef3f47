"""Publishing to a channel folder and syncing from it over a real loopback HTTP server."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from channel_server import ChannelServer, ForwardProxy
from sync_helpers import Channel, KioskDir, video

from kiosk.sync.client import SyncFailed
from kiosk.sync.index import INDEX_NAME, read_index
from kiosk.sync.publisher import PublishError, refresh_channel
from kiosk.sync.state import StateFile, SyncState


def test_publish_writes_objects_manifests_and_signed_index(channel: Channel) -> None:
    result = channel.publish(1, {"media/a.mp4": video(1000, 1)})
    entry = result.index.packs["test-pack"]
    assert result.index.channel_version == 1
    assert (channel.root / "manifests" / entry.manifest_sha256).is_file()
    assert (channel.root / "manifests" / entry.signature_sha256).is_file()
    objects = sorted(p.name for p in (channel.root / "objects").iterdir())
    assert len(objects) == 2  # pack.yaml and the video
    doc = json.loads((channel.root / INDEX_NAME).read_bytes())
    assert doc["signed"]["packs"]["test-pack"]["version"] == 1
    assert not list(channel.root.rglob("*.tmp"))


def test_publish_refuses_older_release_and_keeps_channel(channel: Channel) -> None:
    channel.publish(2, {"media/a.mp4": video(100, 1)})
    before = (channel.root / INDEX_NAME).read_bytes()
    with pytest.raises(PublishError, match="not newer"):
        channel.publish(1, {"media/a.mp4": video(100, 2)})
    assert (channel.root / INDEX_NAME).read_bytes() == before


def test_refresh_raises_version_and_expiry(channel: Channel) -> None:
    channel.publish(1, {"media/a.mp4": video(100, 1)})
    channel.clock.advance(days=20)
    index = refresh_channel(channel.root, channel.index_key, channel.clock.utc(), 10)
    assert index.channel_version == 2
    assert index.expires == channel.clock.utc() + timedelta(days=10)
    assert read_index((channel.root / INDEX_NAME).read_bytes(), None).channel_version == 2


def test_first_sync_installs_then_up_to_date_with_304(
    channel: Channel, server: ChannelServer, kiosk: KioskDir
) -> None:
    channel.publish(1, {"media/a.mp4": video(300_000, 1)})
    progress: list[tuple[int, int]] = []
    outcome = kiosk.client().sync_once(progress=lambda d, t: progress.append((d, t)))
    assert outcome.status == "updated"
    assert kiosk.active_version() == 1
    assert progress[-1][0] == progress[-1][1] > 300_000 - 1
    kiosk.library.load_active(deep=True)
    server.state.hits.clear()
    again = kiosk.client().sync_once()
    assert again.status == "up_to_date"
    assert [(h.path, h.status) for h in server.state.hits] == [("/index.json", 304)]
    state = kiosk.state.load()
    assert state.last_result == "up_to_date" and state.last_success and not state.last_error


def test_delta_sync_fetches_only_the_changed_object(
    channel: Channel, server: ChannelServer, kiosk: KioskDir
) -> None:
    files = {f"media/v{i:02}.mp4": video(1_000_000, i) for i in range(24)}
    channel.publish(1, files)
    kiosk.client().sync_once()
    assert kiosk.active_version() == 1
    changed = video(1_000_000, 999)
    files["media/v07.mp4"] = changed
    v2 = channel.publish(2, files)
    server.state.hits.clear()
    outcome = kiosk.client().sync_once()
    assert outcome.status == "updated" and kiosk.active_version() == 2
    entry = v2.index.packs["test-pack"]
    index_size = (channel.root / INDEX_NAME).stat().st_size
    installed = kiosk.library.load_active()
    assert installed is not None
    pack_yaml = next(f.size for f in installed.manifest.files if f.path == "pack.yaml")
    expected = index_size + entry.manifest_size + entry.signature_size + len(changed) + pack_yaml
    assert server.state.sent_bytes() == expected == outcome.bytes_fetched
    objects = [h.path for h in server.state.hits if h.path.startswith("/objects/")]
    assert len(objects) == 2  # the changed video and pack.yaml (its version line changed)


def test_two_kiosks_end_on_the_same_version(
    channel: Channel, kiosk: KioskDir, second_kiosk: KioskDir
) -> None:
    channel.publish(1, {"media/a.mp4": video(50_000, 1)})
    kiosk.client().sync_once()
    channel.publish(2, {"media/a.mp4": video(50_000, 2)})
    kiosk.client().sync_once()
    second_kiosk.client().sync_once()
    first, second = kiosk.library.pointer().active, second_kiosk.library.pointer().active
    assert first == second and first is not None and first.version == 2


def test_sync_through_an_http_proxy(
    channel: Channel, server: ChannelServer, kiosk: KioskDir
) -> None:
    channel.publish(1, {"media/a.mp4": video(200_000, 1)})
    with ForwardProxy() as proxy:
        outcome = kiosk.client(proxy=proxy.url).sync_once()
    assert outcome.status == "updated" and kiosk.active_version() == 1
    assert proxy.seen[0] == f"{server.url}/index.json"
    assert any("/objects/" in url for url in proxy.seen)


def test_newer_release_installed_by_hand_is_kept(
    channel: Channel, server: ChannelServer, kiosk: KioskDir
) -> None:
    from kiosk.content.installer import install_kpack

    channel.publish(1, {"media/a.mp4": video(10_000, 1)})
    usb = channel.kpack(2, {"media/a.mp4": video(10_000, 2)})
    settings = channel.settings(server.url)
    install_kpack(usb, kiosk.library, settings.pack_trust, settings.policy)
    outcome = kiosk.client().sync_once()
    assert outcome.status == "up_to_date" and "newer than the channel's v1" in outcome.message
    assert kiosk.active_version() == 2


def test_a_sync_cut_off_part_way_keeps_the_checked_files_for_the_next_one(
    channel: Channel, server: ChannelServer, kiosk: KioskDir
) -> None:
    """Shop Wi-Fi that drops for longer than the retries: the files already checked are not
    downloaded again; the kiosk keeps showing its content meanwhile; unused ones are collected."""
    channel.publish(1, {"media/old.mp4": video(200_000, 1)})
    kiosk.client().sync_once()
    v1 = kiosk.library.pointer().active
    files = {f"media/v{i}.mp4": video(400_000, 10 + i) for i in range(5)}
    channel.publish(2, files)
    server.set_faults(serve_objects=3)  # the line goes down after three files
    with pytest.raises(SyncFailed, match="HTTP 503"):
        kiosk.client().sync_once()
    assert kiosk.library.pointer().active == v1  # still showing release 1
    kiosk.library.load(v1, deep=True)
    served = set(server.state.served_objects)
    assert len(served) == 3
    assert not (kiosk.library.root / "staging").exists()

    server.clear_faults()
    server.state.hits.clear()
    outcome = kiosk.client().sync_once()
    assert outcome.status == "updated" and kiosk.active_version() == 2
    again = {h.path for h in server.state.hits if h.path.startswith("/objects/")}
    assert not again & served  # nothing checked before is fetched again
    assert len(again) == 6 - 3  # five videos and pack.yaml, minus the three kept
    installed = kiosk.library.load_active(deep=True)
    assert installed is not None
    needed = {f.sha256 for f in installed.manifest.files}
    ptr = kiosk.library.pointer()
    assert ptr.previous == v1  # kept to go back to, with its objects
    kept = needed | {ptr.active.manifest_sha256, ptr.active.signature_sha256}
    kept |= {ptr.previous.manifest_sha256, ptr.previous.signature_sha256}
    kept |= {f.sha256 for f in kiosk.library.load(v1).manifest.files}
    assert set(kiosk.library.objects.all_objects()) == kept  # nothing unused left behind


class _CountingStateFile(StateFile):
    """The real state file, counting its writes (each is two fsyncs and a rename)."""

    saves = 0

    def save(self, state: SyncState) -> None:
        self.saves += 1
        super().save(state)


def test_an_up_to_date_check_writes_the_state_once(
    channel: Channel, server: ChannelServer, kiosk: KioskDir
) -> None:
    """The 304 check's fixed cost is mostly disk flushes: an index that did not change leaves
    nothing to remember before the result, so only the result is written."""
    channel.publish(1, {"media/a.mp4": video(10_000, 1)})
    kiosk.client().sync_once()
    kiosk.state = counting = _CountingStateFile(kiosk.state.folder)
    outcome = kiosk.client().sync_once()
    assert outcome.status == "up_to_date" and counting.saves == 1
    assert counting.load().last_result == "up_to_date"
    channel.publish(2, {"media/a.mp4": video(10_000, 2)})
    counting.saves = 0
    assert kiosk.client().sync_once().status == "updated"
    assert (
        counting.saves == 3
    )  # the new index (rollback floor) first, the bytes to fetch, the result
