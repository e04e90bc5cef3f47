"""HTTP presets, units from the payload, directions and Digest auth, on a loopback server.

Each payload in payloads/ is written from the vendor's public documentation of that response.
"""

from __future__ import annotations

import logging

import pytest
from loopback import HttpTestServer

from kiosk.energy.metrics import Metric
from kiosk.sources.base import SourceMisconfigured
from kiosk.sources.http_json import HttpJsonSource
from kiosk.sources.options.http_json import HttpJsonOptions, JsonValueOptions

NOON = 1_760_000_000.0
M = Metric


def read(server: HttpTestServer, path: str, payload: str, **kw: object) -> HttpJsonSource:
    server.serve_payload(path.split("?")[0], payload)
    opts = HttpJsonOptions(url=server.url + path, **kw)  # type: ignore[arg-type]
    return HttpJsonSource("src", opts, "Asia/Shanghai")


def values(src: HttpJsonSource) -> dict[Metric, float]:
    return {r.metric: round(r.value, 6) for r in src.read(NOON)}


def test_home_assistant_kw_sensor_is_read_as_watts_without_scale(
    http_server: HttpTestServer,
) -> None:
    src = read(
        http_server, "/api/states/sensor.roof_pv_power", "home_assistant_kw.json",
        preset="home_assistant", bearer_token="t",
        values=(JsonValueOptions(path="state", metric="pv_power_w"),),
    )  # fmt: skip
    assert values(src) == {M.PV_POWER_W: 1234.0}


def test_one_home_assistant_source_reads_several_entities_by_id(
    http_server: HttpTestServer,
) -> None:
    def entity(eid: str, metric: str) -> JsonValueOptions:
        return JsonValueOptions(path=f'[entity_id="{eid}"].state', metric=metric)

    src = read(
        http_server, "/api/states", "home_assistant_states.json",
        preset="home_assistant", bearer_token="one-token",
        values=(
            entity("sensor.roof_pv_power", "pv_power_w"),
            entity("sensor.roof_pv_energy", "pv_energy_wh"),
            entity("sensor.mains_water_total", "water_used_l"),
            entity("sensor.boiler_heat", "load_power_w"),
            entity("sensor.hall_load", "load_power_w"),
            entity("sensor.no_unit_power", "grid_import_power_w"),
            entity("sensor.gone", "battery_soc_pct"),
        ),
    )  # fmt: skip
    assert values(src) == {
        M.PV_POWER_W: 1234.0,
        M.PV_ENERGY_WH: 12_345_600.0,  # MWh, not 1,000,000 times too low
        M.WATER_USED_L: 1_834_270.0,
    }
    assert len(http_server.requests) == 1
    assert src.value_problems == (
        "load_power_w: value 412: unknown unit 'BTU/h'",
        "load_power_w: [entity_id=\"sensor.hall_load\"].state: text 'unavailable' is not a number",
        'grid_import_power_w: [entity_id="sensor.no_unit_power"].state has no unit '
        '([entity_id="sensor.no_unit_power"].attributes.unit_of_measurement: missing)',
        "battery_soc_pct: [entity_id=\"sensor.gone\"]: no item with entity_id = 'sensor.gone'",
    )


def test_unit_of_the_wrong_kind_is_refused_naming_value_and_unit(
    http_server: HttpTestServer,
) -> None:
    src = read(
        http_server, "/api/states", "home_assistant_states.json", preset="home_assistant",
        values=(
            JsonValueOptions(path='[entity_id="sensor.roof_pv_energy"].state',
                             metric="pv_power_w"),
            JsonValueOptions(path='[entity_id="sensor.roof_pv_power"].state',
                             metric="pv_power_w", meter="x"),
        ),
    )  # fmt: skip
    src.read(NOON)
    assert src.value_problems == (
        "pv_power_w: value 12.3456: unit 'MWh' is not a W unit for pv_power_w",
    )


def test_solaredge_powerflow_exporting_site_in_watts(http_server: HttpTestServer) -> None:
    src = read(
        http_server, "/site/1/currentPowerFlow", "solaredge_powerflow_export_w.json",
        preset="solaredge_powerflow", api_key="K",
    )  # fmt: skip
    assert values(src) == {
        M.PV_POWER_W: 4830.0,  # unit "W": not 4.83 MW
        M.LOAD_POWER_W: 2310.0,
        M.GRID_IMPORT_POWER_W: 0.0,
        M.GRID_EXPORT_POWER_W: 1520.0,  # the magnitude flows LOAD -> Grid: export
        M.BATTERY_CHARGE_POWER_W: 1000.0,
        M.BATTERY_DISCHARGE_POWER_W: 0.0,
        M.BATTERY_SOC_PCT: 61.0,
    }


def test_solaredge_powerflow_importing_site_in_kilowatts(http_server: HttpTestServer) -> None:
    src = read(
        http_server, "/site/1/currentPowerFlow", "solaredge_powerflow_import_kw.json",
        preset="solaredge_powerflow", api_key="K",
    )  # fmt: skip
    got = values(src)
    assert got[M.GRID_IMPORT_POWER_W] == 2750.0
    assert got[M.GRID_EXPORT_POWER_W] == 0.0
    assert got[M.BATTERY_DISCHARGE_POWER_W] == 1200.0
    assert got[M.BATTERY_CHARGE_POWER_W] == 0.0
    assert got[M.LOAD_POWER_W] == 3950.0


def test_direction_field_missing_refuses_the_value(http_server: HttpTestServer) -> None:
    http_server.serve_json("/d", '{"p": 5, "dir": "export", "q": 7}')
    opts = HttpJsonOptions(
        url=http_server.url + "/d",
        values=(
            JsonValueOptions(path="p", metric="grid_export_power_w", direction_path="dir",
                             direction="export|feed-in"),
            JsonValueOptions(path="p", metric="grid_import_power_w", direction_path="dir",
                             direction="import"),
            JsonValueOptions(path="q", metric="load_power_w", direction_path="nope",
                             direction="x"),
        ),
    )  # fmt: skip
    src = HttpJsonSource("d", opts)
    assert values(src) == {M.GRID_EXPORT_POWER_W: 5.0, M.GRID_IMPORT_POWER_W: 0.0}
    assert src.value_problems == ("load_power_w: nope: missing",)


def test_flip_sign_for_a_meter_counting_export_as_positive(http_server: HttpTestServer) -> None:
    http_server.serve_json("/m", '{"w": 1500}')
    opts = HttpJsonOptions(
        url=http_server.url + "/m",
        values=(
            JsonValueOptions(path="w", metric="grid_import_power_w", flip_sign=True,
                             sign="positive_part"),
            JsonValueOptions(path="w", metric="grid_export_power_w", flip_sign=True,
                             sign="negative_part"),
        ),
    )  # fmt: skip
    assert values(HttpJsonSource("m", opts)) == {
        M.GRID_IMPORT_POWER_W: 0.0, M.GRID_EXPORT_POWER_W: 1500.0,
    }  # fmt: skip


def test_fronius_with_battery_and_soc(http_server: HttpTestServer) -> None:
    src = read(
        http_server, "/solar_api/v1/GetPowerFlowRealtimeData.fcgi",
        "fronius_powerflow_battery.json", preset="fronius_powerflow",
    )  # fmt: skip
    assert values(src) == {
        M.PV_POWER_W: 4020.0,
        M.GRID_IMPORT_POWER_W: 210.7,
        M.GRID_EXPORT_POWER_W: 0.0,
        M.LOAD_POWER_W: 2980.4,
        M.BATTERY_CHARGE_POWER_W: 1250.3,
        M.BATTERY_DISCHARGE_POWER_W: 0.0,
        M.BATTERY_SOC_PCT: 62.5,
        M.PV_ENERGY_WH: 8_142_300.5,
    }
    assert src.value_problems == ()


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("envoy_production_ct.json", {
            M.PV_POWER_W: 3804.0, M.PV_ENERGY_WH: 18_101_234.0, M.LOAD_POWER_W: 1730.262,
            M.GRID_IMPORT_POWER_W: 0.0, M.GRID_EXPORT_POWER_W: 2140.25,
        }),
        ("envoy_production_noct.json", {M.PV_POWER_W: 2411.0, M.PV_ENERGY_WH: 9_800_123.0}),
    ],
)  # fmt: skip
def test_enphase_envoy_with_and_without_ct_clamps(
    http_server: HttpTestServer, payload: str, expected: dict[Metric, float]
) -> None:
    src = read(
        http_server, "/production.json?details=1", payload, preset="enphase_envoy",
        bearer_token="jwt", verify_tls=False,
    )  # fmt: skip
    assert values(src) == expected
    assert http_server.requests[-1][1]["Authorization"] == "Bearer jwt"


@pytest.mark.parametrize("algorithm", ["SHA-256", "MD5"])
def test_shelly_gen2_with_digest_auth(
    http_server: HttpTestServer, algorithm: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    http_server.serve_payload("/rpc/Switch.GetStatus", "shelly_switch_status.json")
    http_server.require_digest("/rpc/Switch.GetStatus", "admin", "s3cret-pw", algorithm)
    opts = HttpJsonOptions(
        url=http_server.url + "/rpc/Switch.GetStatus?id=0", preset="shelly_gen2",
        username="admin", password="s3cret-pw", auth="digest",
    )  # fmt: skip
    src = HttpJsonSource("plug", opts)
    assert values(src) == {M.LOAD_POWER_W: 412.6, M.LOAD_ENERGY_WH: 23817.412}
    assert "s3cret-pw" not in caplog.text
    wrong = HttpJsonSource("plug", HttpJsonOptions(
        url=opts.url, preset="shelly_gen2", username="admin", password="nope", auth="digest",
    ))  # fmt: skip
    with pytest.raises(SourceMisconfigured, match="refused access") as info:
        wrong.read(NOON)
    assert "nope" not in str(info.value)


def test_basic_auth_is_not_accepted_by_a_digest_server(http_server: HttpTestServer) -> None:
    http_server.serve_payload("/rpc/Switch.GetStatus", "shelly_switch_status.json")
    http_server.require_digest("/rpc/Switch.GetStatus", "admin", "pw", "SHA-256")
    opts = HttpJsonOptions(
        url=http_server.url + "/rpc/Switch.GetStatus?id=0", preset="shelly_gen2",
        username="admin", password="pw",
    )  # fmt: skip
    with pytest.raises(SourceMisconfigured):
        HttpJsonSource("plug", opts).read(NOON)


def test_long_numeric_text_is_refused(http_server: HttpTestServer) -> None:
    http_server.serve_json("/v", '{"a": "' + "9" * 400 + '", "b": "2"}')
    opts = HttpJsonOptions(
        url=http_server.url + "/v",
        values=(
            JsonValueOptions(path="a", metric="pv_power_w", numeric_strings=True),
            JsonValueOptions(path="b", metric="load_power_w", numeric_strings=True),
        ),
    )
    src = HttpJsonSource("api", opts)
    assert values(src) == {M.LOAD_POWER_W: 2.0}
    assert src.value_problems == ("pv_power_w: a: text of 400 characters is not a reading",)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"direction": "x"}, "give both or neither"),
        ({"unit_path": "a..b"}, "unit_path"),
    ],
)
def test_value_map_mistakes_are_named(value: dict[str, str], message: str) -> None:
    opts = HttpJsonOptions(
        url="http://127.0.0.1:1/x",
        values=(JsonValueOptions(path="a", **value),),  # type: ignore[arg-type]
    )
    with pytest.raises(SourceMisconfigured, match=message):
        HttpJsonSource("x", opts)


def test_doctor_names_the_preset_the_missing_metrics_and_never_the_password(
    http_server: HttpTestServer,
) -> None:
    from kiosk.cli.doctor import _check_sources
    from kiosk.config.loader import parse_config

    http_server.serve_payload("/fronius", "fronius_powerflow.json")  # a site without a battery
    http_server.serve_payload("/rpc/Switch.GetStatus", "shelly_switch_status.json")
    http_server.require_digest("/rpc/Switch.GetStatus", "admin", "right-pw", "SHA-256")
    config = parse_config({"sources": [
        {"id": "fronius", "type": "http",
         "options": {"url": http_server.url + "/fronius", "preset": "fronius_powerflow"}},
        {"id": "plug", "type": "http",
         "options": {"url": http_server.url + "/rpc/Switch.GetStatus?id=0", "preset": "shelly_gen2",
                     "auth": "digest", "username": "admin", "password": "wrong-s3cret"}},
    ]})  # fmt: skip
    rows = {c.name: c for c in _check_sources(config)}
    fronius = rows["source fronius"]
    assert fronius.status == "WARN"
    assert fronius.detail == (
        "http preset fronius_powerflow: 5 reading(s); missing: battery_charge_power_w, "
        "battery_discharge_power_w, battery_soc_pct"
    )
    plug = rows["source plug"]
    assert plug.status == "FAIL" and "preset shelly_gen2" in plug.detail
    assert "refused access (HTTP 401)" in plug.detail and "s3cret" not in plug.detail
