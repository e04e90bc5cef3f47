"""The config schema: every key with its default, bounds and a title.

``docs/kiosk.example.toml`` shows every key; ``tests/config`` checks that the example and this
schema agree, so neither can drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.config import checks
from kiosk.config.schema import section_default, setting

SCHEMA_VERSION = 1

#: Keys of kiosk.energy.carbon.FACTOR_TABLE (a test keeps the two in step), plus "custom".
GRID_REGIONS = (
    "national", "north", "northeast", "east", "central", "northwest", "south", "southwest",
    "beijing", "tianjin", "hebei", "shanxi", "inner_mongolia", "liaoning", "jilin", "heilongjiang",
    "shanghai", "jiangsu", "zhejiang", "anhui", "fujian", "jiangxi", "shandong", "henan", "hubei",
    "hunan", "guangdong", "guangxi", "hainan", "chongqing", "sichuan", "guizhou", "yunnan",
    "shaanxi", "gansu", "qinghai", "ningxia", "xinjiang", "custom",
)  # fmt: skip


@dataclass(frozen=True)
class SiteConfig:
    name: str = setting("Green Space", "Site name shown on screen (English)")
    name_zh: str = setting("绿色空间", "Site name shown on screen (Chinese)")
    kind: str = setting(
        "store", "What the site is: a school or a store", choices=("school", "store")
    )
    latitude: float = setting(30.59, "Latitude in degrees (north positive)", min=-90, max=90)
    longitude: float = setting(114.31, "Longitude in degrees (east positive)", min=-180, max=180)
    timezone: str = setting("Asia/Shanghai", "IANA time zone of the site", check=checks.time_zone)
    pv_kwp: float = setting(50.0, "Installed PV peak power in kWp", min=0, max=100000)
    grid_capacity_kw: float = setting(
        0.0,
        "Grid connection capacity in kW, bounds grid readings "
        "(0 = not known: 2500 kW or 10 x pv_kwp, whichever is larger)",
        min=0, max=1_000_000,
    )  # fmt: skip
    pv_tilt_deg: float = setting(25.0, "PV panel tilt from horizontal in degrees", min=0, max=90)
    pv_azimuth_deg: float = setting(
        180.0, "PV panel azimuth in degrees (180 = south)", min=0, max=360
    )
    rain_catchment_m2: float = setting(
        400.0, "Roof area that feeds the rain tank, m²", min=0, max=1e6
    )
    grid_region: str = setting(
        "central", "Grid region whose emission factor applies", choices=GRID_REGIONS
    )
    emission_factor_kg_per_kwh: float | None = setting(
        None, "Custom grid emission factor (kg CO2/kWh) when grid_region = 'custom'", min=0, max=2
    )
    emission_factor_year: int | None = setting(
        None, "Data year of the custom emission factor", min=2000, max=2100
    )
    emission_factor_source: str = setting("", "Where the custom emission factor comes from")
    equivalents_region: str = setting(
        "CN", "Everyday equivalents from this region first (ISO country code such as CN or US)"
    )
    area_m2: float | None = setting(
        None, "Floor area of the site in m², for per-m² figures and baselines", min=1, max=1e8
    )
    occupants: int | None = setting(
        None, "People in the building on a normal day, for per-person figures", min=1, max=1e7
    )
    link: str = setting(
        "",
        "The site's web page: a QR code to it on the quiz certificate when the quiz set has "
        "no link of its own (empty = no code)",
        check=checks.web_url,
    )


@dataclass(frozen=True)
class DisplayConfig:
    language: str = setting("zh", "Language at start and after idle", choices=("zh", "en"))
    mode: str = setting(
        "family", "Energy presentation: big friendly figures or detailed charts",
        choices=("family", "student"),
    )  # fmt: skip
    idle_seconds: int = setting(
        90, "Seconds without a touch before the attract loop (or the start screen)",
        min=10, max=3600,
    )  # fmt: skip
    start_screen: str = setting(
        "home",
        "Screen shown at start and again after idle: home (idle shows the attract loop), "
        "energy, quiz or stories (idle returns there; no attract loop); energy/today opens a tab",
        check=checks.start_screen,
    )
    kiosk: bool = setting(True, "Fullscreen, frameless, cursor hidden, close keys ignored")
    screen: str = setting("", "Name of the screen to open on (empty = primary)")
    ui_scale: float = setting(0.0, "UI scale factor (0 = automatic from screen size)", min=0, max=4)
    shift_px: int = setting(
        4, "Burn-in care: the picture moves by up to this many pixels over time (0 = never)",
        min=0, max=24,
    )  # fmt: skip
    shift_minutes: int = setting(
        10, "Burn-in care: minutes between moves of the picture", min=1, max=1440
    )
    dim_after_minutes: int = setting(
        0, "Dim the screen after this many minutes without a touch (0 = never)", min=0, max=1440
    )
    dim_percent: int = setting(
        40, "How bright the screen stays when dimmed, per cent", min=5, max=95
    )


@dataclass(frozen=True)
class StaffConfig:
    hold_seconds: float = setting(
        3.0, "Seconds to hold the top-left corner to open staff access", min=1, max=15
    )
    max_pin_attempts: int = setting(5, "Wrong PINs before the keypad locks", min=1, max=20)
    lockout_seconds: int = setting(300, "How long the keypad stays locked", min=10, max=86400)


@dataclass(frozen=True)
class StorageConfig:
    raw_retention_days: int = setting(
        30, "Days of raw readings kept (rollups are kept for years)", min=1, max=3650
    )
    max_db_mb: int = setting(
        1024, "Upper bound on the readings database size in MB", min=50, max=100000
    )
    checkpoint_minutes: int = setting(10, "Minutes between WAL checkpoints", min=1, max=1440)


@dataclass(frozen=True)
class SourceConfig:
    id: str = setting("simulator", "Unique name of this source, shown on the staff screen")
    type: str = setting("simulator", "Adapter type (simulator, csv, modbus, mqtt, http)")
    enabled: bool = setting(True, "Whether the source is polled")
    interval_seconds: float = setting(5.0, "Seconds between polls", min=0.2, max=86400)
    options: dict[str, Any] = setting(None, "Adapter-specific options (see docs/sources.md)")


@dataclass(frozen=True)
class BaselineConfig:
    id: str = setting("baseline", "Unique name of this baseline")
    figure: str = setting(
        "load_energy", "What is compared with it",
        choices=("load_energy", "pv_energy", "co2_avoided", "water_harvested"),
    )  # fmt: skip
    period: str = setting(
        "year", "The period the value is for", choices=("day", "week", "month", "year")
    )
    value: float = setting(
        1.0, "The reference per period: kWh, kg CO2 or L (per m² or person as `per` says)",
        min=1e-6, max=1e12,
    )  # fmt: skip
    per: str = setting("site", "The value is for the whole site, per m² or per person",
                       choices=("site", "m2", "person"))  # fmt: skip
    name: str = setting("the baseline", "What it is, in English: 'the city average'")
    name_zh: str = setting("基准", "What it is, in Chinese: '全市平均'")
    source: str = setting("", "Where the value comes from (shown on How we calculate)")


@dataclass(frozen=True)
class FailoverConfig:
    live_for_intervals: float = setting(
        3.0,
        "A reading counts as live for this many of its source's poll intervals",
        min=1,
        max=1000,
    )
    priorities: dict[str, Any] = setting(
        None,
        "Per metric (or 'default'): source ids in priority order; 'cached' = last known value",
    )


@dataclass(frozen=True)
class ContentConfig:
    trusted_keys: tuple[str, ...] = setting(
        (), "Extra Ed25519 public keys (files or base64) trusted for packs",
        check=checks.public_keys, max_items=64,
    )  # fmt: skip
    max_pack_mb: int = setting(2048, "Largest pack accepted, MB", min=1, max=65536)
    usb_scan_seconds: float = setting(
        2.0, "Seconds between checks for inserted USB sticks", min=0.5, max=60
    )


@dataclass(frozen=True)
class ChannelConfig:
    url: str = setting(
        "", "Base URL of the content channel (empty = no network sync)", check=checks.web_url
    )
    interval_minutes: int = setting(
        60, "Minutes between syncs (a random jitter is added)", min=1, max=10080
    )
    trusted_keys: tuple[str, ...] = setting(
        (), "Ed25519 public keys (files or base64) trusted for the channel index",
        check=checks.public_keys, max_items=64,
    )  # fmt: skip
    ca_bundle: str = setting("", "CA bundle file for HTTPS (empty = system default)")
    proxy: str = setting("", "HTTP(S) proxy URL (empty = from environment)")
    connect_timeout_s: float = setting(
        10.0, "Seconds to wait for the channel server to accept a connection", min=1, max=300
    )
    read_timeout_s: float = setting(
        30.0, "Seconds the channel server may go silent during a request", min=1, max=600
    )
    slowest_rate_kb_per_s: float = setting(
        20.0,
        "Slowest download rate accepted, kB/s (a file may take 60 s + its size at this rate)",
        min=0.5,
        max=1_000_000,
    )


@dataclass(frozen=True)
class QuizConfig:
    classes: tuple[str, ...] = setting(
        (), "Classes or teams that collect carbon points (school mode)"
    )
    questions_per_round: int = setting(5, "Questions in one round", min=1, max=30)
    question_timer_seconds: int = setting(0, "Seconds per question (0 = no timer)", min=0, max=600)
    leaderboard_week_start: str = setting(
        "monday", "Day the weekly leaderboard resets",
        choices=("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    )  # fmt: skip
    awards_keep_days: int = setting(
        800, "Days class points are kept (export and yearly report; two school years)",
        min=30, max=3660,
    )  # fmt: skip
    term_starts: tuple[str, ...] = setting(
        ("09-01", "02-20"),
        "Month-day dates when a school term starts (term leaderboard resets)",
        check=checks.at_least_one_date,
        each=checks.month_day,
    )


WEEKDAY_HOURS = "08:00-21:00"


@dataclass(frozen=True)
class HoursExceptionConfig:
    name: str = setting("holiday", "What these days are, shown on the staff screen")
    first_day: str = setting("", "First day: YYYY-MM-DD, or MM-DD for every year", check=checks.day)
    last_day: str = setting(
        "", "Last day, inclusive (empty = the first day only)", check=checks.day
    )
    hours: str = setting(
        "closed", "Hours on these days: 'closed' or spans such as 10:00-16:00",
        check=checks.time_spans,
    )  # fmt: skip


@dataclass(frozen=True)
class ScheduleConfig:
    enabled: bool = setting(False, "Follow opening hours: the screen is off while closed")
    monday: str = setting(
        WEEKDAY_HOURS,
        "Hours on Mondays ('closed', or 08:00-21:00; several spans with commas)",
        check=checks.time_spans,
    )
    tuesday: str = setting(WEEKDAY_HOURS, "Hours on Tuesdays", check=checks.time_spans)
    wednesday: str = setting(WEEKDAY_HOURS, "Hours on Wednesdays", check=checks.time_spans)
    thursday: str = setting(WEEKDAY_HOURS, "Hours on Thursdays", check=checks.time_spans)
    friday: str = setting(WEEKDAY_HOURS, "Hours on Fridays", check=checks.time_spans)
    saturday: str = setting(WEEKDAY_HOURS, "Hours on Saturdays", check=checks.time_spans)
    sunday: str = setting(
        WEEKDAY_HOURS, "Hours on Sundays (18:00-02:00 runs past midnight)", check=checks.time_spans
    )
    exceptions: tuple[HoursExceptionConfig, ...] = setting(
        (), "Holidays, terms and vacations with other hours (the last listed wins)",
        max_items=128,
    )  # fmt: skip
    closed_screen: str = setting(
        "off", "While closed: the screen off, or a dim 'closed' screen", choices=("off", "dim")
    )
    backend: str = setting(
        "auto",
        "How the screen is switched off: auto, x11 (DPMS via xset), wayland (wlopm, else "
        "wlr-randr), windows (monitor power), command (off_command/on_command), none",
        choices=("auto", "x11", "wayland", "windows", "command", "none"),
    )
    off_command: str = setting("", "Command that switches the screen off (backend = 'command')")
    on_command: str = setting("", "Command that switches the screen on (backend = 'command')")
    wake_on_touch: bool = setting(True, "A touch while closed wakes the screen for a while")
    wake_minutes: int = setting(
        5, "Minutes a touch keeps the screen on while closed", min=1, max=240
    )


@dataclass(frozen=True)
class FleetConfig:
    broker: str = setting(
        "", "Head office MQTT broker, mqtt://host[:1883] or mqtts://host[:8883] (empty = no heartbeat)",
        check=checks.mqtt_url,
    )  # fmt: skip
    fleet: str = setting("default", "Fleet id: the topic level head office groups kiosks by",
                         check=checks.topic_id)  # fmt: skip
    kiosk: str = setting(
        "", "This kiosk's id in the fleet (empty = from site.name)", check=checks.topic_id
    )
    interval_seconds: int = setting(
        300, "Seconds between heartbeats (counts go out as each hour ends)", min=10, max=86400
    )
    ca_bundle: str = setting("", "CA bundle for mqtts:// (empty = system default)",
                             check=checks.readable_file)  # fmt: skip
    username: str = setting("", "User name on the broker (empty = none)")
    password: str = setting("", "Password on the broker", secret=True)
    client_cert: str = setting("", "Client certificate file (PEM) for mqtts://",
                               check=checks.readable_file)  # fmt: skip
    client_key: str = setting("", "Client certificate's key file (PEM)",
                              check=checks.readable_file)  # fmt: skip
    counts_keep_days: int = setting(
        400, "Days of hourly visitor counts kept on the kiosk", min=7, max=3660
    )


@dataclass(frozen=True)
class LoggingConfig:
    level: str = setting("INFO", "Log level", choices=("DEBUG", "INFO", "WARNING", "ERROR"))
    max_bytes: int = setting(
        2_000_000, "Size of one log file before rotation", min=10_000, max=1_000_000_000
    )
    backups: int = setting(5, "Rotated log files kept", min=1, max=100)


@dataclass(frozen=True)
class Config:
    schema_version: int = setting(
        SCHEMA_VERSION, "Config schema version", min=1, max=SCHEMA_VERSION
    )
    site: SiteConfig = section_default(SiteConfig, "The building and its roof")
    display: DisplayConfig = section_default(DisplayConfig, "Screen, language and idle behaviour")
    staff: StaffConfig = section_default(StaffConfig, "Staff access")
    storage: StorageConfig = section_default(StorageConfig, "Local readings database")
    sources: tuple[SourceConfig, ...] = setting(
        (SourceConfig(),), "Data sources, in priority order", max_items=64
    )
    failover: FailoverConfig = section_default(
        FailoverConfig, "Which source each figure comes from"
    )
    meters: dict[str, Any] | None = setting(
        None, "Names of buildings and areas by meter id, both languages: id = {zh, en}"
    )
    baselines: tuple[BaselineConfig, ...] | None = setting(
        None, "References the figures are compared with (a city average, our own 2024)"
    )
    aggregate: dict[str, Any] = setting(
        None,
        "Site figures summed from several sources or meters: metric = [ids]; names = {id = {zh, en}}",
    )
    content: ContentConfig = section_default(ContentConfig, "Content packs")
    channel: ChannelConfig = section_default(ChannelConfig, "Network content sync")
    quiz: QuizConfig = section_default(QuizConfig, "Quizzes and carbon points")
    schedule: ScheduleConfig = section_default(
        ScheduleConfig, "Opening hours: the screen off at night, holidays"
    )
    fleet: FleetConfig = section_default(FleetConfig, "Heartbeat and visitor counts to head office")
    logging: LoggingConfig = section_default(LoggingConfig, "Log files")
