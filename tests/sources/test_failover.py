"""Failover: pure rules with a fake clock, then real servers (Modbus local, HTTP cloud)."""

from __future__ import annotations

import pytest
from loopback import HttpTestServer, ModbusTestServer

from kiosk.config.errors import ConfigError
from kiosk.config.loader import parse_config
from kiosk.energy.metrics import Metric, Provenance, Reading
from kiosk.sources.base import Source, SourceError
from kiosk.sources.failover import FailoverPolicy, FailoverSelector
from kiosk.sources.http_json import HttpJsonSource
from kiosk.sources.modbus_sunspec import SunspecSource
from kiosk.sources.options.http_json import HttpJsonOptions
from kiosk.sources.options.modbus_sunspec import SunspecOptions

T0 = 1_760_000_000.0
PV = Metric.PV_POWER_W
HOST = {"host": "127.0.0.1"}


def reading(source: str, value: float, t: float, prov: Provenance = Provenance.LIVE) -> Reading:
    return Reading(PV, value, t, source, prov)


def policy(order: list[str] | None = None) -> FailoverPolicy:
    raw = {
        "sources": [
            {"id": "local", "type": "modbus", "interval_seconds": 5, "options": HOST},
            {"id": "cloud", "type": "modbus", "interval_seconds": 300, "options": HOST},
            {"id": "sim", "type": "modbus", "interval_seconds": 5, "options": HOST},
        ],
    }
    if order is not None:
        raw["failover"] = {"priorities": {"pv_power_w": order}}
    return FailoverPolicy.from_config(parse_config(raw))


def test_first_live_source_wins_and_staleness_moves_down_the_list() -> None:
    sel = FailoverSelector(policy(["local", "cloud", "cached", "sim"]))
    sel.note_readings([reading("local", 100, T0), reading("cloud", 90, T0)])
    sel.note_readings([reading("sim", 50, T0, Provenance.SIMULATED)])
    choice = sel.select(PV, T0 + 1)
    assert choice is not None and (choice.source_id, choice.provenance) == (
        "local",
        Provenance.LIVE,
    )
    # local is live for 3 × 5 s; after that the cloud (live for 3 × 300 s) takes over.
    choice = sel.select(PV, T0 + 16)
    assert choice is not None and (choice.source_id, choice.reading.value) == ("cloud", 90)
    # Both stale: the newest measured value, badged as cached, before the simulator.
    sel.note_readings([reading("sim", 55, T0 + 1000, Provenance.SIMULATED)])
    choice = sel.select(PV, T0 + 1000)
    assert choice is not None and choice.provenance is Provenance.CACHED
    assert choice.reading.value == 100 and choice.age_seconds == 1000


def test_simulator_before_cache_when_listed_so() -> None:
    sel = FailoverSelector(policy(["local", "sim", "cached"]))
    sel.note_readings(
        [reading("local", 100, T0), reading("sim", 50, T0 + 100, Provenance.SIMULATED)]
    )
    choice = sel.select(PV, T0 + 100)
    assert choice is not None and choice.provenance is Provenance.SIMULATED


def test_failure_switches_at_once_and_a_new_reading_switches_back() -> None:
    sel = FailoverSelector(policy(["local", "cloud"]))
    sel.note_readings([reading("local", 100, T0), reading("cloud", 90, T0)])
    sel.note_failure("local", T0 + 1, "cannot connect")
    assert sel.select(PV, T0 + 1).source_id == "cloud"  # type: ignore[union-attr]
    sel.note_readings([reading("local", 101, T0 + 2)])
    assert sel.select(PV, T0 + 2).source_id == "local"  # type: ignore[union-attr]


def test_nothing_known_is_none_and_simulated_is_never_cached() -> None:
    sel = FailoverSelector(policy(["local"]))
    assert sel.select(PV, T0) is None
    sel.note_readings([reading("sim", 50, T0, Provenance.SIMULATED)])
    assert sel.select(PV, T0 + 1) is None  # sim is not in the list, and not a measurement


def test_default_order_is_config_order_then_cache() -> None:
    p = policy()
    assert p.order_for(PV) == ("local", "cloud", "sim", "cached")
    assert p.live_for_seconds == {"local": 15.0, "cloud": 900.0, "sim": 15.0}


@pytest.mark.parametrize(
    ("priorities", "message"),
    [
        ({"pv_power": ["a"]}, "failover.priorities.pv_power: unknown metric"),
        ({"pv_power_w": ["nope"]}, r"failover.priorities.pv_power_w\[0\]: unknown source 'nope'"),
        ({"pv_power_w": ["a", "a"]}, r"pv_power_w\[1\]: 'a' is listed twice"),
        ({"default": []}, "failover.priorities.default: must be a non-empty list"),
    ],
)
def test_config_errors_name_the_key(priorities: dict[str, list[str]], message: str) -> None:
    raw = {
        "sources": [{"id": "a", "type": "modbus", "options": HOST}],
        "failover": {"priorities": priorities},
    }
    with pytest.raises(ConfigError, match=message):
        parse_config(raw, "kiosk.toml")


def _poll(sel: FailoverSelector, sources: list[Source], now: float) -> None:
    """What the poller service does on each tick."""
    for src in sources:
        try:
            sel.note_poll(src.source_id, now, src.read(now))
        except SourceError as exc:
            sel.note_failure(src.source_id, now, str(exc))


def test_local_modbus_to_cloud_http_to_cache_and_back(
    modbus_server: ModbusTestServer, http_server: HttpTestServer
) -> None:
    http_server.serve_payload("/pf", "fronius_powerflow.json")
    local = SunspecSource(
        "local", SunspecOptions(host="127.0.0.1", port=modbus_server.port, timeout_seconds=0.5)
    )
    cloud = HttpJsonSource(
        "cloud", HttpJsonOptions(url=http_server.url + "/pf", preset="fronius_powerflow")
    )
    sel = FailoverSelector(
        FailoverPolicy(("local", "cloud", "cached"), {}, {"local": 15.0, "cloud": 15.0})
    )
    sources: list[Source] = [local, cloud]
    try:
        _poll(sel, sources, T0)
        assert sel.select(PV, T0).source_id == "local"  # type: ignore[union-attr]

        modbus_server.stop()
        _poll(sel, sources, T0 + 5)
        choice = sel.select(PV, T0 + 5)
        assert choice is not None
        assert (choice.source_id, choice.provenance, choice.reading.value) == (
            "cloud",
            Provenance.LIVE,
            4265.0,
        )

        http_server.serve_json("/pf", "{}", status=503)
        _poll(sel, sources, T0 + 10)
        choice = sel.select(PV, T0 + 10)
        assert choice is not None and choice.provenance is Provenance.CACHED
        assert choice.source_id == "cloud" and choice.age_seconds == 5

        health = {h.source_id: h for h in sel.health(T0 + 10)}
        assert health["local"].state == "failing"
        assert health["local"].last_error.startswith("cannot connect to 127.0.0.1")
        assert health["local"].last_good_at == T0
        assert health["cloud"].last_error == f"127.0.0.1:{http_server.port} answered HTTP 503"
        assert health["local"].reads_per_minute == 1.0  # one good poll in the last minute

        modbus_server.start()
        _poll(sel, sources, T0 + 15)
        choice = sel.select(PV, T0 + 15)
        assert choice is not None
        assert (choice.source_id, choice.provenance) == ("local", Provenance.LIVE)
    finally:
        local.close()
        cloud.close()


def test_health_states_and_reads_per_minute() -> None:
    sel = FailoverSelector(policy(["local", "cloud"]))
    for i in range(12):
        sel.note_poll("local", T0 + 5 * i, [reading("local", 100, T0 + 5 * i)])
    sel.note_poll("cloud", T0)  # a budgeted poll with nothing new
    health = {h.source_id: h for h in sel.health(T0 + 55)}
    assert (health["local"].state, health["local"].reads_per_minute) == ("live", 12.0)
    assert (health["cloud"].state, health["cloud"].last_good_at) == ("quiet", None)
    health = {h.source_id: h for h in sel.health(T0 + 120)}
    assert (health["local"].state, health["local"].reads_per_minute) == ("quiet", 0.0)
    assert health["local"].last_good_at == T0 + 55


def test_a_simulator_is_never_live() -> None:
    """The staff list said "Live" for the simulator; its figures are made up."""
    sel = FailoverSelector(policy(["local", "sim"]))
    sel.note_poll("sim", T0, [reading("sim", 50, T0, Provenance.SIMULATED)])
    sel.note_poll("local", T0, [reading("local", 100, T0)])
    health = {h.source_id: h.state for h in sel.health(T0 + 1)}
    assert health == {"sim": "simulated", "local": "live"}
    assert {h.source_id: h.state for h in sel.health(T0 + 1000)} == {
        "sim": "quiet",
        "local": "quiet",
    }
