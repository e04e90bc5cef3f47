"""The built-in equivalents table: schema-valid, sourced, and converting by hand-worked numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.equivalents import load_equivalents
from kiosk.content.source_doc import DocumentError
from kiosk.energy.equivalents import (
    Basis,
    EquivalentFactor,
    EquivalentsError,
    EquivalentsTable,
    parse_equivalents,
    pick_equivalent,
)

BUILTIN = Path(__file__).resolve().parents[2] / "content" / "equivalents.yaml"


def test_builtin_table_is_valid_and_every_factor_is_sourced() -> None:
    table = load_equivalents(BUILTIN)
    ids = {f.id for f in table.factors}
    assert {"tree_seedlings_10y", "car_km", "phone_charges", "led_bulb_hours", "bathtubs"} <= ids
    for f in table.factors:
        assert len(f.source) > 20 and f.label_zh and f.label_en


def test_hand_worked_conversions() -> None:
    table = load_equivalents(BUILTIN)
    co2 = {e.factor.id: e.count for e in table.convert(Basis.CO2_KG, 120.0)}
    assert co2["tree_seedlings_10y"] == pytest.approx(2.0)  # 120 kg / 60 kg
    assert co2["car_km"] == pytest.approx(481.9277, rel=1e-6)  # 120 / 0.249
    energy = {e.factor.id: e.count for e in table.convert(Basis.ENERGY_KWH, 1.9)}
    assert energy == pytest.approx({"phone_charges": 100.0, "led_bulb_hours": 190.0,
                                    "cn_household_days": 1.9 / 7.41,
                                    "cn_hsr_beijing_shanghai_seats": 1.9 / 49.0})  # fmt: skip
    water = table.convert(Basis.WATER_L, 1325.0)
    assert [(e.factor.id, e.count) for e in water] == [("bathtubs", pytest.approx(5.0))]


def test_a_pack_overrides_by_id_and_adds_new_entries() -> None:
    base = load_equivalents(BUILTIN)
    pack = parse_equivalents(
        {
            "schema_version": 1,
            "equivalents": [
                {
                    "id": "car_km",
                    "basis": "co2_kg",
                    "per_item": 0.2,
                    "label": {"zh": "公里", "en": "km"},
                    "source": "Pack editor, local fleet data",
                },
                {
                    "id": "buckets",
                    "basis": "water_l",
                    "per_item": 10,
                    "label": {"zh": "桶", "en": "buckets"},
                    "source": "A 10 L bucket",
                },
            ],
        }
    )
    merged = base.merged_with(pack)
    assert merged.get("car_km").per_item == 0.2
    assert merged.get("buckets") is not None and merged.get("bathtubs") is not None
    assert [f.id for f in merged.factors][: len(base.factors)] == [f.id for f in base.factors]


def test_schema_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "equivalents.yaml"
    bad.write_text(
        "schema_version: 1\nequivalents:\n  - id: trees\n    basis: co2_kg\n    per_item: -5\n"
        "    label: {zh: 树, en: trees}\n    source: somewhere\n",
        "utf-8",
    )
    with pytest.raises(DocumentError) as err:
        load_equivalents(bad)
    assert err.value.line == 5 and "per_item" in str(err.value)


def test_duplicate_ids_are_refused() -> None:
    item = {
        "id": "x",
        "basis": "co2_kg",
        "per_item": 1,
        "label": {"zh": "x", "en": "x"},
        "source": "src",
    }
    with pytest.raises(EquivalentsError, match=r"equivalents\[1\].id: duplicate id 'x'"):
        parse_equivalents({"equivalents": [item, item]})


def test_an_equivalent_is_at_least_one_item_or_nothing() -> None:
    """Never "5.2 L ≈ 0.0 full bathtubs": a count below one item says nothing."""
    tub = EquivalentFactor("bathtubs", Basis.WATER_L, 265.0, "缸洗澡水", "full bathtubs", "EPA")
    cup = EquivalentFactor("cups", Basis.WATER_L, 0.25, "杯水", "cups of water", "-")
    assert pick_equivalent(EquivalentsTable((tub,)), Basis.WATER_L, 5.2) is None
    assert pick_equivalent(EquivalentsTable((tub,)), Basis.WATER_L, 0.0) is None
    assert pick_equivalent(EquivalentsTable((tub, cup)), Basis.WATER_L, 5.2) == ("cups", 20.8)
    # Everything over 9,999: the smallest count still reads as a number of items.
    huge = pick_equivalent(EquivalentsTable((cup, tub)), Basis.WATER_L, 3e6)
    assert huge is not None and huge[0] == "bathtubs" and huge[1] > 10_000


def test_china_sourced_equivalents_come_first_for_a_chinese_site() -> None:
    """Each entry says where its figure holds; a site's own region is picked first."""
    table = load_equivalents(BUILTIN)
    regions = {f.id: f.region for f in table.factors}
    assert regions["cn_household_days"] == regions["cn_hsr_beijing_shanghai_seats"] == "CN"
    assert regions["car_km"] == "US" and regions["led_bulb_hours"] == "world"
    for f in table.factors:
        if f.region == "CN":
            assert "NBS" in f.source or "National" in f.source or "Railway" in f.source, f.id
    # 37 kWh of solar today: "5.0 days of a household's use" before "1,947 phone charges".
    assert pick_equivalent(table.preferring("CN"), Basis.ENERGY_KWH, 37_000) == (
        "cn_household_days", pytest.approx(37 / 7.41)
    )  # fmt: skip
    assert pick_equivalent(table.preferring("US"), Basis.ENERGY_KWH, 37_000)[0] == "phone_charges"
    with pytest.raises(DocumentError):  # a region must be a country code or "world"
        parse_doc_with_region("China")


def parse_doc_with_region(region: str) -> None:
    from kiosk.content.source_doc import parse_document

    text = (
        "schema_version: 1\nequivalents:\n  - {id: x, basis: co2_kg, per_item: 1, source: somewhere,"
        f" label: {{zh: x, en: x}}, region: {region}}}\n"
    )
    parse_document(text, "equivalents", "test.yaml")


def test_an_equivalent_reads_as_a_sentence_with_its_source_in_each_language() -> None:
    factor = load_equivalents(BUILTIN).get("cn_household_days")
    assert factor is not None
    assert factor.sentence("zh", "2.9") == "相当于一个中国家庭 2.9 天的生活用电"
    assert factor.sentence("en", "2.9") == "as much as a Chinese household uses at home in 2.9 days"
    assert factor.about("zh").endswith("。") and factor.about("en").endswith(".")
    assert factor.source_in("zh").startswith("国家能源局")
    assert factor.source_in("en").startswith("National Energy Administration")
    # a pack's older entry (one source string, no sentence) still reads in both languages
    old = EquivalentFactor("tubs", Basis.WATER_L, 265.0, "缸洗澡水", "full bathtubs", "EPA")
    assert old.sentence("zh", "3") == "≈ 3 缸洗澡水" and old.source_in("zh") == "EPA"
    assert old.about("en") == ""
