"""The GUI-thread garbage collector: automatic GC off while a kiosk runs, back after."""

from __future__ import annotations

import gc
from typing import Any

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
