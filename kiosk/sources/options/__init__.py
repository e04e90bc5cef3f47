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

from kiosk.energy.metrics import Metric

METRIC_NAMES = tuple(m.value for m in Metric)
#: Modbus data types and how many 16-bit registers each spans.
REGISTER_TYPES = {"int16": 1, "uint16": 1, "int32": 2, "uint32": 2, "float32": 2}
SIGNS = ("as_is", "positive_part", "negative_part")
#: The names of :data:`kiosk.sources.presets.PRESETS` (a test keeps the two in step).
HTTP_PRESET_NAMES = ("fronius_powerflow", "home_assistant", "solaredge_overview")


def apply_scale(value: float, scale: float, sign: str) -> float:
    """Apply the ``scale`` and ``sign`` options: to the metric's unit, all or one side of zero."""
    value *= scale
    if sign == "positive_part":
        return max(value, 0.0)
    if sign == "negative_part":
        return max(-value, 0.0)
    return value
