"""Notice when nobody has touched the screen for ``idle_seconds``.

An application-wide event filter records every touch, mouse or key press. A coarse timer asks
:meth:`IdleTracker.check`, which compares against an injectable clock, so tests drive idle with
a fake clock instead of sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_ACTIVITY_EVENTS = {
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class IdleTracker(QObject):
    #: What its event filter looks at (:class:`kiosk.services.input_events.InputEvents`).
    event_types = frozenset(_ACTIVITY_EVENTS)
    user_did_go_idle = Signal()
    #: The first touch after the kiosk went idle (a new visitor session begins).
    user_did_return = Signal()

    def __init__(
        self,
        idle_seconds: float,
        clock: Callable[[], float] = time.monotonic,
        check_interval_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.idle_seconds = idle_seconds
        self._clock = clock
        self._last_activity = clock()
        self._idle = False
        self._timer = QTimer(self)
        self._timer.setInterval(check_interval_ms)
        self._timer.timeout.connect(self.check)

    @property
    def is_idle(self) -> bool:
        return self._idle

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def poke(self) -> None:
        """Record activity now."""
        self._last_activity = self._clock()
        if self._idle:
            self._idle = False
            self.user_did_return.emit()

    def check(self) -> None:
        if not self._idle and self._clock() - self._last_activity >= self.idle_seconds:
            self._idle = True
            self.user_did_go_idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY_EVENTS:
            self.poke()
        return False
