"""HTTP JSON adapter against a real loopback HTTP server serving recorded payloads."""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler

import pytest
from loopback import HttpTestServer, free_port

from kiosk.energy.metrics import Metric, Provenance
from kiosk.sources.base import SourceMisconfigured, SourceUnavailable
from kiosk.sources.http_json import HttpJsonSource
from kiosk.sources.options import HTTP_PRESET_NAMES
from kiosk.sources.options.http_json import HttpJsonOptions, JsonValueOptions
from kiosk.sources.presets import PRESETS

NOON = 1_760_000_000.0  # 2025-10-09 16:53 in Asia/Shanghai (day)
PATH = "/solar_api/v1/GetPowerFlowRealtimeData.fcgi"


def fronius(url: str, **kw: object) -> HttpJsonSource:
    opts = HttpJsonOptions(url=url + PATH, preset="fronius_powerflow", **kw)  # type: ignore[arg-type]
    return HttpJsonSource("fronius", opts, "Asia/Shanghai")


def values(readings: object) -> dict[Metric, float]:
    return {r.metric: r.value for r in readings}  # type: ignore[attr-defined]


def test_preset_choices_are_the_presets() -> None:
    assert tuple(PRESETS) == HTTP_PRESET_NAMES


def test_fronius_preset_reads_the_power_flow(http_server: HttpTestServer) -> None:
    http_server.serve_payload(PATH, "fronius_powerflow.json")
    src = fronius(http_server.url)
    readings = src.read(NOON)
    assert values(readings) == {
        Metric.PV_POWER_W: 4265.0,
        Metric.GRID_IMPORT_POWER_W: 0.0,
        Metric.GRID_EXPORT_POWER_W: 1832.4,
        Metric.LOAD_POWER_W: 2432.6,
        Metric.PV_ENERGY_WH: 27_646_000.0,
    }
    assert {r.provenance for r in readings} == {Provenance.LIVE}
    assert src.value_problems == (  # a site without a battery
        "battery_discharge_power_w: Body.Data.Site.P_Akku: null",
        "battery_charge_power_w: Body.Data.Site.P_Akku: null",
        "battery_soc_pct: Body.Data.Inverters.1.SOC: missing",
    )


def test_fronius_at_night_pv_null_is_zero_and_missing_total_is_listed(
    http_server: HttpTestServer,
) -> None:
    http_server.serve_payload(PATH, "fronius_powerflow_night.json")
    src = fronius(http_server.url)
    got = values(src.read(NOON))
    assert got[Metric.PV_POWER_W] == 0.0
    assert got[Metric.GRID_IMPORT_POWER_W] == 612.8
    assert Metric.PV_ENERGY_WH not in got
    assert "pv_energy_wh: Body.Data.Site.E_Total: null" in src.value_problems


def test_home_assistant_state_as_text_with_bearer_token(http_server: HttpTestServer) -> None:
    http_server.serve_payload(
        "/api/states/sensor.rain_tank_inflow_total", "home_assistant_state.json"
    )
    opts = HttpJsonOptions(
        url=http_server.url + "/api/states/sensor.rain_tank_inflow_total",
        preset="home_assistant",
        bearer_token="secret-token",
        values=(JsonValueOptions(path="state", metric="water_harvested_l"),),
    )
    got = values(HttpJsonSource("ha", opts).read(NOON))
    assert got == {Metric.WATER_HARVESTED_L: 18342.7}
    assert http_server.requests[-1][1]["Authorization"] == "Bearer secret-token"


def test_home_assistant_preset_without_values_is_misconfigured() -> None:
    opts = HttpJsonOptions(url="http://127.0.0.1:1/api/states/x", preset="home_assistant")
    with pytest.raises(SourceMisconfigured, match='path = "state"'):
        HttpJsonSource("ha", opts)


def test_solaredge_budget_slows_down_at_night_and_caps_the_day(
    http_server: HttpTestServer,
) -> None:
    http_server.serve_payload("/site/123456/overview", "solaredge_overview.json")
    opts = HttpJsonOptions(
        url=http_server.url + "/site/123456/overview",
        preset="solaredge_overview",
        api_key="KEY123",
    )
    src = HttpJsonSource("solaredge", opts, "Asia/Shanghai")
    got = values(src.read(NOON))
    assert got == {Metric.PV_POWER_W: 3709.0, Metric.PV_ENERGY_WH: 761985.75}
    assert http_server.requests[-1][0].endswith("?api_key=KEY123")
    assert src.read(NOON + 60) == []  # within the 4-minute day interval: no request
    assert len(http_server.requests) == 1
    assert src.read(NOON + 240) != []
    night = NOON + 6 * 3600  # 22:53 local
    assert src.budget.interval_at(night) == 1800
    assert src.read(night) != []
    assert src.read(night + 600) == []
    assert src.read(night + 1800) != []
    assert len(http_server.requests) == 4
    # Whole local day at the fastest allowed pace stays under SolarEdge's 300 per day.
    budget = src.budget
    day_start = 1_760_025_600.0  # 2025-10-10 00:00 Asia/Shanghai
    sent, t = 0, day_start
    while t < day_start + 86400:
        if budget.allows(t):
            budget.record(t)
            sent += 1
        t += 60
    assert 200 < sent <= 280


def test_daily_limit_is_a_hard_cap(http_server: HttpTestServer) -> None:
    http_server.serve_payload(PATH, "fronius_powerflow.json")
    src = fronius(http_server.url, daily_request_limit=3)
    results = [src.read(NOON + i) for i in range(5)]
    assert [bool(r) for r in results] == [True, True, True, False, False]
    assert len(http_server.requests) == 3


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('{"a": NaN, "b": 2}', "pv_power_w: a: NaN is not a number"),
        ('{"a": Infinity, "b": 2}', "pv_power_w: a: Infinity is not a number"),
        ('{"a": "12", "b": 2}', "pv_power_w: a: expected a number, found text '12'"),
        ('{"b": 2}', "pv_power_w: a: missing"),
        ('{"a": {"x": 1}, "b": 2}', "pv_power_w: a: expected a number, found an object"),
        ('{"a": true, "b": 2}', "pv_power_w: a: expected a number, found true/false"),
        ('{"a": 1e999, "b": 2}', "pv_power_w: a: inf is not a finite number"),
        # Hostile numbers lose only that value (a 400-digit one raised OverflowError before).
        ('{"a": ' + "9" * 400 + ', "b": 2}', "pv_power_w: a: inf is not a finite number"),
        ('{"a": ' + "9" * 5000 + ', "b": 2}', "pv_power_w: a: inf is not a finite number"),
        ('{"a": -1e300, "b": 2}', "pv_power_w: a: -1e+300 is beyond any device reading"),
        ('{"a": 3.3e15, "b": 2}', "pv_power_w: a: 3.3e+15 is beyond any device reading"),
    ],
)
def test_bad_values_are_rejected_one_by_one(
    http_server: HttpTestServer, body: str, problem: str
) -> None:
    http_server.serve_json("/v", body)
    opts = HttpJsonOptions(
        url=http_server.url + "/v",
        values=(
            JsonValueOptions(path="a", metric="pv_power_w"),
            JsonValueOptions(path="b", metric="load_power_w", scale=1000),
        ),
    )
    src = HttpJsonSource("api", opts)
    assert values(src.read(NOON)) == {Metric.LOAD_POWER_W: 2000.0}
    assert src.value_problems == (problem,)


def test_all_values_bad_or_not_json_raises_unavailable(http_server: HttpTestServer) -> None:
    opts = HttpJsonOptions(
        url=http_server.url + "/v", values=(JsonValueOptions(path="a", metric="pv_power_w"),)
    )
    src = HttpJsonSource("api", opts)
    http_server.serve_json("/v", '{"a": NaN}')
    with pytest.raises(SourceUnavailable, match=r"no usable values from 127\.0\.0\.1:.*NaN"):
        src.read(NOON)
    http_server.serve_json("/v", "<html>gateway error</html>")
    with pytest.raises(SourceUnavailable, match="not JSON"):
        src.read(NOON + 1)
    http_server.serve_json("/v", '{"a": 5}')
    assert values(src.read(NOON + 2)) == {Metric.PV_POWER_W: 5.0}


def test_huge_bodies_are_refused_declared_or_not(http_server: HttpTestServer) -> None:
    opts = HttpJsonOptions(
        url=http_server.url + "/big",
        max_body_kb=4,
        values=(JsonValueOptions(path="a", metric="pv_power_w"),),
    )
    src = HttpJsonSource("api", opts)
    http_server.serve_json("/big", '{"a": 1, "pad": "' + "x" * 10_000 + '"}')
    with pytest.raises(SourceUnavailable, match="KiB, more than max_body_kb"):
        src.read(NOON)

    def endless(h: BaseHTTPRequestHandler) -> None:  # no Content-Length, 1 MiB
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.end_headers()
        h.wfile.write(b'{"pad": "')
        for _ in range(64):
            h.wfile.write(b"x" * 16384)

    http_server.routes["/big"] = endless
    with pytest.raises(SourceUnavailable, match=r"more than max_body_kb \(4 KiB\)"):
        src.read(NOON + 1)


def test_slow_drip_meets_the_total_deadline(http_server: HttpTestServer) -> None:
    def drip(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.end_headers()
        try:
            for _ in range(50):
                h.wfile.write(b" ")
                h.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass

    http_server.routes["/slow"] = drip
    opts = HttpJsonOptions(
        url=http_server.url + "/slow",
        total_timeout_seconds=0.5,
        values=(JsonValueOptions(path="a", metric="pv_power_w"),),
    )
    started = time.monotonic()
    with pytest.raises(SourceUnavailable, match=r"took longer than 0\.5 s"):
        HttpJsonSource("api", opts).read(NOON)
    assert time.monotonic() - started < 1.5


def test_status_codes_and_secret_never_in_messages(http_server: HttpTestServer) -> None:
    opts = HttpJsonOptions(
        url=http_server.url + "/s",
        api_key="TOPSECRET",
        values=(JsonValueOptions(path="a", metric="pv_power_w"),),
    )
    src = HttpJsonSource("api", opts)
    http_server.serve_json("/s", "{}", status=401)
    with pytest.raises(SourceMisconfigured, match="refused access \\(HTTP 401\\)") as err:
        src.read(NOON)
    assert "TOPSECRET" not in str(err.value)
    http_server.serve_json("/s", "{}", status=503)
    with pytest.raises(SourceUnavailable, match="answered HTTP 503"):
        src.read(NOON + 1)
    http_server.serve_json("/s", "{}", status=429)
    with pytest.raises(SourceUnavailable, match="too many requests"):
        src.read(NOON + 2)


def test_server_down_at_start_restart_and_recovery() -> None:
    port = free_port()
    server = HttpTestServer(port)
    src = fronius(server.url, connect_timeout_seconds=0.5)
    with pytest.raises(SourceUnavailable, match=f"cannot connect to 127.0.0.1:{port}") as err:
        src.read(NOON)
    assert "Traceback" not in str(err.value)
    server.serve_payload(PATH, "fronius_powerflow.json")
    server.start()
    try:
        assert values(src.read(NOON + 5))[Metric.PV_POWER_W] == 4265.0
        server.stop()
        with pytest.raises(SourceUnavailable):
            src.read(NOON + 10)
        server.start()
        assert values(src.read(NOON + 15))[Metric.PV_POWER_W] == 4265.0
    finally:
        src.close()
        server.stop()


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"url": "ftp://x/y"}, "url must start with http"),
        ({"url": "http://x/y"}, "no values configured"),
        (
            {"url": "http://x/y", "values": (JsonValueOptions(path="a..b"),)},
            r"options\.values\[0\]\.path: misplaced '\.'",
        ),
    ],
)
def test_misconfiguration_is_named(kw: dict[str, object], message: str) -> None:
    with pytest.raises(SourceMisconfigured, match=message):
        HttpJsonSource("api", HttpJsonOptions(**kw))  # type: ignore[arg-type]
