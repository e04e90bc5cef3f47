"""Manual metrics: staff entries stored with their day, totals per year, bad entries refused."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kiosk.energy.carbon import factor_for
from kiosk.energy.manual import EntryRefused, add_entry, check_entry, year_totals
from kiosk.energy.store import EnergyStore
from kiosk.energy.summary import summarize

from .helpers import TZ

NOW = datetime(2026, 6, 15, 10, 42, tzinfo=TZ).timestamp()
TODAY = date(2026, 6, 15)


def test_entries_add_up_per_year_with_the_newest_day(store: EnergyStore) -> None:
    add_entry(store, "compost_kg", 12.5, date(2026, 6, 12), now=NOW)
    add_entry(store, "compost_kg", 7.5, date(2026, 6, 14), now=NOW)
    add_entry(store, "compost_kg", 99.0, date(2025, 12, 30), now=NOW)  # last year
    add_entry(store, "trees_planted", 30, date(2026, 3, 12), now=NOW)
    totals = {t.metric.id: t for t in year_totals(store, NOW)}
    assert totals["compost_kg"].year_total == 20.0
    assert totals["compost_kg"].last_day == date(2026, 6, 14)
    assert totals["compost_kg"].origin == "staff"
    assert totals["trees_planted"].year_total == 30
    s = summarize(store, NOW, factor_for("central"))
    assert [t.metric.id for t in s.manual] == ["compost_kg", "trees_planted"]


def test_entries_survive_reopening_the_store(store: EnergyStore) -> None:
    add_entry(store, "bottles_recycled", 240, TODAY, now=NOW)
    again = EnergyStore(store.path, tz=TZ)
    try:
        assert year_totals(again, NOW)[0].year_total == 240
    finally:
        again.close()


@pytest.mark.parametrize(
    ("metric", "amount", "day", "reason"),
    [
        ("compost_kg", -3.0, TODAY, "cannot be negative"),
        ("compost_kg", 0.0, TODAY, "nothing to add"),
        ("compost_kg", float("nan"), TODAY, "not a number"),
        ("compost_kg", 50_000.0, TODAY, "more than 5,000 kg in one day is not plausible"),
        ("trees_planted", 2.5, TODAY, "whole numbers"),
        ("trees_planted", 3, date(2026, 6, 16), "is in the future"),
        ("trees_planted", 3, date(2025, 6, 1), "more than a year ago"),
        ("happiness", 3, TODAY, "unknown figure"),
    ],
)
def test_bad_entries_are_refused_with_a_reason_and_not_stored(
    store: EnergyStore, metric: str, amount: float, day: date, reason: str
) -> None:
    with pytest.raises(EntryRefused, match=reason):
        add_entry(store, metric, amount, day, now=NOW)
    assert year_totals(store, NOW) == ()
    assert check_entry("compost_kg", 4.0, TODAY, TODAY).unit_en == "kg"
