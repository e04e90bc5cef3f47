"""Grid CO2 emission factors for China and the CO2 arithmetic built on them.

Factors are kg CO2 per kWh of electricity consumed, from the Ministry of Ecology and
Environment (MEE) and National Bureau of Statistics (NBS) announcements on electricity CO2
emission factors. The screen that explains a figure shows the factor, its year and source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

_MEE = "MEE & NBS announcement on electricity CO2 emission factors"
_MEE_ZH = "生态环境部、国家统计局关于发布电力二氧化碳排放因子的公告"
SOURCES = {
    2023: f"{_MEE} (2023 data, published 2026-01)",
    2022: f"{_MEE} (2022 data, dated 2024-12-20)",
    2021: f"{_MEE} (2021 data, announcement 2024 No. 12)",
}
SOURCES_ZH = {
    2023: f"{_MEE_ZH}（2023 年数据，2026 年 1 月发布）",
    2022: f"{_MEE_ZH}（2022 年数据，2024 年 12 月 20 日）",
    2021: f"{_MEE_ZH}（2021 年数据，2024 年第 12 号公告）",
}

#: key -> (English name, Chinese name, {data year: kg CO2 per kWh}). Provinces: the 30 for which
#: MEE & NBS published 2021 and 2022 factors (none for Tibet); 2023 only national and regional.
FACTOR_TABLE: dict[str, tuple[str, str, dict[int, float]]] = {
    "national": ("China national average", "全国平均", {2023: 0.5306, 2022: 0.5366, 2021: 0.5568}),
    "north": ("North China grid", "华北电网", {2023: 0.6361, 2022: 0.6776, 2021: 0.7120}),
    "northeast": ("Northeast grid", "东北电网", {2023: 0.5122, 2022: 0.5564, 2021: 0.6012}),
    "east": ("East China grid", "华东电网", {2023: 0.5500, 2022: 0.5617, 2021: 0.5992}),
    "central": ("Central China grid", "华中电网", {2023: 0.5271, 2022: 0.5395, 2021: 0.5354}),
    "northwest": ("Northwest grid", "西北电网", {2023: 0.5543, 2022: 0.5857, 2021: 0.5951}),
    "south": ("Southern grid", "南方电网", {2023: 0.4042, 2022: 0.3869, 2021: 0.4326}),
    "southwest": ("Southwest grid", "西南电网", {2023: 0.2472, 2022: 0.2268, 2021: 0.2113}),
    "beijing": ("Beijing", "北京", {2022: 0.5580, 2021: 0.5688}),
    "tianjin": ("Tianjin", "天津", {2022: 0.7041, 2021: 0.7355}),
    "hebei": ("Hebei", "河北", {2022: 0.7252, 2021: 0.7901}),
    "shanxi": ("Shanxi", "山西", {2022: 0.7096, 2021: 0.7222}),
    "inner_mongolia": ("Inner Mongolia", "内蒙古", {2022: 0.6849, 2021: 0.7025}),
    "liaoning": ("Liaoning", "辽宁", {2022: 0.5626, 2021: 0.5876}),
    "jilin": ("Jilin", "吉林", {2022: 0.4932, 2021: 0.5629}),
    "heilongjiang": ("Heilongjiang", "黑龙江", {2022: 0.5368, 2021: 0.6342}),
    "shanghai": ("Shanghai", "上海", {2022: 0.5849, 2021: 0.5834}),
    "jiangsu": ("Jiangsu", "江苏", {2022: 0.5978, 2021: 0.6451}),
    "zhejiang": ("Zhejiang", "浙江", {2022: 0.5153, 2021: 0.5422}),
    "anhui": ("Anhui", "安徽", {2022: 0.6782, 2021: 0.7075}),
    "fujian": ("Fujian", "福建", {2022: 0.4092, 2021: 0.4711}),
    "jiangxi": ("Jiangxi", "江西", {2022: 0.5752, 2021: 0.5835}),
    "shandong": ("Shandong", "山东", {2022: 0.6410, 2021: 0.6838}),
    "henan": ("Henan", "河南", {2022: 0.6058, 2021: 0.6369}),
    "hubei": ("Hubei", "湖北", {2022: 0.4364, 2021: 0.3672}),
    "hunan": ("Hunan", "湖南", {2022: 0.4900, 2021: 0.5138}),
    "guangdong": ("Guangdong", "广东", {2022: 0.4403, 2021: 0.4715}),
    "guangxi": ("Guangxi", "广西", {2022: 0.4044, 2021: 0.5154}),
    "hainan": ("Hainan", "海南", {2022: 0.4184, 2021: 0.4524}),
    "chongqing": ("Chongqing", "重庆", {2022: 0.5227, 2021: 0.4743}),
    "sichuan": ("Sichuan", "四川", {2022: 0.1404, 2021: 0.1255}),
    "guizhou": ("Guizhou", "贵州", {2022: 0.4989, 2021: 0.5182}),
    "yunnan": ("Yunnan", "云南", {2022: 0.1073, 2021: 0.1235}),
    "shaanxi": ("Shaanxi", "陕西", {2022: 0.6558, 2021: 0.6336}),
    "gansu": ("Gansu", "甘肃", {2022: 0.4772, 2021: 0.4955}),
    "qinghai": ("Qinghai", "青海", {2022: 0.1567, 2021: 0.1326}),
    "ningxia": ("Ningxia", "宁夏", {2022: 0.6423, 2021: 0.6546}),
    "xinjiang": ("Xinjiang", "新疆", {2022: 0.6231, 2021: 0.6577}),
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
    source_zh: str = ""  # the source in Chinese; "" = as ``source`` (a site's own words)

    def source_in(self, language: str) -> str:
        return self.source_zh if language == "zh" and self.source_zh else self.source


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
    return EmissionFactor(
        key, name_en, name_zh, by_year[year], year, SOURCES[year], SOURCES_ZH[year]
    )


def resolve_factor(site: SiteLike) -> EmissionFactor:
    """The factor a site's config chooses: a table region or province, or its custom value."""
    if site.grid_region == "custom":
        if site.emission_factor_kg_per_kwh is None:
            raise ValueError("grid_region 'custom' needs emission_factor_kg_per_kwh")
        return EmissionFactor(
            "custom", "Site-specific factor", "本地排放因子", site.emission_factor_kg_per_kwh,
            site.emission_factor_year, site.emission_factor_source or "site configuration",
            "" if site.emission_factor_source else "本站配置",
        )  # fmt: skip
    return factor_for(site.grid_region)


def co2_kg(energy_wh: float, factor: EmissionFactor) -> float:
    """kg CO2 for ``energy_wh`` of grid electricity (avoided by PV, or caused by import)."""
    return energy_wh / 1000.0 * factor.kg_per_kwh
