"""Simulator: night, solar noon, seasons, determinism, timetables and rain (Qt-free)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from kiosk.config.loader import parse_config
from kiosk.config.model import SiteConfig
from kiosk.energy.metrics import Metric, Provenance
from kiosk.sources.options.simulator import SimulatorOptions
from kiosk.sources.registry import create_source
from kiosk.sources.simulator import AcceleratedClock, Simulator, SiteModel, is_school_holiday
from kiosk.sources.solar import sun_position

TZ = ZoneInfo("Asia/Shanghai")
WUHAN = SiteConfig()  # 30.59 N, 114.31 E, 50 kWp, tilt 25, south, store
CLEAR = SimulatorOptions(cloudiness=0.0)


def at(y: int, m: int, d: int, h: float = 0.0) -> float:
    return datetime(y, m, d, tzinfo=TZ).timestamp() + h * 3600


def daily_pv_kwh(model: SiteModel, y: int, m: int, d: int) -> float:
    return sum(model.pv_power_w(at(y, m, d) + i * 300) for i in range(288)) * 300 / 3.6e6


def test_sun_is_overhead_at_the_june_solstice_noon_of_wuhan() -> None:
    noon = at(2026, 6, 21, 12 + 25 / 60)  # local solar noon is about 12:25 at 114.31 E
    sun = sun_position(noon, 30.59, 114.31)
    assert sun.zenith_deg == pytest.approx(30.59 - 23.44, abs=0.3)
    assert sun.azimuth_deg == pytest.approx(180.0, abs=5.0)


def test_zero_at_night() -> None:
    model = SiteModel(WUHAN, SimulatorOptions(cloudiness=1.0))
    for h in (0, 2, 4, 20.5, 23):
        assert model.pv_power_w(at(2026, 6, 21, h)) == 0.0
        assert model.pv_power_w(at(2026, 12, 21, h)) == 0.0


def test_peaks_near_solar_noon_on_a_clear_day() -> None:
    model = SiteModel(WUHAN, CLEAR)
    times = [at(2026, 3, 20) + i * 60 for i in range(1440)]
    peak = max(times, key=model.pv_power_w)
    hours = (peak - at(2026, 3, 20)) / 3600
    assert 12.0 <= hours <= 12.8  # solar noon 12:31 at the March equinox (EoT +7 min)
    assert 0.6 * 50_000 < model.pv_power_w(peak) < 50_000  # below the 50 kWp rating


def test_seasonal_summer_days_yield_more_than_winter_days() -> None:
    model = SiteModel(WUHAN, CLEAR)
    june, december = daily_pv_kwh(model, 2026, 6, 21), daily_pv_kwh(model, 2026, 12, 21)
    assert june > 1.2 * december
    assert 150 < june < 400  # 50 kWp: 3-8 full-sun hours


def test_deterministic_for_a_seed_and_different_for_another() -> None:
    opts = SimulatorOptions(seed=42, cloudiness=0.9)
    a, b = SiteModel(WUHAN, opts), SiteModel(WUHAN, opts)
    other = SiteModel(WUHAN, SimulatorOptions(seed=43, cloudiness=0.9))
    times = [at(2026, 5, d, 9 + i / 7) for d in range(1, 15) for i in range(14)]
    assert [a.pv_power_w(t) for t in times] == [b.pv_power_w(t) for t in reversed(times)][::-1]
    assert [a.pv_power_w(t) for t in times] != [other.pv_power_w(t) for t in times]


def test_clouds_vary_the_output_but_never_above_clear_sky() -> None:
    clear, cloudy = SiteModel(WUHAN, CLEAR), SiteModel(WUHAN, SimulatorOptions(cloudiness=1.0))
    ratios = {
        round(cloudy.pv_power_w(t) / clear.pv_power_w(t), 3)
        for d in range(1, 29)
        for t in (at(2026, 4, d, 11), at(2026, 4, d, 14))
    }
    assert len(ratios) > 20 and max(ratios) <= 1.0 and min(ratios) < 0.6


def test_school_timetable_weekends_and_holidays() -> None:
    school = SiteModel(SiteConfig(kind="school"), CLEAR)
    tuesday, saturday = at(2026, 11, 24, 10), at(2026, 11, 28, 10)
    assert school.occupancy(tuesday) == 1.0 and school.occupancy(saturday) == 0.0
    assert school.occupancy(at(2026, 11, 24, 3)) == 0.0
    assert school.load_power_w(tuesday) > 3 * school.load_power_w(saturday)
    assert is_school_holiday(datetime(2026, 8, 1).date()) and is_school_holiday(
        datetime(2026, 10, 3).date()
    )
    assert school.occupancy(at(2026, 8, 4, 10)) == 0.0  # a Tuesday in the summer break


def test_store_opening_hours() -> None:
    store = SiteModel(SiteConfig(kind="store"), CLEAR)
    assert store.occupancy(at(2026, 11, 24, 8)) == 0.0
    assert store.occupancy(at(2026, 11, 24, 15)) == 1.0
    assert store.occupancy(at(2026, 11, 28, 15)) == 1.15  # busier at weekends
    assert store.occupancy(at(2026, 11, 24, 23)) == 0.0


def test_rain_fills_the_tank_only_on_rainy_days() -> None:
    sim = Simulator("sim", WUHAN, SimulatorOptions(seed=5, cloudiness=0.8))
    per_day = []
    for d in range(1, 31):
        start = sim.read(at(2026, 6, d))
        end = sim.read(at(2026, 6, d) + 86400 - 1)
        harvested = [r.value for r in (*start, *end) if r.metric is Metric.WATER_HARVESTED_L]
        per_day.append(harvested[1] - harvested[0])
    rainy = [v for v in per_day if v > 0]
    assert 3 <= len(rainy) <= 27  # some days rain, some do not
    assert min(rainy) > 400 * 0.8 * 0.5 * 0.9  # at least ~1 h of 0.5 mm/h on 400 m²


def test_readings_grid_balance_and_provenance() -> None:
    sim = Simulator("sim", WUHAN, SimulatorOptions(meters=("block_a", "block_b")))
    rows = sim.read(at(2026, 6, 21, 12))
    by = {(r.metric, r.meter): r.value for r in rows}
    pv, load = by[(Metric.PV_POWER_W, "")], by[(Metric.LOAD_POWER_W, "")]
    assert by[(Metric.GRID_IMPORT_POWER_W, "")] - by[
        (Metric.GRID_EXPORT_POWER_W, "")
    ] == pytest.approx(load - pv)
    assert by[(Metric.LOAD_POWER_W, "block_a")] + by[
        (Metric.LOAD_POWER_W, "block_b")
    ] == pytest.approx(load)
    assert {r.provenance for r in rows} == {Provenance.SIMULATED}


def test_registered_and_built_from_config() -> None:
    cfg = parse_config(
        {
            "site": {"kind": "school"},
            "sources": [{"id": "sim", "type": "simulator", "options": {"seed": 3}}],
        }
    )
    src = create_source(cfg.sources[0], cfg)
    assert isinstance(src, Simulator) and src.model.options.seed == 3


def test_accelerated_clock_runs_faster() -> None:
    real = iter([1000.0, 1010.0])
    clock = AcceleratedClock(60.0, start=at(2026, 6, 21), real=lambda: next(real))
    assert clock() == at(2026, 6, 21) + 600.0


def test_cli_probe_prints_one_json_object_per_reading(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    from kiosk.cli import main

    cfg = tmp_path / "kiosk.toml"
    cfg.write_text('[[sources]]\nid = "sim"\ntype = "simulator"\n', "utf-8")
    assert main(["source", "probe", "--config", str(cfg)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {d["metric"] for d in lines} >= {"pv_power_w", "load_power_w", "water_harvested_l"}
    first = lines[0]
    assert set(first) == {"source", "metric", "meter", "value", "unit", "timestamp", "provenance"}
    assert first["provenance"] == "simulated" and first["timestamp"].endswith("Z")


def test_history_covers_the_past_hours_every_five_minutes_and_continues_into_read() -> None:
    config = parse_config(
        {"sources": [{"id": "sim", "type": "simulator", "options": {"history_hours": 6}}]}
    )
    source = create_source(config.sources[0], config)
    now = at(2026, 6, 21, 14.0)
    past = source.history(now)
    stamps = sorted({r.timestamp for r in past})
    assert len(stamps) == 72 and stamps[0] == now - 6 * 3600 and stamps[-1] == now - 300
    assert any(r.metric is Metric.PV_POWER_W and r.value > 0 for r in past)
    harvested = [r.value for r in past if r.metric is Metric.WATER_HARVESTED_L]
    assert harvested == sorted(harvested)  # a counter: it only grows
    later = source.read(now)
    now_harvested = next(r.value for r in later if r.metric is Metric.WATER_HARVESTED_L)
    assert now_harvested >= harvested[-1]
