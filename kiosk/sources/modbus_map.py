"""Modbus TCP: the connection every Modbus adapter shares, and the plain register-map adapter.

:class:`ModbusLink` owns one pymodbus client and throws it away after any connection-level
failure; the next read builds a fresh one (pymodbus clients do not always reconnect on their
own). The ``modbus_map`` adapter reads a list of registers (address, type, scale, metric) for
meters that do not speak SunSpec.
"""

from __future__ import annotations

import math
import struct
import time
from collections.abc import Callable, Sequence

from pymodbus.client import ModbusTcpClient
from pymodbus.exceptions import ModbusException
from pymodbus.pdu import ExceptionResponse

from kiosk.config.model import Config
from kiosk.energy.metrics import Metric, Provenance, Reading
from kiosk.sources.base import Source, SourceMisconfigured, SourceUnavailable
from kiosk.sources.jsonpath import MAX_ABS_VALUE
from kiosk.sources.modbus_presets import MAP_PRESETS
from kiosk.sources.options import REGISTER_TYPES, apply_scale
from kiosk.sources.options.modbus_map import ModbusMapOptions, RegisterOptions

MAX_REGISTERS_PER_READ = 125
ILLEGAL_ADDRESS = 2
EXCEPTION_WORDS = {
    1: "function not supported",
    3: "illegal value",
    4: "device failure",
    5: "acknowledged, still working",
    6: "device busy",
    10: "gateway has no path to the device (check unit_id)",
    11: "device behind the gateway did not answer (check unit_id)",
}


class IllegalAddress(SourceUnavailable):
    """The device answered, but has no registers at that address."""


class ModbusLink:
    """One Modbus TCP device (host, port, unit id); reads raise SourceUnavailable only."""

    def __init__(self, host: str, port: int, unit_id: int, timeout_seconds: float) -> None:
        self.host, self.port, self.unit_id = host, port, unit_id
        self.timeout_seconds = timeout_seconds
        self._client: ModbusTcpClient | None = None
        #: Clients created so far; more than one means the link has reconnected.
        self.clients_created = 0

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port} unit {self.unit_id}"

    def read(self, address: int, count: int, function: str = "holding") -> list[int]:
        """``count`` registers from ``address``, in requests of at most 125 registers."""
        out: list[int] = []
        while count > 0:
            n = min(count, MAX_REGISTERS_PER_READ)
            out.extend(self._read_once(address, n, function))
            address, count = address + n, count - n
        return out

    def reset(self) -> None:
        """Drop the client; the next read connects afresh."""
        if self._client is not None:
            self._client.close()  # type: ignore[no-untyped-call]  # pymodbus is not typed here
            self._client = None

    def close(self) -> None:
        self.reset()

    def _connected_client(self) -> ModbusTcpClient:
        if self._client is None:
            self._client = ModbusTcpClient(
                self.host,
                port=self.port,
                timeout=self.timeout_seconds,
                retries=0,
                reconnect_delay=0,
            )
            self.clients_created += 1
        if not self._client.connected and not self._client.connect():  # type: ignore[no-untyped-call]
            self.reset()
            raise SourceUnavailable(f"cannot connect to {self.host}:{self.port}")
        return self._client

    def _read_once(self, address: int, count: int, function: str) -> list[int]:
        client = self._connected_client()
        read = client.read_input_registers if function == "input" else client.read_holding_registers
        try:
            resp = read(address, count=count, device_id=self.unit_id)
        except (ModbusException, OSError) as exc:
            self.reset()
            if "no response" in str(exc).lower():
                raise SourceUnavailable(
                    f"no answer from {self.where} within {self.timeout_seconds:g} s"
                ) from None
            raise SourceUnavailable(
                f"lost connection to {self.where} while reading register {address}"
            ) from None
        if isinstance(resp, ExceptionResponse) or resp.isError():
            code = getattr(resp, "exception_code", 0)
            if code == ILLEGAL_ADDRESS:
                raise IllegalAddress(
                    f"{self.where} has no registers at {address}..{address + count - 1}"
                )
            words = EXCEPTION_WORDS.get(code, f"Modbus exception {code}")
            raise SourceUnavailable(f"{self.where} refused to read register {address}: {words}")
        regs = list(resp.registers)
        if len(regs) < count:
            self.reset()
            raise SourceUnavailable(
                f"{self.where} sent {len(regs)} of {count} registers at {address}"
            )
        return regs[:count]


def decode_registers(regs: Sequence[int], type_name: str, word_order: str = "big") -> float:
    """Plain Modbus decoding (no SunSpec sentinels): int16/uint16/int32/uint32/float32/int64/uint64."""
    words = list(regs[: REGISTER_TYPES[type_name]])
    if word_order == "little":
        words.reverse()
    raw = b"".join(w.to_bytes(2, "big") for w in words)
    fmt = {"int16": ">h", "uint16": ">H", "int32": ">i", "uint32": ">I", "float32": ">f",
           "int64": ">q", "uint64": ">Q"}  # fmt: skip
    return float(struct.unpack(fmt[type_name], raw)[0])


class ModbusMapSource(Source):
    """Reads a fixed list of registers, grouped into as few requests as possible."""

    def __init__(self, source_id: str, options: ModbusMapOptions) -> None:
        super().__init__(source_id)
        if not options.host:
            raise SourceMisconfigured("options.host: the meter's IP address is required")
        registers = options.registers or MAP_PRESETS.get(options.preset, ())
        if not registers:
            raise SourceMisconfigured("options.registers: no registers configured")
        self.options = options
        self.link = ModbusLink(options.host, options.port, options.unit_id, options.timeout_seconds)
        self._spans = _group(registers)
        #: Register spans the device has no registers for (no battery, no meter), plain words.
        self.value_problems: tuple[str, ...] = ()

    def mapped_metrics(self) -> frozenset[tuple[Metric, str]]:
        return frozenset((Metric(r.metric), r.meter) for _, _, _, rs in self._spans for r in rs)

    def read(self, now: float) -> Sequence[Reading]:
        readings: list[Reading] = []
        problems: list[str] = []
        for function, start, count, members in self._spans:
            try:
                regs = self.link.read(start, count, function)
            except IllegalAddress as exc:
                # Part of a map the device does not have (a Huawei without battery): the rest
                # still counts; only a device with none of the registers fails.
                problems.append(str(exc))
                continue
            for reg in members:
                words = regs[reg.address - start : reg.address - start + REGISTER_TYPES[reg.type]]
                raw = decode_registers(words, reg.type, reg.word_order)
                if not math.isfinite(raw) or raw == _missing(reg) or abs(raw) > MAX_ABS_VALUE:
                    continue
                value = apply_scale(-raw if reg.flip_sign else raw, reg.scale, reg.sign)
                readings.append(
                    Reading(
                        Metric(reg.metric), value, now, self.source_id, Provenance.LIVE, reg.meter
                    )
                )
        self.value_problems = tuple(problems)
        if len(problems) == len(self._spans):
            raise SourceUnavailable(f"{self.link.where}: " + "; ".join(problems))
        return readings

    def close(self) -> None:
        self.link.close()


def _missing(reg: RegisterOptions) -> float | None:
    if reg.missing_value < 0:
        return None
    # Compare in the register's own signedness.
    return decode_registers(_to_words(reg.missing_value, reg.type), reg.type)


def _to_words(value: int, type_name: str) -> list[int]:
    n = REGISTER_TYPES[type_name]
    return [(value >> (16 * (n - 1 - i))) & 0xFFFF for i in range(n)]


def _group(
    regs: Sequence[RegisterOptions], max_gap: int = 8
) -> list[tuple[str, int, int, list[RegisterOptions]]]:
    """Contiguous spans per table, each within one request: (function, start, count, members)."""
    spans: list[tuple[str, int, int, list[RegisterOptions]]] = []
    for function in ("holding", "input"):
        ordered = sorted((r for r in regs if r.function == function), key=lambda r: r.address)
        for reg in ordered:
            end = reg.address + REGISTER_TYPES[reg.type]
            if spans and spans[-1][0] == function:
                fn, start, count, members = spans[-1]
                if reg.address <= start + count + max_gap and end - start <= MAX_REGISTERS_PER_READ:
                    spans[-1] = (fn, start, max(count, end - start), [*members, reg])
                    continue
            spans.append((function, reg.address, end - reg.address, [reg]))
    return spans


def create(
    source_id: str,
    options: ModbusMapOptions,
    config: Config,
    clock: Callable[[], float] = time.time,
) -> ModbusMapSource:
    return ModbusMapSource(source_id, options)
