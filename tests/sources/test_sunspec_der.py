"""SunSpec IEEE 1547 DER models (7xx) and 64-bit points, on a real pymodbus server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from loopback import ModbusTestServer, SunspecMap

from kiosk.energy.metrics import Metric
from kiosk.sources.modbus_sunspec import SunspecSource
from kiosk.sources.options.modbus_sunspec import SunspecOptions

NOW = 1_760_000_000.0


@pytest.fixture
def der_device() -> Iterator[tuple[SunspecMap, ModbusTestServer]]:
    regs = SunspecMap(inverter=701, meter=None, storage=True)
    server = ModbusTestServer(regs.regs)
    server.start()
    yield regs, server
    server.stop()


def read(port: int) -> dict[Metric, float]:
    src = SunspecSource("der", SunspecOptions(host="127.0.0.1", port=port, timeout_seconds=1))
    try:
        return {r.metric: r.value for r in src.read(NOW)}
    finally:
        src.close()


def test_a_7xx_only_device_gives_power_energy_and_soc(
    der_device: tuple[SunspecMap, ModbusTestServer],
) -> None:
    _, server = der_device
    assert read(server.port) == {
        Metric.PV_POWER_W: 4265.0,
        Metric.PV_ENERGY_WH: 27_646_000_123.0,  # uint64: more than 32 bits hold
        Metric.BATTERY_SOC_PCT: 62.0,
    }


def test_der_scale_factors_and_not_implemented_uint64(
    der_device: tuple[SunspecMap, ModbusTestServer],
) -> None:
    regs, server = der_device
    regs.set("inverter.W_SF", -1)
    regs.set("inverter.TotWh_SF", 3)
    regs.set("inverter.TotWhInj", [0, 0, 0, 27_646])
    got = read(server.port)
    assert got[Metric.PV_POWER_W] == pytest.approx(426.5)
    assert got[Metric.PV_ENERGY_WH] == 27_646_000.0
    regs.set("inverter.TotWhInj", [0xFFFF] * 4)  # SUNS_UNIMPL_UINT64
    assert Metric.PV_ENERGY_WH not in read(server.port)


def test_1xx_inverter_wins_over_701_no_double_count() -> None:
    regs = SunspecMap(inverter=103, meter=None, der_ac=True)
    server = ModbusTestServer(regs.regs)
    server.start()
    try:
        src = SunspecSource("inv", SunspecOptions(host="127.0.0.1", port=server.port))
        got = {r.metric: r.value for r in src.read(NOW)}
        assert src.layout is not None
        assert [m.model_id for m in src.layout.models] == [1, 120, 103, 701]
        assert got == {Metric.PV_POWER_W: 4265.0, Metric.PV_ENERGY_WH: 27_646_000.0}
        src.close()
    finally:
        server.stop()


def test_broken_accumulator_with_a_big_scale_factor_is_missing(
    modbus_server: ModbusTestServer, sunspec_map: SunspecMap
) -> None:
    sunspec_map.set("inverter.WH", [0xFFFF, 0xFFFF])  # 4.3e9 × 10^10 Wh: not a reading
    sunspec_map.set("inverter.WH_SF", 10)
    got = read(modbus_server.port)
    assert Metric.PV_ENERGY_WH not in got and got[Metric.PV_POWER_W] == 4265.0


@pytest.mark.parametrize(("raw", "expected"), [(-30, 0.0), (-5000, -5000.0), (1200, 1200.0)])
def test_negative_pv_standby_is_zero_a_real_negative_goes_to_the_store_checks(
    modbus_server: ModbusTestServer, sunspec_map: SunspecMap, raw: int, expected: float
) -> None:
    sunspec_map.set("inverter.W", raw)
    assert read(modbus_server.port)[Metric.PV_POWER_W] == expected
