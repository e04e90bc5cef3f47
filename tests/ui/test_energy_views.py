"""History, Today and the figure rules, on a store filled with known readings."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from fakeclock import FakeClock
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from test_energy_screen import TZ, make_ctx

from kiosk.energy.buckets import LocalDays
from kiosk.energy.carbon import factor_for
from kiosk.energy.metrics import Metric, Provenance, Reading, Unit
from kiosk.energy.periods import Period, period_window
from kiosk.energy.store import EnergyStore
from kiosk.energy.summary import Figure, summarize
from kiosk.services.tasks import TaskRunner
from kiosk.ui.energy.formatting import BadgeState, badge_for, format_count, format_figure
from kiosk.ui.energy.now_view import GRID_COLUMNS
from kiosk.ui.screens.energy import EnergyScreen

DAY0 = datetime(2026, 6, 15, tzinfo=TZ).timestamp()  # a Monday
HOUR = 3600.0


def day_of_pv(store: EnergyStore, day_start: float, kwh_per_hour: float, start_wh: float) -> float:
    """A PV counter rising ``kwh_per_hour`` from 08:00 to 16:00 (read every 10 min), and
    power and load readings every minute of those hours. Returns the counter at the end."""
    readings = []
    for minute in range(8 * 60, 16 * 60 + 1):
        ts = day_start + minute * 60
        readings.append(Reading(Metric.PV_POWER_W, kwh_per_hour * 1000, ts, "m", Provenance.LIVE))
        readings.append(Reading(Metric.LOAD_POWER_W, 20_000.0, ts, "m", Provenance.LIVE))
        if minute % 10 == 0:
            wh = start_wh + (minute - 8 * 60) / 60 * kwh_per_hour * 1000
            readings.append(Reading(Metric.PV_ENERGY_WH, wh, ts, "m", Provenance.LIVE))
    store.ingest(readings, now=day_start + 17 * HOUR)
    return start_wh + 8 * kwh_per_hour * 1000


@pytest.fixture
def filled(
    qtbot: Any, data_dir: Path, tasks: TaskRunner
) -> Iterator[tuple[EnergyScreen, EnergyStore, FakeClock]]:
    store = EnergyStore(data_dir / "history.sqlite3", tz=TZ)
    end_wh = day_of_pv(store, DAY0 - 86_400, 10.0, 1_000_000.0)  # Sunday: 80 kWh
    day_of_pv(store, DAY0, 5.0, end_wh)  # Monday: 40 kWh
    ctx = make_ctx(data_dir, tasks)
    clock = FakeClock(DAY0 + 18 * HOUR)
    screen = EnergyScreen(ctx)
    qtbot.addWidget(screen)
    screen.set_store(store)
    screen.set_clock(clock)
    screen.resize(1920, 980)
    screen.show()
    qtbot.waitExposed(screen)
    screen.on_enter()
    yield screen, store, clock
    ctx.tasks.wait(5000)
    ctx.language.close()
    store.close()


def swipe(qtbot: Any, widget: Any, dx: int) -> None:
    y = widget.height() // 2
    start = QPoint(widget.width() // 2 - dx // 2, y)
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(widget, start + QPoint(dx // 2, 0))
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=start + QPoint(dx, 0))


def test_history_compares_with_the_day_before_and_swipes_in_time(qtbot: Any, filled: Any) -> None:
    screen, _store, _clock = filled
    qtbot.mouseClick(screen.tab_buttons["history"], Qt.MouseButton.LeftButton)
    history = screen.history_view
    qtbot.waitUntil(lambda: history.data is not None, timeout=5000)
    assert history.period_label.text() == "Monday 15 June 2026"
    assert history.compare_labels["pv_energy_wh"].text() == (
        "Solar energy, so far today: 40.0 kWh · yesterday by 18:00: 80.0 kWh (-50%)"
    )
    co2 = history.compare_labels["co2_avoided_kg"].text()
    assert co2 == "CO2 avoided, so far today: 21.2 kg CO2 · yesterday by 18:00: 42.4 kg CO2 (-50%)"
    water = history.compare_labels["water_harvested_l"].text()
    assert water == "Rainwater collected, so far today: — · yesterday by 18:00: —"
    assert not history.later_button.isEnabled()  # no peeking into the future
    bars = history.chart.bars["pv"].opts["height"]
    assert sorted(bars)[-8:] == pytest.approx([5.0] * 8)  # eight hours of 5 kWh

    swipe(qtbot, history.chart.viewport(), 600)  # finger moves right: earlier
    qtbot.waitUntil(lambda: history.data.window.start_ts == DAY0 - 86_400, timeout=5000)
    assert history.period_label.text() == "Sunday 14 June 2026"
    assert (
        history.compare_labels["pv_energy_wh"]
        .text()
        .startswith("Solar energy: 80.0 kWh · the day before: —")
    )
    assert history.later_button.isEnabled()
    swipe(qtbot, history.chart.viewport(), 30)  # too short: not a swipe (handled on release)
    assert history.period_label.text() == "Sunday 14 June 2026"
    swipe(qtbot, history.chart.viewport(), -600)
    qtbot.waitUntil(lambda: history.data.window.start_ts == DAY0, timeout=5000)


def test_history_zooms_to_week_month_and_year(qtbot: Any, filled: Any) -> None:
    screen, _store, _clock = filled
    screen.show_tab("history")
    history = screen.history_view
    qtbot.mouseClick(history.period_buttons[Period.WEEK], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: history.data is not None and history.data.window.period is Period.WEEK)
    assert history.period_label.text() == "15 Jun 2026 – 21 Jun 2026"
    assert history.compare_labels["pv_energy_wh"].text() == (
        "Solar energy, so far this week: 40.0 kWh · last week by Mon 18:00: —"
    )  # the week before had data on Sunday only: not the same span, so not compared
    history.gestures.user_did_pinch.emit(1)  # fingers together: zoom out
    qtbot.waitUntil(lambda: history.data.window.period is Period.MONTH)
    assert history.period_label.text() == "June 2026"
    assert history.compare_labels["pv_energy_wh"].text() == (
        "Solar energy, so far this month: 120 kWh · same month last year by 15 Jun 2025 18:00: —"
    )
    days = history.chart.bars["pv"].opts["height"]
    assert list(days) == pytest.approx([80.0, 40.0])
    qtbot.mouseClick(history.period_buttons[Period.YEAR], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: history.data.window.period is Period.YEAR)
    assert history.period_label.text() == "2026"
    axis = history.chart.date_axis
    month_ticks = axis.tickValues(DAY0 - 165 * 86_400, DAY0 + 200 * 86_400, 1800)[-1]
    assert "Mar" in axis.tickStrings(month_ticks[1], 1.0, month_ticks[0])
    screen.ctx.language.set_language("zh")
    assert "3月" in axis.tickStrings(month_ticks[1], 1.0, month_ticks[0])
    assert history.period_label.text() == "2026年"
    screen.ctx.language.set_language("en")
    history.gestures.user_did_pinch.emit(-1)  # fingers apart: zoom in
    qtbot.waitUntil(lambda: history.data.window.period is Period.MONTH)
    screen.reset_visitor_state()  # idle: back to today's Now tab
    assert screen.tab == "now" and history.period is Period.DAY


def test_history_bars_are_named_valued_on_tap_and_an_empty_year_says_so(
    qtbot: Any, filled: Any
) -> None:
    screen, _store, _clock = filled
    screen.show_tab("history")
    history = screen.history_view
    chart = history.chart
    qtbot.mouseClick(history.period_buttons[Period.WEEK], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: history.data is not None and history.data.window.period is Period.WEEK)
    ticks = chart.date_axis._tickLevels[0]
    assert [label for _x, label in ticks] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    monday_bar = chart.bars["pv"].opts["x"][0]
    assert abs(ticks[0][0] - monday_bar) < 86_400 * 0.3  # each name under its own bar
    assert not chart.empty_label.isVisible()
    # a tap on Monday's solar bar writes its value above it
    viewbox = chart.plot_item.getViewBox()
    point = chart.mapFromScene(viewbox.mapViewToScene(QPointF(monday_bar, 1.0)))
    history.gestures.user_did_tap.emit(QPointF(point))
    assert chart.value_item.toPlainText() == "40.0 kWh"
    qtbot.mouseClick(history.period_buttons[Period.YEAR], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: history.data.window.period is Period.YEAR)
    screen.ctx.language.set_language("zh")
    labels = [label for _x, label in chart.date_axis._tickLevels[0]]
    assert labels[0] == "1月" and "12月" in labels
    screen.ctx.language.set_language("en")
    history.show_earlier()  # 2025: nothing recorded
    qtbot.waitUntil(lambda: history.data.window.first_day.year == 2025)
    assert chart.empty_label.isVisible()
    assert chart.empty_label.text() == "No energy recorded in this year"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_energy_screen_fits_a_portrait_1080_window(filled: Any, language: str) -> None:
    """No text line may make the window wider than the screen (a long hint made it 1,204)."""
    screen, _store, _clock = filled
    screen.ctx.language.set_language(language)
    for tab in ("now", "today", "history", "explain"):
        screen.show_tab(tab)
        assert screen.minimumSizeHint().width() <= 1080, tab


def test_today_chart_is_updated_in_place(qtbot: Any, filled: Any) -> None:
    screen, store, clock = filled
    screen.show_tab("today")
    today = screen.today_view
    qtbot.waitUntil(lambda: today.series is not None, timeout=5000)
    pv_item = today.chart.lines["pv"]
    items_before = len(today.chart.plot_item.listDataItems())
    ts, watts = today.points("pv")
    assert ts[0] == DAY0 + 8 * HOUR and watts[0] == pytest.approx(5000.0)
    base = summarize(store, clock.now, factor_for("national"))
    for i in range(1, 31):
        at = clock.now + i
        figure = Figure(7_000.0 + i, Unit.W, Provenance.LIVE, at)
        screen.show_summary(type(base)(**{**base.__dict__, "at": at, "pv_power_w": figure}))
    ts, watts = today.points("pv")
    assert ts[-1] == clock.now + 30 and watts[-1] == 7_030.0
    assert today.chart.lines["pv"] is pv_item
    assert len(today.chart.plot_item.listDataItems()) == items_before == 2
    x, _y = pv_item.getData()
    assert x[-1] == clock.now + 30


def test_portrait_family_layout_has_two_columns(qtbot: Any, filled: Any) -> None:
    screen, _store, _clock = filled
    screen.resize(1080, 1800)
    qtbot.waitUntil(lambda: screen.now_view._portrait)
    grid = screen.now_view.grid
    keys = screen.now_view.visible_cards()
    positions = [grid.getItemPosition(grid.indexOf(screen.now_view.cards[k]))[:2] for k in keys]
    assert positions[:3] == [(0, 0), (0, 1), (1, 0)]
    assert GRID_COLUMNS[("family", True)] == 2


def test_figure_rules() -> None:
    missing = Figure(None, Unit.WH, None, None)
    assert format_figure(missing) == ("—", "Wh")
    assert format_figure(Figure(0.0, Unit.W, Provenance.LIVE, 1.0)) == ("0", "W")
    assert format_figure(Figure(12_340.0, Unit.W, Provenance.LIVE, 1.0)) == ("12.3", "kW")
    assert format_figure(Figure(2_500_000.0, Unit.WH, Provenance.LIVE, 1.0)) == ("2.5", "MWh")
    assert format_figure(Figure(1_530.0, Unit.KG_CO2, Provenance.LIVE, 1.0)) == ("1.5", "t CO2")
    assert format_figure(Figure(26_000.0, Unit.L, Provenance.LIVE, 1.0)) == ("26.0", "m³")
    assert format_count(9.96) == "10" and format_count(4.24) == "4.2"
    stale = Figure(5.0, Unit.W, Provenance.CACHED, 1000.0)
    assert badge_for(stale, 1000.0 + 7 * 60 + 10).state is BadgeState.STALE
    assert badge_for(stale, 1000.0 + 7 * 60 + 10).age_min == 7
    assert badge_for(missing, 0.0).state is BadgeState.MISSING
    assert (
        badge_for(Figure(1.0, Unit.W, Provenance.SIMULATED, 0.0), 0.0).state is BadgeState.SIMULATED
    )


def test_period_windows_follow_local_calendar() -> None:
    days = LocalDays(TZ)
    week = period_window(days, Period.WEEK, DAY0 + 3 * 86_400)  # Thursday
    assert week.start_ts == DAY0 and week.end_ts == DAY0 + 7 * 86_400
    month = period_window(days, Period.MONTH, DAY0, step=-6)
    assert month.first_day.isoformat() == "2025-12-01"
    year = period_window(days, Period.YEAR, DAY0, step=1)
    assert year.first_day.isoformat() == "2027-01-01"


def test_every_energy_button_is_a_finger_target_at_1080p(qtbot: Any, filled: Any) -> None:
    screen, _store, _clock = filled
    for tab in ("now", "today", "history", "explain"):
        screen.show_tab(tab)
        for btn in screen.findChildren(QPushButton):
            if btn.isVisible():
                assert btn.height() >= 72 and btn.width() >= 72, (tab, btn.text(), btn.size())


def test_power_flow_runs_towards_the_grid_when_selling(qtbot: Any, filled: Any) -> None:
    screen, store, clock = filled
    flow = screen.now_view.flow
    base = summarize(store, clock.now, factor_for("national"))
    selling = dataclasses.replace(
        base,
        pv_power_w=Figure(30_000.0, Unit.W, Provenance.LIVE, clock.now),
        grid_import_power_w=Figure(0.0, Unit.W, Provenance.LIVE, clock.now),
        grid_export_power_w=Figure(10_000.0, Unit.W, Provenance.LIVE, clock.now),
    )
    screen.show_summary(selling)
    solar, grid = flow.speeds()
    assert solar > 0 and grid > 0  # both lines run rightwards: sun -> building -> grid
    assert flow._timer.isActive()  # animating while shown
    screen.show_tab("today")
    assert not flow._timer.isActive()  # and not when hidden
    night = dataclasses.replace(
        selling,
        pv_power_w=Figure(0.0, Unit.W, Provenance.LIVE, clock.now),
        grid_export_power_w=Figure(0.0, Unit.W, Provenance.LIVE, clock.now),
    )
    screen.show_summary(night)
    assert flow.speeds() == (0.0, 0.0)


class PaintRecorder(QObject):
    """The regions a widget is asked to repaint."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.rects: list[QRect] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            assert isinstance(event, QPaintEvent)
            self.rects.append(event.region().boundingRect())
        return False


def test_power_flow_repaints_only_the_moving_dots_and_only_new_figures(
    qtbot: Any, filled: Any
) -> None:
    """A frame repaints the strips the dots run in, not the icons and texts (issue #20); the
    same figures a second later repaint nothing; a new figure repaints the drawing once."""
    screen, store, clock = filled
    flow = screen.now_view.flow
    buying = dataclasses.replace(
        summarize(store, clock.now, factor_for("national")),
        pv_power_w=Figure(12_000.0, Unit.W, Provenance.LIVE, clock.now),
        grid_import_power_w=Figure(3_000.0, Unit.W, Provenance.LIVE, clock.now),
        grid_export_power_w=Figure(0.0, Unit.W, Provenance.LIVE, clock.now),
    )
    screen.show_summary(buying)
    assert flow._timer.isActive()
    qtbot.wait(100)  # the new figures' layout and paint are done
    painted = PaintRecorder(flow)
    flow._on_frame()
    qtbot.waitUntil(lambda: len(painted.rects) > 0)
    QApplication.processEvents()
    dot = flow.theme.px(11)

    def strip(rect: QRect) -> bool:
        """The dots' row (both lines share it), short of the icons at either end."""
        return rect.height() <= 2 * dot + 8 and rect.width() < flow.width() * 0.85

    assert all(strip(rect) for rect in painted.rects), painted.rects
    # The flow is opaque (its cached picture has the card's background): a frame paints
    # nothing under it, neither the card nor the screen or the window.
    under = [PaintRecorder(w) for w in (flow.parentWidget(), screen, screen.now_view)]
    key0 = flow._static.cacheKey()
    painted.rects.clear()
    flow._on_frame()
    qtbot.waitUntil(lambda: len(painted.rects) > 0)
    QApplication.processEvents()
    assert flow._static.cacheKey() == key0
    assert [r.rects for r in under] == [[], [], []]
    painted.rects.clear()
    screen.show_summary(dataclasses.replace(buying, at=buying.at + 1))  # the same texts
    qtbot.wait(100)
    assert all(strip(rect) for rect in painted.rects), painted.rects  # frames only
    changed = dataclasses.replace(
        buying, pv_power_w=Figure(15_000.0, Unit.W, Provenance.LIVE, clock.now)
    )
    screen.show_summary(changed)
    qtbot.waitUntil(lambda: any(r.height() == flow.height() for r in painted.rects))


def test_power_flow_dots_keep_clear_of_the_arrowhead(filled: Any) -> None:
    screen, _store, _clock = filled
    flow = screen.now_view.flow
    arrow = flow.theme.px(22) * 1.2  # the arrowhead and its margin at the downstream end
    for phase in (0.0, 0.37, 0.99):
        forward = flow.dot_xs(100.0, 500.0, phase, 1.0)
        assert forward and all(100.0 <= x <= 500.0 - arrow for x in forward)
        backward = flow.dot_xs(100.0, 500.0, phase, -1.0)
        assert backward and all(100.0 + arrow <= x <= 500.0 for x in backward)
        gaps = sorted(forward)
        assert min(b - a for a, b in itertools.pairwise(gaps)) > 20  # no bunching
        short = sorted(flow.dot_xs(100.0, 260.0, phase, 1.0))  # a portrait line
        dot = flow.theme.px(11)
        assert min(b - a for a, b in itertools.pairwise(short)) >= 2.5 * dot  # dots never touch


def test_history_view_keeps_qwidget_window(filled: Any) -> None:
    """QWidget.window() is the top-level widget; the history view must not shadow it."""
    screen, _store, _clock = filled
    assert screen.history_view.window() is screen.window()


def test_figures_of_a_row_sit_at_one_height_when_a_title_wraps(qtbot: Any, filled: Any) -> None:
    screen, _store, _clock = filled
    now_view = screen.now_view
    screen.resize(1000, 980)  # narrow: a long title wraps
    keys = now_view.visible_cards()
    cols = GRID_COLUMNS[(now_view.mode, now_view._portrait)]
    row = [now_view.cards[k] for k in keys[:cols]]
    row[0].set_title("A title long enough to wrap onto a second and a third line in a narrow card")
    qtbot.wait(100)  # laid out again
    now_view.align_rows()
    qtbot.wait(100)

    def value_top(card: Any) -> int:
        return card.value_label.mapTo(now_view, card.value_label.rect().topLeft()).y()

    assert row[0].title_label.height() > 2 * row[1].title_label.fontMetrics().height()
    assert len({value_top(card) for card in row}) == 1
