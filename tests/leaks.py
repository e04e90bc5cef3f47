"""What a test may not leave behind: threads, active timers, top-level windows, GC changes.

Threads are counted as the operating system sees them (``/proc/self/task``), so Qt's pool
threads count as well as Python's; timers and windows are found among the live Qt objects.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

#: How long threads may take to end after the test's teardown joined them.
THREAD_GRACE_S = 2.0


#: Qt's internal pools (e.g. the GUI's multi-threaded image scaling) keep idle threads for
#: 30 s under this default name; the app's pools are named (``kiosk.services.tasks``), so
#: these are never the app's.
QT_INTERNAL_POOL = "Thread (pooled)"


def _os_threads() -> dict[int, str]:
    names = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/comm") as f:
                name = f.read().strip()
        except OSError:
            continue  # ended meanwhile
        if name != QT_INTERNAL_POOL:
            names[int(tid)] = name
    return names


def _python_threads() -> set[threading.Thread]:
    # Dummy threads are foreign (Qt) threads Python once saw; the OS count covers them.
    return {
        t
        for t in threading.enumerate()
        if not isinstance(t, threading._DummyThread) and t.is_alive()
    }


def _active_timers() -> set[int]:
    """Addresses of the active QTimers among the live Qt objects (and their children)."""
    timers = {_address(t): t for root in _qt_roots() for t in _timers_under(root)}
    return {key for key, t in timers.items() if t.isActive()}


def _qt_roots() -> list[QObject]:
    """The application and every live parentless QObject (the rest are their descendants)."""
    roots: list[QObject] = [o for o in gc.get_objects() if isinstance(o, QObject)]
    app = QCoreApplication.instance()
    if app is not None:
        roots.append(app)
    return [o for o in roots if shiboken6.isValid(o) and o.parent() is None]


def _timers_under(root: QObject) -> list[QTimer]:
    timers = root.findChildren(QTimer)
    return [root, *timers] if isinstance(root, QTimer) else timers


def _address(obj: QObject) -> int:
    """The C++ object's address: stable, unlike the id of a Python wrapper made on the fly."""
    return int(shiboken6.getCppPointer(obj)[0])


def _describe_timers(addresses: set[int]) -> list[str]:
    owners = {}
    for root in _qt_roots():
        for timer in _timers_under(root):
            parent = timer.parent()
            owners[_address(timer)] = type(parent).__name__ if parent is not None else "nobody"
    return [f"active QTimer owned by {owners.get(a, '?')}" for a in sorted(addresses)]


def _windows() -> set[QWidget]:
    return {w for w in QApplication.topLevelWidgets() if shiboken6.isValid(w)}


@dataclass
class Snapshot:
    os_threads: dict[int, str]
    python_threads: set[threading.Thread]
    timers: set[int]
    windows: set[QWidget]
    gc_enabled: bool
    gc_threshold: tuple[int, int, int]

    @classmethod
    def take(cls) -> Snapshot:
        return cls(
            _os_threads(), _python_threads(), _active_timers(), _windows(), gc.isenabled(),
            gc.get_threshold(),
        )  # fmt: skip

    def _new_qt_objects(self) -> tuple[set[int], set[QWidget]]:
        return _active_timers() - self.timers, _windows() - self.windows

    def compare_after_test(self) -> list[str]:
        """What is new since the snapshot, after deferred deletes and thread ends."""
        gc_changed = gc.isenabled() != self.gc_enabled or gc.get_threshold() != self.gc_threshold
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        problems = []
        deadline = time.monotonic() + THREAD_GRACE_S
        while True:
            new_os = {t: n for t, n in _os_threads().items() if t not in self.os_threads}
            new_py = _python_threads() - self.python_threads
            if (not new_os and not new_py) or time.monotonic() > deadline:
                break
            time.sleep(0.01)  # waiting on a condition: the threads to end
        problems += [f"Python thread {t.name!r}" for t in sorted(new_py, key=lambda t: t.name)]
        python_tids = {t.native_id for t in new_py}
        problems += [
            f"thread {name!r} (tid {tid})"
            for tid, name in sorted(new_os.items())
            if tid not in python_tids
        ]
        new_timers, new_windows = self._new_qt_objects()
        if new_timers or new_windows:
            gc.collect()  # garbage in reference cycles is not left behind; what is reachable is
            new_timers, new_windows = self._new_qt_objects()
        if new_timers:
            problems += _describe_timers(new_timers)
        for window in new_windows:
            title = window.windowTitle() or window.objectName()
            problems.append(f"top-level window {type(window).__name__} {title!r}".rstrip())
        if gc_changed:
            problems.append(
                f"garbage collector changed: enabled {self.gc_enabled} -> {gc.isenabled()}, "
                f"thresholds {self.gc_threshold} -> {gc.get_threshold()}"
            )
        return problems
