"""Today: solar power and consumption since midnight, a live chart updated in place.

The store's minute means are loaded off the GUI thread when the view opens and every few
minutes; in between, each live summary appends its point to a bounded tail. The curves are
created once and only get ``setData``.
"""

from __future__ import annotations

from collections import deque
from zoneinfo import ZoneInfo

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.energy.queries import TodaySeries, today_series
from kiosk.energy.store import EnergyStore
from kiosk.energy.summary import EnergySummary
from kiosk.ui.context import UiContext
from kiosk.ui.energy.charts import TimeChart
from kiosk.ui.energy.figure_card import ProvenanceBadge
from kiosk.ui.energy.formatting import badge_for
from kiosk.ui.energy.legend import Legend
from kiosk.ui.widgets.touch import PlainLabel, set_role

RELOAD_EVERY_S = 300.0
TAIL_POINTS = 720  # live points kept between reloads (an hour at one poll per 5 s)


class TodayView(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        theme = ctx.theme
        self.tz = ZoneInfo(ctx.config.site.timezone)
        self.store: EnergyStore | None = None
        self.series: TodaySeries | None = None
        self._loaded_at: float | None = None
        self._loading = False
        self._dirty = False
        self._tail: dict[str, deque[tuple[float, float]]] = {
            "pv": deque(maxlen=TAIL_POINTS),
            "load": deque(maxlen=TAIL_POINTS),
        }
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.px(16))
        header = QHBoxLayout()
        self.heading = PlainLabel()
        set_role(self.heading, "heading")
        self.badge = ProvenanceBadge()
        header.addWidget(self.heading, 1)
        header.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(header)
        palette = theme.palette
        self.legend = Legend(
            theme, {"pv": palette.accent, "load": palette.primary}, {"pv": "fill", "load": "line"}
        )
        layout.addWidget(self.legend)
        self.chart = TimeChart(theme, self.tz, 0.0)
        self.chart.add_line("pv", palette.accent, filled=True)
        self.chart.add_line("load", palette.primary)
        layout.addWidget(self.chart, 1)
        self.empty_label = PlainLabel()
        set_role(self.empty_label, "honest")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty_label)
        self.retranslate()

    def set_store(self, store: EnergyStore | None) -> None:
        self.store = store
        self._loaded_at = None

    def reload(self, now: float) -> None:
        """Query today's minute data off the GUI thread; the result replaces the curves."""
        if self.store is None or self._loading:
            return
        self._loading = True
        self._loaded_at = now
        store = self.store
        self.ctx.tasks.run(lambda: today_series(store, now), self._on_loaded, self._on_failed)

    def _on_loaded(self, series: TodaySeries) -> None:
        self._loading = False
        self.series = series
        self.chart.follow_zone_at(series.start_ts)
        self.chart.set_window(series.start_ts, series.end_ts)
        self._redraw()

    def _on_failed(self, _exc: BaseException) -> None:
        self._loading = False

    def show_summary(self, summary: EnergySummary, now: float) -> None:
        self.badge.show_badge(badge_for(summary.pv_power_w, now))
        series = self.series
        if series is not None and summary.at >= series.end_ts:  # a new day: start again
            self.series = None
            for tail in self._tail.values():
                tail.clear()
        for key, figure in (("pv", summary.pv_power_w), ("load", summary.load_power_w)):
            if figure.value is not None and figure.updated_at is not None:
                tail = self._tail[key]
                if not tail or figure.updated_at > tail[-1][0]:
                    tail.append((figure.updated_at, figure.value))
        if not self.isVisible():
            self._dirty = True  # drawn when shown: a hidden chart costs nothing
            return
        due = self._loaded_at is None or summary.at - self._loaded_at >= RELOAD_EVERY_S
        if due or self.series is None:
            self.reload(summary.at)
        self._redraw()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self._redraw()

    def points(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        """The x (Unix s) and y (W) the chart shows for "pv" or "load"."""
        base_ts = np.empty(0)
        base_w = np.empty(0)
        if self.series is not None:
            base_ts = self.series.pv_ts if key == "pv" else self.series.load_ts
            base_w = self.series.pv_w if key == "pv" else self.series.load_w
        last = base_ts[-1] + 60 if len(base_ts) else -np.inf
        tail = [(t, v) for t, v in self._tail[key] if t >= last]
        if tail:
            arr = np.array(tail, dtype=np.float64)
            return np.concatenate([base_ts, arr[:, 0]]), np.concatenate([base_w, arr[:, 1]])
        return base_ts, base_w

    def _redraw(self) -> None:
        self._dirty = False
        has_data = False
        for key in ("pv", "load"):
            ts, watts = self.points(key)
            self.chart.set_line(key, ts, watts / 1000.0)
            has_data = has_data or len(ts) > 0
        self.empty_label.setVisible(not has_data)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Today, from midnight to now"))
        self.legend.set_text("pv", self.tr("Solar power"))
        self.legend.set_text("load", self.tr("Electricity used"))
        self.chart.set_y_label(self.tr("kW"))
        self.chart.date_axis.set_language(self.ctx.language.code)
        self.empty_label.setText(self.tr("No readings yet today"))
        self.badge.retranslate()
