"""Ready-made value maps and request budgets for common HTTP JSON APIs.

Each preset names where the figures sit in the vendor's response and how often the API may be
asked. ``tests/sources/payloads/`` holds an example response per preset, modelled on the vendor's
documented examples, and the tests parse them with the preset. ``docs/sources.md`` shows the
matching config.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.sources.options.http_json import JsonValueOptions


@dataclass(frozen=True)
class PresetValue:
    """One value of a preset: the same keys as ``[[sources.options.values]]``."""

    path: str
    metric: str
    scale: float = 1.0
    sign: str = "as_is"
    null_is_zero: bool = False
    unit: str = ""
    unit_path: str = ""
    flip_sign: bool = False
    direction_path: str = ""
    direction: str = ""

    def options(self) -> JsonValueOptions:
        return JsonValueOptions(**dataclasses.asdict(self))


@dataclass(frozen=True)
class HttpPreset:
    """A vendor API: its values, and the polling budget it tolerates."""

    title: str
    url_example: str
    values: tuple[PresetValue, ...]
    day_interval_seconds: float = 0.0
    night_interval_seconds: float = 0.0
    daily_request_limit: int = 0
    numeric_strings: bool = False  # the API sends numbers as text (Home Assistant states)
    unit_path: str = ""  # where a value's unit sits, for values that name none


_V = PresetValue
_SE_FLOW = "siteCurrentPowerFlow"
_SE_CONN = f"{_SE_FLOW}.connections"
_SE_UNIT = f"{_SE_FLOW}.unit"
_FRONIUS = "Body.Data.Site"

PRESETS: dict[str, HttpPreset] = {
    # Enphase IQ Gateway (Envoy), /production.json, with a token (firmware 7+: bearer_token).
    # Entries are picked by type, never by position: "inverters" (the microinverters' own
    # report, always there) for PV; the "eim" entries exist only with CT clamps, and the
    # consumption ones name what they measure. Values in W and Wh.
    "enphase_envoy": HttpPreset(
        title="Enphase IQ Gateway production.json (local, token)",
        url_example="https://envoy.local/production.json?details=1",
        values=(
            _V('production[type="inverters"].wNow', "pv_power_w", unit="W"),
            _V('production[type="inverters"].whLifetime', "pv_energy_wh", unit="Wh"),
            _V('consumption[measurementType="total-consumption"].wNow', "load_power_w"),
            _V('consumption[measurementType="net-consumption"].wNow', "grid_import_power_w",
               sign="positive_part"),
            _V('consumption[measurementType="net-consumption"].wNow', "grid_export_power_w",
               sign="negative_part"),
        ),
    ),
    # Fronius Solar API v1, GetPowerFlowRealtimeData. P_Grid > 0 imports, < 0 exports;
    # P_Load is negative while the site consumes; P_Akku > 0 discharges, < 0 charges; P_PV is
    # null at night (inverter asleep); the battery's SOC sits with inverter "1".
    "fronius_powerflow": HttpPreset(
        title="Fronius Solar API power flow (local inverter, battery)",
        url_example="http://192.168.1.20/solar_api/v1/GetPowerFlowRealtimeData.fcgi",
        values=(
            _V(f"{_FRONIUS}.P_PV", "pv_power_w", null_is_zero=True),
            _V(f"{_FRONIUS}.P_Grid", "grid_import_power_w", sign="positive_part"),
            _V(f"{_FRONIUS}.P_Grid", "grid_export_power_w", sign="negative_part"),
            _V(f"{_FRONIUS}.P_Load", "load_power_w", flip_sign=True),
            _V(f"{_FRONIUS}.P_Akku", "battery_discharge_power_w", sign="positive_part"),
            _V(f"{_FRONIUS}.P_Akku", "battery_charge_power_w", sign="negative_part"),
            _V('Body.Data.Inverters["1"].SOC', "battery_soc_pct"),
            _V(f"{_FRONIUS}.E_Total", "pv_energy_wh"),
        ),
    ),
    # Home Assistant REST API with a long-lived token: /api/states/<entity_id> (one entity) or
    # /api/states (all of them; pick each with [entity_id="sensor.x"].state). The state is
    # text; its unit comes from the entity's attributes.unit_of_measurement (kW, MWh, m³ ...).
    "home_assistant": HttpPreset(
        title="Home Assistant entity states (REST API)",
        url_example="http://homeassistant.local:8123/api/states/sensor.solar_power",
        values=(),
        numeric_strings=True,
        unit_path=".attributes.unit_of_measurement",
    ),
    # Shelly Gen2/Gen3 RPC over HTTP: /rpc/Switch.GetStatus?id=0 (plugs, relays with metering).
    # apower in W (+ consumed), aenergy.total in Wh. A device password means Digest SHA-256
    # (auth = "digest", username = "admin").
    "shelly_gen2": HttpPreset(
        title="Shelly Gen2 RPC Switch.GetStatus (local, digest auth)",
        url_example="http://192.168.1.40/rpc/Switch.GetStatus?id=0",
        values=(
            _V("apower", "load_power_w", unit="W"),
            _V("aenergy.total", "load_energy_wh", unit="Wh"),
        ),
    ),
    # SolarEdge monitoring API, /site/<id>/currentPowerFlow. Every currentPower is a magnitude
    # in the site's "unit" (kW or W); which way grid and battery power flow is only in the
    # "connections" list ({"from": "LOAD", "to": "Grid"} = export). Same budget as overview.
    "solaredge_powerflow": HttpPreset(
        title="SolarEdge monitoring API current power flow (cloud)",
        url_example="https://monitoringapi.solaredge.com/site/123456/currentPowerFlow",
        values=(
            _V(f"{_SE_FLOW}.PV.currentPower", "pv_power_w", unit_path=_SE_UNIT),
            _V(f"{_SE_FLOW}.LOAD.currentPower", "load_power_w", unit_path=_SE_UNIT),
            _V(f"{_SE_FLOW}.GRID.currentPower", "grid_import_power_w", unit_path=_SE_UNIT,
               direction_path=_SE_CONN, direction="GRID>LOAD"),
            _V(f"{_SE_FLOW}.GRID.currentPower", "grid_export_power_w", unit_path=_SE_UNIT,
               direction_path=_SE_CONN, direction="LOAD>GRID|PV>GRID|STORAGE>GRID"),
            _V(f"{_SE_FLOW}.STORAGE.currentPower", "battery_charge_power_w", unit_path=_SE_UNIT,
               direction_path=_SE_CONN, direction="PV>STORAGE|LOAD>STORAGE|GRID>STORAGE"),
            _V(f"{_SE_FLOW}.STORAGE.currentPower", "battery_discharge_power_w",
               unit_path=_SE_UNIT, direction_path=_SE_CONN,
               direction="STORAGE>LOAD|STORAGE>GRID"),
            _V(f"{_SE_FLOW}.STORAGE.chargeLevel", "battery_soc_pct"),
        ),
        day_interval_seconds=240.0,
        night_interval_seconds=1800.0,
        daily_request_limit=280,
    ),
    # SolarEdge monitoring API, /site/<id>/overview. The API allows 300 requests per site and
    # day: every 4 minutes from 06:00 to 20:00 (210) plus every 30 minutes at night (20) leaves
    # room for probes and restarts, and the hard limit stops at 280 whatever happens.
    "solaredge_overview": HttpPreset(
        title="SolarEdge monitoring API site overview (cloud)",
        url_example="https://monitoringapi.solaredge.com/site/123456/overview",
        values=(
            _V("overview.currentPower.power", "pv_power_w", null_is_zero=True),
            _V("overview.lifeTimeData.energy", "pv_energy_wh"),
        ),
        day_interval_seconds=240.0,
        night_interval_seconds=1800.0,
        daily_request_limit=280,
    ),
}  # fmt: skip


class RequestBudget:
    """Spaces requests out: one interval by day, a longer one by night, a cap per local day.

    Time is passed in (Unix seconds); the local day and hour come from the site's time zone, so
    the cap resets at local midnight.
    """

    def __init__(
        self,
        *,
        day_interval_seconds: float,
        night_interval_seconds: float,
        daily_request_limit: int,
        timezone: str,
        day_start_hour: int = 6,
        day_end_hour: int = 20,
    ) -> None:
        self.day_interval_seconds = day_interval_seconds
        self.night_interval_seconds = night_interval_seconds or day_interval_seconds
        self.daily_request_limit = daily_request_limit
        self.day_start_hour = day_start_hour
        self.day_end_hour = day_end_hour
        self._tz = ZoneInfo(timezone)
        self._last_request: float | None = None
        self._day = ""
        self._count_today = 0

    def interval_at(self, now: float) -> float:
        hour = self._local(now).hour
        is_day = self.day_start_hour <= hour < self.day_end_hour
        return self.day_interval_seconds if is_day else self.night_interval_seconds

    def allows(self, now: float) -> bool:
        """Whether a request may go out at ``now``."""
        if self.daily_request_limit and self._today(now) >= self.daily_request_limit:
            return False
        return self._last_request is None or now - self._last_request >= self.interval_at(now)

    def record(self, now: float) -> None:
        self._today(now)
        self._count_today += 1
        self._last_request = now

    def requests_today(self, now: float) -> int:
        return self._today(now)

    def _today(self, now: float) -> int:
        day = self._local(now).date().isoformat()
        if day != self._day:
            self._day, self._count_today = day, 0
        return self._count_today

    def _local(self, now: float) -> datetime:
        return datetime.fromtimestamp(now, self._tz)
