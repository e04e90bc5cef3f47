"""Ready-made value maps and request budgets for common HTTP JSON APIs.

Each preset names where the figures sit in the vendor's response and how often the API may be
asked. ``tests/sources/payloads/`` holds an example response per preset, modelled on the vendor's
documented examples, and the tests parse them with the preset. ``docs/sources.md`` shows the
matching config.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class PresetValue:
    path: str
    metric: str
    scale: float = 1.0
    sign: str = "as_is"
    null_is_zero: bool = False


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


PRESETS: dict[str, HttpPreset] = {
    # Fronius Solar API v1, GetPowerFlowRealtimeData. P_Grid > 0 imports, < 0 exports;
    # P_Load is negative while the site consumes; P_PV is null at night (inverter asleep).
    "fronius_powerflow": HttpPreset(
        title="Fronius Solar API power flow (local inverter)",
        url_example="http://192.168.1.20/solar_api/v1/GetPowerFlowRealtimeData.fcgi",
        values=(
            PresetValue("Body.Data.Site.P_PV", "pv_power_w", null_is_zero=True),
            PresetValue("Body.Data.Site.P_Grid", "grid_import_power_w", sign="positive_part"),
            PresetValue("Body.Data.Site.P_Grid", "grid_export_power_w", sign="negative_part"),
            PresetValue("Body.Data.Site.P_Load", "load_power_w", scale=-1.0),
            PresetValue("Body.Data.Site.E_Total", "pv_energy_wh"),
        ),
    ),
    # Home Assistant REST API, GET /api/states/<entity_id> with a long-lived token. One entity
    # per source; the user names the metric and the scale (e.g. 1000 for a kW sensor).
    "home_assistant": HttpPreset(
        title="Home Assistant entity state (REST API)",
        url_example="http://homeassistant.local:8123/api/states/sensor.solar_power",
        values=(),
        numeric_strings=True,
    ),
    # SolarEdge monitoring API, /site/<id>/overview. The API allows 300 requests per site and
    # day: every 4 minutes from 06:00 to 20:00 (210) plus every 30 minutes at night (20) leaves
    # room for probes and restarts, and the hard limit stops at 280 whatever happens.
    "solaredge_overview": HttpPreset(
        title="SolarEdge monitoring API site overview (cloud)",
        url_example="https://monitoringapi.solaredge.com/site/123456/overview",
        values=(
            PresetValue("overview.currentPower.power", "pv_power_w", null_is_zero=True),
            PresetValue("overview.lifeTimeData.energy", "pv_energy_wh"),
        ),
        day_interval_seconds=240.0,
        night_interval_seconds=1800.0,
        daily_request_limit=280,
    ),
}


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
