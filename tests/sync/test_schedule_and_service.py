"""The jittered schedule, and the Qt sync service running the client off the GUI thread."""

from __future__ import annotations

import random
from typing import Any

from channel_server import ChannelServer
from sync_helpers import Channel, KioskDir, video

from kiosk.services.sync_service import SyncService
from kiosk.services.tasks import TaskRunner
from kiosk.sync.schedule import first_delay_s, next_delay_s


def test_schedule_spreads_a_fleet_and_backs_off_after_failures() -> None:
    rng = random.Random(7)
    delays = [next_delay_s(60, 0, rng) for _ in range(200)]
    assert 54 * 60 <= min(delays) < max(delays) <= 66 * 60
    assert len({round(d) for d in delays}) > 150  # kiosks do not line up
    assert all(5 <= first_delay_s(rng) <= 120 for _ in range(50))
    backoff = [max(next_delay_s(60, n, rng) for _ in range(50)) for n in (1, 2, 3, 4)]
    assert backoff == sorted(backoff) and backoff[0] <= 60
    assert max(next_delay_s(60, 20, rng) for _ in range(50)) <= 3600  # never past the interval


def make_service(kiosk: KioskDir, tasks: TaskRunner, **fetch: object) -> SyncService:
    client = kiosk.client(**fetch)
    return SyncService(client, kiosk.url, 60, rng=random.Random(1), tasks=tasks)


def test_service_syncs_on_a_worker_and_reports_install(
    qtbot: Any, channel: Channel, kiosk: KioskDir, tasks: TaskRunner
) -> None:
    channel.publish(1, {"media/a.mp4": video(2_000_000, 1)})
    service = make_service(kiosk, tasks)
    progress: list[tuple[int, int]] = []
    service.sync_did_progress.connect(lambda d, t: progress.append((d, t)))
    installed: list[str] = []
    service.pack_did_install.connect(installed.append)
    with qtbot.waitSignals([service.sync_did_finish, service.pack_did_install]):
        assert service.sync_now()
        assert not service.sync_now()  # one sync at a time
    assert installed == ["test-pack"]
    assert progress[-1][0] == progress[-1][1] > 0
    qtbot.waitUntil(lambda: service.status is not None and service.status.active_version == "v1")
    assert 54 * 60_000 <= service._timer.remainingTime() <= 66 * 60_000
    service.stop()


def test_service_failure_retries_sooner_and_keeps_content(
    qtbot: Any, channel: Channel, server: ChannelServer, kiosk: KioskDir, tasks: TaskRunner
) -> None:
    channel.publish(1, {"media/a.mp4": video(100_000, 1)})
    kiosk.client().sync_once()
    channel.publish(2, {"media/a.mp4": video(100_000, 2)})
    server.set_faults(status=404)
    service = make_service(kiosk, tasks)
    with qtbot.waitSignal(service.sync_did_fail) as blocker:
        service.sync_now()
    kind, reason = blocker.args
    assert kind == "not_found" and "HTTP 404" in reason
    qtbot.waitUntil(lambda: service._timer.isActive())
    assert service._timer.remainingTime() <= 60_000  # first retry within a minute
    assert kiosk.active_version() == 1
    service.stop()


def test_stop_cancels_a_running_sync(
    qtbot: Any, channel: Channel, server: ChannelServer, kiosk: KioskDir, tasks: TaskRunner
) -> None:
    channel.publish(1, {"media/a.mp4": video(100_000, 1)})
    server.set_faults(drip_interval_s=0.01)
    service = make_service(kiosk, tasks, deadline_base_s=30.0)
    with qtbot.waitSignal(service.sync_did_progress, timeout=5000):
        service.sync_now()
    qtbot.waitUntil(lambda: bool(kiosk.library.staging_root.exists()))
    service.stop()  # returns once the worker has let go
    assert not service.is_running
    assert kiosk.active_version() is None
    assert not kiosk.library.staging_root.exists()
    assert kiosk.state.load().last_error_kind == "cancelled"


def test_service_without_client_explains_why(qtbot: Any, tasks: TaskRunner) -> None:
    service = SyncService(
        None, "", 60, setup_error="no channel key: set [channel] trusted_keys", tasks=tasks
    )
    with qtbot.waitSignal(service.sync_did_fail) as blocker:
        assert not service.sync_now()
    assert blocker.args[0] == "not_configured" and "no channel key" in blocker.args[1]
