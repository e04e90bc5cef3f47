"""Notice USB sticks being inserted and pulled, and list the content packs on each.

A coarse timer on the GUI thread starts one scan at a time on a serial queue of the kiosk's
task runner (listing mounts and reading a new stick's folders can block on slow media); the
result comes back on the GUI thread and is compared with the sticks already known. Tests inject ``list_mounts`` to stand a temp
folder in for a mount point and call :meth:`UsbWatcher.scan_now` instead of waiting.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.content.usb import PackCandidate, find_packs, removable_mounts
from kiosk.services.tasks import TaskRunner

log = logging.getLogger(__name__)

ListMounts = Callable[[], list[Path]]


@dataclass(frozen=True)
class UsbStick:
    """A mounted removable medium and the ``.kpack`` files found on it when it appeared."""

    mount: Path
    packs: tuple[PackCandidate, ...]


@dataclass(frozen=True)
class _ScanResult:
    mounts: frozenset[Path]
    new_sticks: tuple[UsbStick, ...]


def scan(list_mounts: ListMounts, known: frozenset[Path]) -> _ScanResult:
    """Blocking: the mounts present now, and the packs on those not in ``known``."""
    mounts = frozenset(list_mounts())
    new = tuple(UsbStick(m, tuple(find_packs(m))) for m in sorted(mounts - known))
    return _ScanResult(mounts, new)


class UsbWatcher(QObject):
    stick_did_appear = Signal(object)  # UsbStick
    stick_did_disappear = Signal(str)  # the mount point, as text
    scan_did_finish = Signal()  # after every scan, whatever it found

    def __init__(
        self,
        interval_seconds: float,
        list_mounts: ListMounts = removable_mounts,
        *,
        tasks: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        #: Where sticks are looked for; replaceable (tests point it at a temp folder).
        self.list_mounts = list_mounts
        self._sticks: dict[Path, UsbStick] = {}
        self._scanning = False
        self._stopped = False
        self._worker = tasks.serial("usb")
        self._timer = QTimer(self)
        self._timer.setInterval(max(100, int(interval_seconds * 1000)))
        self._timer.timeout.connect(self.scan_now)

    @property
    def sticks(self) -> list[UsbStick]:
        """Sticks present at the last scan, in mount-point order."""
        return [self._sticks[m] for m in sorted(self._sticks)]

    def start(self) -> None:
        self._stopped = False
        self._timer.start()
        self.scan_now()

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()
        self._worker.wait(5_000)

    def scan_now(self) -> None:
        """Start a scan unless one is running; results arrive as signals."""
        if self._scanning or self._stopped:
            return
        self._scanning = True
        known = frozenset(self._sticks)
        list_mounts = self.list_mounts
        self._worker.run(lambda: scan(list_mounts, known), self._on_scan_done, self._on_scan_error)

    def forget(self, mount: Path) -> None:
        """Treat ``mount`` as new at the next scan (e.g. to list its packs again)."""
        self._sticks.pop(mount, None)

    def _on_scan_done(self, result: _ScanResult) -> None:
        self._scanning = False
        if self._stopped:
            return
        self._apply(result)
        self.scan_did_finish.emit()

    def _apply(self, result: _ScanResult) -> None:
        for mount in sorted(set(self._sticks) - result.mounts):
            del self._sticks[mount]
            log.info("USB stick removed: %s", mount)
            self.stick_did_disappear.emit(str(mount))
        for stick in result.new_sticks:
            if stick.mount not in result.mounts or stick.mount in self._sticks:
                continue
            self._sticks[stick.mount] = stick
            log.info("USB stick inserted: %s (%d packs)", stick.mount, len(stick.packs))
            self.stick_did_appear.emit(stick)

    def _on_scan_error(self, exc: BaseException) -> None:
        self._scanning = False
        log.warning("USB scan failed: %s", exc)
        self.scan_did_finish.emit()
