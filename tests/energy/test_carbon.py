"""Carbon arithmetic checked against hand-worked examples (carbon-factors.md values)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kiosk.config.model import GRID_REGIONS, SiteConfig
from kiosk.energy.carbon import co2_kg, factor_for, resolve_factor


def test_national_default_is_the_2023_factor() -> None:
    f = factor_for("national")
    assert (f.kg_per_kwh, f.year, f.name_zh) == (0.5306, 2023, "全国平均")
    assert "MEE" in f.source and "2023" in f.source
    assert factor_for("national", 2021).kg_per_kwh == 0.5568


def test_every_configurable_region_has_a_factor() -> None:
    for region in GRID_REGIONS:
        if region != "custom":
            assert 0.1 < resolve_factor(SiteConfig(grid_region=region)).kg_per_kwh < 1.0


def test_hand_worked_pv_avoided_in_wuhan() -> None:
    # Wuhan is on the Central China grid (0.5271 kg/kWh, 2023).
    # 1,234.5 kWh × 0.5271 = 650.70495 kg CO2 avoided.
    factor = resolve_factor(SiteConfig(grid_region="central"))
    assert co2_kg(1_234_500.0, factor) == pytest.approx(650.70495, abs=1e-9)


def test_hand_worked_consumption_in_shenzhen() -> None:
    # Southern grid 0.4042; 86.4 kWh imported: 86.4 × 0.4042 = 34.92288 kg CO2.
    assert co2_kg(86_400.0, factor_for("south")) == pytest.approx(34.92288, abs=1e-9)


def test_provincial_factor_from_2022() -> None:
    # Yunnan (hydro) 0.1073: 1000 kWh -> 107.3 kg.
    f = factor_for("yunnan")
    assert f.year == 2022 and co2_kg(1_000_000.0, f) == pytest.approx(107.3)


def test_custom_factor_and_its_source() -> None:
    site = SiteConfig(
        grid_region="custom", emission_factor_kg_per_kwh=0.6, emission_factor_year=2024,
        emission_factor_source="Provincial DRC notice",
    )  # fmt: skip
    f = resolve_factor(site)
    assert (f.kg_per_kwh, f.year, f.source) == (0.6, 2024, "Provincial DRC notice")
    assert co2_kg(2500.0, f) == pytest.approx(1.5)  # 2.5 kWh × 0.6


@dataclass
class _Site:
    grid_region: str
    emission_factor_kg_per_kwh: float | None = None
    emission_factor_year: int | None = None
    emission_factor_source: str = ""


def test_unknown_region_and_year_are_named() -> None:
    with pytest.raises(ValueError, match="unknown grid region 'atlantis'"):
        resolve_factor(_Site("atlantis"))
    with pytest.raises(ValueError, match="no 2019 factor for 'south'"):
        factor_for("south", 2019)
    with pytest.raises(ValueError, match="needs emission_factor_kg_per_kwh"):
        resolve_factor(_Site("custom"))


def test_all_thirty_provinces_with_their_2022_and_2021_factors() -> None:
    """MEE & NBS published provincial factors for 30 provinces (not Tibet): none is 'custom'."""
    from kiosk.energy.carbon import FACTOR_TABLE

    regions = {"national", "north", "northeast", "east", "central", "northwest", "south",
               "southwest"}  # fmt: skip
    provinces = {k: v for k, v in FACTOR_TABLE.items() if k not in regions}
    assert len(provinces) == 30
    for key, (name_en, name_zh, by_year) in provinces.items():
        assert set(by_year) == {2021, 2022}, key
        assert name_en and name_zh, key
    # The ten printed in the announcement's coverage (carbon-factors.md), digit for digit.
    printed = {"hebei": 0.7252, "shanxi": 0.7096, "tianjin": 0.7041, "inner_mongolia": 0.6849,
               "anhui": 0.6782, "fujian": 0.4092, "guangxi": 0.4044, "qinghai": 0.1567,
               "sichuan": 0.1404, "yunnan": 0.1073}  # fmt: skip
    for key, value in printed.items():
        assert factor_for(key).kg_per_kwh == value, key
    hubei = resolve_factor(SiteConfig(grid_region="hubei"))
    assert (hubei.name_zh, hubei.kg_per_kwh, hubei.year) == ("湖北", 0.4364, 2022)
    assert "2022" in hubei.source and "MEE" in hubei.source
    assert factor_for("beijing").kg_per_kwh == 0.558
    assert factor_for("guangdong", 2021).kg_per_kwh == 0.4715
    # Highest Hebei, lowest Yunnan, as the announcement's coverage says.
    by_2022 = {k: v[2][2022] for k, v in provinces.items()}
    assert max(by_2022, key=by_2022.__getitem__) == "hebei"
    assert min(by_2022, key=by_2022.__getitem__) == "yunnan"
