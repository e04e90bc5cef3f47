"""systemd notifications: READY=1 once the first frame is painted, WATCHDOG=1 from the GUI thread.

The pings come from a timer on the GUI thread, so if the event loop hangs the pings stop and
systemd (``WatchdogSec=``) restarts the kiosk. Without ``NOTIFY_SOCKET`` this does nothing.
"""

from __future__ import annotations

import logging
import os
import socket

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)


def notify(message: str) -> bool:
    """Send one sd_notify message; returns False when not run under systemd."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(address)
            sock.sendall(message.encode())
    except OSError as exc:
        log.warning("sd_notify failed: %s", exc)
        return False
    return True


class Watchdog(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_timeout)
        usec = int(os.environ.get("WATCHDOG_USEC", "0") or 0)
        self.interval_ms = max(1000, usec // 2000) if usec else 0  # ping at half the timeout

    def start(self) -> None:
        """Call once the kiosk is up (its first frame painted)."""
        notify("READY=1")
        if self.interval_ms:
            self._timer.start(self.interval_ms)

    def stop(self) -> None:
        self._timer.stop()
        notify("STOPPING=1")

    def _on_timeout(self) -> None:
        notify("WATCHDOG=1")
