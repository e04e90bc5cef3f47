"""Kiosk lock-down inside the app: no context menus, no keyboard escapes, the staff corner.

The staff corner is a zone that no visitor control overlaps (the top bar keeps it empty), so
a child pressing and holding "← Home" or a tile never opens the PIN pad.

What only the OS can lock down (Ctrl+Alt+Del, edge swipes, other sessions) is documented in
``docs/deployment.md``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

_ESCAPE_KEYS = {Qt.Key.Key_Escape, Qt.Key.Key_F4, Qt.Key.Key_Q, Qt.Key.Key_W, Qt.Key.Key_F11}


class KioskEventFilter(QObject):
    """Application-wide filter: swallows context menus and close shortcuts in kiosk mode."""

    #: What its event filter looks at (:class:`kiosk.services.input_events.InputEvents`).
    event_types = frozenset(
        {QEvent.Type.ContextMenu, QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride}
    )

    def __init__(self, locked: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.locked = locked

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ContextMenu:
            return True
        if self.locked and kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            assert isinstance(event, QKeyEvent)
            mods = event.modifiers()
            key = Qt.Key(event.key())
            if key == Qt.Key.Key_Escape or key == Qt.Key.Key_F11:
                return True
            if key in _ESCAPE_KEYS and mods & (
                Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier
            ):
                return True
        return False


class CornerHold(QObject):
    """Press and hold the staff zone of ``window`` for ``hold_ms`` to open staff access.

    ``zone`` gives the zone in the window's coordinates, asked at each press (it follows the
    window's layout: the top bar's empty corner)."""

    corner_did_hold = Signal()
    #: What its event filter looks at (:class:`kiosk.services.input_events.InputEvents`).
    event_types = frozenset(
        {QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease}
    )

    def __init__(self, window: QWidget, zone: Callable[[], QRect], hold_ms: int) -> None:
        super().__init__(window)
        self._window = window
        self._zone = zone
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(self._on_hold_timeout)
        self._pressed_widget: QWidget | None = None
        self._swallow_release = False

    def _corner(self) -> QRect:
        zone = self._zone()
        return zone.translated(self._window.mapToGlobal(QPoint(0, 0)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            if self._timer.isActive():
                return False  # the same press travelling up the widget tree
            pos = event.globalPosition().toPoint()
            if self._corner().contains(pos):
                self._pressed_widget = QApplication.widgetAt(pos)
                self._timer.start()
        elif kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            if self._timer.isActive() and not self._corner().contains(
                event.globalPosition().toPoint()
            ):
                self._timer.stop()
        elif kind == QEvent.Type.MouseButtonRelease:
            self._timer.stop()
            if self._swallow_release:
                # The hold opened staff access: the press must not also click what was under it.
                self._swallow_release = False
                if isinstance(self._pressed_widget, QAbstractButton):
                    self._pressed_widget.setDown(False)
                return True
        return False

    def _on_hold_timeout(self) -> None:
        self._swallow_release = True
        self.corner_did_hold.emit()
