"""The staff sources panel fed by a real energy service polling real sources (fake wall clock):
waiting before the first poll, live and failing in plain words, quiet once a source stops."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakeclock import FakeClock
from test_energy_screen import FACTOR, NOON, TZ, ScriptedSource, make_ctx

from kiosk.energy.metrics import Metric, Reading
from kiosk.energy.store import EnergyStore
from kiosk.services.energy_service import EnergyService, SourceSpec
from kiosk.services.tasks import TaskRunner
from kiosk.sources.base import Source, SourceUnavailable
from kiosk.ui.staff.sources_panel import SourcesPanel


class DeadInverter(Source):
    """An inverter that never answers."""

    def read(self, now: float) -> list[Reading]:
        raise SourceUnavailable("no answer from 10.0.0.9:502")


@pytest.fixture
def panel_rig(
    qtbot: Any, data_dir: Path, tasks: TaskRunner
) -> Iterator[tuple[SourcesPanel, EnergyService, Any]]:
    ctx = make_ctx(data_dir, tasks)
    clock = FakeClock(NOON)
    meter = ScriptedSource("meter")
    meter.set(Metric.PV_POWER_W, 5000.0)
    store = EnergyStore(data_dir / "panel.sqlite3", tz=TZ)
    specs = [SourceSpec(meter, 0.05), SourceSpec(DeadInverter("inverter"), 0.05)]
    service = EnergyService(store, FACTOR, specs, tasks=tasks, clock=clock, stale_check_ms=20)
    panel = SourcesPanel(ctx, service)
    qtbot.addWidget(panel)
    panel.resize(1000, 900)
    panel.show()
    qtbot.waitExposed(panel)
    yield panel, service, clock
    service.stop()
    store.close()
    ctx.language.close()


def texts(panel: SourcesPanel, source_id: str) -> dict[str, str]:
    row = panel.rows[source_id]
    return {"badge": row.badge.text(), **{k: v.text() for k, v in row.values.items()}}


def test_states_in_plain_words(qtbot: Any, panel_rig: Any) -> None:
    panel, service, clock = panel_rig
    assert panel.heading.text() == "Data sources"
    assert list(panel.rows) == ["meter", "inverter"]  # configured, not polled yet
    assert texts(panel, "meter") == {
        "badge": "Waiting",
        "state": "No reading yet",
        "last_good": "never",
        "last_error": "none",
        "reads": "0",
        "preset": "none",
        "missing": "none",
    }

    service.start()
    qtbot.waitUntil(lambda: texts(panel, "meter")["badge"] == "Live", timeout=5000)
    qtbot.waitUntil(lambda: texts(panel, "inverter")["badge"] == "Failing", timeout=5000)
    meter = texts(panel, "meter")
    assert meter["state"] == "Readings arrive on time"
    assert meter["last_good"] == "0 s ago"
    assert int(meter["reads"]) > 0
    inverter = texts(panel, "inverter")
    assert inverter["state"] == "Not answering (see the last problem)"
    assert inverter["last_error"] == "no answer from 10.0.0.9:502"
    assert inverter["last_good"] == "never"
    assert panel.rows["inverter"].badge.property("state") == "missing"  # red, and says so

    service.stop_source("meter")
    clock.advance(90)  # past the live window and the reads-per-minute window
    panel.refresh()
    meter = texts(panel, "meter")
    assert meter["badge"] == "Quiet"
    assert meter["last_good"] == "1 min ago"
    assert meter["reads"] == "0"
    assert panel.rows["meter"].badge.property("state") == "stale"


def test_age_text(panel_rig: Any) -> None:
    panel = panel_rig[0]
    assert panel.age_text(None, 100.0) == "never"
    assert panel.age_text(55.0, 100.0) == "45 s ago"
    assert panel.age_text(100.0 - 3 * 3600 - 5, 100.0) == "3 h ago"
    assert panel.age_text(100.0 - 3 * 86400, 100.0) == "3 days ago"
    assert panel.age_text(101.0, 100.0) == "0 s ago"  # a clock step back is not "in the future"


def test_no_sources_says_so(qtbot: Any, data_dir: Path, tasks: TaskRunner) -> None:
    ctx = make_ctx(data_dir, tasks)
    store = EnergyStore(data_dir / "empty.sqlite3", tz=TZ)
    service = EnergyService(store, FACTOR, [], tasks=tasks, clock=FakeClock(NOON))
    panel = SourcesPanel(ctx, service)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.rows == {}
    assert panel.empty_label.isVisible()
    assert panel.empty_label.text() == "No data sources are configured."
    service.stop()
    store.close()
    ctx.language.close()


class MappedMeter(ScriptedSource):
    """A meter whose config maps PV power and energy, like an HTTP preset does."""

    def mapped_metrics(self) -> frozenset[tuple[Metric, str]]:
        return frozenset({(Metric.PV_POWER_W, ""), (Metric.PV_ENERGY_WH, "")})


def test_names_the_preset_and_the_figures_not_arriving(
    qtbot: Any, data_dir: Path, tasks: TaskRunner
) -> None:
    ctx = make_ctx(data_dir, tasks)
    meter = MappedMeter("fronius")
    meter.set(Metric.PV_POWER_W, 4200.0)
    store = EnergyStore(data_dir / "p.sqlite3", tz=TZ)
    specs = [SourceSpec(meter, 0.05, "fronius_powerflow")]
    service = EnergyService(store, FACTOR, specs, tasks=tasks, clock=FakeClock(NOON))
    panel = SourcesPanel(ctx, service)
    qtbot.addWidget(panel)
    try:
        service.start()
        qtbot.waitUntil(lambda: texts(panel, "fronius")["badge"] == "Live", timeout=5000)
        got = texts(panel, "fronius")
        assert got["preset"] == "fronius_powerflow"
        assert got["missing"] == "pv_energy_wh"
    finally:
        service.stop()
        store.close()
        ctx.language.close()
