"""Baselines from kiosk.toml: '8 % below the city average', so far this period, with its source."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.config.errors import ConfigError
from kiosk.config.loader import parse_config
from kiosk.energy.baselines import SiteReferences, baselines_from, compare_baseline
from kiosk.energy.carbon import factor_for
from kiosk.energy.metrics import Metric
from kiosk.energy.store import EnergyStore
from kiosk.energy.summary import summarize

from .helpers import TZ, reading

CITY = {
    "id": "city_average", "figure": "load_energy", "period": "day", "value": 0.5, "per": "m2",
    "name": "the city average", "name_zh": "全市平均",
    "source": "Shenzhen public building energy report 2024 (example)",
}  # fmt: skip


def test_a_day_so_far_against_a_per_m2_city_average(store: EnergyStore) -> None:
    """Noon: half the day gone, so half the daily reference; 8 % less than that is shown."""
    config = parse_config({"site": {"area_m2": 2000.0}, "baselines": [CITY], "sources": []})
    day = datetime(2026, 6, 15, tzinfo=TZ).timestamp()
    noon = day + 12 * 3600
    # 2000 m² × 0.5 kWh/m² a day = 1000 kWh a day; by noon 500 kWh expected, 460 kWh used.
    rows = [reading(Metric.LOAD_POWER_W, 460_000 / 12, day + m * 60) for m in range(12 * 60 + 1)]
    store.ingest(rows, now=noon)
    (baseline,) = baselines_from(config.baselines or ())
    assert baseline.value == 500.0  # Wh per m² a day
    result = compare_baseline(store, baseline, noon, factor_for("central"), area_m2=2000.0)
    assert result.share_of_period == pytest.approx(0.5)
    assert result.expected == pytest.approx(250.0)  # Wh per m² by noon
    assert result.actual == pytest.approx(230.0, rel=1e-3)
    assert result.change_pct == pytest.approx(-8.0, abs=0.1)
    references = SiteReferences(baselines_from(config.baselines or ()), 2000.0, None)
    summary = summarize(store, noon, factor_for("central"), 60.0, references)
    assert [r.baseline.id for r in summary.baselines] == ["city_average"]
    assert summary.baselines[0].change_pct == pytest.approx(-8.0, abs=0.1)


def test_no_data_is_no_comparison(store: EnergyStore) -> None:
    (baseline,) = baselines_from(parse_config({"site": {"area_m2": 10.0}, "baselines": [CITY],
                                               "sources": []}).baselines or ())  # fmt: skip
    result = compare_baseline(store, baseline, 1.78e9, factor_for("central"), area_m2=10.0)
    assert result.actual is None and result.change_pct is None


@pytest.mark.parametrize(
    ("raw", "key", "message"),
    [
        ({"baselines": [CITY]}, "baselines[0].per", "site.area_m2"),
        ({"baselines": [{**CITY, "per": "person"}]}, "baselines[0].per", "site.occupants"),
        ({"site": {"area_m2": 5.0}, "baselines": [{**CITY, "source": " "}]}, "baselines[0].source",
         "comes from"),
        ({"site": {"area_m2": 5.0}, "baselines": [CITY, CITY]}, "baselines[1].id", "duplicate"),
        ({"baselines": [{**CITY, "per": "site", "value": -3}]}, "baselines[0].value", ""),
        ({"baselines": [{**CITY, "per": "site", "figure": "happiness"}]}, "baselines[0].figure",
         ""),
    ],
)  # fmt: skip
def test_bad_baselines_are_refused_naming_the_key(
    raw: dict[str, object], key: str, message: str
) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config({**raw, "sources": []}, "kiosk.toml")
    assert key in str(info.value) and message in str(info.value)


def test_a_kiosk_that_started_recording_this_period_compares_only_that_time(
    store: EnergyStore,
) -> None:
    """Recording began at 06:00: by noon a quarter of the daily reference, not half."""
    day = datetime(2026, 6, 15, tzinfo=TZ).timestamp()
    noon = day + 12 * 3600
    rows = [reading(Metric.LOAD_POWER_W, 250_000 / 6, day + 6 * 3600 + m * 60) for m in range(361)]
    store.ingest(rows, now=noon)
    config = parse_config({"site": {"area_m2": 2000.0}, "baselines": [CITY], "sources": []})
    (baseline,) = baselines_from(config.baselines or ())
    result = compare_baseline(store, baseline, noon, factor_for("central"), area_m2=2000.0)
    assert result.from_first_reading and result.span.start_ts == day + 6 * 3600
    assert result.share_of_period == pytest.approx(0.25)
    assert result.expected == pytest.approx(125.0)  # Wh per m²: 500 × 6 h / 24 h
    assert result.change_pct == pytest.approx(0.0, abs=0.5)
