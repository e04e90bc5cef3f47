"""What the kiosk measures. Units are part of every metric's name and of its :class:`Unit`.

Power metrics are instantaneous (W). Counter metrics are lifetime totals that only grow (Wh, L)
except when a meter is reset. A :class:`Reading` is one value of one metric at one time, with
its provenance, so every figure on screen can say where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    W = "W"
    WH = "Wh"
    L = "L"
    PERCENT = "%"
    KG_CO2 = "kg CO2"  # derived figures only; no metric is measured in it


class MetricKind(StrEnum):
    POWER = "power"  # instantaneous rate
    COUNTER = "counter"  # lifetime cumulative total
    LEVEL = "level"  # a state such as battery charge


class Metric(StrEnum):
    PV_POWER_W = "pv_power_w"
    LOAD_POWER_W = "load_power_w"
    GRID_IMPORT_POWER_W = "grid_import_power_w"
    GRID_EXPORT_POWER_W = "grid_export_power_w"
    BATTERY_CHARGE_POWER_W = "battery_charge_power_w"
    BATTERY_DISCHARGE_POWER_W = "battery_discharge_power_w"
    BATTERY_SOC_PCT = "battery_soc_pct"
    PV_ENERGY_WH = "pv_energy_wh"
    LOAD_ENERGY_WH = "load_energy_wh"
    GRID_IMPORT_ENERGY_WH = "grid_import_energy_wh"
    GRID_EXPORT_ENERGY_WH = "grid_export_energy_wh"
    BATTERY_CHARGE_ENERGY_WH = "battery_charge_energy_wh"
    BATTERY_DISCHARGE_ENERGY_WH = "battery_discharge_energy_wh"
    WATER_HARVESTED_L = "water_harvested_l"
    WATER_USED_L = "water_used_l"

    @property
    def unit(self) -> Unit:
        return _UNITS[self]

    @property
    def kind(self) -> MetricKind:
        return _KINDS[self]


_UNITS = {
    m: Unit.W if m.value.endswith("_w") else Unit.WH if m.value.endswith("_wh")
    else Unit.L if m.value.endswith("_l") else Unit.PERCENT
    for m in Metric
}  # fmt: skip
_KINDS = {
    m: MetricKind.POWER if _UNITS[m] is Unit.W else MetricKind.LEVEL
    if _UNITS[m] is Unit.PERCENT else MetricKind.COUNTER
    for m in Metric
}  # fmt: skip

#: For each power metric, the counter that integrates it (used when a source has no counter).
ENERGY_OF_POWER: dict[Metric, Metric] = {
    Metric.PV_POWER_W: Metric.PV_ENERGY_WH,
    Metric.LOAD_POWER_W: Metric.LOAD_ENERGY_WH,
    Metric.GRID_IMPORT_POWER_W: Metric.GRID_IMPORT_ENERGY_WH,
    Metric.GRID_EXPORT_POWER_W: Metric.GRID_EXPORT_ENERGY_WH,
    Metric.BATTERY_CHARGE_POWER_W: Metric.BATTERY_CHARGE_ENERGY_WH,
    Metric.BATTERY_DISCHARGE_POWER_W: Metric.BATTERY_DISCHARGE_ENERGY_WH,
}


class Provenance(StrEnum):
    LIVE = "live"  # read from a real device within its interval
    CACHED = "cached"  # last known value, older than its source's staleness limit
    SIMULATED = "simulated"  # from the built-in simulator or a replay
    PARTIAL = "partial"  # a sum ([aggregate], MQTT sum) with some of its parts not live


@dataclass(frozen=True, slots=True)
class Reading:
    """One value of one metric. ``timestamp`` is Unix seconds (UTC)."""

    metric: Metric
    value: float
    timestamp: float
    source_id: str
    provenance: Provenance
    meter: str = ""  # "" = the whole site; otherwise a building or sub-meter id
