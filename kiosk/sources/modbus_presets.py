"""Register maps and conventions of common Modbus inverters, by preset name.

``huawei_sun2000`` is a plain register map (Huawei's own Modbus interface, not SunSpec):
holding registers, high word first, with Huawei's gains written as scales and its meter's
sign (+ = feeding the grid) flipped to the kiosk's (+ = import). ``solaredge_modbus`` is
SunSpec with SolarEdge's meter convention (+ = export). Addresses, types and gains are taken
from the vendors' published Modbus interface definitions; the tests serve them from a real
pymodbus server.
"""

from __future__ import annotations

from kiosk.sources.options.modbus_map import RegisterOptions

_R = RegisterOptions

#: Huawei SUN2000 (with or without a power meter and a LUNA2000 battery), unit id 1, port 502
#: (SDongle, newer firmware) or 6607 (inverter's own WLAN). Gains: power in W (kW × 1000),
#: energy in kWh × 100 (scale 10 to Wh), SOC in % × 10.
HUAWEI_SUN2000: tuple[RegisterOptions, ...] = (
    _R(address=32064, type="int32", metric="pv_power_w"),  # input (PV) power
    _R(address=32106, type="uint32", scale=10, metric="pv_energy_wh"),  # accumulated yield
    _R(address=37113, type="int32", flip_sign=True, sign="positive_part",
       metric="grid_import_power_w"),  # meter active power, + = feeding the grid
    _R(address=37113, type="int32", flip_sign=True, sign="negative_part",
       metric="grid_export_power_w"),
    _R(address=37119, type="int32", scale=10, metric="grid_export_energy_wh"),  # positive
    _R(address=37121, type="int32", scale=10, metric="grid_import_energy_wh"),  # reverse
    _R(address=37760, type="uint16", scale=0.1, metric="battery_soc_pct"),
    _R(address=37765, type="int32", sign="positive_part", metric="battery_charge_power_w"),
    _R(address=37765, type="int32", sign="negative_part", metric="battery_discharge_power_w"),
)  # fmt: skip

MAP_PRESETS: dict[str, tuple[RegisterOptions, ...]] = {"huawei_sun2000": HUAWEI_SUN2000}
