"""Every adapter's options: the ``[sources.options]`` keys, their defaults, bounds and titles.

Config validation needs only these, so they live apart from the adapters: checking a
kiosk.toml that names a Modbus inverter, an MQTT broker and an HTTP API loads no protocol
library (pymodbus, paho-mqtt and requests are imported when the source is created, after the
first frame). Keep this module to the standard library, the schema and the metric names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.config.schema import setting
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


@dataclass(frozen=True)
class SimulatorOptions:
    """``type = "simulator"``: the built-in site model."""

    seed: int = setting(1, "Seed for the weather; the same seed gives the same days")
    cloudiness: float = setting(0.5, "How cloudy the climate is (0 = always clear)", min=0, max=1)
    load_peak_kw: float = setting(
        0.0, "Building load at its busiest, kW (0 = 80 % of the PV peak power)", min=0, max=1e5
    )
    water_peak_l_per_min: float = setting(
        30.0, "Water use at the busiest time, litres per minute", min=0, max=1e4
    )
    meters: tuple[str, ...] = setting(
        (), "Building or sub-meter names; the load is also reported per meter"
    )
    history_hours: float = setting(
        48.0, "Hours of past data simulated when the store is empty, so charts start full",
        min=0, max=24 * 14,
    )  # fmt: skip


@dataclass(frozen=True)
class CsvReplayOptions:
    """``type = "csv"``: recorded readings played back."""

    path: str = setting("", "CSV file with timestamp,metric,value[,meter] rows")
    align_to_now: bool = setting(True, "Shift the recording so it starts at the first read")
    speed: float = setting(1.0, "Playback speed (2 = twice as fast)", min=0.001, max=1e6)
    loop: bool = setting(False, "Start again from the top when the recording ends")


@dataclass(frozen=True)
class SunspecOptions:
    """``type = "modbus"``: a SunSpec inverter or meter over Modbus TCP."""

    host: str = setting("", "IP address or host name of the inverter or meter")
    port: int = setting(502, "Modbus TCP port", min=1, max=65535)
    unit_id: int = setting(1, "Modbus unit (slave) id", min=0, max=255)
    timeout_seconds: float = setting(2.0, "Connect and read timeout", min=0.1, max=30)
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


@dataclass(frozen=True)
class RegisterOptions:
    """One register of a ``modbus_map`` source."""

    address: int = setting(0, "Register address (0-based, as sent on the wire)", min=0, max=65535)
    function: str = setting("holding", "Register table", choices=("holding", "input"))
    type: str = setting("uint16", "Data type", choices=tuple(REGISTER_TYPES))
    word_order: str = setting(
        "big", "Order of the two words of 32-bit values", choices=("big", "little")
    )
    scale: float = setting(
        1.0, "Factor to the metric's unit (0.1, 1000, -1 ...)", min=-1e9, max=1e9
    )
    missing_value: int = setting(
        -1, "Raw value that means 'not available' (-1 = none)", min=-1, max=0xFFFFFFFF
    )
    metric: str = setting("pv_power_w", "Metric the register feeds", choices=METRIC_NAMES)
    meter: str = setting("", "Sub-meter id (empty = whole site)")


@dataclass(frozen=True)
class ModbusMapOptions:
    """``type = "modbus_map"``: a plain Modbus TCP register map."""

    host: str = setting("", "IP address or host name of the meter or gateway")
    port: int = setting(502, "Modbus TCP port", min=1, max=65535)
    unit_id: int = setting(1, "Modbus unit (slave) id", min=0, max=255)
    timeout_seconds: float = setting(2.0, "Connect and read timeout", min=0.1, max=30)
    registers: tuple[RegisterOptions, ...] = setting((), "Registers to read")


@dataclass(frozen=True)
class TopicOptions:
    """One topic-to-metric mapping of an ``mqtt`` source."""

    topic: str = setting("", "Topic filter; + and # wildcards allowed")
    metric: str = setting("pv_power_w", "Metric the value feeds", choices=METRIC_NAMES)
    json_path: str = setting("", "Path to the value in a JSON payload (empty = plain number)")
    scale: float = setting(1.0, "Factor to the metric's unit (1000 for kW → W)", min=-1e9, max=1e9)
    sign: str = setting("as_is", "Use all of the value or one side of zero", choices=SIGNS)
    numeric_strings: bool = setting(False, "Accept numbers sent as text inside JSON")
    meter: str = setting("", "Sub-meter id (empty = whole site)")


@dataclass(frozen=True)
class MqttOptions:
    """``type = "mqtt"``: values pushed through an MQTT broker."""

    host: str = setting("", "Broker host name or IP address")
    port: int = setting(1883, "Broker port (8883 is usual for TLS)", min=1, max=65535)
    tls: bool = setting(False, "Connect with TLS")
    ca_file: str = setting("", "CA certificate file for TLS (empty = system default)")
    username: str = setting("", "User name (empty = anonymous)")
    password: str = setting("", "Password", secret=True)
    client_id: str = setting("", "Client id (empty = a unique one per start)")
    keepalive_seconds: int = setting(30, "Keep-alive interval", min=5, max=3600)
    reconnect_max_seconds: int = setting(
        30, "Longest wait between reconnect attempts", min=1, max=3600
    )
    qos: int = setting(1, "Subscription QoS", choices=(0, 1, 2))
    availability_topic: str = setting("", "Topic carrying the device's online/offline state (LWT)")
    payload_online: str = setting("online", "Availability payload meaning online")
    payload_offline: str = setting("offline", "Availability payload meaning offline")
    max_payload_bytes: int = setting(
        65536, "Largest payload accepted", min=16, max=16 * 1024 * 1024
    )
    topics: tuple[TopicOptions, ...] = setting((), "Topic to metric mappings")


@dataclass(frozen=True)
class JsonValueOptions:
    """One value picked out of an ``http`` source's JSON."""

    path: str = setting("", "Path to the value in the JSON, e.g. Body.Data.Site.P_PV")
    metric: str = setting("pv_power_w", "Metric the value feeds", choices=METRIC_NAMES)
    scale: float = setting(
        1.0, "Factor to the metric's unit (1000 for kW → W, -1 to flip the sign)", min=-1e9, max=1e9
    )
    sign: str = setting(
        "as_is",
        "Use the value as is, only its positive part, or only its negative part (as a positive number)",
        choices=SIGNS,
    )
    numeric_strings: bool = setting(False, 'Accept numbers sent as text, e.g. "1234.5"')
    null_is_zero: bool = setting(False, "Read null as 0 (e.g. inverter asleep at night)")
    meter: str = setting("", "Sub-meter id (empty = whole site)")


@dataclass(frozen=True)
class HttpJsonOptions:
    """``type = "http"``: a local or cloud HTTP JSON API."""

    url: str = setting("", "URL returning JSON (http:// or https://)")
    preset: str = setting("", "Ready-made value map and budget", choices=("", *HTTP_PRESET_NAMES))
    headers: dict[str, Any] = setting(None, "Extra request headers (name = value)")
    username: str = setting("", "User name for HTTP basic auth")
    password: str = setting("", "Password for HTTP basic auth", secret=True)
    bearer_token: str = setting("", "Token sent as 'Authorization: Bearer ...'", secret=True)
    api_key: str = setting("", "API key sent as a query parameter", secret=True)
    api_key_param: str = setting("api_key", "Name of the API key query parameter")
    verify_tls: bool = setting(True, "Check the server's HTTPS certificate")
    ca_file: str = setting("", "CA bundle for HTTPS (empty = system default)")
    connect_timeout_seconds: float = setting(3.0, "Connect timeout", min=0.1, max=60)
    total_timeout_seconds: float = setting(
        10.0, "Deadline for the whole response, body included", min=0.2, max=300
    )
    max_body_kb: int = setting(1024, "Largest response accepted, KiB", min=1, max=65536)
    min_interval_seconds: float = setting(
        0.0,
        "Least time between requests by day (0 = the preset's, else every poll)",
        min=0,
        max=86400,
    )
    night_interval_seconds: float = setting(
        0.0,
        "Least time between requests at night (0 = the preset's, else as by day)",
        min=0,
        max=86400,
    )
    daily_request_limit: int = setting(
        0, "Most requests per local day (0 = the preset's, else no limit)", min=0, max=1_000_000
    )
    day_start_hour: int = setting(6, "Local hour the day budget starts", min=0, max=23)
    day_end_hour: int = setting(20, "Local hour the night budget starts", min=1, max=24)
    values: tuple[JsonValueOptions, ...] = setting((), "Values to read (empty = the preset's)")
