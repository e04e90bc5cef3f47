"""Chart frame time with one year of minute data (525,600 points x 2 curves), shown and panned.

For each platform (``offscreen``, and ``xcb`` on its own Xvfb server: ``bench_dashboard.Display``)
a child process shows the energy screens' ``TimeChart`` as a 1856x700 window and times frames:
move the visible window, then ``repaint()`` (paint and hand the pixels to the window system, as
the screen does). Frames: the whole year x5, a 30-day window panned a day per frame across the
year, then a one-day window panned an hour per frame. Next to it, in the same process, the same
frames of the chart as it was before the min/max levels (pyqtgraph's clip to view and peak
downsampling per frame, its grid) and of the same plot without clip or downsampling (a sample
of the frames each: they are slow).

The chart's levels are made once, off the GUI thread, as the app would for a long series; their
time is printed apart.

Run: ``.venv/bin/python benchmarks/bench_chart.py [--quick] [--platform offscreen|xcb]``
(target: median frame <= 8 ms under xcb, half a 60 Hz frame).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from bench_dashboard import PLATFORMS, Display

TZ = ZoneInfo("Asia/Shanghai")
START = datetime(2025, 1, 1, tzinfo=TZ).timestamp()
POINTS = 525_600
WIDTH, HEIGHT = 1856, 700  # the Today chart's size on a 1920x1080 screen
TARGET_MS = 8.0
SPANS = (("whole year", 365), ("30 days", 30), ("one day", 1))


def year_of_minutes() -> tuple[np.ndarray, np.ndarray]:
    """A PV-like curve: zero at night, a noisy bell by day, seasons over the year (kW)."""
    ts = START + np.arange(POINTS, dtype=np.float64) * 60.0
    hour = (ts - START) / 3600.0 % 24.0
    day = (ts - START) / 86_400.0
    season = 0.75 + 0.25 * np.cos((day - 172) / 365.0 * 2 * np.pi)
    bell = np.clip(np.sin((hour - 6.0) / 12.0 * np.pi), 0.0, None)
    noise = np.random.default_rng(1).uniform(0.6, 1.0, POINTS)
    return ts, 50.0 * season * bell * noise


def windows(quick: bool) -> list[tuple[float, float]]:
    """Whole year x5; a 30-day window panned across the year; a day panned hour by hour."""
    end = START + POINTS * 60.0
    frames = [(START, end)] * 5
    step_days = 7 if quick else 1
    month = 30 * 86_400.0
    frames += [
        (START + d * 86_400.0, START + d * 86_400.0 + month) for d in range(0, 335, step_days)
    ]
    hours = 24 * (20 if quick else 120)
    frames += [(START + h * 3600.0, START + (h + 24) * 3600.0) for h in range(hours)]
    return frames


# -- in the child process (one platform) -----------------------------------------------------


def old_chart(theme: Any, ts: np.ndarray, kw: np.ndarray, downsample: bool) -> Any:
    """The TimeChart as it was before the levels (main at 0fdb34b), for comparison."""
    import pyqtgraph as pg
    from PySide6.QtCore import Qt

    from kiosk.ui.energy.charts import FILL_MAX_SPAN_S, LocalDateAxis

    widget = pg.PlotWidget(axisItems={"bottom": LocalDateAxis(TZ, START)})
    widget.setBackground(theme.palette.surface)
    widget.setAntialiasing(False)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    plot = widget.getPlotItem()
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.showGrid(x=False, y=True, alpha=0.25)
    for name in ("bottom", "left"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(theme.palette.muted))
        axis.setTextPen(pg.mkPen(theme.palette.text))
        font = widget.font()
        font.setPixelSize(theme.px(30))
        axis.setStyle(tickFont=font, tickLength=-theme.px(8))
    plot.getViewBox().setDefaultPadding(0.02)
    if downsample:
        plot.setClipToView(True)
        plot.setDownsampling(auto=True, mode="peak")
    pv = plot.plot(pen=pg.mkPen(theme.palette.accent, width=theme.px(4)), autoDownsampleFactor=1.0)
    fill = pg.mkColor(theme.palette.accent)
    fill.setAlpha(70)
    pv.setBrush(fill)
    load = plot.plot(pen=pg.mkPen(theme.palette.primary, width=theme.px(4)),
                     autoDownsampleFactor=1.0)  # fmt: skip
    pv.setData(ts, kw)
    load.setData(ts, kw * 0.8 + 5.0)

    def set_window(lo: float, hi: float) -> None:
        plot.setXRange(lo, hi, padding=0)
        level = 0.0 if hi - lo <= FILL_MAX_SPAN_S else None
        if pv.opts["fillLevel"] != level:
            pv.setFillLevel(level)

    widget.set_window = set_window
    return widget


def show(app: Any, widget: Any) -> None:
    widget.resize(WIDTH, HEIGHT)
    widget.show()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        app.processEvents()
        handle = widget.windowHandle()
        if handle is not None and handle.isExposed():
            break
        time.sleep(0.01)
    app.processEvents()


def measure(widget: Any, frames: list[tuple[float, float]]) -> list[float]:
    times: list[float] = []
    for lo, hi in frames:
        t0 = time.perf_counter()
        widget.set_window(lo, hi)
        widget.repaint()
        times.append((time.perf_counter() - t0) * 1000.0)
    return times


def report(name: str, times: list[float], frames: list[tuple[float, float]]) -> float:
    med = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[18] if len(times) >= 20 else max(times)
    parts = []
    for label, span in SPANS:
        sel = [t for t, (lo, hi) in zip(times, frames, strict=True)
               if round((hi - lo) / 86_400) == span]  # fmt: skip
        if sel:
            parts.append(f"{label} {statistics.median(sel):.2f}")
    print(f"  {name:46s} median {med:7.2f} ms  p95 {p95:7.2f}  ({len(times)} frames; "
          f"{', '.join(parts)})", flush=True)  # fmt: skip
    return med


def child(platform: str, quick: bool) -> int:
    from kiosk.app import ensure_qapp
    from kiosk.ui.energy.charts import TimeChart
    from kiosk.ui.energy.decimation import MinMaxLevels
    from kiosk.ui.theme import Palette, Theme, apply_theme, load_fonts

    app = ensure_qapp()
    theme = Theme(Palette(), 1.0)
    apply_theme(app, theme, load_fonts())
    ts, kw = year_of_minutes()
    frames = windows(quick)
    t0 = time.perf_counter()
    with ThreadPoolExecutor(2) as pool:  # off the GUI thread, once per data change
        pv_levels, load_levels = pool.map(MinMaxLevels.build, (ts, ts), (kw, kw * 0.8 + 5.0))
    levels_ms = (time.perf_counter() - t0) * 1000.0
    print(f"chart frame time ({platform}), {POINTS:,} points x 2 curves, {WIDTH}x{HEIGHT}, "
          f"load {os.getloadavg()[0]:.2f}; levels made off the GUI thread in {levels_ms:.0f} ms "
          f"({len(pv_levels.levels)} levels)", flush=True)  # fmt: skip
    chart = TimeChart(theme, TZ, START)
    chart.add_line("pv", theme.palette.accent, filled=True)
    chart.add_line("load", theme.palette.primary)
    chart.set_line_levels("pv", pv_levels)
    chart.set_line_levels("load", load_levels)
    every_old, every_plain = (4, 20) if quick else (5, 40)
    builds: list[tuple[str, Callable[[], Any], int]] = [
        ("energy chart (min/max levels)", lambda: chart, 1),
        ("before: pyqtgraph clip + peak downsampling",
         lambda: old_chart(theme, ts, kw, downsample=True), every_old),
        ("baseline: same plot, no clip/downsampling",
         lambda: old_chart(theme, ts, kw, downsample=False), every_plain),
    ]  # fmt: skip
    medians = []
    for name, build, every in builds:
        widget = build()
        show(app, widget)
        measure(widget, frames[:3])  # warm-up: caches, fonts
        sample = frames[::every]
        medians.append(report(f"{name}{f' (every {every}th)' if every > 1 else ''}",
                              measure(widget, sample), sample))  # fmt: skip
        widget.close()
        widget.deleteLater()
        app.processEvents()
    ours, before, plain = medians
    verdict = "OK" if ours <= TARGET_MS else "OVER TARGET"
    print(f"  before / energy chart {before / ours:.1f}x, baseline / energy chart "
          f"{plain / ours:.0f}x   target median <= {TARGET_MS} ms: {verdict}", flush=True)  # fmt: skip
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer frames (under a minute)")
    parser.add_argument("--platform", choices=PLATFORMS, action="append",
                        help="only this platform (repeatable; default: both)")  # fmt: skip
    parser.add_argument("--child", choices=PLATFORMS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.quick)
    failed = 0
    for platform in args.platform or PLATFORMS:
        with tempfile.TemporaryDirectory() as tmp:
            display = Display(platform, Path(tmp))
            try:
                cmd = [sys.executable, __file__, "--child", platform]
                failed |= subprocess.run([*cmd, *(["--quick"] if args.quick else [])],
                                         env=display.env).returncode  # fmt: skip
            finally:
                display.close()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
