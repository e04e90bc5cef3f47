"""Grid readings are bounded by the site's grid connection (``site.grid_capacity_kw``), as
PV readings are by its kWp; without the setting, by a conservative default from the site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.config.errors import ConfigError
from kiosk.config.loader import parse_config
from kiosk.config.paths import AppPaths
from kiosk.energy.metrics import Metric
from kiosk.energy.quality import RejectReason
from kiosk.services.energy_service import EnergyService

from .helpers import DAY0, reading

NOW = DAY0 + 86400
GRID_W, GRID_WH = Metric.GRID_IMPORT_POWER_W, Metric.GRID_IMPORT_ENERGY_WH


def ingest(data_dir: Path, tasks: Any, site: dict[str, Any], rows: list[Any]) -> Any:
    config = parse_config({"site": site, "sources": []})
    svc = EnergyService.from_config(config, AppPaths.resolve(data_dir), tasks=tasks)
    try:
        return svc.store.ingest(rows, now=NOW)
    finally:
        svc.stop()


def test_a_grid_connection_of_100_kw_bounds_power_and_counter_steps(
    data_dir: Path, tasks: Any
) -> None:
    t0 = DAY0 + 3600
    rows = [
        reading(GRID_W, 90_000.0, t0),  # within the connection
        reading(GRID_W, 400_000.0, t0 + 1),  # 4 x the connection
        reading(GRID_WH, 1_000_000.0, t0),
        reading(GRID_WH, 1_000_500.0, t0 + 60),  # 30 kW over a minute: fine
        reading(GRID_WH, 1_050_000.0, t0 + 120),  # 50 kWh in a minute = 3 MW
    ]
    report = ingest(data_dir, tasks, {"grid_capacity_kw": 100}, rows)
    assert report.rejected == {RejectReason.SPIKE: 2}


def test_without_the_setting_grid_is_bounded_by_the_documented_default(
    data_dir: Path, tasks: Any
) -> None:
    """2,500 kW or 10 x kWp, whichever is larger (was 10 MW for every site)."""
    t0 = DAY0 + 3600
    rows = [reading(GRID_W, 2_400_000.0, t0), reading(GRID_W, 6_000_000.0, t0 + 1)]
    assert ingest(data_dir, tasks, {}, rows).rejected == {RejectReason.SPIKE: 1}
    big = {"pv_kwp": 1000}  # a site with 1 MWp of PV has a large connection
    assert ingest(data_dir / "big", tasks, big, rows).rejected == {}


def test_a_negative_grid_capacity_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="grid_capacity_kw"):
        parse_config({"site": {"grid_capacity_kw": -5}})
