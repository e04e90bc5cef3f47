"""Run Python's cyclic garbage collector on the GUI thread only.

Automatic collection runs in whichever thread happens to allocate past the threshold; when
that is a worker thread, unreachable Qt wrappers (widgets in reference cycles) are destroyed
there and the app segfaults some time later. As in pyqtgraph's ``GarbageCollector``, automatic
collection is switched off and a timer on the GUI thread collects with the usual thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

THRESHOLDS = (700, 10, 10)  # CPython's defaults


class GuiGarbageCollector(QObject):
    def __init__(self, interval_ms: int = 500, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def check(self) -> None:
        """Collect the generations over their threshold, youngest first (as CPython does)."""
        count0, count1, count2 = gc.get_count()
        if count0 > THRESHOLDS[0]:
            gc.collect(0)
            if count1 > THRESHOLDS[1]:
                gc.collect(1)
                if count2 > THRESHOLDS[2]:
                    gc.collect(2)


def collect_on_gui_thread(app: QCoreApplication) -> GuiGarbageCollector:
    """Install the collector once per application (later calls return the same one)."""
    existing = app.findChild(GuiGarbageCollector)
    if isinstance(existing, GuiGarbageCollector):
        return existing
    collector = GuiGarbageCollector(parent=app)
    collector.start()
    return collector
