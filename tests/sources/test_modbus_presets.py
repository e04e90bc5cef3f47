"""Modbus presets on a real pymodbus server: Huawei SUN2000's register map and sign, SolarEdge's
SunSpec meter convention. Registers are laid out from the vendors' Modbus interface definitions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from loopback import ModbusTestServer, SunspecMap

from kiosk.energy.metrics import Metric
from kiosk.sources.modbus_map import ModbusMapSource
from kiosk.sources.modbus_sunspec import SunspecSource
from kiosk.sources.options.modbus_map import ModbusMapOptions
from kiosk.sources.options.modbus_sunspec import SunspecOptions

NOW = 1_760_000_000.0


def i32(value: int) -> list[int]:
    v = value & 0xFFFF_FFFF
    return [v >> 16, v & 0xFFFF]


def huawei(battery: bool) -> dict[int, int]:
    regs = {a: 0 for a in range(32060, 32120)}
    regs.update({a: 0 for a in range(37100, 37130)})
    regs[32064], regs[32065] = i32(6_120)  # input power 6.120 kW (gain 1000)
    regs[32106], regs[32107] = i32(1_834_567)  # 18,345.67 kWh (gain 100)
    regs[37113], regs[37114] = i32(2_310)  # meter: +2310 W = feeding the grid
    regs[37119], regs[37120] = i32(912_345)  # positive active energy (to grid), kWh × 100
    regs[37121], regs[37122] = i32(456_789)  # reverse active energy (from grid)
    if battery:
        regs.update({a: 0 for a in range(37750, 37770)})
        regs[37760] = 625  # SOC 62.5 % (gain 10)
        regs[37765], regs[37766] = i32(-1_500)  # discharging 1.5 kW
    return regs


@contextmanager
def huawei_source(battery: bool) -> Iterator[ModbusMapSource]:
    server = ModbusTestServer(huawei(battery))
    server.start()
    opts = ModbusMapOptions(host="127.0.0.1", port=server.port, preset="huawei_sun2000")
    src = ModbusMapSource("huawei", opts)
    try:
        yield src
    finally:
        src.close()
        server.stop()


def test_huawei_sun2000_with_meter_and_battery() -> None:
    with huawei_source(battery=True) as src:
        assert {r.metric: r.value for r in src.read(NOW)} == {
            Metric.PV_POWER_W: 6120.0,
            Metric.PV_ENERGY_WH: 18_345_670.0,
            Metric.GRID_IMPORT_POWER_W: 0.0,
            Metric.GRID_EXPORT_POWER_W: 2310.0,  # Huawei's + is export
            Metric.GRID_EXPORT_ENERGY_WH: 9_123_450.0,
            Metric.GRID_IMPORT_ENERGY_WH: 4_567_890.0,
            Metric.BATTERY_SOC_PCT: 62.5,
            Metric.BATTERY_CHARGE_POWER_W: 0.0,
            Metric.BATTERY_DISCHARGE_POWER_W: 1500.0,
        }
        assert src.value_problems == ()


def test_huawei_without_battery_keeps_the_rest() -> None:
    with huawei_source(battery=False) as src:
        got = {r.metric: r.value for r in src.read(NOW)}
        assert got[Metric.PV_POWER_W] == 6120.0 and Metric.BATTERY_SOC_PCT not in got
        assert "has no registers at 37760" in src.value_problems[0]


def test_solaredge_modbus_meter_counts_export_as_positive() -> None:
    regs = SunspecMap()  # its meter model holds W = -1832
    regs.set("meter.W", 1832)  # SolarEdge: + = export
    server = ModbusTestServer(regs.regs)
    server.start()
    try:
        opts = SunspecOptions(host="127.0.0.1", port=server.port, preset="solaredge_modbus")
        src = SunspecSource("se", opts)
        got = {r.metric: r.value for r in src.read(NOW)}
        src.close()
        assert got[Metric.GRID_EXPORT_POWER_W] == 1832.0
        assert got[Metric.GRID_IMPORT_POWER_W] == 0.0
        assert got[Metric.PV_POWER_W] == 4265.0
    finally:
        server.stop()
