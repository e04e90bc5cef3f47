"""A line over time drawn from precomputed min/max levels, and a cheap horizontal grid.

A frame picks the level for the visible span (:mod:`kiosk.ui.energy.decimation`) and fills
one rectangle per pixel column: the band the line covers there, as thick as the pen. Raster Qt
strokes a 4 px line through thousands of points far slower than it fills the same pixels
(10 ms against under 1 for a 30-day window), and a 1 px line with a translucent pen is slower
still (pyqtgraph's grid: 11 ms a frame on a window against 0.05 ms as thin rectangles). Only a
window so short that its points are more than two pixels apart is stroked as a polyline.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt import internals
from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from kiosk.ui.energy.decimation import MinMaxLevels


def _rects(left: np.ndarray, top: np.ndarray, width: np.ndarray, height: np.ndarray) -> list[QRect]:
    """Integer rectangles: Qt fills those with its fast span fill (QRectF go through its
    rasterizer, and one polygon of a few thousand edges took a second)."""
    columns = zip(left.tolist(), top.tolist(), width.tolist(), height.tolist(), strict=True)
    return [QRect(*r) for r in columns]


def _widen(top: np.ndarray, bottom: np.ndarray, half_pen: float) -> tuple[np.ndarray, ...]:
    """Each column's band grown by half the pen each way, across the neighbouring columns
    too, as a pen that wide would cover them (else a year shows its nights as white gaps)."""
    top, bottom = top - half_pen, bottom + half_pen
    grown_top, grown_bottom = top.copy(), bottom.copy()
    for shift in range(1, int(np.ceil(half_pen)) + 1):
        np.minimum(grown_top[shift:], top[:-shift], out=grown_top[shift:])
        np.minimum(grown_top[:-shift], top[shift:], out=grown_top[:-shift])
        np.maximum(grown_bottom[shift:], bottom[:-shift], out=grown_bottom[shift:])
        np.maximum(grown_bottom[:-shift], bottom[shift:], out=grown_bottom[:-shift])
    return np.floor(grown_top).astype(np.int64), np.ceil(grown_bottom).astype(np.int64)


def _columns(px: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pixel column of each bucket's first group (``starts``), the columns and their
    widths (to the next group's column, at least 1)."""
    col = np.floor(px).astype(np.int64)
    starts = np.flatnonzero(np.concatenate([[True], col[1:] != col[:-1]]))
    cols = col[starts]
    widths = np.maximum(np.diff(cols, append=cols[-1] + 1), 1)
    return starts, cols, widths


class LevelCurve(pg.GraphicsObject):
    """One line of a :class:`~kiosk.ui.energy.charts.TimeChart`, optionally filled to 0."""

    #: False for the fill's own item (:class:`LevelFill`)
    draws_line = True

    def __init__(self, pen: QPen, name: str = "") -> None:
        super().__init__()
        self.pen = QPen(pen)
        self.brush: QBrush | None = None
        self.fill_level: float | None = None
        self._name = name
        self.levels = MinMaxLevels.build(np.empty(0), np.empty(0))
        self._bounds = QRectF()

    # -- the parts of pyqtgraph's data item protocol a PlotItem asks for --------------------
    def implements(self, interface: str | None = None) -> Any:
        ints = ["plotData"]
        return ints if interface is None else interface in ints

    def name(self) -> str:
        return self._name

    def getData(self) -> tuple[np.ndarray, np.ndarray]:
        return self.levels.x, self.levels.y

    def setData(self, x: np.ndarray, y: np.ndarray) -> None:
        self.set_levels(MinMaxLevels.build(x, y))

    def dataBounds(
        self, ax: int, frac: float = 1.0, orthoRange: tuple[float, float] | None = None
    ) -> tuple[float, float] | tuple[None, None]:
        if len(self.levels.x) == 0:
            return None, None
        if ax == 0:
            return float(self.levels.x[0]), float(self.levels.x[-1])
        bounds = self.levels.bounds(orthoRange)
        return (None, None) if bounds is None else bounds

    def pixelPadding(self) -> float:
        return float(self.pen.widthF()) / 2 + 1

    # -- ours -----------------------------------------------------------------------------
    def set_levels(self, levels: MinMaxLevels) -> None:
        """Show a series whose levels were made elsewhere (off the GUI thread, for a year)."""
        self.prepareGeometryChange()
        self.levels = levels
        if len(levels.x):
            lo, hi = levels.bounds() or (0.0, 0.0)
            lo, hi = min(lo, 0.0), max(hi, 0.0)
            x0, x1 = float(levels.x[0]), float(levels.x[-1])
            self._bounds = QRectF(x0, lo, max(x1 - x0, 1e-9), max(hi - lo, 1e-9))
        else:
            self._bounds = QRectF()
        self.informViewBoundsChanged()
        self.update()

    def set_fill(self, brush: QBrush | None, level: float | None) -> None:
        self.brush, self.fill_level = brush, level
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, p: QPainter, _opt: QStyleOptionGraphicsItem, _widget: QWidget | None = None
    ) -> None:
        view = self.getViewBox()
        if len(self.levels.x) == 0 or view is None:
            return
        (x0, x1), _y_range = view.viewRange()
        seconds_per_px = (x1 - x0) / max(view.width(), 1.0)
        level = self.levels.pick(seconds_per_px)
        part = level.window(x0, x1)
        x = level.x[part]
        if len(x) == 0:
            return
        t = p.transform()  # data -> pixels: a scale and a shift (no rotation in a plot)
        sx, dx, sy, dy = t.m11(), t.dx(), t.m22(), t.dy()
        half_pen = self.pen.widthF() / 2
        filled = self.brush is not None and self.fill_level is not None
        base = float(self.fill_level or 0.0) * sy + dy
        px = x * sx + dx
        p.save()
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setPen(Qt.PenStyle.NoPen)
        if level.step * abs(sx) > 2:  # points more than 2 px apart: line segments
            py = self.levels.y[part] * sy + dy
            if filled and len(px) > 1:
                cols = np.arange(np.floor(px[0]), np.ceil(px[-1]), dtype=np.float64)
                self._fill(p, cols.astype(np.int64), np.ones(len(cols), np.int64),
                           np.interp(cols, px, py), base)  # fmt: skip
            if len(px) > 1 and self.draws_line:
                lines = internals.PrimitiveArray(QLineF, 4)
                lines.resize(len(px) - 1)
                ends = lines.ndarray()
                ends[:, 0], ends[:, 1], ends[:, 2], ends[:, 3] = px[:-1], py[:-1], px[1:], py[1:]
                pen = QPen(self.pen)
                pen.setCosmetic(True)
                p.setPen(pen)
                p.drawLines(*lines.drawargs())
        else:  # one rectangle per pixel column: the band the line covers there
            starts, cols, widths = _columns(px)
            hi = np.maximum.reduceat(level.hi[part], starts) * sy + dy
            lo = np.minimum.reduceat(level.lo[part], starts) * sy + dy
            if filled:
                peak = np.maximum.reduceat(level.peak[part], starts) * sy + dy
                self._fill(p, cols, widths, peak, base)
            if not self.draws_line:
                p.restore()
                return
            top, bottom = _widen(np.minimum(hi, lo), np.maximum(hi, lo), half_pen)
            p.setBrush(self.pen.color())
            p.drawRects(_rects(cols, top, widths, np.maximum(bottom - top, 1)))
        p.restore()

    def _fill(
        self, p: QPainter, cols: np.ndarray, widths: np.ndarray, line: np.ndarray, base: float
    ) -> None:
        """Columns from the line down (or up) to the fill level."""
        top = np.round(np.minimum(line, base)).astype(np.int64)
        bottom = np.round(np.maximum(line, base)).astype(np.int64)
        assert self.brush is not None
        p.setBrush(self.brush)
        p.drawRects(_rects(cols, top, widths, np.maximum(bottom - top, 0)))


class LevelFill(LevelCurve):
    """The area under a line, as its own item behind the grid (``set_fill`` with an opaque
    brush: Qt fills opaque columns many times faster than it blends translucent ones, 15 ms
    of a one-day frame). Not a data item: the chart's line is."""

    draws_line = False

    def __init__(self, pen: QPen, name: str = "") -> None:
        super().__init__(pen, name)
        self.setZValue(-200)

    def implements(self, interface: str | None = None) -> Any:
        return [] if interface is None else False


class HorizontalGrid(pg.GraphicsObject):
    """Lines across the plot at the left axis's labelled ticks, drawn as 1 px rectangles. Add
    it with ``ignoreBounds=True``: it spans any range."""

    def __init__(self, axis: pg.AxisItem, colour: QColor) -> None:
        super().__init__()
        self.axis = axis
        self.colour = QColor(colour)
        self.setZValue(-100)

    def boundingRect(self) -> QRectF:
        return QRectF(-1e15, -1e15, 2e15, 2e15)

    def paint(
        self, p: QPainter, _opt: QStyleOptionGraphicsItem, _widget: QWidget | None = None
    ) -> None:
        view = self.getViewBox()
        if view is None:
            return
        (x0, x1), (y0, y1) = view.viewRange()
        to_device = p.transform()
        left = to_device.map(QPointF(x0, 0)).x()
        right = to_device.map(QPointF(x1, 0)).x()
        p.save()
        p.resetTransform()
        levels = self.axis.tickValues(y0, y1, view.height())
        for value in levels[0][1] if levels else ():  # the major ticks, which have labels
            y = round(to_device.map(QPointF(0, value)).y())
            p.fillRect(QRectF(left, y, right - left, 1), self.colour)
        p.restore()
