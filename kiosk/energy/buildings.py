"""Per building or area: consumption today, its solar share and CO2, and a campus total that
adds up (what no building meter covers is shown as its own line, never hidden).

The solar roof feeds the campus grid, so each building's solar share is the site's
self-sufficiency today, and its CO2 is its share of the electricity bought from the grid:
building kWh × (1 − self-sufficiency) × the grid factor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kiosk.energy.carbon import co2_kg
from kiosk.energy.queries import MeterRow
from kiosk.energy.summary import EnergySummary


@dataclass(frozen=True)
class BuildingToday:
    meter: str
    energy_wh: float | None
    solar_share_pct: float | None  # the campus's self-sufficiency today
    co2_kg: float | None  # of the grid electricity this building used today


@dataclass(frozen=True)
class CampusToday:
    buildings: tuple[BuildingToday, ...]
    buildings_wh: float  # the sum of the building meters
    site_wh: float | None  # the site meter (or its integral); None without one
    unmetered_wh: float | None  # site − buildings: lighting outside, a meter not yet fitted

    @property
    def adds_up(self) -> bool:
        return self.site_wh is None or abs(self.site_wh - self.buildings_wh) < 1.0


def campus_today(rows: Sequence[MeterRow], summary: EnergySummary) -> CampusToday:
    share = summary.self_sufficiency_today_pct.value
    buildings = []
    for row in rows:
        if row.kind != "load":
            continue
        wh = row.energy_today_wh.value
        co2 = None
        if wh is not None and share is not None:
            co2 = co2_kg(wh * (1.0 - share / 100.0), summary.factor)
        buildings.append(BuildingToday(row.meter, wh, share, co2))
    total = sum(b.energy_wh or 0.0 for b in buildings)
    site = summary.load_energy_today_wh.value
    unmetered = None if site is None else max(0.0, site - total)
    return CampusToday(tuple(buildings), total, site, unmetered)


def meter_name(names: Mapping[str, object], meter: str, language: str) -> str:
    """A meter's name from ``[meters]`` (or ``[aggregate.names]``) in ``language``, else its id."""
    entry = names.get(meter)
    if isinstance(entry, Mapping):
        text = entry.get(language) or entry.get("en")
        if isinstance(text, str) and text:
            return text
    return meter
