"""Burn-in care for a screen that shows the same thing for hours: the whole picture moves by a
few pixels now and then (the attract loop and every static layout with it), and, if the site
wants it, the screen dims after a quiet while and comes back at the next touch.

The shift walks a small square (up to ``shift_px`` each way, one pixel a step) by changing the
window's margins, so every screen keeps its size; the dimmer is a translucent black layer over
the window that lets touches through. Both stop while the screen is off (closed hours).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QLayout, QWidget

from kiosk.config.model import DisplayConfig

_ACTIVITY = {QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress}
DIM_CHECK_MS = 15_000


def shift_path(shift_px: int) -> list[tuple[int, int]]:
    """Offsets that walk the square row by row, back and forth: one pixel per step."""
    path: list[tuple[int, int]] = []
    for y in range(shift_px + 1):
        xs = range(shift_px + 1) if y % 2 == 0 else range(shift_px, -1, -1)
        path.extend((x, y) for x in xs)
    return path


class DimLayer(QWidget):
    """Translucent black over the whole window; touches pass through it."""

    def __init__(self, parent: QWidget, percent: int) -> None:
        super().__init__(parent)
        self.setObjectName("dim-layer")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.alpha = round(255 * (100 - percent) / 100)
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, self.alpha))


class ScreenCare(QObject):
    #: What its event filter looks at (:class:`kiosk.services.input_events.InputEvents`).
    event_types = frozenset(_ACTIVITY)

    def __init__(
        self,
        window: QWidget,
        layout: QLayout,
        display: DisplayConfig,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.layout = layout
        self.path = shift_path(display.shift_px) if display.shift_px > 0 else [(0, 0)]
        self.shift_px = display.shift_px
        self.step_index = 0
        self._clock = clock
        self._last_touch = clock()
        self.dim_after_s = display.dim_after_minutes * 60.0
        self.dimmer = DimLayer(window, display.dim_percent)
        self._shift_timer = QTimer(self)
        self._shift_timer.setInterval(display.shift_minutes * 60_000)
        self._shift_timer.timeout.connect(self.step)
        self._dim_timer = QTimer(self)
        self._dim_timer.setInterval(DIM_CHECK_MS)
        self._dim_timer.timeout.connect(self.check_dim)

    @property
    def offset(self) -> tuple[int, int]:
        return self.path[self.step_index]

    def start(self) -> None:
        """Start moving (and watching for quiet, when dimming is on)."""
        if self.shift_px > 0:
            self._shift_timer.start()
        if self.dim_after_s > 0:
            self._last_touch = self._clock()
            self._dim_timer.start()

    def stop(self) -> None:
        self._shift_timer.stop()
        self._dim_timer.stop()
        self.dimmer.hide()

    def step(self) -> None:
        """The next offset: margins (x, y, shift - x, shift - y) keep the content's size."""
        self.step_index = (self.step_index + 1) % len(self.path)
        x, y = self.offset
        self.layout.setContentsMargins(x, y, self.shift_px - x, self.shift_px - y)

    def check_dim(self) -> None:
        if not self.dimmer.isVisible() and self._clock() - self._last_touch >= self.dim_after_s:
            self.dimmer.setGeometry(self.window.rect())
            self.dimmer.raise_()
            self.dimmer.show()

    def on_screen_off(self) -> None:
        self.stop()

    def on_screen_on(self, _why: str = "") -> None:
        self.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._last_touch = self._clock()
            if self.dimmer.isVisible():
                self.dimmer.hide()
        return False
