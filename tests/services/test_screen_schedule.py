"""The screen schedule service with the one fake clock: off at closing, on at opening, across
midnight, a holiday, DST and a clock step, a restart while closed, wake on touch; the screen
commands run for real (a small Python program writes what it was told)."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fakeclock import FakeClock
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.config.loader import parse_config
from kiosk.schedule.power import PowerPlan, power_plan
from kiosk.services.screen_schedule import RECHECK_MS, ScreenSchedule, ScreenState
from kiosk.services.tasks import TaskRunner

TZ = "Asia/Shanghai"


def local(text: str, tz: str = TZ) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(tz))


def command(log: Path, word: str) -> str:
    return f"{sys.executable} -c \"open(r'{log}', 'a').write('{word}\\n')\""


def make(
    tasks: TaskRunner,
    clock: FakeClock,
    log: Path,
    tz: str = TZ,
    **schedule: Any,
) -> ScreenSchedule:
    schedule.setdefault("enabled", True)
    schedule.setdefault("backend", "command")
    schedule.setdefault("off_command", command(log, "off"))
    schedule.setdefault("on_command", command(log, "on"))
    config = parse_config({"sources": [], "site": {"timezone": tz}, "schedule": schedule})
    return ScreenSchedule.from_config(config, tasks=tasks, clock=clock)


def said(tasks: TaskRunner, log: Path) -> list[str]:
    tasks.wait(10_000)
    return log.read_text().split() if log.exists() else []


@pytest.fixture
def log(tmp_path: Path) -> Path:
    return tmp_path / "screen.log"


def test_off_at_closing_and_on_at_opening(tasks: TaskRunner, log: Path) -> None:
    clock = FakeClock(local("2026-12-07 20:59"))  # a Monday
    screen = make(tasks, clock, log)
    changes: list[ScreenState] = []
    screen.state_did_change.connect(changes.append)
    screen.start()
    assert screen.state.on and screen.state.until == local("2026-12-07 21:00")
    assert screen._timer.interval() <= 60_050  # sleeps until closing, no longer
    clock.advance(minutes=1)
    screen.check()  # what the timer does
    assert not screen.state.on and screen.state.until == local("2026-12-08 08:00")
    assert screen._timer.interval() <= RECHECK_MS  # closed: a look every 30 s at most
    clock.advance(hours=11)
    screen.check()
    assert screen.state.on
    assert [c.on for c in changes] == [False, True]
    assert said(tasks, log) == ["off", "on"]
    screen.stop()


def test_across_midnight(tasks: TaskRunner, log: Path) -> None:
    clock = FakeClock(local("2026-12-07 23:59"))
    screen = make(tasks, clock, log, **{d: "18:00-02:00" for d in ("monday", "tuesday")})
    screen.start()
    assert screen.state.on
    clock.advance(minutes=2)  # Tuesday 00:01: still Monday's evening
    screen.check()
    assert screen.state.on and screen.state.until == local("2026-12-08 02:00")
    clock.advance(hours=2)
    screen.check()
    assert not screen.state.on
    assert said(tasks, log) == ["off"]
    screen.stop()


def test_a_holiday_stays_dark_all_day(tasks: TaskRunner, log: Path) -> None:
    clock = FakeClock(local("2026-09-30 20:00"))
    holiday = {"name": "National Day", "first_day": "10-01", "last_day": "10-07"}
    screen = make(tasks, clock, log, exceptions=[holiday])
    screen.start()
    clock.advance(hours=16)  # 1 October, noon
    screen.check()
    assert not screen.state.on and screen.state.exception == "National Day"
    assert screen.state.until == local("2026-10-08 08:00")
    screen.stop()


def test_a_dst_change_keeps_the_wall_clock_hours(tasks: TaskRunner, log: Path) -> None:
    berlin = "Europe/Berlin"
    clock = FakeClock(local("2026-03-28 22:00", berlin))
    screen = make(tasks, clock, log, tz=berlin)
    screen.start()
    assert not screen.state.on
    clock.advance(hours=9)  # 9 real hours, 10 on the wall: 08:00 CEST
    screen.check()
    assert screen.state.on and screen.now() == local("2026-03-29 08:00", berlin)
    screen.stop()


@pytest.mark.parametrize("step_hours", [3, -3])
def test_a_clock_step_is_caught_at_the_next_look(
    tasks: TaskRunner, log: Path, step_hours: int
) -> None:
    """NTP sets the clock by hours (a kiosk that booted with a flat RTC battery): the service
    never sleeps longer than RECHECK_MS, so its next look puts the screen right."""
    start = "2026-12-07 19:30" if step_hours > 0 else "2026-12-07 22:30"
    clock = FakeClock(local(start))
    screen = make(tasks, clock, log)
    screen.start()
    before = screen.state.on
    assert screen._timer.interval() <= RECHECK_MS
    clock.advance(hours=step_hours)
    screen.check()
    assert screen.state.on is (not before)
    screen.stop()


def test_a_restart_during_closed_hours_goes_dark_at_once(tasks: TaskRunner, log: Path) -> None:
    clock = FakeClock(local("2026-12-08 03:00"))
    screen = make(tasks, clock, log)
    offs: list[bool] = []
    screen.screen_did_turn_off.connect(lambda: offs.append(True))
    screen.start()
    assert offs == [True] and not screen.state.on
    assert said(tasks, log) == ["off"]
    screen.stop()  # a kiosk that stops leaves the screen on for whoever comes next
    assert said(tasks, log) == ["off", "on"]


def _press(widget: QWidget) -> bool:
    event = QMouseEvent(
        QEvent.Type.MouseButtonPress, QPointF(5, 5), QPointF(5, 5),
        Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    return QApplication.sendEvent(widget, event)


@pytest.mark.parametrize("allowed", [True, False])
def test_wake_on_touch(qtbot: Any, tasks: TaskRunner, log: Path, allowed: bool) -> None:
    clock = FakeClock(local("2026-12-08 03:00"))
    screen = make(tasks, clock, log, wake_on_touch=allowed, wake_minutes=5)
    widget = QWidget()
    qtbot.addWidget(widget)
    pressed: list[bool] = []
    widget.mousePressEvent = lambda _e: pressed.append(True)  # type: ignore[method-assign]
    QApplication.instance().installEventFilter(screen)
    try:
        screen.start()
        _press(widget)
        assert screen.state.on is allowed
        # the waking touch is used up: nothing is tapped blind
        assert pressed == ([] if allowed else [True])
        if allowed:
            assert screen.state.woken_until == local("2026-12-08 03:05")
            told: list[ScreenState] = []
            screen.state_did_change.connect(told.append)
            clock.advance(minutes=4)
            _press(widget)  # a visitor keeps using it: awake 5 more minutes
            assert [t.woken_until for t in told] == [local("2026-12-08 03:09")]
            _press(widget)  # the same minute: not said again
            assert len(told) == 1
            clock.advance(minutes=4)
            screen.check()
            assert screen.state.on
            clock.advance(minutes=2)
            screen.check()
            assert not screen.state.on
            assert said(tasks, log) == ["off", "on", "off"]
    finally:
        QApplication.instance().removeEventFilter(screen)
        screen.stop()


def test_a_failing_command_is_said_in_words(tasks: TaskRunner, log: Path) -> None:
    clock = FakeClock(local("2026-12-08 03:00"))
    screen = make(
        tasks, clock, log, off_command=f"{sys.executable} -c \"raise SystemExit('no monitor')\""
    )
    reasons: list[str] = []
    screen.power_did_fail.connect(reasons.append)
    screen.start()
    tasks.wait(10_000)
    for _ in range(20):
        QApplication.processEvents()
    assert reasons and "failed with exit code 1: no monitor" in reasons[0]
    assert not screen.state.on  # the dark closed screen still shows


def test_disabled_is_always_on(tasks: TaskRunner, log: Path) -> None:
    clock = FakeClock(local("2026-12-08 03:00"))
    screen = make(tasks, clock, log, enabled=False)
    screen.start()
    assert screen.state.on and not screen.state.enabled
    assert said(tasks, log) == []


def test_power_plans_by_platform() -> None:
    have = {"xset", "wlopm"}.__contains__

    def which(name: str) -> str | None:
        return f"/usr/bin/{name}" if have(name) else None

    x11 = power_plan("auto", platform="linux", env={"DISPLAY": ":0"}, which=which)
    assert x11.off == ("xset", "dpms", "force", "off")
    wayland = power_plan(
        "auto", platform="linux", env={"WAYLAND_DISPLAY": "wayland-0"}, which=which
    )
    assert wayland.on == ("wlopm", "--on", "*")
    randr = power_plan("wayland", platform="linux", env={}, which=lambda n: "/x" if n == "wlr-randr" else None,
                       wayland_output="DSI-1")  # fmt: skip
    assert randr.off == ("wlr-randr", "--output", "DSI-1", "--off")
    assert power_plan("auto", platform="win32", env={}, which=which).windows
    none = power_plan("auto", platform="linux", env={}, which=which)
    assert not none.switches and none.name == "none found (the black closed screen only)"
    assert power_plan("command", "vcgencmd display_power 0", "vcgencmd display_power 1").off == (
        "vcgencmd", "display_power", "0")  # fmt: skip
    assert PowerPlan("none").switches is False
