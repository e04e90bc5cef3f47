"""SunSpec over Modbus TCP against a real pymodbus server holding a hand-written register map."""

from __future__ import annotations

import math
import socket
import time
from pathlib import Path

import pytest
from loopback import ModbusTestServer, SunspecMap, free_port

from kiosk.config.errors import ConfigError
from kiosk.config.loader import load_config, parse_config
from kiosk.energy.metrics import Metric, Provenance
from kiosk.sources import registry
from kiosk.sources.base import SourceMisconfigured, SourceUnavailable
from kiosk.sources.modbus_sunspec import SunspecSource
from kiosk.sources.options.modbus_sunspec import SunspecOptions

NOW = 1_760_000_000.0


def make_source(port: int, **kw: object) -> SunspecSource:
    opts = SunspecOptions(host="127.0.0.1", port=port, timeout_seconds=0.5, **kw)  # type: ignore[arg-type]
    return SunspecSource("inverter", opts)


def values(readings: object) -> dict[Metric, float]:
    return {r.metric: r.value for r in readings}  # type: ignore[attr-defined]


def test_reads_inverter_and_meter_with_scale_factors(modbus_server: ModbusTestServer) -> None:
    src = make_source(modbus_server.port)
    readings = src.read(NOW)
    got = values(readings)
    assert got == {
        Metric.PV_POWER_W: 4265.0,
        Metric.PV_ENERGY_WH: 27_646_000.0,  # 2764600 × 10^1
        Metric.GRID_IMPORT_POWER_W: 0.0,
        Metric.GRID_EXPORT_POWER_W: 1832.0,
        Metric.GRID_IMPORT_ENERGY_WH: 7_654_321.0,
        Metric.GRID_EXPORT_ENERGY_WH: 1_234_567.0,
    }
    assert all(r.provenance is Provenance.LIVE and r.timestamp == NOW for r in readings)
    assert all(r.source_id == "inverter" for r in readings)
    layout = src.layout
    assert layout is not None and layout.base_address == 40000
    assert [m.model_id for m in layout.models] == [1, 120, 103, 203]
    assert (layout.manufacturer, layout.model, layout.serial_number) == (
        "GreenSpace",
        "GS-INV-10K",
        "SN0042",
    )
    src.close()


def test_negative_scale_factor_and_live_changes(
    modbus_server: ModbusTestServer, sunspec_map: SunspecMap
) -> None:
    src = make_source(modbus_server.port)
    src.read(NOW)
    sunspec_map.set("inverter.W", 12345)
    sunspec_map.set("inverter.W_SF", -1)
    sunspec_map.set("meter.W", 500)
    got = values(src.read(NOW + 5))
    assert got[Metric.PV_POWER_W] == pytest.approx(1234.5)
    assert got[Metric.GRID_IMPORT_POWER_W] == 500.0
    assert got[Metric.GRID_EXPORT_POWER_W] == 0.0
    src.close()


@pytest.mark.parametrize(
    ("point", "raw", "missing"),
    [
        ("inverter.W", 0x8000, Metric.PV_POWER_W),  # int16 not implemented
        ("inverter.W_SF", 0x8000, Metric.PV_POWER_W),  # scale factor -32768
        ("inverter.WH", [0, 0], Metric.PV_ENERGY_WH),  # acc32 0 = not accumulated
        ("meter.TotWhImp", [0, 0], Metric.GRID_IMPORT_ENERGY_WH),
    ],
)
def test_sentinels_mean_missing_not_zero(
    modbus_server: ModbusTestServer,
    sunspec_map: SunspecMap,
    point: str,
    raw: int | list[int],
    missing: Metric,
) -> None:
    sunspec_map.set(point, raw)
    src = make_source(modbus_server.port)
    got = values(src.read(NOW))
    assert missing not in got
    assert Metric.GRID_EXPORT_POWER_W in got  # the rest still comes through
    src.close()


def test_meter_power_sentinel_drops_both_directions(
    modbus_server: ModbusTestServer, sunspec_map: SunspecMap
) -> None:
    sunspec_map.set("meter.W", 0x8000)
    got = values(make_source(modbus_server.port).read(NOW))
    assert Metric.GRID_IMPORT_POWER_W not in got and Metric.GRID_EXPORT_POWER_W not in got
    assert got[Metric.PV_POWER_W] == 4265.0


def test_float_inverter_model_and_nan() -> None:
    regs = SunspecMap(inverter=113, meter=None)
    server = ModbusTestServer(regs.regs)
    server.start()
    try:
        src = make_source(server.port)
        got = values(src.read(NOW))
        assert got == {Metric.PV_POWER_W: 4265.5, Metric.PV_ENERGY_WH: 27_646_000.0}
        regs.set("inverter.W", [0x7FC0, 0x0000])  # NaN
        got = values(src.read(NOW + 5))
        assert Metric.PV_POWER_W not in got and got[Metric.PV_ENERGY_WH] == 27_646_000.0
        src.close()
    finally:
        server.stop()


def test_float_meter_model_213_as_load_meter() -> None:
    regs = SunspecMap(meter=213)
    server = ModbusTestServer(regs.regs)
    server.start()
    try:
        src = make_source(server.port, meter_role="load", meter="canteen")
        got = {(r.metric, r.meter): r.value for r in src.read(NOW)}
        assert got[(Metric.LOAD_POWER_W, "canteen")] == 1832.5
        assert got[(Metric.LOAD_ENERGY_WH, "canteen")] == 7_654_321.0
        assert (Metric.GRID_EXPORT_POWER_W, "canteen") not in got
        src.close()
    finally:
        server.stop()


@pytest.mark.parametrize("base", [0, 50000])
def test_finds_marker_at_other_base_addresses(base: int) -> None:
    regs = SunspecMap(base=base)
    server = ModbusTestServer(regs.regs)
    server.start()
    try:
        src = make_source(server.port)
        assert values(src.read(NOW))[Metric.PV_POWER_W] == 4265.0
        assert src.layout is not None and src.layout.base_address == base
        src.close()
    finally:
        server.stop()


def test_no_sunspec_marker_is_misconfigured() -> None:
    regs = {40000 + i: 7 for i in range(10)}
    server = ModbusTestServer(regs)
    server.start()
    try:
        with pytest.raises(
            SourceMisconfigured, match="no SunSpec marker 'SunS' at 40000, 0, 50000"
        ):
            make_source(server.port).read(NOW)
    finally:
        server.stop()


def test_server_down_at_start_then_recovers(sunspec_map: SunspecMap) -> None:
    port = free_port()
    src = make_source(port)
    started = time.monotonic()
    with pytest.raises(SourceUnavailable, match=f"cannot connect to 127.0.0.1:{port}"):
        src.read(NOW)
    assert time.monotonic() - started < 2.0  # bounded by the configured timeout
    server = ModbusTestServer(sunspec_map.regs, port=port)
    server.start()
    try:
        assert values(src.read(NOW + 5))[Metric.PV_POWER_W] == 4265.0
    finally:
        src.close()
        server.stop()


def test_server_restart_recreates_the_client(
    modbus_server: ModbusTestServer, sunspec_map: SunspecMap
) -> None:
    src = make_source(modbus_server.port)
    src.read(NOW)
    modbus_server.stop()
    with pytest.raises(SourceUnavailable):
        src.read(NOW + 5)
    with pytest.raises(SourceUnavailable, match="cannot connect"):
        src.read(NOW + 10)
    sunspec_map.set("inverter.W", 3000)
    modbus_server.start()
    assert values(src.read(NOW + 15))[Metric.PV_POWER_W] == 3000.0
    assert src.link.clients_created >= 2
    src.close()


@pytest.mark.parametrize("fault", ["drop", "busy"])
def test_fault_mid_read_then_recovery(modbus_server: ModbusTestServer, fault: str) -> None:
    src = make_source(modbus_server.port)
    src.read(NOW)
    modbus_server.fault = fault
    started = time.monotonic()
    with pytest.raises(SourceUnavailable):
        src.read(NOW + 5)
    assert time.monotonic() - started < 2.0
    modbus_server.fault = None
    assert values(src.read(NOW + 10))[Metric.PV_POWER_W] == 4265.0
    src.close()


def test_created_from_config_through_the_registry(modbus_server: ModbusTestServer) -> None:
    raw = {
        "sources": [
            {
                "id": "roof",
                "type": "modbus",
                "options": {"host": "127.0.0.1", "port": modbus_server.port, "unit_id": 1},
            }
        ]
    }
    config = parse_config(raw)
    src = registry.create_source(config.sources[0], config)
    assert isinstance(src, SunspecSource)
    assert math.isclose(values(src.read(NOW))[Metric.PV_POWER_W], 4265.0)
    src.close()


def test_bad_option_names_the_file_and_key(tmp_path: Path) -> None:
    toml = tmp_path / "kiosk.toml"
    toml.write_text(
        '[[sources]]\nid = "roof"\ntype = "modbus"\noptions = { host = "h", port = 70000 }\n'
    )
    with pytest.raises(
        ConfigError, match=r"kiosk\.toml: sources\[0\]\.options\.port: must be at most 65535"
    ):
        load_config(toml, check_sources=registry.check_sources)


def test_silent_device_is_bounded_by_the_timeout() -> None:
    """A device that accepts the connection but never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        src = make_source(listener.getsockname()[1])
        started = time.monotonic()
        with pytest.raises(
            SourceUnavailable, match=r"no answer from 127\.0\.0\.1:\d+ unit 1 within 0\.5 s"
        ):
            src.read(NOW)
        assert time.monotonic() - started < 1.5  # timeout_seconds = 0.5
        src.close()
