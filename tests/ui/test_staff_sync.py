"""The staff sync panel in the real window: "sync now" shows progress and the new version
without stalling the GUI thread; offline, staff see how long ago the last sync was."""

from __future__ import annotations

import contextlib
import itertools
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer

sys.path.insert(0, str(Path(__file__).parents[1] / "sync"))

from channel_server import ChannelServer
from fakeclock import FakeClock
from sync_helpers import Channel, video

from kiosk.content.keys import public_text
from kiosk.sync.state import StateFile, iso
from kiosk.ui.staff.sync_panel import SyncPanel

SYNC_TESTS = Path(__file__).parents[1] / "sync"
SYNC_MB = 50


@pytest.fixture
def channel(tmp_path: Path) -> Channel:
    return Channel(tmp_path, FakeClock(time.time()))  # the app checks expiry on the real clock


@contextlib.contextmanager
def served_elsewhere(root: Path) -> Iterator[str]:
    """The channel served by another process, as a real remote server would be."""
    proc = subprocess.Popen(
        [sys.executable, str(SYNC_TESTS / "channel_server.py"), str(root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        yield proc.stdout.readline().strip()
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(10)


def kiosk_config(channel: Channel, url: str) -> dict[str, Any]:
    return {
        "display": {"language": "en"},
        "content": {"trusted_keys": [public_text(channel.pack_key.public_key())]},
        "channel": {"url": url, "trusted_keys": [public_text(channel.index_key.public_key())]},
    }


def open_panel(qtbot: Any, kiosk: Any) -> SyncPanel:
    kiosk.window.router.go("staff")
    staff = kiosk.window.router.screen("staff")
    staff.open_section("sync")
    panel = staff.findChild(SyncPanel)
    assert panel is not None
    qtbot.waitUntil(lambda: panel._value("result").text() != "—", timeout=5000)
    return panel


def wait_until_gui_idle(qtbot: Any, kiosk: Any, ticks: list[float]) -> None:
    """Start-up work (built-in pack, restyling, first paints) is not the sync's to measure."""
    content = kiosk.services.content

    def content_started() -> bool:
        status = content.status
        return bool(status.problem) or (status.active is not None and status.confirmed)

    qtbot.waitUntil(content_started, timeout=10_000)
    kiosk.tasks.wait(10_000)

    def calm() -> bool:
        recent = ticks[-20:]
        return len(recent) == 20 and max(b - a for a, b in itertools.pairwise(recent)) < 0.03

    qtbot.waitUntil(calm, timeout=10_000)


def test_sync_now_shows_progress_and_new_version_without_stalls(
    qtbot: Any, make_kiosk: Any, channel: Channel
) -> None:
    files = {f"media/clip{i}.mp4": video(5_000_000, i) for i in range(SYNC_MB // 5)}
    channel.root.mkdir(parents=True)
    channel.publish(1, files)
    with served_elsewhere(channel.root) as url:
        kiosk = make_kiosk(kiosk_config(channel, url))
        panel = open_panel(qtbot, kiosk)
        service = kiosk.services.sync
        assert panel.sync_button.isEnabled()
        seen: list[tuple[bool, int, str]] = []
        service.sync_did_progress.connect(
            lambda d, t: seen.append(
                (
                    panel.progress_bar.isVisible(),
                    panel.progress_bar.value(),
                    panel.progress_text.text(),
                )
            )
        )
        ticks: list[float] = []
        frame = QTimer()
        frame.setInterval(10)
        frame.timeout.connect(lambda: ticks.append(time.monotonic()))
        frame.start()
        wait_until_gui_idle(qtbot, kiosk, ticks)  # start-up work and first paint are not ours
        ticks.clear()
        with qtbot.waitSignal(service.sync_did_finish, timeout=60_000):
            qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
        frame.stop()
        assert kiosk.services.sync.client.state_file.load().bytes_to_download == 0
        qtbot.waitUntil(lambda: "test-pack v1" in panel._value("current").text(), timeout=5000)
        assert panel._value("result").text() == "New content installed"
        assert "Installed test-pack v1" in panel.progress_text.text()
        assert not panel.progress_bar.isVisible()
        assert any(visible and value > 0 for visible, value, _ in seen)
        assert any(text.startswith("Downloading") for _, _, text in seen)
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        assert len(ticks) > 10
        assert max(gaps) < 0.1, f"GUI thread stalled {max(gaps) * 1000:.0f} ms"


def test_offline_staff_see_age_and_reason_visitors_see_nothing(
    qtbot: Any, make_kiosk: Any, channel: Channel, data_dir: Path
) -> None:
    state_file = StateFile(data_dir / "sync")
    twelve_days_ago = datetime.now(UTC) - timedelta(days=12, hours=1)
    state_file.save(
        replace(state_file.load(), last_success=iso(twelve_days_ago), last_result="up_to_date")
    )
    with ChannelServer(channel.work) as server:
        url = server.url
    kiosk = make_kiosk(kiosk_config(channel, url))  # nothing listens there any more
    client = kiosk.services.sync.client
    client.settings = replace(client.settings, fetch=replace(client.settings.fetch, retries=1))
    home = kiosk.window.router.current
    panel = open_panel(qtbot, kiosk)
    assert panel._value("synced").text().startswith("12 days ago")
    with qtbot.waitSignal(kiosk.services.sync.sync_did_fail, timeout=60_000):
        qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cannot reach" in panel.problem_detail.text(), timeout=5000)
    assert panel.problem.text().startswith(
        "Last failure: The kiosk cannot reach the channel server"
    )
    assert panel.problem_detail.text().startswith("Details: cannot reach 127.0.0.1:")
    assert panel._value("synced").text().startswith("12 days ago")
    assert home is not None and home.name == "home"


def test_failed_sync_reads_in_chinese_with_the_english_detail(
    qtbot: Any, make_kiosk: Any, channel: Channel, data_dir: Path
) -> None:
    """A stalled channel server: staff read what happened and what to do in Chinese; the
    English reason stays below for support; the kind is kept in the state file."""
    channel.root.mkdir(parents=True)
    channel.publish(1, {"media/a.mp4": video(300_000, 1)})
    config = kiosk_config(channel, "")
    config["display"] = {"language": "zh"}
    with ChannelServer(channel.root) as server:
        server.set_faults(stall_s=5.0)
        config["channel"]["url"] = server.url
        config["channel"]["read_timeout_s"] = 1.0
        kiosk = make_kiosk(config)
        service = kiosk.services.sync
        client = service.client
        assert client.settings.fetch.read_timeout_s == 1.0  # [channel] read_timeout_s is used
        client.settings = replace(client.settings, fetch=replace(client.settings.fetch, retries=0))
        panel = open_panel(qtbot, kiosk)
        with qtbot.waitSignal(service.sync_did_fail, timeout=60_000) as blocker:
            qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == "timeout"
    qtbot.waitUntil(lambda: panel._value("result").text() == "失败（原因见下方）", timeout=5000)
    assert panel.problem.text() == (
        "上次失败：频道服务器没有及时响应，或者下载太慢。当前内容照常展示，稍后会自动重试。"
        "请检查店里的网络。"
    )
    assert panel.problem_detail.text().startswith("详细信息：")
    assert "server stopped sending (timeout)" in panel.problem_detail.text()
    assert panel.progress_text.text() == "同步失败，原因见上方。"
    state = client.state_file.load()
    assert (state.last_error_kind, state.last_result) == ("timeout", "failed")
