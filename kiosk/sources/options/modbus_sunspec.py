"""Options of ``type = "modbus"`` sources (the adapter is :mod:`kiosk.sources.modbus_sunspec`)."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.config import checks
from kiosk.config.schema import setting
from kiosk.sources.options import MODBUS_TIMEOUT_S


@dataclass(frozen=True)
class SunspecOptions:
    """``type = "modbus"``: a SunSpec inverter or meter over Modbus TCP."""

    host: str = setting(
        "", "IP address or host name of the inverter or meter", check=checks.required_host
    )
    port: int = setting(502, "Modbus TCP port", min=1, max=65535)
    unit_id: int = setting(1, "Modbus unit (slave) id", min=0, max=255)
    timeout_seconds: float = setting(
        MODBUS_TIMEOUT_S, "Connect and read timeout (some inverters need several seconds)",
        min=0.1, max=60,
    )  # fmt: skip
    base_address: int = setting(
        -1, "Address of the 'SunS' marker (-1 = try 40000, 0, 50000)", min=-1, max=65535
    )
    meter_role: str = setting(
        "grid", "What the meter measures: the grid connection or a load", choices=("grid", "load")
    )
    meter_import_positive: bool = setting(
        True, "Meter power is positive while importing from the grid (false: while exporting)"
    )
    meter: str = setting("", "Sub-meter id for the readings (empty = whole site)")
    preset: str = setting(
        "", "Device conventions: solaredge_modbus = meter power positive while exporting",
        choices=("", "solaredge_modbus"),
    )  # fmt: skip
