"""The Today / year chart's min/max levels: made once, picked per frame, no peak lost."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from kiosk.ui.energy.charts import TimeChart
from kiosk.ui.energy.decimation import FACTOR, MIN_BUCKETS, MinMaxLevels
from kiosk.ui.theme import Palette, Theme

TZ = ZoneInfo("Asia/Shanghai")
START = 1_735_660_800.0  # 2025-01-01 00:00 in Shanghai
YEAR = 525_600


def year(spike_at: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    ts = START + np.arange(YEAR, dtype=np.float64) * 60.0
    kw = np.full(YEAR, 5.0)
    if spike_at is not None:
        kw[spike_at] = 50.0
    return ts, kw


def test_each_level_keeps_the_smallest_and_largest_value_of_its_buckets() -> None:
    rng = np.random.default_rng(3)
    ts = START + np.arange(100_003, dtype=np.float64) * 60.0
    kw = rng.uniform(0.0, 40.0, len(ts))
    levels = MinMaxLevels.build(ts, kw)
    assert levels.levels[0].step == 60.0
    assert len(levels.levels[-1].x) <= MIN_BUCKETS * FACTOR
    for k, level in enumerate(levels.levels):
        size = FACTOR**k
        assert level.step == 60.0 * size
        for i in (0, 7, len(level.x) - 1):  # the last bucket is the partial one
            raw = kw[i * size : (i + 1) * size]
            assert level.peak[i] == raw.max()
            assert level.x[i] == ts[i * size]
            # the band reaches the next bucket, as the line to it does
            assert level.lo[i] <= raw.min() and level.hi[i] >= raw.max()


def test_a_frame_picks_the_coarsest_level_no_wider_than_a_pixel_column() -> None:
    levels = MinMaxLevels.build(*year())
    seconds_per_px = YEAR * 60.0 / 1856  # the whole year on a 1856 px chart
    level = levels.pick(seconds_per_px)
    assert level.step <= seconds_per_px < level.step * FACTOR
    assert levels.pick(10.0) is levels.levels[0]  # zoomed in past the minutes: the points


def test_levels_drop_points_that_are_not_numbers() -> None:
    levels = MinMaxLevels.build(np.array([0.0, 60.0, 120.0]), np.array([1.0, np.nan, 3.0]))
    assert levels.x.tolist() == [0.0, 120.0] and levels.y.tolist() == [1.0, 3.0]


def _has_colour_above(image: Any, x: int, y_max: int, colour: QColor) -> bool:
    return any(image.pixelColor(x, y) == colour for y in range(0, y_max))


def test_a_one_minute_spike_shows_in_the_whole_year(qtbot: Any) -> None:
    theme = Theme(Palette(), 1.0)
    chart = TimeChart(theme, TZ, START)
    qtbot.addWidget(chart)
    chart.add_line("pv", theme.palette.accent)
    spike = YEAR // 2
    chart.set_line_levels("pv", MinMaxLevels.build(*year(spike)))
    chart.resize(1200, 500)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_window(START, START + YEAR * 60.0)
    image = chart.grab().toImage()
    view = chart.plot_item.getViewBox()
    top_left = chart.mapFromScene(view.mapToScene(view.boundingRect().topLeft()))
    spike_px = chart.mapFromScene(view.mapViewToScene(QPointF(START + spike * 60.0, 5.0)))
    colour = QColor(theme.palette.accent)
    # the spike (10x the rest) reaches the upper part of the plot in its column, and only there
    upper = top_left.y() + view.height() * 0.3
    columns = [x for x in range(int(top_left.x()), int(top_left.x() + view.width()))
               if _has_colour_above(image, x, int(upper), colour)]  # fmt: skip
    assert columns, "the spike was lost"
    assert max(columns) - min(columns) <= 8
    assert abs((min(columns) + max(columns)) / 2 - spike_px.x()) <= 6
