"""An animated "touch here" cue a child understands without reading: a hand that taps, with
rings spreading from its fingertip. About 3 frames a second, and only while it is shown.

The ten frames of a tap are drawn once per size into pixmaps (antialiased rings and rounded
rectangles cost more than the rest of the attract loop's frame); a frame copies one.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui.widgets.animated import AnimatedWidget

FRAME_MS = 300
FRAMES_PER_TAP = 10


class TouchCue(AnimatedWidget):
    def __init__(self, size_px: int, parent: QWidget | None = None) -> None:
        super().__init__(FRAME_MS, parent)
        self.setObjectName("touch-cue")
        self.setFixedSize(size_px, size_px)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        #: the frames of one tap, and the (size, device pixel ratio) they were drawn for
        self._frames: list[QPixmap] = []
        self._frames_key: tuple[int, float] | None = None

    def paintEvent(self, event: QPaintEvent) -> None:
        dpr = self.devicePixelRatioF()
        key = (self.width(), dpr)
        if key != self._frames_key:
            self._frames = [self._draw_frame(i, dpr) for i in range(FRAMES_PER_TAP)]
            self._frames_key = key
        p = QPainter(self)
        p.drawPixmap(0, 0, self._frames[self.frame % FRAMES_PER_TAP])
        p.end()

    def _draw_frame(self, index: int, dpr: float) -> QPixmap:
        s = float(self.width())
        pixmap = QPixmap(max(1, round(s * dpr)), max(1, round(s * dpr)))
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(Qt.GlobalColor.transparent)
        phase = index / FRAMES_PER_TAP
        tip = QPointF(s * 0.5, s * 0.36)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        for k in range(2):  # rings spreading from the fingertip
            t = (phase + k * 0.5) % 1.0
            alpha = int(255 * (1.0 - t))
            p.setPen(QPen(QColor(255, 255, 255, alpha), s * 0.03))
            p.setBrush(Qt.BrushStyle.NoBrush)
            radius = s * (0.08 + 0.30 * t)
            p.drawEllipse(tip, radius, radius)
        press = math.sin(phase * math.pi) * s * 0.05  # the hand dips as it taps
        finger = QRectF(s * 0.44, s * 0.33 + press, s * 0.12, s * 0.34)
        palm = QRectF(s * 0.34, s * 0.55 + press, s * 0.34, s * 0.32)
        p.setPen(QPen(QColor("#1C2A22"), s * 0.025))
        p.setBrush(QColor("#FFE0BD"))
        p.drawRoundedRect(palm, s * 0.1, s * 0.1)
        p.drawRoundedRect(finger, s * 0.06, s * 0.06)
        for i in range(3):  # the folded fingers
            knuckle = QRectF(
                s * (0.53 + i * 0.0), s * (0.56 + i * 0.075) + press, s * 0.17, s * 0.09
            )
            p.drawRoundedRect(knuckle, s * 0.04, s * 0.04)
        p.end()
        return pixmap
