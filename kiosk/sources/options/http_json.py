"""Options of ``type = "http"`` sources (the adapter is :mod:`kiosk.sources.http_json`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.config import checks
from kiosk.config.schema import setting
from kiosk.sources.options import HTTP_PRESET_NAMES
from kiosk.sources.options.value_map import ValueMapOptions


@dataclass(frozen=True)
class JsonValueOptions(ValueMapOptions):
    """One value picked out of an ``http`` source's JSON."""

    path: str = setting("", "Path to the value in the JSON, e.g. Body.Data.Site.P_PV")
    null_is_zero: bool = setting(False, "Read null as 0 (e.g. inverter asleep at night)")


@dataclass(frozen=True)
class HttpJsonOptions:
    """``type = "http"``: a local or cloud HTTP JSON API."""

    url: str = setting("", "URL returning JSON (http:// or https://)", check=checks.web_url)
    preset: str = setting("", "Ready-made value map and budget", choices=("", *HTTP_PRESET_NAMES))
    headers: dict[str, Any] = setting(None, "Extra request headers (name = value)")
    username: str = setting("", "User name for HTTP basic or digest auth")
    password: str = setting("", "Password for HTTP basic or digest auth", secret=True)
    auth: str = setting(
        "basic", "How user name and password are sent (digest: MD5 or SHA-256, as the server asks)",
        choices=("basic", "digest"),
    )  # fmt: skip
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
