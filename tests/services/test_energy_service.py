"""EnergyService end to end: simulator → poller thread → SQLite → summary, on a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fakeclock import FakeClock

from kiosk.config.loader import parse_config
from kiosk.config.model import SiteConfig
from kiosk.config.paths import AppPaths
from kiosk.energy.carbon import factor_for
from kiosk.energy.metrics import Metric, Provenance
from kiosk.energy.store import EnergyStore
from kiosk.energy.summary import EnergySummary
from kiosk.services.energy_service import EnergyService, SourceSpec
from kiosk.services.tasks import TaskRunner
from kiosk.sources.simulator import Simulator, SimulatorOptions

NOON = datetime(2026, 6, 21, 12, 30, tzinfo=ZoneInfo("Asia/Shanghai")).timestamp()
INTERVAL_S = 0.02  # poll interval; readings count as live for 3 intervals (0.06 s)


@pytest.fixture
def service(data_dir: Path, tasks: TaskRunner) -> Iterator[tuple[EnergyService, FakeClock]]:
    clock = FakeClock(NOON)
    store = EnergyStore(data_dir / "r.sqlite3")
    sim = Simulator("sim", SiteConfig(), SimulatorOptions(cloudiness=0.0))
    svc = EnergyService(
        store,
        factor_for("central"),
        [SourceSpec(sim, INTERVAL_S)],
        tasks=tasks,
        clock=clock,
        stale_check_ms=10,
    )
    yield svc, clock
    svc.stop()
    store.close()


def _pv(summary: EnergySummary) -> tuple[float | None, Provenance | None]:
    return summary.pv_power_w.value, summary.pv_power_w.provenance


def test_summary_arrives_with_simulated_provenance(qtbot, service) -> None:  # type: ignore[no-untyped-def]
    svc, _ = service
    svc.start()
    qtbot.waitUntil(
        lambda: svc.summary is not None and svc.summary.pv_power_w.value is not None, timeout=5000
    )
    value, prov = _pv(svc.summary)
    assert (
        value is not None and value > 20_000 and prov is Provenance.SIMULATED
    )  # clear noon, 50 kWp
    assert svc.summary.load_power_w.value is not None
    health = svc.health()
    assert [(h.source_id, h.state) for h in health] == [("sim", "simulated")]  # never "live"
    assert health[0].last_good_at == NOON and health[0].last_error == ""


def test_stopping_a_source_turns_its_metrics_stale_and_keeps_the_values(qtbot, service) -> None:  # type: ignore[no-untyped-def]
    svc, clock = service
    svc.start()
    qtbot.waitUntil(
        lambda: svc.summary is not None and svc.summary.pv_power_w.value is not None, timeout=5000
    )
    svc.stop_source("sim")
    last = svc.store.latest(Metric.PV_POWER_W)
    assert last is not None
    with qtbot.waitSignal(svc._stale_timer.timeout):  # a staleness check after the move
        clock.advance(0.5 * 3 * INTERVAL_S)  # half of the live window: still live
    assert not svc.is_stale("pv_power_w")
    with qtbot.waitSignal(
        svc.metric_did_go_stale, timeout=5000, check_params_cb=lambda m, meter: m == "pv_power_w"
    ):
        clock.advance(3 * INTERVAL_S)  # past the live window
    qtbot.waitUntil(lambda: svc.summary.pv_power_w.provenance is Provenance.CACHED, timeout=5000)
    assert svc.summary.pv_power_w.value == last.value  # the last value stays on screen
    assert svc.summary.pv_power_w.age_s(clock()) == pytest.approx(clock() - last.timestamp)
    assert svc.is_stale("load_power_w")


def test_from_config_reports_a_broken_source_and_closes_cleanly(
    qtbot, data_dir: Path, tasks: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    config = parse_config(
        {
            "sources": [
                {"id": "sim", "type": "simulator", "interval_seconds": 0.2},
                {
                    "id": "meter_log",
                    "type": "csv",
                    "interval_seconds": 0.2,
                    "options": {"path": str(data_dir / "missing.csv")},
                },
            ]
        }
    )
    svc = EnergyService.from_config(
        config, AppPaths.resolve(data_dir), tasks=tasks, clock=FakeClock(NOON)
    )
    try:
        with qtbot.waitSignal(svc.source_did_fail, timeout=5000) as blocker:
            svc.start()
        assert blocker.args[0] == "meter_log" and "CSV file not found" in blocker.args[1]
        qtbot.waitUntil(
            lambda: svc.summary is not None and svc.summary.pv_power_w.value is not None,
            timeout=5000,
        )
        states = {h.source_id: (h.state, h.last_error) for h in svc.health()}
        assert states["meter_log"][0] == "failing" and "missing.csv" in states["meter_log"][1]
        assert states["sim"][0] == "simulated"
        assert svc.summary.factor.key == "central"
    finally:
        svc.stop()
    assert all(not p.is_running for p in svc.pollers.values())
    assert (data_dir / "readings.sqlite3").is_file()


def test_summaries_on_pool_threads_reuse_one_connection_per_thread(qtbot, service) -> None:  # type: ignore[no-untyped-def]
    svc, clock = service
    svc.start()
    for _ in range(20):
        clock.advance(1.0)
        with qtbot.waitSignal(svc.summary_did_update, timeout=5000):
            svc.refresh_summary()
    # GUI thread, poller thread, summary pool thread(s): not one connection per summary.
    assert svc.store.open_connections <= 4


def test_stop_waits_for_work_still_using_the_store_before_closing_it(
    qtbot, data_dir: Path, tasks: TaskRunner, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    """Shutdown closed the store while a chart query (another queue) still used it: a
    'readings database is closed' traceback at shutdown in 2 of ~60 runs."""
    import threading

    config = parse_config({"sources": [{"id": "sim", "type": "simulator"}]})
    svc = EnergyService.from_config(
        config, AppPaths.resolve(data_dir), tasks=tasks, clock=FakeClock(NOON)
    )
    svc.start()
    started = threading.Event()

    def chart_query() -> object:
        started.set()
        threading.Event().wait(0.3)  # still reading when shutdown starts
        return svc.store.run_read(lambda conn: conn.execute("SELECT count(*) FROM raw").fetchone())

    tasks.run(chart_query)
    assert started.wait(5)
    svc.stop()
    tasks.wait()
    assert not [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]


def test_a_write_after_close_is_dropped_quietly(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = EnergyStore(data_dir / "r.sqlite3")
    store.close()
    reading = Simulator("sim", SiteConfig(), SimulatorOptions()).read(NOON)
    with caplog.at_level("DEBUG", logger="kiosk.energy.store"):
        report = store.ingest(reading, NOON)
    assert report.accepted == 0
    assert "closed" in caplog.text
