"""Run Python's cyclic garbage collector on the GUI thread only, while a kiosk runs.

Automatic collection runs in whichever thread happens to allocate past the threshold; when
that is a worker thread, unreachable Qt wrappers (widgets in reference cycles) are destroyed
there and the app segfaults some time later. As in pyqtgraph's ``GarbageCollector``, automatic
collection is switched off and a timer on the GUI thread collects with the usual thresholds.

The switch is scoped: each kiosk starts its collector and stops it at shutdown; when the last
running collector stops, automatic collection is put back as the first one found it (so a
test, or a process that builds a kiosk to render screenshots, gets its GC back).

Every :data:`TRIM_INTERVAL_S` it also hands the C heap's free pages back to the system
(glibc's ``malloc_trim``): memory freed by worker threads stays in their malloc arenas
otherwise, so a kiosk's memory only ever rose with use (the soak benchmark,
``benchmarks/bench_soak.py``: about 14 MiB back after 1,000 taps). A no-op where there is
no glibc.
"""

from __future__ import annotations

import ctypes
import gc
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

THRESHOLDS = (700, 10, 10)  # CPython's defaults
TRIM_INTERVAL_S = 300.0


def heap_trimmer() -> Callable[[], None] | None:
    """glibc's ``malloc_trim(0)``, or None where the C library has none (musl, macOS)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]

    def trim_heap() -> None:
        trim(0)

    return trim_heap


class _AutomaticGc:
    """Process-wide: automatic collection is off while any collector runs."""

    def __init__(self) -> None:
        self.holders = 0
        self.was_enabled = True

    def hold(self) -> None:
        if self.holders == 0:
            self.was_enabled = gc.isenabled()
            gc.disable()
        self.holders += 1

    def release(self) -> None:
        self.holders -= 1
        if self.holders == 0 and self.was_enabled:
            gc.enable()


_AUTOMATIC = _AutomaticGc()


class GuiGarbageCollector(QObject):
    def __init__(
        self,
        interval_ms: int = 500,
        parent: QObject | None = None,
        *,
        trim_interval_s: float = TRIM_INTERVAL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._trim = heap_trimmer()
        self._trim_interval_s = trim_interval_s
        self._clock = clock
        self._last_trim = clock()
        self._running = False
        self._frozen = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    @property
    def trim_interval_s(self) -> float:
        """Seconds between heap trims (a benchmark that speeds up the kiosk's day shortens
        it in step, so the heap is trimmed as often per day of use as on a real kiosk)."""
        return self._trim_interval_s

    @trim_interval_s.setter
    def trim_interval_s(self, seconds: float) -> None:
        self._trim_interval_s = seconds

    def start(self) -> None:
        if not self._running:
            self._running = True
            _AUTOMATIC.hold()
            self._timer.start()

    def stop(self) -> None:
        """Stop collecting; the last collector to stop restores automatic collection."""
        if self._running:
            self._running = False
            self._timer.stop()
            self.unfreeze()
            _AUTOMATIC.release()

    def freeze(self) -> None:
        """Leave the objects alive now (modules, screens, widgets: what a started kiosk keeps
        for good) out of later collections (``gc.freeze``). Every tenth collection of the
        middle generation collects the oldest, and each of those walked all of them: about a
        tenth of the GUI thread's busy time on the Now screen (py-spy; bench_dashboard A/B
        1.53 -> 1.40 % of a core). Objects freed by
        reference counting are freed as before; only a cycle among them would stay."""
        if self._running and not self._frozen:
            self._frozen = True
            gc.collect()  # what is garbage now is not kept for good
            gc.freeze()

    def unfreeze(self) -> None:
        if self._frozen:
            self._frozen = False
            gc.unfreeze()

    def check(self) -> None:
        """Collect the generations over their threshold, youngest first (as CPython does)."""
        count0, count1, count2 = gc.get_count()
        if count0 > THRESHOLDS[0]:
            gc.collect(0)
            if count1 > THRESHOLDS[1]:
                gc.collect(1)
                if count2 > THRESHOLDS[2]:
                    gc.collect(2)
        now = self._clock()
        if self._trim is not None and now - self._last_trim >= self._trim_interval_s:
            self._last_trim = now
            self._trim()
