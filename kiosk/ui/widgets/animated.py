"""A widget that animates at a low frame rate, and only while it is shown (no CPU when hidden).

Animated widgets with the same frame interval share one timer (:class:`FrameClock`): the
attract loop's scene and its touch cue move in the same event, so Qt paints and flushes both
in one go instead of two wake-ups and two flushes per frame.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QWidget

_CLOCKS: dict[int, FrameClock] = {}


class FrameClock(QObject):
    """One timer for every shown animated widget of one frame interval; it runs only while
    one of them is shown."""

    def __init__(self, frame_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._widgets: list[AnimatedWidget] = []
        self._timer = QTimer(self)
        self._timer.setInterval(frame_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    @classmethod
    def shared(cls, frame_ms: int) -> FrameClock:
        clock = _CLOCKS.get(frame_ms)
        if clock is None:
            clock = _CLOCKS[frame_ms] = cls(frame_ms, QCoreApplication.instance())
            clock.destroyed.connect(_CLOCKS.clear)  # with the application
        return clock

    def join(self, widget: AnimatedWidget) -> None:
        if widget not in self._widgets:
            self._widgets.append(widget)
        if not self._timer.isActive():
            self._timer.start()

    def leave(self, widget: AnimatedWidget) -> None:
        if widget in self._widgets:
            self._widgets.remove(widget)
        if not self._widgets:
            self._timer.stop()

    def runs_for(self, widget: AnimatedWidget) -> bool:
        return self._timer.isActive() and widget in self._widgets

    def _on_timer_timeout(self) -> None:
        for widget in list(self._widgets):
            if shiboken6.isValid(widget):
                widget.next_frame()
            else:  # deleted while shown: it had no hide event
                self.leave(widget)


class AnimatedWidget(QWidget):
    """Counts ``frame`` up every ``frame_ms`` while shown and calls :meth:`advance`."""

    def __init__(self, frame_ms: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frame = 0
        self._frame_ms = frame_ms

    def is_animating(self) -> bool:
        return FrameClock.shared(self._frame_ms).runs_for(self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        FrameClock.shared(self._frame_ms).join(self)

    def hideEvent(self, event: QHideEvent) -> None:
        FrameClock.shared(self._frame_ms).leave(self)
        super().hideEvent(event)

    def next_frame(self) -> None:
        self.frame += 1
        self.advance()

    def advance(self) -> None:
        """Repaint what moved (the whole widget unless a subclass knows better)."""
        self.update()
