"""Ctrl+C and ``systemctl stop``: SIGINT/SIGTERM end the event loop cleanly, with no traceback.

Python runs a signal handler only between bytecodes, and the Qt event loop runs no Python while
it waits, so by default Ctrl+C waits for the next Python call (an event filter, a timer) and
raises ``KeyboardInterrupt`` there, as a traceback, while the app keeps running. Here the
handler only records the signal; :func:`signal.set_wakeup_fd` writes its number to a socket
pair whose read end a :class:`QSocketNotifier` watches, so the GUI thread wakes up at once and
emits :attr:`StopSignals.stop_did_request` with the exit code the shell convention gives
(128 + signal number: 130 for SIGINT, 143 for SIGTERM). A socket pair, not a pipe: Windows
accepts only sockets as the wakeup fd.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable
from types import FrameType
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal

_Handler = Callable[[int, FrameType | None], Any] | int | None

STOP_SIGNALS = tuple(
    sig for sig in (signal.SIGINT, getattr(signal, "SIGTERM", None)) if sig is not None
)


class StopSignals(QObject):
    """While installed, SIGINT/SIGTERM emit ``stop_did_request(exit_code)`` on the GUI thread."""

    stop_did_request = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_notifier_activated)
        self._previous_handlers: dict[int, _Handler] = {}
        self._previous_fd = -1
        self._installed = False

    def install(self) -> None:
        """Take over SIGINT/SIGTERM (main thread only, as Python requires)."""
        if self._installed:
            return
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        for sig in STOP_SIGNALS:
            self._previous_handlers[sig] = signal.signal(sig, _record_only)
        self._installed = True

    def uninstall(self) -> None:
        """Give the signals back to what handled them before; close the socket pair."""
        if self._installed:
            for sig, handler in self._previous_handlers.items():
                signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
            signal.set_wakeup_fd(self._previous_fd)
            self._installed = False
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()

    def _on_notifier_activated(self) -> None:
        received = b""
        with contextlib.suppress(BlockingIOError, InterruptedError):
            received = self._reader.recv(64)
        for signum in received:
            if signum in STOP_SIGNALS:
                self.stop_did_request.emit(128 + signum)
                return


def _record_only(signum: int, frame: FrameType | None) -> None:
    """The wakeup fd carries the signal; Python's handler has nothing left to do."""
