"""Shared helpers for energy tests: readings at fixed times (2026-06-15 local, Asia/Shanghai)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.energy.metrics import Metric, Provenance, Reading

TZ = ZoneInfo("Asia/Shanghai")
#: Local midnight starting 2026-06-15 in Shanghai, as Unix seconds.
DAY0 = datetime(2026, 6, 15, tzinfo=TZ).timestamp()


def reading(
    metric: Metric, value: float, ts: float, meter: str = "", source: str = "test"
) -> Reading:
    return Reading(metric, value, ts, source, Provenance.LIVE, meter)
