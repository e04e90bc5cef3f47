"""The attract loop's living backdrop: sky, our building with its solar roof, a rain tank, and
a sun character whose mood follows the building's true state.

Moods (chosen by the attract screen from live figures only): ``cheer`` — the roof is producing
well, the sun bounces and grins and energy flows into the building; ``shine`` — producing a
little; ``night`` — the sun has set, a sleeping moon, nothing flows; ``rest`` — no figures, a
calm sun that claims nothing.

Cheap on purpose (≤ 1 % of a core): the still art is drawn once per size and mood into a cached
pixmap; a 6 fps timer moves only the sun and the energy dots and repaints just their
rectangles; the timer runs only while the scene is shown.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QWidget

from kiosk.ui.widgets.animated import AnimatedWidget

MOODS = ("cheer", "shine", "night", "rest")
FRAME_MS = 300  # about 3 frames a second: gentle motion, little CPU
_SKY = {
    "cheer": ("#7CC8F2", "#DDF1FB"),
    "shine": ("#9CCFEA", "#E6F2F7"),
    "rest": ("#B7D7E6", "#EEF5F1"),
    "night": ("#14254A", "#3B4F7A"),
}


class LiveScene(AnimatedWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(FRAME_MS, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.mood = "rest"
        self._backdrop = QPixmap()
        self._backdrop_key: tuple[int, int, str] = (0, 0, "")

    # --- state -----------------------------------------------------------------------------

    def set_mood(self, mood: str) -> None:
        if mood not in MOODS:
            raise ValueError(f"unknown mood {mood!r}")
        if mood != self.mood:
            self.mood = mood
            self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._backdrop = QPixmap()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.Polish, QEvent.Type.StyleChange):
            # The style sheet's polish clears the attribute: without it every frame also
            # painted the screen and the window under the scene (a paintEvent in Python).
            self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        return handled

    def advance(self) -> None:
        self.update(self._sun_rect())
        if self.mood in ("cheer", "shine"):
            self.update(self._flow_rect())

    # --- geometry: portrait and landscape each have their own ------------------------------

    def _portrait(self) -> bool:
        return self.height() > self.width()

    def _unit(self) -> float:
        return min(self.width(), self.height()) / 1080.0

    def ground_y(self) -> float:
        return self.height() * (0.86 if self._portrait() else 0.80)

    def _sun_centre(self) -> QPointF:
        w, h = self.width(), self.height()
        # low over the hills, right of the building: clear of the figure and the slide card
        return QPointF(w * 0.76, h * 0.80) if self._portrait() else QPointF(w * 0.40, h * 0.63)

    def _sun_radius(self) -> float:
        return 78 * self._unit()

    def _sun_rect(self) -> QRect:
        c, r = self._sun_centre(), self._sun_radius() * 2.1
        return QRectF(
            c.x() - r, c.y() - r - 30 * self._unit(), 2 * r, 2 * r + 60 * self._unit()
        ).toAlignedRect()

    def _building(self) -> QRectF:
        u, g = self._unit(), self.ground_y()
        w, h = 330 * u, 190 * u
        x = self.width() * (0.10 if self._portrait() else 0.07)
        return QRectF(x, g - h, w, h)

    def _flow_path(self) -> QPainterPath:
        """From the sun to the solar roof, then into the building."""
        b = self._building()
        roof = QPointF(b.center().x() + b.width() * 0.15, b.top() - 40 * self._unit())
        path = QPainterPath(self._sun_centre())
        sun = self._sun_centre()
        path.quadTo(QPointF((sun.x() + roof.x()) / 2, roof.y() - 60 * self._unit()), roof)
        path.lineTo(QPointF(b.center().x(), b.center().y()))
        return path

    def _flow_rect(self) -> QRect:
        pad = 16 * self._unit()
        return self._flow_path().boundingRect().adjusted(-pad, -pad, pad, pad).toAlignedRect()

    # --- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        key = (self.width(), self.height(), self.mood)
        if self._backdrop.isNull() or self._backdrop_key != key:
            self._backdrop = self._paint_backdrop()
            self._backdrop_key = key
        painter = QPainter(self)
        dirty = event.rect()
        painter.drawPixmap(dirty, self._backdrop, dirty)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # only what lies in the repainted rectangle (a touch cue's frame repaints a corner)
        if self.mood in ("cheer", "shine") and dirty.intersects(self._flow_rect()):
            self._paint_flow(painter)
        if not dirty.intersects(self._sun_rect()):
            pass
        elif self.mood == "night":
            self._paint_moon(painter)
        else:
            self._paint_sun(painter)
        painter.end()

    def _paint_backdrop(self) -> QPixmap:
        pix = QPixmap(self.size())
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        top, bottom = _SKY[self.mood]
        sky = QLinearGradient(0, 0, 0, self.height())
        sky.setColorAt(0, QColor(top))
        sky.setColorAt(1, QColor(bottom))
        p.fillRect(self.rect(), sky)
        u, w, g = self._unit(), self.width(), self.ground_y()
        night = self.mood == "night"
        if night:  # a few stars
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("#F5F0C8"))
            for i in range(24):
                x = (0.5 + i * 0.7548777) % 1.0 * w  # an even spread (the R2 sequence)
                y = (0.5 + i * 0.5698403) % 1.0 * g * 0.6
                p.drawEllipse(QPointF(x, y), 3 * u, 3 * u)
        hills = QPainterPath(QPointF(0, g))
        hills.cubicTo(
            QPointF(w * 0.3, g - 90 * u), QPointF(w * 0.6, g + 40 * u), QPointF(w, g - 50 * u)
        )
        hills.lineTo(w, self.height())
        hills.lineTo(0, self.height())
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#2E6B47" if night else "#5DAE5F"))
        p.drawPath(hills)
        p.fillRect(QRectF(0, g, w, self.height() - g), QColor("#245A3B" if night else "#3E8E4F"))
        self._paint_building(p, night)
        p.end()
        return pix

    def _paint_building(self, p: QPainter, night: bool) -> None:
        u, b = self._unit(), self._building()
        p.setBrush(QColor("#E9E2D0" if not night else "#8C8A84"))
        p.drawRoundedRect(b, 8 * u, 8 * u)
        roof = QPainterPath(QPointF(b.left() - 20 * u, b.top()))
        roof.lineTo(b.left() + b.width() * 0.25, b.top() - 70 * u)
        roof.lineTo(b.right() + 20 * u, b.top() - 70 * u)
        roof.lineTo(b.right() + 20 * u, b.top())
        roof.closeSubpath()
        p.setBrush(QColor("#1F3B63"))
        p.drawPath(roof)
        p.setPen(QPen(QColor("#7FA7D9"), 2 * u))  # the panels' cells
        for i in range(1, 6):
            x = b.left() + b.width() * 0.25 + i * (b.width() * 0.75 + 20 * u) / 6
            p.drawLine(QPointF(x, b.top() - 70 * u), QPointF(x, b.top()))
        p.setPen(Qt.PenStyle.NoPen)
        window = QColor("#FFD56B") if night else QColor("#6FB4E0")
        for i in range(4):
            p.setBrush(window)
            p.drawRect(QRectF(b.left() + (30 + i * 75) * u, b.top() + 40 * u, 46 * u, 46 * u))
        p.setBrush(QColor("#8A5A3C"))
        p.drawRect(QRectF(b.center().x() - 24 * u, b.bottom() - 70 * u, 48 * u, 70 * u))
        tank = QRectF(b.right() + 50 * u, b.bottom() - 120 * u, 90 * u, 120 * u)
        p.setBrush(QColor("#2A86C2"))
        p.drawRoundedRect(tank, 14 * u, 14 * u)
        p.setBrush(QColor("#8FC9EC"))
        p.drawRoundedRect(
            tank.adjusted(12 * u, 12 * u, -12 * u, -tank.height() * 0.55), 6 * u, 6 * u
        )

    def _paint_flow(self, p: QPainter) -> None:
        path, u = self._flow_path(), self._unit()
        count = 9 if self.mood == "cheer" else 4
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#F2A51A"))
        for i in range(count):
            t = ((i / count) + self.frame * 0.035) % 1.0
            p.drawEllipse(path.pointAtPercent(t), 9 * u, 9 * u)

    def _paint_sun(self, p: QPainter) -> None:
        c, r, u = self._sun_centre(), self._sun_radius(), self._unit()
        cheer = self.mood == "cheer"
        bob = math.sin(self.frame * 0.6) * (14 if cheer else 4) * u
        c = QPointF(c.x(), c.y() + bob)
        turn = self.frame * (0.12 if cheer else 0.04)
        p.setPen(QPen(QColor("#F2A51A"), 10 * u, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        grow = 1.0 + (0.12 * math.sin(self.frame * 0.8) if cheer else 0.0)
        for i in range(12):
            a = turn + i * math.pi / 6
            inner, outer = r * 1.2, r * (1.55 if i % 2 else 1.4) * grow
            p.drawLine(
                QPointF(c.x() + inner * math.cos(a), c.y() + inner * math.sin(a)),
                QPointF(c.x() + outer * math.cos(a), c.y() + outer * math.sin(a)),
            )
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#FFC83D"))
        p.drawEllipse(c, r, r)
        p.setBrush(QColor("#3A2A10"))
        eye = 9 * u
        p.drawEllipse(
            QPointF(c.x() - r * 0.35, c.y() - r * 0.2), eye, eye * (1.3 if cheer else 1.0)
        )
        p.drawEllipse(
            QPointF(c.x() + r * 0.35, c.y() - r * 0.2), eye, eye * (1.3 if cheer else 1.0)
        )
        mouth = QRectF(c.x() - r * 0.45, c.y() - r * 0.15, r * 0.9, r * (0.75 if cheer else 0.5))
        if cheer:  # a big open grin
            p.setBrush(QColor("#C0392B"))
            p.drawChord(mouth, 180 * 16, 180 * 16)
        else:
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(QColor("#3A2A10"), 6 * u, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            p.drawArc(mouth, 200 * 16, 140 * 16)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(QColor(255, 120, 90, 110)))  # cheeks
        p.drawEllipse(QPointF(c.x() - r * 0.62, c.y() + r * 0.12), r * 0.16, r * 0.11)
        p.drawEllipse(QPointF(c.x() + r * 0.62, c.y() + r * 0.12), r * 0.16, r * 0.11)

    def _paint_moon(self, p: QPainter) -> None:
        c, r, u = self._sun_centre(), self._sun_radius() * 0.9, self._unit()
        bob = math.sin(self.frame * 0.25) * 4 * u
        c = QPointF(c.x(), c.y() + bob)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#F5F0C8"))
        p.drawEllipse(c, r, r)
        p.setPen(QPen(QColor("#6B6440"), 5 * u, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.setBrush(Qt.BrushStyle.NoBrush)
        for dx in (-0.35, 0.35):  # sleeping eyes
            p.drawArc(
                QRectF(c.x() + r * dx - 12 * u, c.y() - r * 0.25, 24 * u, 16 * u),
                180 * 16,
                180 * 16,
            )
        p.drawArc(QRectF(c.x() - r * 0.2, c.y() + r * 0.15, r * 0.4, r * 0.2), 180 * 16, 180 * 16)
        font = p.font()
        font.setPixelSize(max(1, round(34 * u)))
        font.setBold(True)
        p.setFont(font)
        p.setPen(QColor("#F5F0C8"))
        for i in range(2):  # z z, drifting up
            t = ((self.frame * 0.04) + i * 0.5) % 1.0
            p.drawText(QPointF(c.x() + r * (1.0 + 0.4 * t), c.y() - r * (0.6 + 0.8 * t)), "z")
