"""``kiosk energy now|history``: the screens' figures as JSON lines, from a real store."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.cli import main
from kiosk.config.paths import AppPaths
from kiosk.energy.metrics import Metric, Provenance, Reading
from kiosk.energy.store import EnergyStore

TZ = ZoneInfo("Asia/Shanghai")
DAY = datetime(2026, 6, 15, tzinfo=TZ).timestamp()


def fill(data_dir: Path, readings: list[Reading], now: float) -> None:
    store = EnergyStore(AppPaths.resolve(data_dir).readings_db, tz=TZ)
    store.ingest(readings, now=now)
    store.close()


def every_minute(metric: Metric, value: float, start: float, end: float) -> list[Reading]:
    return [
        Reading(metric, value, float(t), "sim", Provenance.SIMULATED)
        for t in range(int(start), int(end) + 1, 60)
    ]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert main(list(args)) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_now_after_midnight_prints_zeros_with_their_provenance(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    at = DAY + 86_400 + 5 * 60  # 00:05
    fill(data_dir, every_minute(Metric.PV_POWER_W, 0.0, at - 3600, at)
         + every_minute(Metric.WATER_HARVESTED_L, 800.0, at - 3600, at), at)  # fmt: skip
    rows = run(capsys, "energy", "now", "--json", "--data-dir", str(data_dir), "--at", str(at))
    by_id = {r["figure"]: r for r in rows}
    for figure in ("pv_power_w", "pv_energy_today_wh", "co2_avoided_today_kg",
                   "water_harvested_today_l"):  # fmt: skip
        assert by_id[figure]["value"] == 0.0, figure
        assert by_id[figure]["provenance"] == "simulated", figure
    assert by_id["pv_energy_today_wh"]["unit"] == "Wh"
    assert by_id["load_power_w"] == {
        "figure": "load_power_w", "value": None, "unit": "W", "provenance": "no data",
        "age_s": None,
    }  # fmt: skip
    assert by_id["self_sufficiency_today_pct"]["value"] is None
    assert {"figure", "value", "unit", "provenance", "age_s"} == set(rows[0])


def test_history_at_10_42_compares_midnight_to_10_42_of_both_days(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    at = datetime(2026, 6, 16, 10, 42, tzinfo=TZ).timestamp()
    lib = [Reading(Metric.LOAD_POWER_W, 2000.0, float(t), "sim", Provenance.SIMULATED, "lib")
           for t in range(int(at) - 3600, int(at) + 1, 60)]  # fmt: skip
    fill(data_dir, every_minute(Metric.PV_POWER_W, 6000.0, DAY, at) + lib, at)
    rows = run(capsys, "energy", "history", "--period", "day", "--json",
               "--data-dir", str(data_dir), "--at", "2026-06-16T10:42")  # fmt: skip
    pv = next(r for r in rows if r["figure"] == "pv_energy_wh")
    assert (pv["start"], pv["end"]) == ("2026-06-16T00:00:00+08:00", "2026-06-16T10:42:00+08:00")
    assert (pv["compare_start"], pv["compare_end"]) == (
        "2026-06-15T00:00:00+08:00", "2026-06-15T10:42:00+08:00"
    )  # fmt: skip
    assert pv["so_far"] is True
    assert pv["value"] == pytest.approx(6000 * 10.7, rel=0.01)
    assert pv["compare_value"] == pytest.approx(pv["value"], rel=0.01)
    assert abs(pv["change_pct"]) < 1
    assert {r["figure"] for r in rows} == {
        "pv_energy_wh", "load_energy_wh", "co2_avoided_kg", "water_harvested_l",
        "building.lib.load_energy_wh",
    }  # fmt: skip
    lib_today = next(r for r in rows if r["figure"] == "building.lib.load_energy_wh")
    assert lib_today["value"] == pytest.approx(2000.0, rel=0.02)  # its last hour at 2 kW


def test_a_table_without_json_and_a_clear_error_without_a_database(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["energy", "now", "--data-dir", str(data_dir)]) == 1
    assert "no readings database at" in capsys.readouterr().err
    fill(data_dir, every_minute(Metric.PV_POWER_W, 1234.5, DAY, DAY + 600), DAY + 600)
    assert main(["energy", "now", "--data-dir", str(data_dir), "--at", str(DAY + 600)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:2] == ["FIGURE", "VALUE"]
    assert "1,234.50" in out
    assert main(["energy", "history", "--data-dir", str(data_dir), "--at", "yesterday"]) == 2
    assert "--at must be ISO 8601" in capsys.readouterr().err


def test_now_prints_each_baseline_with_its_source(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        '[site]\narea_m2 = 1000.0\n\n[[sources]]\nid = "sim"\n\n[[baselines]]\n'
        'id = "city"\nfigure = "load_energy"\nperiod = "day"\nvalue = 0.2\nper = "m2"\n'
        'name = "the city average"\nname_zh = "全市平均"\nsource = "City report 2024"\n',
        "utf-8",
    )
    noon = DAY + 12 * 3600  # 100 kWh expected by noon (200 kWh a day); 92 kWh used
    fill(data_dir, every_minute(Metric.LOAD_POWER_W, 92_000 / 12, DAY, noon), noon)
    rows = run(capsys, "energy", "now", "--json", "--config", str(config),
               "--data-dir", str(data_dir), "--at", str(noon))  # fmt: skip
    city = next(r for r in rows if r["figure"] == "baseline.city")
    assert city["value"] == pytest.approx(-8.0, abs=0.1) and city["unit"] == "%"
    assert city["provenance"] == "compared with the city average (City report 2024)"
    assert (city["period"], city["per"], city["compared"]) == ("day", "m2", "load_energy_wh")


def test_now_prints_manual_figures_with_who_entered_them_and_when(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    from kiosk.energy.manual import add_entry

    noon = DAY + 12 * 3600
    fill(data_dir, every_minute(Metric.PV_POWER_W, 0.0, noon - 600, noon), noon)
    store = EnergyStore(AppPaths.resolve(data_dir).readings_db, tz=TZ)
    add_entry(store, "bench_phone_charges", 140, date(2026, 6, 12), now=noon)
    store.close()
    rows = run(capsys, "energy", "now", "--json", "--data-dir", str(data_dir), "--at", str(noon))
    charges = next(r for r in rows if r["figure"] == "manual.bench_phone_charges_year")
    assert charges == {
        "figure": "manual.bench_phone_charges_year", "value": 140.0, "unit": "count",
        "provenance": "entered by staff on 2026-06-12", "age_s": None,
    }  # fmt: skip
