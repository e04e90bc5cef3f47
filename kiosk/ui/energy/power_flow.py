"""Sun → building → grid, drawn with QPainter; dots run along each line while power flows.

The dots move faster with more power and run in the direction of the flow: from the grid
to the building when buying, from the building to the grid when selling. Each line carries
its power as text, so colour and motion are never the only signal. The animation runs only
while the widget is visible and there is something to show.

What a frame costs: everything but the dots (icons, tracks, arrowheads, names and figures) is
drawn once into a cached pixmap, again only when the size or a shown text or direction
changes; a frame repaints only the strips the dots run in, at 15 frames a second (slow dots
need no more; :mod:`benchmarks.bench_dashboard` measures it). The cached picture includes the
card's background under the widget, so the widget is opaque: a frame paints the dots' strips
of this widget alone, not the card, the screen and the window under it (each of those paints
was an event through Python and a fill).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, QEvent, QPointF, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QHideEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.energy.metrics import Unit
from kiosk.energy.summary import EnergySummary
from kiosk.ui.energy.formatting import MISSING, scaled
from kiosk.ui.theme import Theme

FRAME_MS = 66  # 15 frames/s: the dots move at most a third of their gap a frame
_DOT_SPACING = 0.12  # of a line's length
_MIN_FLOW_W = 1.0


def dot_speed(power_w: float, peak_w: float) -> float:
    """Line lengths per second: 0.15 for a trickle up to 0.6 at the site's peak power."""
    if power_w < _MIN_FLOW_W:
        return 0.0
    share = min(1.0, math.log1p(power_w) / math.log1p(max(peak_w, 10.0)))
    return 0.15 + 0.45 * share


class PowerFlowWidget(QWidget):
    def __init__(self, theme: Theme, peak_w: float) -> None:
        super().__init__()
        self.theme = theme
        self.peak_w = peak_w
        self.pv_w: float | None = None
        self.load_w: float | None = None
        self.grid_w: float | None = None  # > 0 buying, < 0 selling
        self.labels = ("Solar", "Building", "Grid")
        self._phase = [0.0, 0.0]  # position of the dots on each line, 0..1
        #: Everything but the moving dots, and what it was drawn for (size, texts, directions).
        self._static = QPixmap()
        self._static_key: tuple[object, ...] | None = None
        self._clock = QElapsedTimer()
        self._last_ms = 0
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._on_frame)
        self.setMinimumHeight(theme.px(220))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    # -- data --------------------------------------------------------------------------------

    def set_labels(self, solar: str, building: str, grid: str) -> None:
        self.labels = (solar, building, grid)
        self._update_if_changed()

    def show_summary(self, summary: EnergySummary) -> None:
        self.pv_w = summary.pv_power_w.value
        self.load_w = summary.load_power_w.value
        imp, exp = summary.grid_import_power_w.value, summary.grid_export_power_w.value
        if imp is None and exp is None:
            self.grid_w = None
        else:
            self.grid_w = (imp or 0.0) - (exp or 0.0)
        self._update_timer()
        self._update_if_changed()

    def _update_if_changed(self) -> None:
        """Repaint only when what the cached picture shows changed (a figure's text, a name,
        a direction): the same "25.9 kW" a second later costs nothing."""
        if self._static_key != self._key():
            self.update()

    def _key(self) -> tuple[object, ...]:
        loads = (self.pv_w, self.load_w, None if self.grid_w is None else abs(self.grid_w))
        moving = tuple(math.copysign(1.0, s) if s else 0.0 for s in self.speeds())
        dpr = self.devicePixelRatioF()
        return (self.size(), dpr, self.labels, tuple(map(self._power_text, loads)), moving)

    def speeds(self) -> tuple[float, float]:
        """Dot speeds on the sun→building and building↔grid lines (signed: + means rightwards)."""
        solar = dot_speed(self.pv_w or 0.0, self.peak_w)
        grid = dot_speed(abs(self.grid_w or 0.0), self.peak_w)
        return solar, (-grid if (self.grid_w or 0.0) > 0 else grid)

    # -- animation ---------------------------------------------------------------------------

    def _update_timer(self) -> None:
        moving = any(self.speeds())
        if self.isVisible() and moving and not self._timer.isActive():
            self._clock.start()
            self._last_ms = 0
            self._timer.start()
        elif (not moving or not self.isVisible()) and self._timer.isActive():
            self._timer.stop()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._update_timer()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.Polish, QEvent.Type.StyleChange):
            # The style sheet's polish clears the attribute (it cannot know the cached
            # picture paints the card's background): set again after each polish.
            self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        return handled

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def _on_frame(self) -> None:
        now_ms = self._clock.elapsed()
        dt = (now_ms - self._last_ms) / 1000.0
        self._last_ms = now_ms
        sun, home, grid, r = self._nodes()
        for i, (speed, (a, b)) in enumerate(zip(self.speeds(), ((sun, home), (home, grid)),
                                                strict=True)):  # fmt: skip
            if speed:
                self._phase[i] = (self._phase[i] + speed * dt) % 1.0
                self.update(self._dots_rect(a, b, r))

    def _dots_rect(self, a: QPointF, b: QPointF, r: float) -> QRect:
        """The strip a line's dots run in (antialiased edges included)."""
        dot = self.theme.px(11) + 2
        return QRectF(a.x() + r * 1.1 - dot, a.y() - dot, b.x() - a.x() - r * 2.2 + 2 * dot,
                      2 * dot).toAlignedRect()  # fmt: skip

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._static_key = None

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._static_key = None
            self.update()

    # -- painting ----------------------------------------------------------------------------

    def _nodes(self) -> tuple[QPointF, QPointF, QPointF, float]:
        """Centres of sun, building and pylon, and their radius; two text lines fit below.
        The drawing is centred vertically in whatever height the layout gives."""
        w, h = self.width(), self.height()
        text_h = self.theme.px(40)
        radius = min((h - 2 * text_h - self.theme.px(12)) / 2.2, w * 0.08, self.theme.px(110))
        radius = max(4.0, radius)
        top = max(0.0, (h - radius * 2.1 - 2 * text_h) / 2)
        cy = top + radius * 1.05
        return (QPointF(w * 0.14, cy), QPointF(w * 0.5, cy), QPointF(w * 0.86, cy), radius)

    def paintEvent(self, event: QPaintEvent) -> None:
        key = self._key()
        if key != self._static_key:
            self._static = self._draw_static()
            self._static_key = key
        p = QPainter(self)
        p.drawPixmap(0, 0, self._static)  # Qt clips it to the region being repainted
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        sun, home, grid, r = self._nodes()
        lines = ((sun, home, "accent"), (home, grid, "primary"))
        for i, (speed, (a, b, colour)) in enumerate(zip(self.speeds(), lines, strict=True)):
            if speed:
                self._draw_dots(p, a, b, r, self.theme.qcolor(colour), i, speed)
        p.end()

    def _draw_static(self) -> QPixmap:
        dpr = self.devicePixelRatioF()
        pixmap = QPixmap(max(1, round(self.width() * dpr)), max(1, round(self.height() * dpr)))
        pixmap.setDevicePixelRatio(dpr)
        self._draw_background(pixmap)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        sun, home, grid, r = self._nodes()
        muted = self.theme.qcolor("muted")
        solar_speed, grid_speed = self.speeds()
        self._draw_line(p, sun, home, r, self.theme.qcolor("accent"), solar_speed)
        self._draw_line(p, home, grid, r, self.theme.qcolor("primary"), grid_speed)
        self._draw_sun(p, sun, r)
        self._draw_building(p, home, r)
        self._draw_pylon(p, grid, r, muted)
        font = QFont(self.font())
        font.setPixelSize(self.theme.px(28))
        p.setFont(font)
        p.setPen(self.theme.qcolor("text"))
        for centre, text in zip((sun, home, grid), self.labels, strict=True):
            box = QRectF(centre.x() - r * 2, centre.y() + r * 1.05, r * 4, self.theme.px(40))
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        font.setBold(True)
        p.setFont(font)
        loads = (self.pv_w, self.load_w, None if self.grid_w is None else abs(self.grid_w))
        for centre, value in zip((sun, home, grid), loads, strict=True):
            box = QRectF(centre.x() - r * 2, centre.y() + r * 1.05 + self.theme.px(40),
                         r * 4, self.theme.px(40))  # fmt: skip
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, self._power_text(value))
        p.end()
        return pixmap

    def _draw_background(self, pixmap: QPixmap) -> None:
        """What lies under the widget: the card's background (the style sheet puts it in the
        card's palette, in the pack's colours when a pack restyles)."""
        parent = self.parentWidget()
        if parent is None:
            pixmap.fill(self.theme.qcolor("surface"))
        else:
            pixmap.fill(parent.palette().color(parent.backgroundRole()))

    @staticmethod
    def _power_text(value: float | None) -> str:
        if value is None:
            return MISSING
        number, unit = scaled(value, Unit.W)
        return f"{number} {unit}"

    def _draw_line(
        self, p: QPainter, a: QPointF, b: QPointF, r: float, colour: QColor, speed: float
    ) -> None:
        """The track, and while power flows the arrowhead (the dots are drawn each frame)."""
        start, end = QPointF(a.x() + r * 1.1, a.y()), QPointF(b.x() - r * 1.1, b.y())
        track = QColor(colour)
        track.setAlpha(70)
        p.setPen(QPen(track, self.theme.px(10), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(start, end)
        if speed == 0.0:
            return
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        size = self.theme.px(22)
        # An arrowhead at the downstream end says which way the energy goes.
        tip = end if speed > 0 else start
        back = -1 if speed > 0 else 1
        arrow = QPainterPath(QPointF(tip.x() - back * size * 0.2, tip.y()))
        arrow.lineTo(tip.x() + back * size, tip.y() - size * 0.7)
        arrow.lineTo(tip.x() + back * size, tip.y() + size * 0.7)
        arrow.closeSubpath()
        p.drawPath(arrow)

    def _draw_dots(
        self, p: QPainter, a: QPointF, b: QPointF, r: float, colour: QColor, i: int, speed: float
    ) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        dot = self.theme.px(11)
        for x in self.dot_xs(a.x() + r * 1.1, b.x() - r * 1.1, self._phase[i], speed):
            p.drawEllipse(QPointF(x, a.y()), dot, dot)

    def dot_xs(self, start: float, end: float, phase: float, speed: float) -> list[float]:
        """Where the moving dots are on a line from ``start`` to ``end``: evenly spaced, and
        short of the arrowhead at the downstream end (they used to run into it and bunch)."""
        gap = self.theme.px(22) * 1.2 + self.theme.px(11)
        first, last = (start, end - gap) if speed > 0 else (start + gap, end)
        if last <= first:
            return []
        # a count, not a float sum (that drew one dot twice); fewer on a short line (portrait),
        # so dots never touch
        dot = self.theme.px(11)
        count = max(2, min(round(1.0 / _DOT_SPACING), int((last - first) // (3 * dot))))
        ts = [(phase + k / count) % 1.0 for k in range(count)]
        return [first + (t if speed > 0 else 1.0 - t) * (last - first) for t in ts]

    def _draw_sun(self, p: QPainter, c: QPointF, r: float) -> None:
        colour = self.theme.qcolor("accent")
        p.setPen(QPen(colour, max(2.0, r * 0.08), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for k in range(12):
            angle = k * math.pi / 6
            inner, outer = r * 0.72, r * 0.98
            p.drawLine(
                QPointF(c.x() + inner * math.cos(angle), c.y() + inner * math.sin(angle)),
                QPointF(c.x() + outer * math.cos(angle), c.y() + outer * math.sin(angle)),
            )
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawEllipse(c, r * 0.55, r * 0.55)

    def _draw_building(self, p: QPainter, c: QPointF, r: float) -> None:
        primary = self.theme.qcolor("primary")
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(primary)
        roof = QPainterPath(QPointF(c.x() - r, c.y() - r * 0.05))
        roof.lineTo(c.x(), c.y() - r * 0.95)
        roof.lineTo(c.x() + r, c.y() - r * 0.05)
        roof.closeSubpath()
        p.drawPath(roof)
        p.drawRect(QRectF(c.x() - r * 0.75, c.y() - r * 0.1, r * 1.5, r * 1.0))
        p.setBrush(self.theme.qcolor("surface"))
        for dx in (-0.45, 0.15):
            p.drawRect(QRectF(c.x() + r * dx, c.y() + r * 0.1, r * 0.3, r * 0.3))
        p.drawRect(QRectF(c.x() - r * 0.12, c.y() + r * 0.5, r * 0.24, r * 0.4))

    def _draw_pylon(self, p: QPainter, c: QPointF, r: float, colour: QColor) -> None:
        p.setPen(QPen(colour, max(2.0, r * 0.08), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.setBrush(Qt.BrushStyle.NoBrush)
        top, base = c.y() - r, c.y() + r * 0.95
        p.drawLine(QPointF(c.x(), top), QPointF(c.x() - r * 0.55, base))
        p.drawLine(QPointF(c.x(), top), QPointF(c.x() + r * 0.55, base))
        for y, half in ((c.y() - r * 0.55, r * 0.6), (c.y() - r * 0.1, r * 0.45)):
            p.drawLine(QPointF(c.x() - half, y), QPointF(c.x() + half, y))
        p.drawLine(QPointF(c.x() - r * 0.35, c.y() + r * 0.35), QPointF(c.x() + r * 0.45, base))
        p.drawLine(QPointF(c.x() + r * 0.35, c.y() + r * 0.35), QPointF(c.x() - r * 0.45, base))
