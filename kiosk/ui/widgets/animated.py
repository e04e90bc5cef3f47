"""A widget that animates at a low frame rate, and only while it is shown (no CPU when hidden)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QWidget


class AnimatedWidget(QWidget):
    """Counts ``frame`` up every ``frame_ms`` while shown and calls :meth:`advance`."""

    def __init__(self, frame_ms: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frame = 0
        self._timer = QTimer(self)
        self._timer.setInterval(frame_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    def is_animating(self) -> bool:
        return self._timer.isActive()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def _on_timer_timeout(self) -> None:
        self.frame += 1
        self.advance()

    def advance(self) -> None:
        """Repaint what moved (the whole widget unless a subclass knows better)."""
        self.update()
