"""Grid CO2 emission factors for China and the CO2 arithmetic built on them.

Factors are kg CO2 per kWh of electricity consumed, from the Ministry of Ecology and
Environment (MEE) and National Bureau of Statistics (NBS) announcements on electricity CO2
emission factors. The screen that explains a figure shows the factor, its year and source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

_MEE = "MEE & NBS announcement on electricity CO2 emission factors"
SOURCES = {
    2023: f"{_MEE} (2023 data, published 2026-01)",
    2022: f"{_MEE} (2022 data, dated 2024-12-20)",
    2021: f"{_MEE} (2021 data, announcement 2024 No. 12)",
}

#: key -> (English name, Chinese name, {data year: kg CO2 per kWh})
FACTOR_TABLE: dict[str, tuple[str, str, dict[int, float]]] = {
    "national": ("China national average", "全国平均", {2023: 0.5306, 2022: 0.5366, 2021: 0.5568}),
    "north": ("North China grid", "华北电网", {2023: 0.6361, 2022: 0.6776}),
    "northeast": ("Northeast grid", "东北电网", {2023: 0.5122, 2022: 0.5564}),
    "east": ("East China grid", "华东电网", {2023: 0.5500, 2022: 0.5617}),
    "central": ("Central China grid", "华中电网", {2023: 0.5271, 2022: 0.5395}),
    "northwest": ("Northwest grid", "西北电网", {2023: 0.5543, 2022: 0.5857}),
    "south": ("Southern grid", "南方电网", {2023: 0.4042, 2022: 0.3869}),
    "southwest": ("Southwest grid", "西南电网", {2023: 0.2472, 2022: 0.2268}),
    "hebei": ("Hebei", "河北", {2022: 0.7252}),
    "shanxi": ("Shanxi", "山西", {2022: 0.7096}),
    "tianjin": ("Tianjin", "天津", {2022: 0.7041}),
    "inner_mongolia": ("Inner Mongolia", "内蒙古", {2022: 0.6849}),
    "anhui": ("Anhui", "安徽", {2022: 0.6782}),
    "fujian": ("Fujian", "福建", {2022: 0.4092}),
    "guangxi": ("Guangxi", "广西", {2022: 0.4044}),
    "qinghai": ("Qinghai", "青海", {2022: 0.1567}),
    "sichuan": ("Sichuan", "四川", {2022: 0.1404}),
    "yunnan": ("Yunnan", "云南", {2022: 0.1073}),
}


class SiteLike(Protocol):
    """The fields of ``kiosk.config.model.SiteConfig`` this module reads."""

    # read-only: the config's dataclasses are frozen
    @property
    def grid_region(self) -> str: ...
    @property
    def emission_factor_kg_per_kwh(self) -> float | None: ...
    @property
    def emission_factor_year(self) -> int | None: ...
    @property
    def emission_factor_source(self) -> str: ...


@dataclass(frozen=True)
class EmissionFactor:
    key: str
    name_en: str
    name_zh: str
    kg_per_kwh: float
    year: int | None
    source: str


def factor_for(key: str, year: int | None = None) -> EmissionFactor:
    """The table factor for ``key``: the given data year, or the newest one published."""
    if key not in FACTOR_TABLE:
        known = ", ".join(sorted(FACTOR_TABLE))
        raise ValueError(f"unknown grid region {key!r} (known: {known})")
    name_en, name_zh, by_year = FACTOR_TABLE[key]
    if year is None:
        year = max(by_year)
    if year not in by_year:
        years = ", ".join(str(y) for y in sorted(by_year))
        raise ValueError(f"no {year} factor for {key!r} (years: {years})")
    return EmissionFactor(key, name_en, name_zh, by_year[year], year, SOURCES[year])


def resolve_factor(site: SiteLike) -> EmissionFactor:
    """The factor a site's config chooses: a table region or province, or its custom value."""
    if site.grid_region == "custom":
        if site.emission_factor_kg_per_kwh is None:
            raise ValueError("grid_region 'custom' needs emission_factor_kg_per_kwh")
        return EmissionFactor(
            "custom", "Site-specific factor", "本地排放因子", site.emission_factor_kg_per_kwh,
            site.emission_factor_year, site.emission_factor_source or "site configuration",
        )  # fmt: skip
    return factor_for(site.grid_region)


def co2_kg(energy_wh: float, factor: EmissionFactor) -> float:
    """kg CO2 for ``energy_wh`` of grid electricity (avoided by PV, or caused by import)."""
    return energy_wh / 1000.0 * factor.kg_per_kwh
