"""CSV replay: alignment, speed, looping, recorded bad values and located errors."""

from __future__ import annotations

import math
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.config.loader import parse_config
from kiosk.energy.metrics import Metric, Provenance
from kiosk.energy.store import EnergyStore
from kiosk.sources.base import SourceMisconfigured
from kiosk.sources.csv_replay import CsvReplay
from kiosk.sources.options.csv_replay import CsvReplayOptions
from kiosk.sources.registry import create_source

TZ = ZoneInfo("Asia/Shanghai")
T0 = 1_780_000_000.0


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "rec.csv"
    p.write_text(text, "utf-8")
    return p


def replay(path: Path, **kw: object) -> CsvReplay:
    return CsvReplay("rec", CsvReplayOptions(path=str(path), **kw), TZ)  # type: ignore[arg-type]


def test_aligned_replay_starts_at_the_first_read(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "timestamp,metric,value\n"
        "2026-06-01T12:00:00,pv_power_w,1000\n"
        "2026-06-01T12:00:10,pv_power_w,1100\n"
        "2026-06-01T12:00:20,pv_power_w,1200\n",
    )
    src = replay(p)
    first = src.read(T0)
    assert [(r.metric, r.value, r.timestamp) for r in first] == [(Metric.PV_POWER_W, 1000.0, T0)]
    assert first[0].provenance is Provenance.SIMULATED
    assert [r.value for r in src.read(T0 + 15)] == [1100.0]
    assert [r.timestamp for r in src.read(T0 + 60)] == [T0 + 20]
    assert src.read(T0 + 120) == []  # finished, nothing more (no loop)


def test_speed_and_loop(tmp_path: Path) -> None:
    p = write(tmp_path, "timestamp,metric,value,meter\n0,load_power_w,1,a\n60,load_power_w,2,a\n")
    src = replay(p, speed=60.0, loop=True)
    src.read(T0)
    later = src.read(T0 + 3)  # 3 s at 60× = 180 s of recording = rows at 60, 120, 180
    assert [(r.value, r.timestamp, r.meter) for r in later] == [
        (2.0, T0 + 1, "a"), (1.0, T0 + 2, "a"), (2.0, T0 + 3, "a")
    ]  # fmt: skip


def test_recorded_timestamps_feed_the_store_and_bad_values_are_filtered(
    tmp_path: Path, data_dir: Path
) -> None:
    p = write(
        tmp_path,
        "timestamp,metric,value\n"
        f"{T0},grid_import_energy_wh,1000\n{T0 + 60},grid_import_energy_wh,1100\n"
        f"{T0 + 120},pv_power_w,nan\n{T0 + 180},pv_power_w,-5\n{T0 + 240},pv_power_w,inf\n"
        f"{T0 + 120},grid_import_energy_wh,1150\n",
    )
    rows = replay(p, align_to_now=False).read(T0 + 3600)
    assert len(rows) == 6 and math.isnan(rows[2].value)
    store = EnergyStore(data_dir / "r.sqlite3", tz=TZ)
    report = store.ingest(rows, now=T0 + 3600)
    store.close()
    assert report.accepted == 3 and report.rejected_total == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("time,metric,value\n1,pv_power_w,1\n", ":1: header must be timestamp,metric,value"),
        ("timestamp,metric,value\n1,pv_power_w,1\n2,solar_w,1\n", ":3: unknown metric 'solar_w'"),
        ("timestamp,metric,value\n1,pv_power_w,abc\n", ":2: value 'abc' is not a number"),
        (
            "timestamp,metric,value\nyesterday,pv_power_w,1\n",
            ":2: timestamp 'yesterday' is neither",
        ),
        ("timestamp,metric,value\n1,pv_power_w\n", ":2: expected 3 columns, got 2"),
        ("timestamp,metric,value\n", "no readings after the header"),
    ],
)
def test_bad_files_fail_naming_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    p = write(tmp_path, text)
    with pytest.raises(SourceMisconfigured) as err:
        replay(p).read(T0)
    assert str(p) in str(err.value) and message in str(err.value)


def test_missing_file_and_missing_path(tmp_path: Path) -> None:
    with pytest.raises(SourceMisconfigured, match="CSV file not found"):
        replay(tmp_path / "nope.csv").read(T0)
    with pytest.raises(SourceMisconfigured, match=r"needs options\.path"):
        CsvReplay("rec", CsvReplayOptions(), TZ).read(T0)


def test_registered_as_csv(tmp_path: Path) -> None:
    p = write(tmp_path, "timestamp,metric,value\n1,pv_power_w,1\n")
    cfg = parse_config({"sources": [{"id": "r", "type": "csv", "options": {"path": str(p)}}]})
    assert isinstance(create_source(cfg.sources[0], cfg), CsvReplay)


def test_cli_probe_exits_1_naming_the_failing_source(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    from kiosk.cli import main

    good = write(tmp_path, "timestamp,metric,value\n1780000000,pv_power_w,nan\n")
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(
        f'[[sources]]\nid = "rec"\ntype = "csv"\noptions = {{ path = "{good}", align_to_now = false }}\n'
        f'[[sources]]\nid = "gone"\ntype = "csv"\noptions = {{ path = "{tmp_path / "gone.csv"}" }}\n',
        "utf-8",
    )
    assert main(["source", "probe", "--config", str(cfg)]) == 1
    out, err = capsys.readouterr()
    row = json.loads(out)
    assert row["value"] is None and "not a finite number" in row["problem"]
    assert "source 'gone' (csv): CSV file not found" in err and "1 of 2 sources failed" in err
    assert main(["source", "probe", "nope", "--config", str(cfg)]) == 2
