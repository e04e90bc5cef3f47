"""Plain register-map Modbus adapter against a real pymodbus server."""

from __future__ import annotations

import struct

import pytest
from loopback import ModbusTestServer

from kiosk.energy.metrics import Metric
from kiosk.sources.base import SourceMisconfigured, SourceUnavailable
from kiosk.sources.modbus_map import ModbusMapSource
from kiosk.sources.options.modbus_map import ModbusMapOptions, RegisterOptions

NOW = 1_760_000_000.0


def f32_words(value: float, little: bool = False) -> list[int]:
    (bits,) = struct.unpack(">I", struct.pack(">f", value))
    words = [bits >> 16, bits & 0xFFFF]
    return words[::-1] if little else words


@pytest.fixture
def meter() -> dict[int, int]:
    regs = {i: 0 for i in range(100, 140)}
    regs[100] = (-250) & 0xFFFF  # int16, 0.1 W -> -25 W
    regs[101], regs[102] = 0x0001, 0x86A0  # uint32 100000 (0.01 m³ → L: scale 10)
    regs[110], regs[111] = f32_words(1234.5, little=True)
    regs[120] = 0xFFFF  # "not available" marker of this meter
    return regs


def source(port: int, regs: tuple[RegisterOptions, ...]) -> ModbusMapSource:
    opts = ModbusMapOptions(host="127.0.0.1", port=port, timeout_seconds=0.5, registers=regs)
    return ModbusMapSource("water", opts)


REGS = (
    RegisterOptions(address=100, type="int16", scale=0.1, metric="load_power_w"),
    RegisterOptions(address=101, type="uint32", scale=10, metric="water_used_l"),
    RegisterOptions(
        address=110, type="float32", word_order="little", metric="water_harvested_l", meter="tank"
    ),
    RegisterOptions(address=120, type="uint16", missing_value=0xFFFF, metric="battery_soc_pct"),
)


def test_reads_types_scales_and_word_order(meter: dict[int, int]) -> None:
    server = ModbusTestServer(meter)
    server.start()
    try:
        src = source(server.port, REGS)
        got = {(r.metric, r.meter): r.value for r in src.read(NOW)}
        assert got == {
            (Metric.LOAD_POWER_W, ""): pytest.approx(-25.0),
            (Metric.WATER_USED_L, ""): 1_000_000.0,
            (Metric.WATER_HARVESTED_L, "tank"): 1234.5,
        }
        # Registers 100..120 go out as one request: gaps of up to 8 registers are read through.
        before = server.requests
        src.read(NOW + 1)
        assert server.requests - before == 1
        meter[120] = 57
        got = {r.metric: r.value for r in src.read(NOW + 2)}
        assert got[Metric.BATTERY_SOC_PCT] == 57.0
        src.close()
    finally:
        server.stop()


def test_input_registers_and_outage(meter: dict[int, int]) -> None:
    server = ModbusTestServer(meter)
    server.start()
    regs = (RegisterOptions(address=101, function="input", type="uint32", metric="water_used_l"),)
    src = source(server.port, regs)
    try:
        assert src.read(NOW)[0].value == 100000.0
        server.stop()
        with pytest.raises(SourceUnavailable):
            src.read(NOW + 1)
        server.start()
        assert src.read(NOW + 2)[0].value == 100000.0
    finally:
        src.close()
        server.stop()


def test_missing_host_or_registers_is_misconfigured() -> None:
    with pytest.raises(SourceMisconfigured, match=r"options\.host"):
        ModbusMapSource("m", ModbusMapOptions(registers=REGS))
    with pytest.raises(SourceMisconfigured, match=r"options\.registers"):
        ModbusMapSource("m", ModbusMapOptions(host="127.0.0.1"))


def test_64_bit_registers_word_order_and_sign_split() -> None:
    regs = {i: 0 for i in range(200, 216)}
    total = 27_646_000_123  # Wh: more than 32 bits hold
    words = [(total >> s) & 0xFFFF for s in (48, 32, 16, 0)]
    regs.update(zip(range(200, 204), words, strict=True))  # uint64, high word first
    regs.update(zip(range(204, 208), words[::-1], strict=True))  # the same, low word first
    signed = (-1500) & 0xFFFF_FFFF_FFFF_FFFF  # int64 meter power, + = export
    regs.update(
        zip(range(208, 212), [(signed >> s) & 0xFFFF for s in (48, 32, 16, 0)], strict=True)
    )
    regs.update(zip(range(212, 216), [0xFFFF] * 4, strict=True))  # "not available"
    server = ModbusTestServer(regs)
    server.start()
    try:
        src = source(server.port, (
            RegisterOptions(address=200, type="uint64", metric="pv_energy_wh"),
            RegisterOptions(address=204, type="uint64", word_order="little",
                            metric="pv_energy_wh", meter="b"),
            RegisterOptions(address=208, type="int64", flip_sign=True, sign="positive_part",
                            metric="grid_import_power_w"),
            RegisterOptions(address=208, type="int64", flip_sign=True, sign="negative_part",
                            metric="grid_export_power_w"),
            RegisterOptions(address=212, type="uint64", missing_value=2**64 - 1,
                            metric="load_energy_wh"),
        ))  # fmt: skip
        got = {(r.metric, r.meter): r.value for r in src.read(NOW)}
        assert got == {
            (Metric.PV_ENERGY_WH, ""): float(total),
            (Metric.PV_ENERGY_WH, "b"): float(total),
            (Metric.GRID_IMPORT_POWER_W, ""): 1500.0,
            (Metric.GRID_EXPORT_POWER_W, ""): 0.0,
        }
        src.close()
    finally:
        server.stop()
