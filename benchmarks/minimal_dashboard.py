"""The baseline of ``bench_dashboard.py``: the smallest honest Qt + pyqtgraph energy dashboard.

A full-screen window with four figures (solar power, building power, grid power, CO2 avoided
today) and a live chart of the last hour of solar and building power, updated once a second
from the kiosk's own simulator (the same site model and the same 1 Hz reads as the kiosk in
the benchmark). It stores nothing and draws no animation: what any dashboard doing this job
must at least cost.

Run: ``python benchmarks/minimal_dashboard.py`` (SIGTERM stops it, as the benchmark does).
"""

from __future__ import annotations

import sys
import time
from collections import deque

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.config.model import SiteConfig
from kiosk.energy.metrics import Metric
from kiosk.sources.simulator import Simulator, SimulatorOptions

CHART_S = 3600
KG_CO2_PER_KWH = 0.5257  # central China grid (the kiosk's default region)


class Dashboard(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("minimal dashboard")
        self.setStyleSheet("background: #f4f7f2; color: #1d3b2a; font-size: 28px;")
        self.source = Simulator("sim", SiteConfig(), SimulatorOptions(history_hours=0))
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        self.figures: dict[str, QLabel] = {}
        for i, title in enumerate(("Solar", "Building", "Grid", "CO2 avoided today")):
            name = QLabel(title)
            value = QLabel("—")
            for label in (name, value):
                label.setTextFormat(Qt.TextFormat.PlainText)
            value.setStyleSheet("font-size: 64px; font-weight: bold;")
            grid.addWidget(name, 0, i)
            grid.addWidget(value, 1, i)
            self.figures[title] = value
        layout.addLayout(grid)
        self.plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem()})
        self.plot.setBackground("w")
        self.plot.setMouseEnabled(False, False)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.getPlotItem().setClipToView(True)
        self.pv_curve = self.plot.plot(pen=pg.mkPen("#e0a100", width=3))
        self.load_curve = self.plot.plot(pen=pg.mkPen("#2e7d4f", width=3))
        layout.addWidget(self.plot, 1)
        self.times: deque[float] = deque(maxlen=CHART_S)
        self.pv: deque[float] = deque(maxlen=CHART_S)
        self.load: deque[float] = deque(maxlen=CHART_S)
        self.pv_energy_wh = 0.0
        self.last = time.time()
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.update_figures)
        self.timer.start()
        self.update_figures()

    def update_figures(self) -> None:
        now = time.time()
        values = {r.metric: r.value for r in self.source.read(now)}
        pv = values.get(Metric.PV_POWER_W, 0.0)
        load = values.get(Metric.LOAD_POWER_W, 0.0)
        self.pv_energy_wh += pv * (now - self.last) / 3600.0
        self.last = now
        self.figures["Solar"].setText(f"{pv / 1000:.1f} kW")
        self.figures["Building"].setText(f"{load / 1000:.1f} kW")
        self.figures["Grid"].setText(f"{(load - pv) / 1000:.1f} kW")
        self.figures["CO2 avoided today"].setText(
            f"{self.pv_energy_wh / 1000 * KG_CO2_PER_KWH:.2f} kg"
        )
        self.times.append(now)
        self.pv.append(pv / 1000)
        self.load.append(load / 1000)
        x = np.fromiter(self.times, float, len(self.times))
        self.pv_curve.setData(x, np.fromiter(self.pv, float, len(self.pv)))
        self.load_curve.setData(x, np.fromiter(self.load, float, len(self.load)))


def main() -> int:
    app = QApplication(sys.argv[:1])
    dashboard = Dashboard()
    dashboard.showFullScreen()
    QTimer.singleShot(0, lambda: print("READY", flush=True))
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
