"""The keys every JSON value map shares (HTTP ``values``, MQTT ``topics``): unit, direction, sign."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.config.schema import setting
from kiosk.sources.options import METRIC_NAMES, SIGNS, UNIT_NAMES


@dataclass(frozen=True)
class ValueMapOptions:
    """Which metric a value feeds and how it becomes that metric's number."""

    metric: str = setting("pv_power_w", "Metric the value feeds", choices=METRIC_NAMES)
    unit: str = setting(
        "", "Unit the device sends (W, kW, kWh, MWh, L, m³, %); empty = the metric's own",
        choices=("", *UNIT_NAMES),
    )  # fmt: skip
    unit_path: str = setting(
        "", "Path to the unit in the payload ('.x' = next to the value); a missing unit refuses it"
    )
    scale: float = setting(
        1.0, "Extra factor to the metric's unit (0.1, 1000 ...)", min=-1e9, max=1e9
    )
    flip_sign: bool = setting(False, "Negate the value first (meters counting export as +)")
    sign: str = setting(
        "as_is",
        "Use the value as is, only its positive part, or only its negative part (as a positive number)",
        choices=SIGNS,
    )
    direction_path: str = setting(
        "", "Path to a direction text or a list of {from, to} connections ('.x' = next to it)"
    )
    direction: str = setting(
        "", "When the value counts: a text ('export') or 'FROM>TO' ('LOAD>GRID'); '|' = or"
    )
    numeric_strings: bool = setting(False, 'Accept numbers sent as text, e.g. "1234.5"')
    meter: str = setting("", "Sub-meter id (empty = whole site)")
