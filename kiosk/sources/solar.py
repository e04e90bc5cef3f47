"""Sun position and clear-sky irradiance on a tilted panel (standard formulas, no pvlib).

Solar position: NOAA general solar position equations (Spencer's Fourier series for the
declination and the equation of time), good to a fraction of a degree. Clear sky: Meinel's
direct beam model with Kasten-Young air mass; diffuse a fixed share of the beam; ground
reflection with albedo 0.2. That is ample for a simulator whose job is a believable day.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime

SOLAR_CONSTANT_W_M2 = 1361.0
ALBEDO = 0.2
DIFFUSE_SHARE = 0.14  # clear-sky diffuse horizontal as a share of the direct normal beam


@dataclass(frozen=True)
class SunPosition:
    zenith_deg: float
    azimuth_deg: float  # clockwise from north (180 = due south)
    day_of_year: int

    @property
    def is_up(self) -> bool:
        return self.zenith_deg < 90.0


def sun_position(ts: float, latitude_deg: float, longitude_deg: float) -> SunPosition:
    t = datetime.fromtimestamp(ts, UTC)
    doy = t.timetuple().tm_yday
    hours = t.hour + t.minute / 60 + t.second / 3600
    g = 2 * math.pi / 365 * (doy - 1 + (hours - 12) / 24)
    eq_time_min = 229.18 * (
        0.000075 + 0.001868 * math.cos(g) - 0.032077 * math.sin(g)
        - 0.014615 * math.cos(2 * g) - 0.040849 * math.sin(2 * g)
    )  # fmt: skip
    decl = (
        0.006918 - 0.399912 * math.cos(g) + 0.070257 * math.sin(g)
        - 0.006758 * math.cos(2 * g) + 0.000907 * math.sin(2 * g)
        - 0.002697 * math.cos(3 * g) + 0.00148 * math.sin(3 * g)
    )  # fmt: skip
    true_solar_min = hours * 60 + eq_time_min + 4 * longitude_deg
    hour_angle = math.radians(true_solar_min / 4 - 180)
    lat = math.radians(latitude_deg)
    cos_z = math.sin(lat) * math.sin(decl) + math.cos(lat) * math.cos(decl) * math.cos(hour_angle)
    zenith = math.degrees(math.acos(max(-1.0, min(1.0, cos_z))))
    az = math.degrees(
        math.atan2(
            math.sin(hour_angle),
            math.cos(hour_angle) * math.sin(lat) - math.tan(decl) * math.cos(lat),
        )
    )
    return SunPosition(zenith, (az + 180.0) % 360.0, doy)


def clear_sky_poa_w_m2(sun: SunPosition, tilt_deg: float, panel_azimuth_deg: float) -> float:
    """Clear-sky irradiance on the panel plane (W/m²); 0 when the sun is down."""
    if not sun.is_up:
        return 0.0
    z = math.radians(sun.zenith_deg)
    air_mass = 1.0 / (math.cos(z) + 0.50572 * (96.07995 - sun.zenith_deg) ** -1.6364)
    extra = SOLAR_CONSTANT_W_M2 * (1 + 0.033 * math.cos(2 * math.pi * sun.day_of_year / 365))
    dni = extra * 0.7 ** (air_mass**0.678)
    dhi = DIFFUSE_SHARE * dni
    ghi = dni * math.cos(z) + dhi
    tilt = math.radians(tilt_deg)
    cos_aoi = math.cos(z) * math.cos(tilt) + math.sin(z) * math.sin(tilt) * math.cos(
        math.radians(sun.azimuth_deg - panel_azimuth_deg)
    )
    return float(
        dni * max(0.0, cos_aoi)
        + dhi * (1 + math.cos(tilt)) / 2
        + ghi * ALBEDO * (1 - math.cos(tilt)) / 2
    )


def next_sunrise(ts: float, latitude_deg: float, longitude_deg: float) -> float | None:
    """The first moment after ``ts`` (within 36 h) when the sun comes up, to the minute.

    None when the sun stays up or down that long (polar day or night), or is up at ``ts``.
    """
    if sun_position(ts, latitude_deg, longitude_deg).is_up:
        return None
    step = 600.0
    t = ts
    while t < ts + 36 * 3600:
        if sun_position(t + step, latitude_deg, longitude_deg).is_up:
            lo, hi = t, t + step  # down at lo, up at hi
            while hi - lo > 1:
                mid = (lo + hi) / 2
                if sun_position(mid, latitude_deg, longitude_deg).is_up:
                    hi = mid
                else:
                    lo = mid
            return round(hi / 60.0) * 60.0
        t += step
    return None
