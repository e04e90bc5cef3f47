"""Backoff maths, and a real SourcePoller thread polling, failing, recovering and stopping."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from fakeclock import FakeClock
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

from kiosk.energy.metrics import Metric, Provenance, Reading
from kiosk.energy.store import EnergyStore
from kiosk.services.poller import SourcePoller
from kiosk.services.tasks import TaskRunner
from kiosk.sources.backoff import Backoff
from kiosk.sources.base import Source, SourceMisconfigured, SourceUnavailable

T0 = 1_780_000_000.0


def test_backoff_grows_exponentially_with_bounded_jitter_and_resets() -> None:
    b = Backoff(1.0, 30.0, jitter=0.2, rng=random.Random(1))
    delays = [b.next_delay() for _ in range(8)]
    for delay, base in zip(delays, (1, 2, 4, 8, 16, 30, 30, 30), strict=True):
        assert 0.8 * base <= delay <= 1.2 * base
    assert len({round(d, 6) for d in delays[5:]}) == 3  # jittered, not identical
    b.reset()
    assert 0.8 <= b.next_delay() <= 1.2
    for _ in range(5000):  # never overflows
        assert b.next_delay() <= 36.0


def test_backoff_is_deterministic_for_a_seeded_rng_and_validates() -> None:
    a = [Backoff(1, 10, rng=random.Random(9)).next_delay() for _ in range(3)]
    assert a[0] == a[1] == a[2]
    with pytest.raises(ValueError):
        Backoff(0, 10)


class ScriptedSource(Source):
    """Fails with the scripted errors, in order, then delivers; records its thread."""

    def __init__(self, errors: Sequence[Exception] = ()) -> None:
        super().__init__("scripted")
        self.errors = list(errors)
        self.threads: set[int] = set()
        self.reads = 0
        self.closed = threading.Event()

    def read(self, now: float) -> Sequence[Reading]:
        self.threads.add(threading.get_ident())
        self.reads += 1
        if self.errors:
            raise self.errors.pop(0)
        return [
            Reading(Metric.PV_POWER_W, 100.0 + self.reads, now, self.source_id, Provenance.LIVE)
        ]

    def close(self) -> None:
        self.closed.set()


@pytest.fixture
def store(data_dir: Path) -> Iterator[EnergyStore]:
    s = EnergyStore(data_dir / "r.sqlite3")
    yield s
    s.close()


@pytest.fixture
def pollers(tasks: TaskRunner) -> Iterator[list[SourcePoller]]:
    """Pollers to stop at teardown, so a failed assertion never leaves a thread running."""
    started: list[SourcePoller] = []
    yield started
    for p in started:
        p.stop()


def ticker() -> FakeClock:
    """One second later at every read."""
    return FakeClock(T0, step_s=1.0)


def test_polls_off_the_gui_thread_and_stores(
    qtbot, store: EnergyStore, pollers: list[SourcePoller], tasks: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    source = ScriptedSource()
    poller = SourcePoller(source, 0.01, store, tasks=tasks, clock=ticker())
    arrivals: list[object] = []
    poller.readings_did_arrive.connect(lambda *args: arrivals.append(args))
    pollers.append(poller)
    poller.start()
    qtbot.waitUntil(lambda: len(arrivals) >= 3, timeout=5000)
    assert poller.stop()
    assert source.closed.is_set() and not poller.is_running
    assert threading.get_ident() not in source.threads
    assert store.latest(Metric.PV_POWER_W) is not None
    assert len(store.series(Metric.PV_POWER_W, T0, T0 + 1000, "raw")[0]) >= 3


def test_fails_with_backoff_then_recovers(
    qtbot, store: EnergyStore, pollers: list[SourcePoller], tasks: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    errors = [SourceUnavailable("inverter not answering")] * 3 + [SourceUnavailable("timed out")]
    source = ScriptedSource(errors)
    backoff = Backoff(0.01, 0.04, rng=random.Random(2))
    poller = SourcePoller(source, 0.01, store, tasks=tasks, clock=ticker(), backoff=backoff)
    fails: list[tuple[str, str]] = []
    poller.source_did_fail.connect(lambda sid, why: fails.append((sid, why)))
    pollers.append(poller)
    with qtbot.waitSignal(poller.source_did_recover, timeout=5000) as blocker:
        poller.start()
    assert blocker.args == ["scripted"]
    # One signal per change of reason, not one per failed poll.
    assert fails == [("scripted", "inverter not answering"), ("scripted", "timed out")]
    assert source.reads == 5 and backoff.failures == 0
    poller.stop()


def test_misconfigured_source_reports_and_keeps_the_thread_alive(
    qtbot, store: EnergyStore, pollers: list[SourcePoller], tasks: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    source = ScriptedSource([SourceMisconfigured("unknown register map 'x'")])
    poller = SourcePoller(
        source, 0.01, store, tasks=tasks, clock=ticker(), backoff=Backoff(0.01, 0.02)
    )
    recovered: list[str] = []
    poller.source_did_recover.connect(recovered.append)
    pollers.append(poller)
    with qtbot.waitSignal(poller.source_did_fail, timeout=5000) as blocker:
        poller.start()
    assert blocker.args == ["scripted", "unknown register map 'x'"] and poller.misconfigured
    qtbot.waitUntil(lambda: bool(recovered), timeout=5000)
    poller.stop()


def test_unexpected_adapter_error_is_contained(
    qtbot, store: EnergyStore, pollers: list[SourcePoller], tasks: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    source = ScriptedSource([ZeroDivisionError("division by zero")])
    poller = SourcePoller(
        source, 0.01, store, tasks=tasks, clock=ticker(), backoff=Backoff(0.01, 0.02)
    )
    recovered: list[str] = []
    poller.source_did_recover.connect(recovered.append)
    pollers.append(poller)
    with qtbot.waitSignal(poller.source_did_fail, timeout=5000) as blocker:
        poller.start()
    assert "unexpected error: ZeroDivisionError" in blocker.args[1]
    qtbot.waitUntil(lambda: bool(recovered), timeout=5000)
    poller.stop()


class SourceWithHistory(ScriptedSource):
    def history(self, now: float) -> Sequence[Reading]:
        return [
            Reading(Metric.PV_POWER_W, 50.0, now - 300.0 * i, self.source_id, Provenance.LIVE)
            for i in range(12, 0, -1)
        ]


def test_history_is_stored_once_and_only_into_an_empty_store(
    qtbot, store: EnergyStore, pollers: list[SourcePoller], tasks: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    for run in range(2):
        clock = ticker()
        clock.advance(run * 10_000)  # the second start is later, with the first start's data stored
        poller = SourcePoller(SourceWithHistory(), 0.01, store, tasks=tasks, clock=clock)
        arrivals: list[object] = []
        poller.readings_did_arrive.connect(lambda *args, a=arrivals: a.append(args))
        pollers.append(poller)
        poller.start()
        qtbot.waitUntil(lambda a=arrivals: len(a) >= 1, timeout=5000)
        assert poller.stop()
        stamps, values = store.series(Metric.PV_POWER_W, T0 - 4000, T0 + 20_000, "raw")
        past = [v for t, v in zip(stamps, values, strict=True) if v == 50.0]
        assert len(past) == 12  # the first start's history, not stored a second time


def test_a_stopped_poller_keeps_no_poll_timer(
    qtbot, store: EnergyStore, pollers: list[SourcePoller], tasks: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    """Bug: the poll timer was released only when the source's close() failed, so each
    start/stop left one more timer behind."""
    poller = SourcePoller(ScriptedSource(), 0.01, store, tasks=tasks, clock=ticker())
    arrivals: list[object] = []
    poller.readings_did_arrive.connect(lambda *args: arrivals.append(args))
    pollers.append(poller)
    for run in range(1, 4):
        poller.start()
        qtbot.waitUntil(lambda run=run: len(arrivals) >= run, timeout=5000)
        assert poller.stop()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    held = [poller, *(v for v in vars(poller).values() if isinstance(v, QObject))]
    timers = {t for obj in held for t in obj.findChildren(QTimer)}
    assert len(timers) <= 1 and not any(t.isActive() for t in timers)
