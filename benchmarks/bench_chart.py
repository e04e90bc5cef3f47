"""Chart frame time with one year of minute data (525,600 points), shown whole and panned.

The energy screens' ``TimeChart`` (clip to view + peak downsampling) against the same chart
without them, in the same run. A frame is: move the visible window, then render the chart
into an image (what the screen would paint). Frames: the whole year, then a 30-day window
panned one day per frame across the year, then a one-day window panned an hour per frame.

Run: ``.venv/bin/python benchmarks/bench_chart.py [--quick]`` (target: median <= 16 ms).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from datetime import datetime
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtGui import QImage, QPainter

from kiosk.app import ensure_qapp
from kiosk.ui.energy.charts import TimeChart
from kiosk.ui.theme import Palette, Theme, apply_theme, load_fonts

TZ = ZoneInfo("Asia/Shanghai")
START = datetime(2025, 1, 1, tzinfo=TZ).timestamp()
POINTS = 525_600
WIDTH, HEIGHT = 1856, 700  # the Today chart's size on a 1920x1080 screen
TARGET_MS = 16.0
BASELINE_EVERY = 10


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


def measure(chart: TimeChart, frames: list[tuple[float, float]]) -> list[float]:
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    times: list[float] = []
    for lo, hi in frames:
        t0 = time.perf_counter()
        chart.set_window(lo, hi)
        painter = QPainter(image)
        chart.render(painter)
        painter.end()
        times.append((time.perf_counter() - t0) * 1000.0)
    return times


def build(theme: Theme, downsample: bool, ts: np.ndarray, kw: np.ndarray) -> TimeChart:
    chart = TimeChart(theme, TZ, START, downsample=downsample)
    chart.add_line("pv", theme.palette.accent, filled=True)
    chart.add_line("load", theme.palette.primary)
    chart.set_line("pv", ts, kw)
    chart.set_line("load", ts, kw * 0.8 + 5.0)
    chart.resize(WIDTH, HEIGHT)
    chart.show()
    return chart


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer frames (under a minute)")
    args = parser.parse_args()
    app = ensure_qapp()
    theme = Theme(Palette(), 1.0)
    apply_theme(app, theme, load_fonts())
    ts, kw = year_of_minutes()
    frames = windows(args.quick)
    print(f"chart frame time, {POINTS:,} points x 2 curves, {WIDTH}x{HEIGHT}, {len(frames)} frames")
    results = {}
    for name, downsample in (("energy chart (clip + peak downsampling)", True),
                             ("baseline (same plot, no clip/downsampling)", False)):  # fmt: skip
        chart = build(theme, downsample, ts, kw)
        app.processEvents()
        measure(chart, frames[:3])  # warm-up: caches, fonts
        # The baseline takes ~0.3 s a frame: every BASELINE_EVERY-th frame is enough for a median.
        times = measure(chart, frames if downsample else frames[::BASELINE_EVERY])
        results[name] = times
        chart.close()
        chart.deleteLater()
        app.processEvents()
        med = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[18]
        print(f"  {name:44s} median {med:7.2f} ms   p95 {p95:7.2f} ms   ({len(times)} frames)")
        kinds = frames if downsample else frames[::BASELINE_EVERY]
        for label, span in (("whole year", 365), ("30 days", 30), ("one day", 1)):
            sel = [
                t
                for t, (lo, hi) in zip(times, kinds, strict=True)
                if round((hi - lo) / 86_400) == span
            ]
            print(f"      {label:10s} median {statistics.median(sel):7.2f} ms ({len(sel)} frames)")
    ours, base = (statistics.median(v) for v in results.values())
    verdict = "OK" if ours <= TARGET_MS else "OVER TARGET"
    print(
        f"  ratio baseline/energy chart: {base / ours:.1f}x   target median <= {TARGET_MS} ms: {verdict}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
