"""Swipe and pinch on a chart: a horizontal drag moves in time, a pinch zooms the period.

A touch screen delivers a drag as mouse events (or touch events turned into them), so a
swipe is a press and release far enough apart sideways. Pinches come as Qt gestures.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QGestureEvent, QPinchGesture, QWidget

SWIPE_SHARE = 0.12  # of the widget's width
PINCH_STEP = 1.35  # scale change that counts as one zoom step


class SwipePinchFilter(QObject):
    #: -1: show earlier (finger moved right), +1: show later (finger moved left).
    user_did_swipe = Signal(int)
    #: -1: zoom in (fingers apart, finer period), +1: zoom out.
    user_did_pinch = Signal(int)
    #: a tap (press and release without a swipe), at this point of the target
    user_did_tap = Signal(QPointF)

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self._target = target
        self._press: QPointF | None = None
        self._scale = 1.0
        target.installEventFilter(self)
        target.grabGesture(Qt.GestureType.PinchGesture)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            self._press = event.position()
            return True
        if kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            if self._press is not None:
                dx = event.position().x() - self._press.x()
                dy = event.position().y() - self._press.y()
                self._press = None
                if abs(dx) > max(abs(dy), self._target.width() * SWIPE_SHARE):
                    self.user_did_swipe.emit(-1 if dx > 0 else 1)
                elif max(abs(dx), abs(dy)) < self._target.width() * SWIPE_SHARE / 2:
                    self.user_did_tap.emit(event.position())
            return True
        if kind == QEvent.Type.MouseMove:
            return True
        if kind == QEvent.Type.Gesture and isinstance(event, QGestureEvent):
            self._on_gesture(event)
            return True
        return False

    def _on_gesture(self, event: QGestureEvent) -> None:
        pinch = event.gesture(Qt.GestureType.PinchGesture)
        if not isinstance(pinch, QPinchGesture):
            return
        event.accept(pinch)
        if pinch.state() == Qt.GestureState.GestureStarted:
            self._scale = 1.0
        self._scale *= pinch.scaleFactor()
        if self._scale >= PINCH_STEP:
            self._scale = 1.0
            self.user_did_pinch.emit(-1)
        elif self._scale <= 1.0 / PINCH_STEP:
            self._scale = 1.0
            self.user_did_pinch.emit(1)
