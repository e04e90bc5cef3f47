"""[aggregate] sums: two inverters on a real loopback HTTP server, through the real service.

One inverter answering HTTP 503 makes the site's PV power "partial" (with the other inverter's
value, never a silently lower "live" figure), and the staff screen's line for the sum names the
part that is missing. Each inverter's own figure is kept as a meter named after it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fakeclock import FakeClock
from loopback import HttpTestServer

from kiosk.config.errors import ConfigError
from kiosk.config.loader import parse_config
from kiosk.config.paths import AppPaths
from kiosk.energy.metrics import Metric, Provenance
from kiosk.services.energy_service import EnergyService
from kiosk.services.tasks import TaskRunner
from kiosk.sources.aggregate import AGGREGATE_ID, Part, sum_parts
from kiosk.sources.registry import check_sources

NOON = datetime(2026, 6, 21, 12, 30, tzinfo=ZoneInfo("Asia/Shanghai")).timestamp()


def inverter(sid: str, url: str) -> dict[str, object]:
    return {
        "id": sid, "type": "http", "interval_seconds": 0.2,
        "options": {"url": url, "values": [
            {"path": "w", "metric": "pv_power_w"}, {"path": "wh", "metric": "pv_energy_wh"},
        ]},
    }  # fmt: skip


@pytest.fixture
def site(
    http_server: HttpTestServer, data_dir: Path, tasks: TaskRunner
) -> Iterator[tuple[EnergyService, HttpTestServer, FakeClock]]:
    http_server.serve_json("/a", '{"w": 1000, "wh": 5000000}')
    http_server.serve_json("/b", '{"w": 2500, "wh": 7000000}')
    config = parse_config({
        "site": {"timezone": "Asia/Shanghai"},
        "sources": [inverter("inv-a", http_server.url + "/a"),
                    inverter("inv-b", http_server.url + "/b")],
        "failover": {"live_for_intervals": 1000},
        "aggregate": {
            "pv_power_w": ["inv-a", "inv-b"], "pv_energy_wh": ["inv-a", "inv-b"],
            "names": {"inv-a": {"zh": "东楼", "en": "East roof"}},
        },
    })  # fmt: skip
    clock = FakeClock(NOON, step_s=0.001)  # polls never share a timestamp; tests jump it on
    svc = EnergyService.from_config(config, AppPaths.resolve(data_dir), tasks=tasks, clock=clock)
    yield svc, http_server, clock
    svc.stop()


def test_two_inverters_are_summed_and_one_going_stale_makes_it_partial(  # type: ignore[no-untyped-def]
    qtbot, site
) -> None:
    svc, server, clock = site
    svc.start()

    def pv() -> tuple[float | None, Provenance | None]:
        s = svc.summary
        return (None, None) if s is None else (s.pv_power_w.value, s.pv_power_w.provenance)

    qtbot.waitUntil(lambda: pv() == (3500.0, Provenance.LIVE), timeout=5000)
    assert svc.store.latest(Metric.PV_POWER_W, "inv-a").value == 1000.0  # type: ignore[union-attr]
    assert svc.store.latest(Metric.PV_ENERGY_WH).value == 12_000_000.0  # type: ignore[union-attr]
    server.serve_json("/b", '{"error": "busy"}', status=503)
    clock.advance(1)
    qtbot.waitUntil(lambda: pv() == (1000.0, Provenance.PARTIAL), timeout=5000)
    energy = svc.store.latest(Metric.PV_ENERGY_WH)
    assert energy is not None and energy.value == 12_000_000.0  # a quiet part never drops it
    assert energy.provenance is Provenance.PARTIAL
    status = {s.metric: s for s in svc.aggregate_status()}[Metric.PV_POWER_W]
    assert status.missing == ("inv-b",)
    line = next(h for h in svc.health() if h.source_id == AGGREGATE_ID)
    assert "1 of 2 parts live (not live: inv-b)" in line.last_error
    server.serve_json("/b", '{"w": 2000, "wh": 7000100}')
    clock.advance(1)
    qtbot.waitUntil(lambda: pv() == (3000.0, Provenance.LIVE), timeout=5000)


def test_sum_rules() -> None:
    live, quiet = Part(10, True, Provenance.LIVE), Part(5, False, Provenance.LIVE)
    assert sum_parts(Metric.PV_POWER_W, [live, live]) == (20, Provenance.LIVE)
    assert sum_parts(Metric.PV_POWER_W, [live, quiet]) == (10, Provenance.PARTIAL)
    assert sum_parts(Metric.PV_POWER_W, [live, None]) == (10, Provenance.PARTIAL)
    assert sum_parts(Metric.PV_POWER_W, [quiet, None]) is None
    assert sum_parts(Metric.PV_ENERGY_WH, [live, quiet]) == (15, Provenance.PARTIAL)
    assert sum_parts(Metric.PV_ENERGY_WH, [live, None]) is None  # not until every part is known
    sim = Part(1, True, Provenance.SIMULATED)
    assert sum_parts(Metric.PV_POWER_W, [live, sim]) == (11, Provenance.SIMULATED)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"pv_power": ["a", "b"]}, "aggregate.pv_power: not a metric name"),
        ({"battery_soc_pct": ["a", "b"]}, "a level cannot be summed"),
        ({"pv_power_w": ["a"]}, "at least two"),
        ({"pv_power_w": ["a", "a"]}, "distinct"),
        ({"names": {"a": {"fr": "x"}}}, "aggregate.names.a"),
    ],
)
def test_aggregate_mistakes_are_named(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config({"aggregate": table}, check_sources=check_sources)


def test_aggregate_is_a_reserved_source_id() -> None:
    with pytest.raises(ConfigError, match="reserved"):
        parse_config({"sources": [{"id": "aggregate", "type": "simulator"}]})


def test_meter_ids_of_one_source_are_summed_into_the_site_figure() -> None:
    from kiosk.energy.metrics import Reading
    from kiosk.sources.aggregate import AggregatePlan, Aggregator

    plan = AggregatePlan.parse({"pv_power_w": ["hm-1", "hm-2"]}, ["dtu"])
    assert plan.source_parts == frozenset()  # meter ids, not sources
    agg = Aggregator(plan)
    agg.note([
        Reading(Metric.PV_POWER_W, 300.0, NOON, "dtu", Provenance.LIVE, "hm-1"),
        Reading(Metric.PV_POWER_W, 250.0, NOON, "dtu", Provenance.LIVE, "hm-2"),
        Reading(Metric.PV_POWER_W, 999.0, NOON, "dtu", Provenance.LIVE, ""),  # not a part
    ])  # fmt: skip
    (site,) = agg.sums(NOON + 1, lambda r: True)
    assert (site.metric, site.meter, site.value, site.source_id) == (
        Metric.PV_POWER_W, "", 550.0, AGGREGATE_ID,
    )  # fmt: skip
    (only_one,) = agg.sums(NOON + 2, lambda r: r.meter == "hm-1")
    assert (only_one.value, only_one.provenance) == (300.0, Provenance.PARTIAL)
