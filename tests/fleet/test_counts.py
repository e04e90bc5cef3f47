"""The hourly counts store: sums per hour, numbered sealing, late counts, bounded names and
disk, and nothing but fixed counter names and numbers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.fleet.counts import (
    HOUR_S,
    MAX_NAMES_PER_HOUR,
    SEAL_GRACE_S,
    CountStore,
    counter_name,
    hour_of,
)

T0 = 1_798_700_000.0
H0 = hour_of(T0)


@pytest.fixture
def store(tmp_path: Path) -> CountStore:
    return CountStore(tmp_path / "counts.sqlite3", keep_days=7)


def test_counts_add_up_by_hour_and_seal_in_order(store: CountStore) -> None:
    store.add({H0: {"sessions": 2}, H0 + 1: {"sessions": 1}}, T0 + HOUR_S)
    store.add({H0: {"sessions": 3, "quiz.right": 4}}, T0)
    assert store.totals(H0, H0 + 2) == {"quiz.right": 4, "sessions": 6}
    # hour H0 ends; it is sealed only after the grace time
    end = (H0 + 1) * HOUR_S
    assert store.seal(end + SEAL_GRACE_S - 1) == 0
    assert store.seal(end + SEAL_GRACE_S + 1) == 1
    assert [(m.seq, m.hour, m.counts) for m in store.pending()] == [
        (1, H0, {"quiz.right": 4, "sessions": 5})
    ]
    assert store.seal(end + 2 * HOUR_S) == 1  # the next hour gets the next number
    assert [m.seq for m in store.pending()] == [1, 2]
    store.mark_sent(1, end)
    assert [m.seq for m in store.pending()] == [2]
    assert store.outbox_state() == (2, 1)


def test_late_counts_for_a_sealed_hour_go_to_the_current_hour(store: CountStore) -> None:
    store.add({H0: {"sessions": 1}}, T0)
    store.seal((H0 + 2) * HOUR_S)
    store.add({H0: {"sessions": 5}}, (H0 + 2) * HOUR_S + 10)
    assert store.pending()[0].counts == {"sessions": 1}  # the sealed hour does not change
    assert store.totals(H0 + 2, H0 + 3) == {"sessions": 5}


def test_names_are_bounded_per_hour_and_must_be_counter_names(store: CountStore) -> None:
    store.add({H0: {f"screen.s{i}": 1 for i in range(MAX_NAMES_PER_HOUR + 20)}}, T0)
    totals = store.totals(H0, H0 + 1)
    assert len(totals) == MAX_NAMES_PER_HOUR + 1 and totals["other"] == 20
    with pytest.raises(ValueError, match="not a counter name"):
        store.add({H0: {"Mrs Wang said hello": 1}}, T0)
    assert counter_name("quiz", "started", "Kids", "Solar energy!") == (
        "quiz.started.kids.solar-energy"
    )


def test_old_hours_are_pruned_and_numbering_goes_on(store: CountStore, tmp_path: Path) -> None:
    for day in range(20):
        store.add({H0 + day * 24: {"sessions": 1}}, T0 + day * 86400)
    store.seal(T0 + 20 * 86400)
    with sqlite3.connect(tmp_path / "counts.sqlite3") as db:
        (hours,) = db.execute("SELECT COUNT(DISTINCT hour) FROM counts").fetchone()
    assert hours <= 8  # keep_days = 7
    assert store.outbox_state()[0] == 20  # numbers are never reused
