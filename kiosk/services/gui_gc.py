"""Run Python's cyclic garbage collector on the GUI thread only, while a kiosk runs.

Automatic collection runs in whichever thread happens to allocate past the threshold; when
that is a worker thread, unreachable Qt wrappers (widgets in reference cycles) are destroyed
there and the app segfaults some time later. As in pyqtgraph's ``GarbageCollector``, automatic
collection is switched off and a timer on the GUI thread collects with the usual thresholds.

The switch is scoped: each kiosk starts its collector and stops it at shutdown; when the last
running collector stops, automatic collection is put back as the first one found it (so a
test, or a process that builds a kiosk to render screenshots, gets its GC back).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

THRESHOLDS = (700, 10, 10)  # CPython's defaults


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
    def __init__(self, interval_ms: int = 500, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

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
            _AUTOMATIC.release()

    def check(self) -> None:
        """Collect the generations over their threshold, youngest first (as CPython does)."""
        count0, count1, count2 = gc.get_count()
        if count0 > THRESHOLDS[0]:
            gc.collect(0)
            if count1 > THRESHOLDS[1]:
                gc.collect(1)
                if count2 > THRESHOLDS[2]:
                    gc.collect(2)
