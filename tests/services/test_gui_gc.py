"""The GUI-thread garbage collector: automatic GC off while a kiosk runs, back after."""

from __future__ import annotations

import gc
import sys
import threading
from typing import Any

import pytest
from fakeclock import FakeClock

from kiosk.services.gui_gc import GuiGarbageCollector


def test_collectors_switch_gc_off_and_the_last_one_puts_it_back(qapp: Any) -> None:
    first, second = GuiGarbageCollector(), GuiGarbageCollector()
    assert gc.isenabled()
    first.start()
    second.start()
    first.start()  # twice is once
    assert not gc.isenabled()
    first.stop()
    assert not gc.isenabled(), "the second kiosk still runs"
    second.stop()
    second.stop()
    assert gc.isenabled()


def test_a_process_that_had_gc_off_keeps_it_off(qapp: Any) -> None:
    gc.disable()
    try:
        collector = GuiGarbageCollector()
        collector.start()
        collector.stop()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_timer_collects_on_the_gui_thread(qtbot: Any) -> None:
    collector = GuiGarbageCollector(interval_ms=10)
    collector.start()
    try:
        garbage: list[object] = []
        garbage.append(garbage)  # a cycle only the collector frees
        del garbage
        for _ in range(1000):
            cycle: list[object] = []
            cycle.append(cycle)
        qtbot.waitUntil(lambda: gc.get_count()[0] < 700, timeout=5000)
    finally:
        collector.stop()


def _anon_mib() -> float:
    with open("/proc/self/smaps_rollup") as fh:
        for line in fh:
            if line.startswith("Pss_Anon:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no Pss_Anon")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc arenas")
def test_memory_freed_by_a_worker_goes_back_to_the_system(qtbot: Any) -> None:
    """Freed in a worker's malloc arena, 150 MB stayed the process's for good: a kiosk's
    memory only rose with use. The collector hands free pages back every few minutes."""
    clock = FakeClock(0.0)
    collector = GuiGarbageCollector(interval_ms=10, trim_interval_s=300, clock=clock)
    kept: list[bytes] = []

    def work() -> None:
        made = [bytes(1000) for _ in range(150_000)]
        kept.extend(made[::200])  # a few survivors: the arena cannot shrink from its top

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    high = _anon_mib()
    collector.start()
    try:
        qtbot.wait(50)
        assert _anon_mib() > high - 50, "not before the trim interval"
        clock.advance(300)
        qtbot.waitUntil(lambda: _anon_mib() < high - 100, timeout=2000)
    finally:
        collector.stop()


def test_a_started_kiosk_leaves_what_it_keeps_out_of_later_collections(qapp: Any) -> None:
    collector = GuiGarbageCollector()
    collector.freeze()  # not running: nothing to do
    assert gc.get_freeze_count() == 0
    collector.start()
    kept = [object() for _ in range(10)]
    collector.freeze()
    assert gc.get_freeze_count() >= len(kept)
    collector.freeze()  # once
    collector.stop()  # the process gets its objects back in the collections
    assert gc.get_freeze_count() == 0
