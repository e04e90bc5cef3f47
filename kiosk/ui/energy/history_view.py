"""History: bars by hour, day or month; swipe or buttons to move in time, pinch or buttons to zoom.

Each period is compared with the one before it (today vs yesterday) or, for months and
years, with the same period a year before, so seasons do not mislead. A period still running
is compared so far: "so far today" with "yesterday by 10:42" (:mod:`kiosk.energy.periods`).
Solar energy, electricity used, CO2 avoided and rainwater are each compared.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
from PySide6.QtCore import QDate, QLocale, QPointF
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.energy.buckets import LocalDays
from kiosk.energy.buildings import meter_name
from kiosk.energy.carbon import EmissionFactor, factor_for
from kiosk.energy.history import HISTORY_FIGURES, HistoryFigure
from kiosk.energy.metrics import Unit
from kiosk.energy.periods import Period, PeriodWindow, Span, period_window
from kiosk.energy.queries import HistoryData, history
from kiosk.energy.store import EnergyStore
from kiosk.ui.context import UiContext
from kiosk.ui.energy.bar_ticks import bar_ticks
from kiosk.ui.energy.charts import BarChart
from kiosk.ui.energy.formatting import MISSING, scaled
from kiosk.ui.energy.gestures import SwipePinchFilter
from kiosk.ui.energy.legend import Legend
from kiosk.ui.widgets.touch import PlainLabel, button, set_role


class HistoryView(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        theme = ctx.theme
        self.tz = ZoneInfo(ctx.config.site.timezone)
        self.days = LocalDays(self.tz)
        self.store: EnergyStore | None = None
        self.factor: EmissionFactor = factor_for("national")  # the service's, from set_factor
        self.period = Period.DAY
        self.anchor_ts: float | None = None  # a time inside the period shown; None = now
        self.now = 0.0
        self.data: HistoryData | None = None
        self._request = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.px(16))

        controls = QHBoxLayout()
        controls.setSpacing(theme.px(12))
        self.period_buttons: dict[Period, QPushButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(True)
        for period in Period:
            btn = button(role="period")
            btn.setCheckable(True)
            btn.setObjectName(f"energy-history-{period.value}")
            btn.clicked.connect(self._on_period_button_clicked)
            group.addButton(btn)
            self.period_buttons[period] = btn
            controls.addWidget(btn)
        controls.addStretch(1)
        self.earlier_button = button()
        self.earlier_button.setObjectName("energy-history-earlier")
        self.earlier_button.clicked.connect(self.show_earlier)
        self.later_button = button()
        self.later_button.setObjectName("energy-history-later")
        self.later_button.clicked.connect(self.show_later)
        controls.addWidget(self.earlier_button)
        controls.addWidget(self.later_button)
        layout.addLayout(controls)

        self.period_label = PlainLabel()
        set_role(self.period_label, "heading")
        layout.addWidget(self.period_label)
        palette = theme.palette
        self.legend = Legend(
            theme, {"pv": palette.accent, "load": palette.primary}, {"pv": "fill", "load": "fill"}
        )
        layout.addWidget(self.legend)
        self.chart = BarChart(theme, self.tz, 0.0)
        self.chart.add_bars("pv", palette.accent)
        self.chart.add_bars("load", palette.primary)
        layout.addWidget(self.chart, 1)
        self.gestures = SwipePinchFilter(self.chart.viewport())
        self.gestures.user_did_swipe.connect(self._on_user_did_swipe)
        self.gestures.user_did_pinch.connect(self._on_user_did_pinch)
        self.gestures.user_did_tap.connect(self._on_user_did_tap)
        self.compare_labels: dict[str, QLabel] = {}
        for figure_id in HISTORY_FIGURES:
            lab = PlainLabel()
            lab.setObjectName(f"energy-history-compare-{figure_id}")
            lab.setWordWrap(True)
            set_role(lab, "body")
            layout.addWidget(lab)
            self.compare_labels[figure_id] = lab
        self.buildings_label = PlainLabel()  # names from kiosk.toml: never rich text
        self.buildings_label.setObjectName("energy-history-buildings")
        self.buildings_label.setWordWrap(True)
        set_role(self.buildings_label, "body")
        layout.addWidget(self.buildings_label)
        self.hint_label = PlainLabel()
        self.hint_label.setWordWrap(True)  # one long line made a portrait window 1,204 px wide
        set_role(self.hint_label, "small")
        layout.addWidget(self.hint_label)
        self.period_buttons[self.period].setChecked(True)
        self.retranslate()

    # -- navigation --------------------------------------------------------------------------

    def set_store(self, store: EnergyStore | None) -> None:
        self.store = store

    def set_factor(self, factor: EmissionFactor) -> None:
        self.factor = factor

    def shown_window(self) -> PeriodWindow:
        anchor = self.now if self.anchor_ts is None else self.anchor_ts
        return period_window(self.days, self.period, anchor)

    def set_period(self, period: Period) -> None:
        self.period = period
        self.period_buttons[period].setChecked(True)
        self.reload()

    def show_earlier(self) -> None:
        self._move(-1)

    def show_later(self) -> None:
        if self.later_button.isEnabled():
            self._move(1)

    def _move(self, step: int) -> None:
        anchor = self.now if self.anchor_ts is None else self.anchor_ts
        self.anchor_ts = period_window(self.days, self.period, anchor, step).start_ts
        if self.anchor_ts <= self.now < self.shown_window().end_ts:
            self.anchor_ts = None  # back at the current period: follow the clock again
        self.reload()

    def reset(self, now: float) -> None:
        """Back to today (idle, or a new visitor)."""
        self.now = now
        self.anchor_ts = None
        self.set_period(Period.DAY)

    def _on_period_button_clicked(self) -> None:
        for period, btn in self.period_buttons.items():
            if btn.isChecked() and period is not self.period:
                self.set_period(period)

    def _on_user_did_swipe(self, step: int) -> None:
        if step < 0:
            self.show_earlier()
        else:
            self.show_later()

    def _on_user_did_pinch(self, step: int) -> None:
        self.set_period(self.period.zoomed(step))

    # -- data --------------------------------------------------------------------------------

    def set_now(self, now: float) -> None:
        self.now = now

    def reload(self) -> None:
        """Query the shown period off the GUI thread; older answers are dropped."""
        window = self.shown_window()
        self.later_button.setEnabled(window.end_ts <= self.now)
        self._show_period_label(window)
        if self.store is None:
            return
        self._request += 1
        request, store, period = self._request, self.store, self.period
        anchor, now, factor = window.start_ts, self.now, self.factor

        def on_done(data: HistoryData) -> None:
            if request == self._request:
                self.show_data(data)

        self.ctx.tasks.run(lambda: history(store, period, anchor, now, factor), on_done, None)

    def show_data(self, data: HistoryData) -> None:
        self.data = data
        w = data.window
        for key, starts, values in (
            ("pv", data.pv_starts, data.pv_wh),
            ("load", data.load_starts, data.load_wh),
        ):
            self.chart.set_bars(key, starts, values / 1000.0, data.bucket_s)
        tops = [float(np.max(v)) for v in (data.pv_wh, data.load_wh) if len(v)]
        top = max(tops, default=0.0)
        self.chart.set_window(w.start_ts, w.end_ts, (top if top > 0 else 1000.0) / 1000.0)
        room = max(4, self.chart.width() // self.ctx.theme.px(90))
        self.chart.set_bar_ticks(bar_ticks(w, data.bucket_s, self.tz, self.ctx.language.code, room))
        # an empty period says so, instead of drawing a bare 0.2-1.0 kWh axis
        self.chart.set_empty_message("" if top > 0 else self._empty_text(w.period))
        self._show_comparisons()

    def _empty_text(self, period: Period) -> str:
        return {
            Period.DAY: self.tr("No energy recorded on this day"),
            Period.WEEK: self.tr("No energy recorded in this week"),
            Period.MONTH: self.tr("No energy recorded in this month"),
            Period.YEAR: self.tr("No energy recorded in this year"),
        }[period]

    def _on_user_did_tap(self, at: QPointF) -> None:
        """Tap a bar: its value above it; tap elsewhere: gone."""
        viewbox = self.chart.plot_item.getViewBox()
        x = viewbox.mapSceneToView(self.chart.mapToScene(at.toPoint())).x()
        hit = self.chart.value_at(x)
        if hit is None:
            self.chart.show_value(0.0, "", 0.0)
            return
        _key, middle, kwh = hit
        number, unit = scaled(kwh * 1000.0, Unit.WH)
        self.chart.show_value(middle, f"{number} {unit}", kwh)

    def _show_period_label(self, w: PeriodWindow) -> None:
        locale = QLocale()
        first = QDate(w.first_day.year, w.first_day.month, w.first_day.day)
        zh = self.ctx.language.code == "zh"
        if w.period is Period.DAY:
            text = locale.toString(first, "yyyy年M月d日 dddd" if zh else "dddd d MMMM yyyy")
        elif w.period is Period.WEEK:
            last = first.addDays(6)
            fmt = "yyyy年M月d日" if zh else "d MMM yyyy"
            text = f"{locale.toString(first, fmt)} – {locale.toString(last, fmt)}"
        elif w.period is Period.MONTH:
            text = locale.toString(first, "yyyy年M月" if zh else "MMMM yyyy")
        else:
            text = locale.toString(first, "yyyy年" if zh else "yyyy")
        self.period_label.setText(text)

    def _amount(self, value: float | None, figure: HistoryFigure) -> str:
        if value is None:
            return MISSING
        number, unit = scaled(value, figure.unit)
        return f"{number} {unit}"

    def _show_comparisons(self) -> None:
        data = self.data
        if data is None:
            for lab in self.compare_labels.values():
                lab.setText("")
            self.buildings_label.setText("")
            return
        names = {
            "pv_energy_wh": self.tr("Solar energy"),
            "load_energy_wh": self.tr("Electricity used"),
            "co2_avoided_kg": self.tr("CO2 avoided"),
            "water_harvested_l": self.tr("Rainwater collected"),
        }
        current, earlier = self._span_names(data)
        for figure in data.figures:
            head = names[figure.figure]
            if current:
                head = self.tr("%1, %2").replace("%1", head).replace("%2", current)
            self.compare_labels[figure.figure].setText(self._line(head, figure, earlier))
        meters = self.ctx.config.meters or {}
        lang = self.ctx.language.code
        lines = [self._line(meter_name(meters, m, lang), f, earlier) for m, f in data.buildings]
        self.buildings_label.setText("\n".join(lines))
        self.buildings_label.setVisible(bool(lines))

    def _line(self, head: str, figure: HistoryFigure, earlier: str) -> str:
        """ "Solar energy, so far today: 12 kWh · yesterday by 10:42: 10 kWh (+20%)"."""
        pct = figure.change_pct()
        change = "" if pct is None else f" ({pct:+.0f}%)"
        return (
            self.tr("%1: %2 · %3: %4%5")
            .replace("%1", head)
            .replace("%2", self._amount(figure.value, figure))
            .replace("%3", earlier)
            .replace("%4", self._amount(figure.compare_value, figure))
            .replace("%5", change)
        )

    def _span_names(self, data: HistoryData) -> tuple[str, str]:
        """("so far today", "yesterday by 10:42") for a running period; whole periods by name."""
        period, comparison = data.window.period, data.comparison
        if not comparison.current.so_far:
            return "", {
                Period.DAY: self.tr("the day before"),
                Period.WEEK: self.tr("the week before"),
                Period.MONTH: self.tr("same month last year"),
                Period.YEAR: self.tr("the year before"),
            }[period]
        current = {
            Period.DAY: self.tr("so far today"),
            Period.WEEK: self.tr("so far this week"),
            Period.MONTH: self.tr("so far this month"),
            Period.YEAR: self.tr("so far this year"),
        }[period]
        by = self._moment(comparison.earlier, period)
        earlier = {
            Period.DAY: self.tr("yesterday by %1"),
            Period.WEEK: self.tr("last week by %1"),
            Period.MONTH: self.tr("same month last year by %1"),
            Period.YEAR: self.tr("last year by %1"),
        }[period]
        return current, earlier.replace("%1", by)

    def _moment(self, span: Span, period: Period) -> str:
        """The end of an earlier span as the screen names it: 10:42, Wed 10:42, 3 Dec 2025 10:42."""
        t = datetime.fromtimestamp(span.end_ts, self.tz)
        locale = QLocale()
        when = QDate(t.year, t.month, t.day)
        clock = f"{t.hour:02d}:{t.minute:02d}"
        zh = self.ctx.language.code == "zh"
        if period is Period.DAY:
            return clock
        if period is Period.WEEK:
            return f"{locale.toString(when, 'dddd' if zh else 'ddd')} {clock}"
        return f"{locale.toString(when, 'yyyy年M月d日' if zh else 'd MMM yyyy')} {clock}"

    def retranslate(self) -> None:
        names = {
            Period.DAY: self.tr("Day"),
            Period.WEEK: self.tr("Week"),
            Period.MONTH: self.tr("Month"),
            Period.YEAR: self.tr("Year"),
        }
        for period, btn in self.period_buttons.items():
            btn.setText(names[period])
        self.earlier_button.setText(self.tr("‹ Earlier"))
        self.later_button.setText(self.tr("Later ›"))
        self.legend.set_text("pv", self.tr("Solar energy"))
        self.legend.set_text("load", self.tr("Electricity used"))
        self.chart.set_y_label(self.tr("kWh"))
        self.chart.date_axis.set_language(self.ctx.language.code)
        self.hint_label.setText(
            self.tr(
                "Tap a bar for its value. Swipe the chart to go back in time; pinch or tap Day, "
                "Week, Month, Year to zoom."
            )
        )
        self._show_period_label(self.shown_window())
        if self.data is not None:
            self.show_data(self.data)  # the bar names and the empty message in this language
        else:
            self._show_comparisons()
