"""Fair comparisons with a fake clock: so far vs the same span, a finished period vs a whole one."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.energy.buckets import LocalDays
from kiosk.energy.carbon import factor_for
from kiosk.energy.history import history_figures
from kiosk.energy.metrics import Metric
from kiosk.energy.periods import Period, compare, period_window
from kiosk.energy.store import EnergyStore

from .helpers import DAY0, TZ, reading

DAYS = LocalDays(TZ)
AT_10_42 = datetime(2026, 6, 16, 10, 42, tzinfo=TZ).timestamp()  # a Tuesday (DAY0 + 1)


def _local(ts: float) -> str:
    return datetime.fromtimestamp(ts, TZ).strftime("%Y-%m-%d %H:%M")


def test_at_10_42_today_so_far_faces_yesterday_from_midnight_to_10_42() -> None:
    c = compare(DAYS, period_window(DAYS, Period.DAY, AT_10_42), AT_10_42)
    assert c.current.so_far and c.earlier.so_far
    assert (_local(c.current.start_ts), _local(c.current.end_ts)) == (
        "2026-06-16 00:00", "2026-06-16 10:42"
    )  # fmt: skip
    assert (_local(c.earlier.start_ts), _local(c.earlier.end_ts)) == (
        "2026-06-15 00:00", "2026-06-15 10:42"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("period", "earlier_start", "earlier_end"),
    [
        (Period.WEEK, "2026-06-08 00:00", "2026-06-09 10:42"),  # last week, to Tuesday 10:42
        (Period.MONTH, "2025-06-01 00:00", "2025-06-16 10:42"),  # June last year, to the 16th
        (Period.YEAR, "2025-01-01 00:00", "2025-06-16 10:42"),
    ],
)
def test_running_week_month_year_face_the_same_span(
    period: Period, earlier_start: str, earlier_end: str
) -> None:
    c = compare(DAYS, period_window(DAYS, period, AT_10_42), AT_10_42)
    assert _local(c.current.end_ts) == "2026-06-16 10:42"
    assert (_local(c.earlier.start_ts), _local(c.earlier.end_ts)) == (earlier_start, earlier_end)


def test_a_finished_period_faces_the_whole_earlier_one() -> None:
    yesterday = period_window(DAYS, Period.DAY, AT_10_42, step=-1)
    c = compare(DAYS, yesterday, AT_10_42)
    assert not c.current.so_far and not c.earlier.so_far
    assert c.current.end_ts - c.current.start_ts == 86_400
    assert _local(c.earlier.end_ts) == "2026-06-15 00:00"


def test_leap_day_so_far_faces_the_28th_a_year_on() -> None:
    leap = datetime(2028, 2, 29, 9, 0, tzinfo=TZ).timestamp()
    c = compare(DAYS, period_window(DAYS, Period.YEAR, leap), leap)
    assert _local(c.earlier.end_ts) == "2027-02-28 09:00"


def test_noon_figures_are_compared_like_with_like(store: EnergyStore) -> None:
    """Yesterday 100 kWh over the whole day; by 10:42 both days had made the same energy."""
    rows = []
    for day in (DAY0, DAY0 + 86_400):
        for minute in range(0, 24 * 60 + 1):
            rows.append(reading(Metric.PV_POWER_W, 100_000 / 24, day + minute * 60))
    store.ingest([r for r in rows if r.timestamp <= AT_10_42], now=AT_10_42)
    c = compare(store.days, period_window(store.days, Period.DAY, AT_10_42), AT_10_42)
    figures = {f.figure: f for f in history_figures(store, c, factor_for("central"))}
    pv = figures["pv_energy_wh"]
    assert pv.value == pytest.approx(pv.compare_value, rel=0.01)  # not "−63 %"
    assert pv.change_pct() == pytest.approx(0.0, abs=1.0)
    assert figures["co2_avoided_kg"].value == pytest.approx(pv.value / 1000 * 0.5271)
    assert figures["water_harvested_l"].value is None  # no rain meter: no data, not 0
