"""The built-in simulator: a believable site when no device is connected (and for demos).

PV follows the clear-sky model of :mod:`kiosk.sources.solar` for the site's position and
panels, dimmed by clouds; the building load follows a school or store timetable; rain events
fill the rain tank. Weather is drawn per local day from a generator seeded with ``seed`` and
the date, and cloud movement from seeded knots every 10 minutes, so a given seed and time
always give the same values, whatever order they are asked in. Water counters integrate flow
between reads and so depend on the read times (as a real meter would).
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from kiosk.config.model import Config, SiteConfig
from kiosk.energy.metrics import Metric, Provenance, Reading
from kiosk.sources.base import Source
from kiosk.sources.options.simulator import SimulatorOptions
from kiosk.sources.solar import clear_sky_poa_w_m2, sun_position

PERFORMANCE_RATIO = 0.85  # inverter, wiring, soiling and heat losses
RUNOFF_COEFFICIENT = 0.8  # share of the rain on the roof that reaches the tank
#: Chance of a rain event per day by month (a humid subtropical climate such as Wuhan's).
RAIN_CHANCE_BY_MONTH = (0.25, 0.3, 0.4, 0.45, 0.45, 0.5, 0.4, 0.35, 0.3, 0.3, 0.25, 0.2)
_CLOUD_KNOT_S = 600


@dataclass(frozen=True)
class DayWeather:
    cloudiness: float  # 0 clear .. 1 overcast
    rain_start_h: float
    rain_hours: float  # 0 = no rain that day
    rain_mm_per_h: float


class AcceleratedClock:
    """A clock running ``speed`` times faster than ``real``, starting at ``start`` (Unix s).

    Give it to the energy service to watch a simulated day pass in minutes.
    """

    def __init__(
        self, speed: float, start: float | None = None, real: Callable[[], float] = time.time
    ) -> None:
        self.speed = speed
        self._real = real
        self._real0 = real()
        self._start = self._real0 if start is None else start

    def __call__(self) -> float:
        return self._start + (self._real() - self._real0) * self.speed


class SiteModel:
    """Deterministic physics of one site: PV, load and water flows at any time."""

    def __init__(self, site: SiteConfig, options: SimulatorOptions) -> None:
        self.site = site
        self.options = options
        self.tz = ZoneInfo(site.timezone)
        self.load_peak_w = (options.load_peak_kw or site.pv_kwp * 0.8) * 1000.0
        self._weather = lru_cache(maxsize=64)(self._weather_uncached)

    def _weather_uncached(self, day: date) -> DayWeather:
        rng = random.Random(f"{self.options.seed}:weather:{day.isoformat()}")
        cloudiness = self.options.cloudiness * rng.random() ** 1.5
        if rng.random() < RAIN_CHANCE_BY_MONTH[day.month - 1] * self.options.cloudiness * 2:
            return DayWeather(
                max(cloudiness, 0.8), rng.uniform(0, 20), rng.uniform(1, 5), rng.uniform(0.5, 8)
            )
        return DayWeather(cloudiness, 0.0, 0.0, 0.0)

    def _local(self, ts: float) -> tuple[datetime, float]:
        t = datetime.fromtimestamp(ts, self.tz)
        return t, t.hour + t.minute / 60 + t.second / 3600

    def _cloud_noise(self, ts: float) -> float:
        """Smooth seeded noise in 0..1: cosine interpolation between 10-minute knots."""
        k = math.floor(ts / _CLOUD_KNOT_S)
        a = random.Random(f"{self.options.seed}:cloud:{k}").random()
        b = random.Random(f"{self.options.seed}:cloud:{k + 1}").random()
        f = (1 - math.cos(math.pi * (ts / _CLOUD_KNOT_S - k))) / 2
        return a + (b - a) * f

    def pv_power_w(self, ts: float) -> float:
        s = self.site
        sun = sun_position(ts, s.latitude, s.longitude)
        poa = clear_sky_poa_w_m2(sun, s.pv_tilt_deg, s.pv_azimuth_deg)
        if poa <= 0:
            return 0.0
        clouds = self._weather(self._local(ts)[0].date()).cloudiness
        clear_index = 1.0 - clouds * (0.35 + 0.6 * self._cloud_noise(ts))
        return s.pv_kwp * poa * PERFORMANCE_RATIO * max(0.05, clear_index)

    def occupancy(self, ts: float) -> float:
        """0..1: how busy the building is (drives load and water use)."""
        t, h = self._local(ts)
        steps: tuple[tuple[float, float], ...]
        if self.site.kind == "school":
            if t.weekday() >= 5 or is_school_holiday(t.date()):
                return 0.0
            steps = ((7.5, 0.5), (8.0, 1.0), (12.0, 0.7), (13.5, 1.0), (17.0, 0.4), (18.5, 0.0))
        else:
            busy = 1.15 if t.weekday() >= 5 else 1.0
            steps = ((9.0, 0.5), (10.0, busy), (22.0, 0.5), (22.5, 0.0))
        level = 0.0
        for start_h, value in steps:
            if h >= start_h:
                level = value
        return level

    def load_power_w(self, ts: float) -> float:
        t, _ = self._local(ts)
        season = 1.3 if t.month in (6, 7, 8, 9) else 1.15 if t.month in (12, 1, 2) else 1.0
        base = 0.15 * self.load_peak_w
        wobble = 1.0 + 0.05 * (self._cloud_noise(ts + 1e6) - 0.5)
        return (base + (self.load_peak_w - base) * self.occupancy(ts) / 1.15 * season) * wobble

    def rain_l_per_s(self, ts: float) -> float:
        t, h = self._local(ts)
        w = self._weather(t.date())
        if w.rain_hours and w.rain_start_h <= h < w.rain_start_h + w.rain_hours:
            return w.rain_mm_per_h / 3600.0 * self.site.rain_catchment_m2 * RUNOFF_COEFFICIENT
        return 0.0

    def water_use_l_per_s(self, ts: float) -> float:
        return self.options.water_peak_l_per_min / 60.0 * (0.02 + 0.98 * self.occupancy(ts))


def is_school_holiday(d: date) -> bool:
    """Chinese school calendar, approximately: winter and summer breaks, public holidays."""
    md = (d.month, d.day)
    return (
        (1, 15) <= md <= (2, 20) or (7, 10) <= md <= (8, 31) or md == (1, 1)
        or (5, 1) <= md <= (5, 5) or (10, 1) <= md <= (10, 7)
    )  # fmt: skip


HISTORY_STEP_S = 300.0


class Simulator(Source):
    provenance = Provenance.SIMULATED

    def __init__(self, source_id: str, site: SiteConfig, options: SimulatorOptions) -> None:
        super().__init__(source_id)
        self.model = SiteModel(site, options)
        self._water_ts: float | None = None
        self._harvested_l = 0.0
        self._used_l = 0.0
        weights = [random.Random(f"{options.seed}:meter:{m}").uniform(1, 3) for m in options.meters]
        total = sum(weights) or 1.0
        self._meter_shares = [(m, w / total) for m, w in zip(options.meters, weights, strict=True)]

    def history(self, now: float) -> Sequence[Reading]:
        """``history_hours`` of readings every 5 minutes up to ``now`` (counters continue)."""
        step = HISTORY_STEP_S
        count = int(self.model.options.history_hours * 3600 // step)
        out: list[Reading] = []
        for i in range(count, 0, -1):
            out.extend(self.read(now - i * step))
        return out

    def read(self, now: float) -> Sequence[Reading]:
        m = self.model
        pv, load = m.pv_power_w(now), m.load_power_w(now)
        self._advance_water(now)
        values = [
            (Metric.PV_POWER_W, pv),
            (Metric.LOAD_POWER_W, load),
            (Metric.GRID_IMPORT_POWER_W, max(0.0, load - pv)),
            (Metric.GRID_EXPORT_POWER_W, max(0.0, pv - load)),
            (Metric.WATER_HARVESTED_L, self._harvested_l),
            (Metric.WATER_USED_L, self._used_l),
        ]
        out = [Reading(metric, v, now, self.source_id, self.provenance) for metric, v in values]
        out += [
            Reading(Metric.LOAD_POWER_W, load * share, now, self.source_id, self.provenance, meter)
            for meter, share in self._meter_shares
        ]
        return out

    def _advance_water(self, now: float) -> None:
        """Integrate rain and water use since the last read (midpoint rule, ≤ 2000 steps)."""
        if self._water_ts is None or now <= self._water_ts:
            self._water_ts = now if self._water_ts is None else self._water_ts
            return
        span = now - self._water_ts
        steps = max(1, min(2000, math.ceil(span / 60.0)))
        dt = span / steps
        for i in range(steps):
            t = self._water_ts + (i + 0.5) * dt
            self._harvested_l += self.model.rain_l_per_s(t) * dt
            self._used_l += self.model.water_use_l_per_s(t) * dt
        self._water_ts = now


def create(
    source_id: str,
    options: SimulatorOptions,
    config: Config,
    clock: Callable[[], float] = time.time,
) -> Source:
    return Simulator(source_id, config.site, options)
