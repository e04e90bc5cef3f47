"""One application-wide event filter in front of the kiosk's input handlers.

Idle tracking, screen care, the lock-down, the staff corner and the screen schedule each want
to see touches and keys anywhere in the app. Installed on the application one by one, each
was called from C++ into Python for *every* event of the GUI thread (timers, paints, queued
signals: hundreds a second on a live screen), five crossings per event. Behind this one filter
an event crosses into Python once, and only the handlers that asked for its type see it.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject


class InputHandler(Protocol):
    """What :meth:`InputEvents.add` takes: an event filter and the event types it looks at."""

    event_types: frozenset[QEvent.Type]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool: ...


class InputEvents(QObject):
    """Install once with ``app.installEventFilter``; :meth:`add` the handlers to it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handlers: list[InputHandler] = []
        self._by_type: dict[QEvent.Type, tuple[InputHandler, ...]] = {}

    def add(self, handler: InputHandler) -> None:
        """Ask ``handler`` before the ones added earlier, as Qt asks the event filter
        installed last first; a handler that returns True ends the event there."""
        self._handlers.insert(0, handler)
        types = {t for h in self._handlers for t in h.event_types}
        self._by_type = {t: tuple(h for h in self._handlers if t in h.event_types) for t in types}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        handlers = self._by_type.get(event.type())
        if handlers is None:
            return False
        return any(h.eventFilter(watched, event) for h in handlers)
