"""pyqtgraph charts for a touch screen: items made once, then only ``setData``.

Mouse pan, zoom and the context menu are off (a finger would move the chart by accident);
the views move the time window themselves (swipe, buttons). A line is drawn from min/max levels
made once per data change (:mod:`kiosk.ui.energy.level_curve`), so a year of minute data draws
as fast as a day, and the grid as thin rectangles (pyqtgraph's grid lines were most of a frame).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import QMenu, QWidget

from kiosk.ui.energy.decimation import MinMaxLevels
from kiosk.ui.energy.level_curve import HorizontalGrid, LevelCurve, LevelFill
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.touch import PlainLabel, set_role

FILL_MAX_SPAN_S = 3 * 86_400.0


def utc_offset_s(tz: ZoneInfo, at: float) -> int:
    """The offset in pyqtgraph's convention (seconds *west* of UTC, like ``time.timezone``)."""
    offset = datetime.fromtimestamp(at, tz).utcoffset()
    return -int(offset.total_seconds()) if offset is not None else 0


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: Chinese for the English month and weekday abbreviations pyqtgraph's date axis writes.
_ZH_NAMES = {
    **{m: f"{i}月" for i, m in enumerate(_MONTHS_EN, start=1)},
    **dict(zip(_DAYS_EN, ("周一", "周二", "周三", "周四", "周五", "周六", "周日"), strict=True)),
}


class LocalDateAxis(pg.DateAxisItem):
    """A date axis in the site's time zone whose month and day names follow the language."""

    def __init__(self, tz: ZoneInfo, at: float) -> None:
        super().__init__(orientation="bottom", utcOffset=utc_offset_s(tz, at))
        self.names: dict[str, str] = {}

    def set_language(self, code: str) -> None:
        self.names = _ZH_NAMES if code == "zh" else {}
        self.picture = None  # drop the cached labels
        self.update()

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        strings: list[str] = super().tickStrings(values, scale, spacing)
        if not self.names:
            return strings
        return [" ".join(self.names.get(w, w) for w in s.split(" ")) for s in strings]


def _style_plot(widget: pg.PlotWidget, theme: Theme) -> pg.PlotItem:
    widget.setBackground(theme.palette.surface)
    widget.setAntialiasing(False)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    plot: pg.PlotItem = widget.getPlotItem()
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    grid = pg.mkColor(theme.palette.muted)
    grid.setAlphaF(0.25)
    plot.addItem(HorizontalGrid(plot.getAxis("left"), grid), ignoreBounds=True)
    pen = pg.mkPen(theme.palette.muted)
    for name in ("bottom", "left"):
        axis = plot.getAxis(name)
        axis.setPen(pen)
        axis.setTextPen(pg.mkPen(theme.palette.text))
        font = widget.font()
        font.setPixelSize(theme.px(30))  # read from a step away
        axis.setStyle(tickFont=font, tickLength=-theme.px(8))
    plot.getViewBox().setDefaultPadding(0.02)
    _adopt_menus(widget, [plot.ctrlMenu, plot.getViewBox().menu])
    return plot


def _adopt_menus(widget: QWidget, menus: list[QMenu | None]) -> None:
    """pyqtgraph makes its (here disabled) context menus without a parent: top-level windows
    that outlive the chart. Parented to the chart, they are deleted with it."""
    while menus:
        menu = menus.pop()
        if menu is None:
            continue
        if menu.parent() is None:
            menu.setParent(widget, menu.windowFlags())
        menus += [m for m in (a.menu() for a in menu.actions()) if isinstance(m, QMenu)]


class TimeChart(pg.PlotWidget):
    """Lines over time (e.g. PV and consumption power). ``add_line`` once, then ``set_line``
    (or ``set_line_levels`` with levels made off the GUI thread, for long series)."""

    def __init__(self, theme: Theme, tz: ZoneInfo, at: float) -> None:
        self.date_axis = LocalDateAxis(tz, at)
        super().__init__(axisItems={"bottom": self.date_axis})
        self.theme = theme
        self.tz = tz
        self.plot_item = _style_plot(self, theme)
        self.lines: dict[str, LevelCurve] = {}
        self._fills: dict[str, tuple[LevelFill, QBrush]] = {}
        self._span_s = 0.0

    def add_line(self, key: str, colour: str, *, filled: bool = False, width: int = 4) -> None:
        pen = pg.mkPen(colour, width=self.theme.px(width))
        item = LevelCurve(pen, key)
        self.plot_item.addItem(item)
        if filled:
            # the fill as it looked at 70/255 over the chart's background, but opaque
            over, under = pg.mkColor(colour), pg.mkColor(self.theme.palette.surface)
            a = 70 / 255
            mixed = QColor.fromRgbF(*(a * o + (1 - a) * u for o, u in zip(
                over.getRgbF()[:3], under.getRgbF()[:3], strict=True)))  # fmt: skip
            fill = LevelFill(pen, key)
            self.plot_item.addItem(fill, ignoreBounds=True)
            self._fills[key] = (fill, QBrush(mixed))
        self.lines[key] = item
        self._update_fill()

    def set_line(self, key: str, ts: np.ndarray, values: np.ndarray) -> None:
        """A short series (a day): its levels are made here, in well under a millisecond."""
        self.set_line_levels(key, MinMaxLevels.build(ts, values))

    def set_line_levels(self, key: str, levels: MinMaxLevels) -> None:
        """A long series whose levels were made off the GUI thread (``MinMaxLevels.build``)."""
        self.lines[key].set_levels(levels)
        if key in self._fills:
            self._fills[key][0].set_levels(levels)

    def set_window(self, start_ts: float, end_ts: float) -> None:
        self.plot_item.setXRange(start_ts, end_ts, padding=0)
        self._span_s = end_ts - start_ts
        self._update_fill()

    def _update_fill(self) -> None:
        """Fill under a curve for short windows only: over weeks the area is a solid block
        anyway."""
        level = 0.0 if self._span_s <= FILL_MAX_SPAN_S else None
        for fill, brush in self._fills.values():
            if fill.fill_level != level:
                fill.set_fill(brush, level)

    def follow_zone_at(self, at: float) -> None:
        """Label the time axis in the site's offset at ``at`` (changes with daylight saving)."""
        self.date_axis.utcOffset = utc_offset_s(self.tz, at)

    def set_y_label(self, text: str) -> None:
        self.plot_item.setLabel("left", text)


class BarChart(pg.PlotWidget):
    """Side-by-side bars per time bucket, one ``BarGraphItem`` per series, kept for life."""

    def __init__(self, theme: Theme, tz: ZoneInfo, at: float) -> None:
        self.date_axis = LocalDateAxis(tz, at)
        super().__init__(axisItems={"bottom": self.date_axis})
        self.theme = theme
        self.tz = tz
        self.plot_item = _style_plot(self, theme)
        self.bars: dict[str, pg.BarGraphItem] = {}
        self._order: list[str] = []
        self._values: dict[str, tuple[np.ndarray, np.ndarray, float]] = {}
        #: the value of the bar last tapped, written above it
        self.value_item = pg.TextItem("", color=theme.palette.text, anchor=(0.5, 1.0))
        font = self.font()
        font.setPixelSize(theme.px(32))
        font.setBold(True)
        self.value_item.setFont(font)
        self.value_item.setZValue(10)
        self.plot_item.addItem(self.value_item, ignoreBounds=True)
        #: said over the chart when the period has no data ("No data for this year yet")
        self.empty_label = PlainLabel(self)
        self.empty_label.setObjectName("chart-empty")
        set_role(self.empty_label, "chart-empty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

    def add_bars(self, key: str, colour: str) -> None:
        item = pg.BarGraphItem(x=[], height=[], width=1.0, brush=colour, pen=pg.mkPen(None))
        self.plot_item.addItem(item)
        self.bars[key] = item
        self._order.append(key)

    def set_bars(self, key: str, starts: np.ndarray, values: np.ndarray, bucket_s: float) -> None:
        """Bars for buckets starting at ``starts`` (Unix s), each ``bucket_s`` wide."""
        i, n = self._order.index(key), len(self._order)
        width = bucket_s * 0.8 / n
        x = starts + bucket_s * 0.1 + width * (i + 0.5)
        self.bars[key].setOpts(x=x, height=values, width=width)
        self._values[key] = (x, values, width)
        self.value_item.setText("")

    def set_bar_ticks(self, ticks: list[tuple[float, str]]) -> None:
        """Name each bar under its middle (the date axis alone put week bars between ticks
        and left January unnamed)."""
        self.date_axis.setTicks([ticks, []])

    def value_at(self, x: float) -> tuple[str, float, float] | None:
        """(series, bar middle, value) of the bar at ``x`` in data coordinates, or None."""
        for key, (xs, values, width) in self._values.items():
            hit = np.flatnonzero(np.abs(xs - x) <= width / 2)
            if len(hit):
                return key, float(xs[hit[0]]), float(values[hit[0]])
        return None

    def show_value(self, x: float, text: str, top: float) -> None:
        """Write ``text`` above the bar whose middle is ``x`` and top ``top``; "" clears."""
        self.value_item.setText(text)
        self.value_item.setPos(x, top)

    def set_empty_message(self, text: str) -> None:
        """A message instead of an empty axis; "" shows the chart again."""
        self.empty_label.setText(text)
        self.empty_label.setVisible(bool(text))
        self.getAxis("left").setStyle(showValues=not text)
        self._place_empty_label()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_empty_label()

    def _place_empty_label(self) -> None:
        label = getattr(self, "empty_label", None)  # resized once while being made
        if label is not None:
            label.setGeometry(self.rect())
            label.raise_()

    def set_window(self, start_ts: float, end_ts: float, top: float) -> None:
        self.date_axis.utcOffset = utc_offset_s(self.tz, start_ts)
        self.plot_item.setXRange(start_ts, end_ts, padding=0)
        self.plot_item.setYRange(0, max(top, 1e-9) * 1.1, padding=0)

    def set_y_label(self, text: str) -> None:
        self.plot_item.setLabel("left", text)
