"""Every adapter's options: the ``[sources.options]`` keys, their defaults, bounds and titles.

Config validation needs only these, so they live apart from the adapters: checking a
kiosk.toml that names a Modbus inverter, an MQTT broker and an HTTP API loads no protocol
library (pymodbus, paho-mqtt and requests are imported when the source is created, after the
first frame). One small module per adapter type (named like the adapter's module), imported
only for the types a config names: each options class costs about half a millisecond to
build, and all of this runs before the first frame. This package holds what they share.
Keep it to the standard library, the schema and the metric names.
"""

from __future__ import annotations

from kiosk.energy.metrics import Metric, Unit

METRIC_NAMES = tuple(m.value for m in Metric)
#: Units a payload or a config may name, by the metric unit they convert to, with the factor.
UNIT_FACTORS: dict[Unit, dict[str, float]] = {
    Unit.W: {"W": 1.0, "kW": 1e3, "MW": 1e6, "GW": 1e9},
    Unit.WH: {"Wh": 1.0, "kWh": 1e3, "MWh": 1e6, "GWh": 1e9},
    Unit.L: {"L": 1.0, "l": 1.0, "mL": 1e-3, "ml": 1e-3, "m³": 1e3, "m3": 1e3, "kL": 1e3},
    Unit.PERCENT: {"%": 1.0},
}
#: Other spellings devices use (never a lower-case "m" that could mean milli-).
UNIT_ALIASES = {"KW": "kW", "kw": "kW", "KWH": "kWh", "kwh": "kWh", "KWh": "kWh", "wh": "Wh",
                "WH": "Wh", "w": "W", "M3": "m3"}  # fmt: skip
UNIT_NAMES = tuple(sorted({u for t in UNIT_FACTORS.values() for u in t} | set(UNIT_ALIASES)))
#: Modbus data types and how many 16-bit registers each spans.
REGISTER_TYPES = {"int16": 1, "uint16": 1, "int32": 2, "uint32": 2, "float32": 2,
                  "int64": 4, "uint64": 4}  # fmt: skip
#: Modbus connect and read timeout: some inverters (Huawei behind a dongle) take seconds.
MODBUS_TIMEOUT_S = 5.0
SIGNS = ("as_is", "positive_part", "negative_part")
#: The names of :data:`kiosk.sources.mqtt_presets.MQTT_PRESETS` (a test keeps the two in step).
MQTT_PRESET_NAMES = ("ahoydtu", "emonhub", "opendtu", "shelly_gen2", "tasmota")
#: How an MQTT filter with wildcards combines the topics it matches.
COMBINE = ("newest", "sum")
#: The names of :data:`kiosk.sources.presets.PRESETS` (a test keeps the two in step).
HTTP_PRESET_NAMES = (
    "enphase_envoy", "fronius_powerflow", "home_assistant", "shelly_gen2",
    "solaredge_powerflow", "solaredge_overview",
)  # fmt: skip


def apply_scale(value: float, scale: float, sign: str) -> float:
    """Apply the ``scale`` and ``sign`` options: to the metric's unit, all or one side of zero."""
    value *= scale
    if sign == "positive_part":
        return max(value, 0.0)
    if sign == "negative_part":
        return max(-value, 0.0)
    return value
