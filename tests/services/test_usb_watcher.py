"""The USB watcher with temp folders standing in for mount points."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.services.tasks import TaskRunner
from kiosk.services.usb_watcher import UsbWatcher


def make_stick(root: Path, name: str, packs: dict[str, bytes]) -> Path:
    stick = root / name
    (stick / "kiosk-packs").mkdir(parents=True)
    for rel, data in packs.items():
        (stick / rel).write_bytes(data)
    return stick


def test_insert_and_pull_are_reported_once(qtbot: Any, tmp_path: Path, tasks: TaskRunner) -> None:
    mounted: list[Path] = []
    watcher = UsbWatcher(2.0, list_mounts=lambda: list(mounted), tasks=tasks)
    appeared: list[Any] = []
    gone: list[str] = []
    watcher.stick_did_appear.connect(appeared.append)
    watcher.stick_did_disappear.connect(gone.append)
    stick = make_stick(
        tmp_path, "STICK", {"a.kpack": b"aa", "kiosk-packs/b.kpack": b"bbb", "c.txt": b""}
    )

    def scan() -> None:
        with qtbot.waitSignal(watcher.scan_did_finish, timeout=5000):
            watcher.scan_now()

    scan()
    assert appeared == [] and watcher.sticks == []
    mounted.append(stick)
    with qtbot.waitSignal(watcher.stick_did_appear, timeout=5000):
        watcher.scan_now()
    [found] = appeared
    assert found.mount == stick
    assert [(p.path.name, p.size_bytes) for p in found.packs] == [("a.kpack", 2), ("b.kpack", 3)]
    assert watcher.sticks == [found]
    scan()
    assert len(appeared) == 1, "a stick that stays is not announced again"
    mounted.clear()
    with qtbot.waitSignal(watcher.stick_did_disappear, timeout=5000):
        watcher.scan_now()
    assert gone == [str(stick)]
    assert watcher.sticks == []
    watcher.stop()


def test_the_timer_polls_at_the_configured_interval(
    qtbot: Any, tmp_path: Path, tasks: TaskRunner
) -> None:
    stick = make_stick(tmp_path, "S", {"p.kpack": b"p"})
    mounted: list[Path] = []
    watcher = UsbWatcher(0.5, list_mounts=lambda: list(mounted), tasks=tasks)
    assert watcher._timer.interval() == 500
    with qtbot.waitSignal(watcher.scan_did_finish, timeout=5000):
        watcher.start()  # the first scan runs at once
    mounted.append(stick)
    with qtbot.waitSignal(watcher.stick_did_appear, timeout=5000) as blocker:
        pass
    assert blocker.args[0].mount == stick
    watcher.stop()
    assert not watcher._timer.isActive()


def test_a_failing_mount_listing_is_survived(qtbot: Any, tmp_path: Path, tasks: TaskRunner) -> None:
    calls: list[int] = []

    def flaky() -> list[Path]:
        calls.append(1)
        if len(calls) == 1:
            raise OSError("mount table unreadable")
        return [make_stick(tmp_path, "S", {})]

    watcher = UsbWatcher(2.0, list_mounts=flaky, tasks=tasks)
    with qtbot.waitSignal(watcher.scan_did_finish, timeout=5000):
        watcher.scan_now()
    with qtbot.waitSignal(watcher.stick_did_appear, timeout=5000) as blocker:
        watcher.scan_now()
    assert blocker.args[0].packs == ()
    watcher.stop()
