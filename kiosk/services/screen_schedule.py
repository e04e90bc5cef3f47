"""Drives the screen from the opening hours: off at closing time, on at opening, awake for a
while after a touch when that is allowed.

The one wall clock (``clock``, ``time.time`` in the app, the fake clock in tests) decides; a
single-shot timer wakes the service at the next change, and at least every
:data:`RECHECK_MS`, so a clock that steps (NTP) or a DST change is caught within that time.
While closed the service is the only timer it adds: one wake-up every 30 s.

Read :attr:`ScreenSchedule.state` (a :class:`ScreenState`) at any time, and
``state_did_change`` for every change (the heartbeat reports it). Screens listen to
``screen_did_turn_off`` / ``screen_did_turn_on`` to stop and start their own animations.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, tzinfo
from functools import partial
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from kiosk.config import Config
from kiosk.schedule.hours import HoursException, OpeningHours, OpenState
from kiosk.schedule.power import PowerPlan, power_plan, switch
from kiosk.schedule.times import local_time, parse_day_range, parse_spans
from kiosk.services.tasks import TaskRunner

log = logging.getLogger(__name__)

#: The longest the service sleeps between two looks at the clock.
RECHECK_MS = 30_000
#: How long stopping waits for a screen command still running.
COMMAND_WAIT_MS = 12_000
_WAKE_EVENTS = {QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress}
_ACTIVITY_EVENTS = _WAKE_EVENTS | {QEvent.Type.TouchUpdate, QEvent.Type.MouseMove}
_SAY_EXTENSION = timedelta(minutes=1)
_DAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class ScreenState:
    """What the screen does now, for the UI, the staff screen and the heartbeat."""

    #: The schedule is in use (``[schedule] enabled``); when False the screen is always on.
    enabled: bool
    #: The screen shows the kiosk (open, or woken by a touch while closed).
    on: bool
    #: Opening hours say open.
    open: bool
    #: When ``open`` next changes (local time of the site); None: not within a year.
    until: datetime | None
    #: A touch woke the screen while closed: it goes off again at this time.
    woken_until: datetime | None = None
    #: The exception that sets today's hours ("National Day"), "" on a normal day.
    exception: str = ""


def opening_hours_from_config(config: Config) -> OpeningHours:
    schedule = config.schedule
    tz: tzinfo = ZoneInfo(config.site.timezone)
    week = tuple(parse_spans(getattr(schedule, key)) for key in _DAY_KEYS)
    exceptions = tuple(
        HoursException(
            e.name, parse_day_range(e.first_day, e.last_day or e.first_day), parse_spans(e.hours)
        )
        for e in schedule.exceptions
    )
    return OpeningHours(week, exceptions, tz)


class ScreenSchedule(QObject):
    #: What its event filter looks at (:class:`kiosk.services.input_events.InputEvents`).
    event_types = frozenset(_ACTIVITY_EVENTS)
    state_did_change = Signal(object)  # ScreenState
    screen_did_turn_off = Signal()
    #: why: "opening" (opening hours), "touch" (woken while closed), "start"
    screen_did_turn_on = Signal(str)
    #: the screen could not be switched off or on: the reason in words
    power_did_fail = Signal(str)

    def __init__(
        self,
        hours: OpeningHours | None,
        plan: PowerPlan,
        *,
        tasks: TaskRunner,
        clock: Callable[[], float] = time.time,
        wake_on_touch: bool = True,
        wake_minutes: float = 5.0,
        dim_screen: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.hours = hours
        self.plan = plan
        #: While closed, a dim "closed" screen is shown instead of a dark one.
        self.dim_screen = dim_screen
        self.wake_on_touch = wake_on_touch
        self.wake = timedelta(minutes=wake_minutes)
        self._clock = clock
        self._tasks = tasks
        self._power_queue = tasks.serial("screen-power")
        self._state = self._evaluate(None)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)
        self._running = False
        self._power_on: bool | None = None  # what the backend was last told

    @classmethod
    def from_config(
        cls, config: Config, *, tasks: TaskRunner, clock: Callable[[], float] = time.time
    ) -> ScreenSchedule:
        schedule = config.schedule
        plan = power_plan(schedule.backend, schedule.off_command, schedule.on_command)
        if schedule.closed_screen == "dim":
            plan = PowerPlan("none: a dim 'closed' screen stays on (closed_screen = 'dim')")
        return cls(
            opening_hours_from_config(config) if schedule.enabled else None,
            plan,
            tasks=tasks,
            clock=clock,
            wake_on_touch=schedule.wake_on_touch,
            wake_minutes=schedule.wake_minutes,
            dim_screen=schedule.closed_screen == "dim",
        )

    @property
    def state(self) -> ScreenState:
        return self._state

    def now(self) -> datetime:
        tz = self.hours.tz if self.hours is not None else UTC
        return local_time(self._clock(), tz)

    def start(self) -> None:
        """Look at the clock now (a restart during closed hours goes dark at once)."""
        self._running = True
        self._apply(self._evaluate(self._state.woken_until), "start")

    def stop(self) -> None:
        self._running = False
        self._timer.stop()
        if self._power_on is False:  # leave the screen on for whoever comes next
            self._switch(True)
        self._power_queue.wait(COMMAND_WAIT_MS)

    def check(self) -> None:
        """Look at the clock: switch if the state changed, and sleep until the next look."""
        woken = self._state.woken_until
        if woken is not None and self.now() >= woken:
            woken = None
        self._apply(self._evaluate(woken), "opening")

    def wake_by_touch(self) -> bool:
        """A touch while closed: on for ``wake_minutes`` (False if not allowed or not closed)."""
        if not self.wake_on_touch or self._state.on:
            return False
        self._apply(self._evaluate(self.now() + self.wake), "touch")
        return True

    def _evaluate(self, woken_until: datetime | None) -> ScreenState:
        if self.hours is None:
            return ScreenState(enabled=False, on=True, open=True, until=None)
        opening: OpenState = self.hours.state_at(self.now())
        if opening.open:
            woken_until = None
        return ScreenState(
            enabled=True,
            on=opening.open or woken_until is not None,
            open=opening.open,
            until=opening.until,
            woken_until=woken_until,
            exception=opening.exception,
        )

    def _apply(self, state: ScreenState, why: str) -> None:
        before = self._state
        self._state = state
        if self._running:
            self._arm()
        if state != before:
            self.state_did_change.emit(state)
        if state.on == before.on and why != "start":
            return
        if state.on:
            if self._power_on is False:  # only a screen this service switched off
                self._switch(True)
            log.info("screen on (%s)", why)
            self.screen_did_turn_on.emit(why)
        else:
            until = f"{state.until:%a %H:%M}" if state.until else "further notice"
            log.info("screen off until %s (%s)", until, self.plan.name)
            self._switch(False)
            self.screen_did_turn_off.emit()

    def _arm(self) -> None:
        """Sleep until the next change, at most RECHECK_MS (the clock may step meanwhile)."""
        now = self.now()
        ends = [t for t in (self._state.until, self._state.woken_until) if t is not None]
        wait_ms = float(RECHECK_MS)
        for end in ends:
            wait_ms = min(wait_ms, max(0.0, (end - now).total_seconds() * 1000) + 50)
        self._timer.start(int(wait_ms))

    def _switch(self, on: bool) -> None:
        self._power_on = on
        if not self.plan.switches:
            return
        self._power_queue.run(
            partial(switch, self.plan, on), None, partial(self._on_switch_failed, on)
        )

    def _on_switch_failed(self, on: bool, exc: BaseException) -> None:
        reason = f"cannot switch the screen {'on' if on else 'off'}: {exc}"
        log.warning("%s", reason)
        self.power_did_fail.emit(reason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Installed on the application: a touch while dark wakes the screen (and is used up
        by it, so nothing is tapped blind); touches while woken keep it awake."""
        kind = event.type()
        state = self._state
        if kind in _WAKE_EVENTS and not state.on and self.wake_on_touch:
            self.wake_by_touch()
            return True
        if kind in _ACTIVITY_EVENTS and state.woken_until is not None:
            later = self.now() + self.wake
            self._state = replace(state, woken_until=later)
            if later - state.woken_until >= _SAY_EXTENSION:  # told at most once a minute
                self.state_did_change.emit(self._state)
        return False
