"""Options of ``type = "modbus_map"`` sources (the adapter is :mod:`kiosk.sources.modbus_map`)."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.config import checks
from kiosk.config.schema import setting
from kiosk.sources.options import METRIC_NAMES, MODBUS_TIMEOUT_S, REGISTER_TYPES, SIGNS


@dataclass(frozen=True)
class RegisterOptions:
    """One register of a ``modbus_map`` source."""

    address: int = setting(0, "Register address (0-based, as sent on the wire)", min=0, max=65535)
    function: str = setting("holding", "Register table", choices=("holding", "input"))
    type: str = setting("uint16", "Data type", choices=tuple(REGISTER_TYPES))
    word_order: str = setting(
        "big", "Order of the words of 32- and 64-bit values (little = low word first)",
        choices=("big", "little"),
    )  # fmt: skip
    scale: float = setting(
        1.0, "Factor to the metric's unit (0.1, 1000, -1 ...)", min=-1e9, max=1e9
    )
    flip_sign: bool = setting(False, "Negate the value first (meters counting export as +)")
    sign: str = setting(
        "as_is", "Use the value as is, only its positive part, or only its negative part",
        choices=SIGNS,
    )  # fmt: skip
    missing_value: int = setting(
        -1, "Raw value that means 'not available' (-1 = none)", min=-1, max=2**64 - 1
    )
    metric: str = setting("pv_power_w", "Metric the register feeds", choices=METRIC_NAMES)
    meter: str = setting("", "Sub-meter id (empty = whole site)")


@dataclass(frozen=True)
class ModbusMapOptions:
    """``type = "modbus_map"``: a plain Modbus TCP register map."""

    host: str = setting(
        "", "IP address or host name of the meter or gateway", check=checks.required_host
    )
    port: int = setting(502, "Modbus TCP port", min=1, max=65535)
    unit_id: int = setting(1, "Modbus unit (slave) id", min=0, max=255)
    timeout_seconds: float = setting(
        MODBUS_TIMEOUT_S, "Connect and read timeout (some inverters need several seconds)",
        min=0.1, max=60,
    )  # fmt: skip
    preset: str = setting(
        "", "Ready-made register map (used when registers is empty)", choices=("", "huawei_sun2000")
    )
    registers: tuple[RegisterOptions, ...] = setting((), "Registers to read")
