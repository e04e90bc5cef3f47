"""Green actions with no meter (kg composted, phone charges at the solar benches, trees
planted, bottles recycled), entered by staff with the day they happened.

Entries live in the readings database (table ``manual_entries``) so they are backed up and
kept with everything else. A bad entry is refused with a reason before it is stored: not a
number, zero or negative, a fraction of a tree, more than a plausible day's worth, a day in
the future or more than a year ago. Each figure says where it came from: "entered by staff on
2026-06-12".
"""

from __future__ import annotations

import math
import sqlite3
import time
from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.energy.store import EnergyStore


@dataclass(frozen=True)
class ManualMetric:
    id: str
    name_en: str  # "Compost made"
    name_zh: str
    unit_en: str  # "kg", or "" for a count
    unit_zh: str
    max_per_day: float  # an entry above this is a typing mistake, not a day's work
    whole: bool  # counts (trees, charges) take whole numbers only


_BENCH = "Phone charges at the solar benches"
MANUAL_METRICS: dict[str, ManualMetric] = {
    m.id: m
    for m in (
        ManualMetric("compost_kg", "Compost made", "堆肥", "kg", "千克", 5_000.0, False),
        ManualMetric("bench_phone_charges", _BENCH, "太阳能长椅手机充电", "", "次", 5e3, True),
        ManualMetric("trees_planted", "Trees planted", "植树", "", "棵", 10_000.0, True),
        ManualMetric("bottles_recycled", "Bottles recycled", "回收的瓶子", "", "个", 1e5, True),
    )
}

#: How far back an entry may be dated (a form filled in late, not a history import).
MAX_BACKDATE_DAYS = 366


@dataclass(frozen=True)
class ManualEntry:
    metric: str
    day: date  # the local day the action happened
    amount: float
    entered_at: float  # Unix time it was entered
    origin: str = "staff"


@dataclass(frozen=True)
class ManualTotal:
    """One manual metric on the Now screen: this year's total and its newest entry's day."""

    metric: ManualMetric
    year_total: float
    last_day: date  # provenance: "entered by staff on <last_day>"
    origin: str


class EntryRefused(ValueError):
    """A manual entry that is not stored; the message says why, in plain words, and ``kind``
    names the reason for a translated one (unknown, not_number, negative, zero, fraction,
    too_much, future, too_old)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def check_entry(metric_id: str, amount: float, day: date, today: date) -> ManualMetric:
    """The metric if the entry is plausible, else :class:`EntryRefused` with the reason."""
    metric = MANUAL_METRICS.get(metric_id)
    if metric is None:
        raise EntryRefused(
            "unknown", f"unknown figure {metric_id!r} (known: {', '.join(MANUAL_METRICS)})"
        )
    if not math.isfinite(amount):
        raise EntryRefused("not_number", "the amount is not a number")
    if amount < 0:
        raise EntryRefused("negative", "the amount cannot be negative")
    if amount == 0:
        raise EntryRefused("zero", "the amount is 0: nothing to add")
    if metric.whole and amount != int(amount):
        raise EntryRefused("fraction", f"{metric.name_en.lower()} are counted in whole numbers")
    if amount > metric.max_per_day:
        unit = f" {metric.unit_en}" if metric.unit_en else ""
        raise EntryRefused(
            "too_much",
            f"more than {metric.max_per_day:,.0f}{unit} in one day is not plausible: "
            "check the number",
        )
    if day > today:
        raise EntryRefused("future", f"{day.isoformat()} is in the future")
    if day < today - timedelta(days=MAX_BACKDATE_DAYS):
        raise EntryRefused("too_old", f"{day.isoformat()} is more than a year ago")
    return metric


def add_entry(
    store: EnergyStore,
    metric_id: str,
    amount: float,
    day: date,
    now: float | None = None,
    origin: str = "staff",
) -> ManualEntry:
    """Check and store one entry (blocking: call it off the GUI thread)."""
    now = time.time() if now is None else now
    check_entry(metric_id, amount, day, store.days.local_date(now))
    entry = ManualEntry(metric_id, day, float(amount), now, origin)

    def insert(conn: sqlite3.Connection) -> None:
        conn.execute(
            "INSERT INTO manual_entries (metric, day, amount, entered_at, origin)"
            " VALUES (?, ?, ?, ?, ?)",
            (entry.metric, entry.day.isoformat(), entry.amount, entry.entered_at, entry.origin),
        )

    store.run_write(insert)
    return entry


def year_totals(store: EnergyStore, now: float) -> tuple[ManualTotal, ...]:
    """Per manual metric with entries: this local year's total and the newest entry's day."""
    today = store.days.local_date(now)
    first = date(today.year, 1, 1).isoformat()

    def query(conn: sqlite3.Connection) -> list[tuple[str, float, str, str]]:
        return conn.execute(
            "SELECT metric, sum(amount), max(day),"
            " (SELECT origin FROM manual_entries n WHERE n.metric = m.metric"
            "  ORDER BY day DESC, entered_at DESC LIMIT 1)"
            " FROM manual_entries m WHERE day >= ? AND day <= ? GROUP BY metric ORDER BY metric",
            (first, today.isoformat()),
        ).fetchall()

    return tuple(
        ManualTotal(MANUAL_METRICS[metric], float(total), date.fromisoformat(last), origin)
        for metric, total, last, origin in store.run_read(query)
        if metric in MANUAL_METRICS
    )
