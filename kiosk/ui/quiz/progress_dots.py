"""One dot per question: done ones show a tick or a cross, the current one is a large ring."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui.quiz.paint import draw_badge
from kiosk.ui.theme import Theme


class ProgressDots(QWidget):
    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self._theme = theme
        self._total = 0
        self._current = 0  # 1-based; 0 = none
        self._results: tuple[bool, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_progress(self, total: int, current: int, results: Sequence[bool]) -> None:
        """``results`` holds one right/wrong per answered question, in order."""
        self._total, self._current, self._results = total, current, tuple(results)
        self.setAccessibleName(f"{len(self._results)}/{total}")
        self.updateGeometry()
        self.update()

    @property
    def results(self) -> tuple[bool, ...]:
        return self._results

    def sizeHint(self) -> QSize:
        step = self._theme.px(56)
        return QSize(max(1, self._total) * step, self._theme.px(48))

    def paintEvent(self, event: QPaintEvent) -> None:
        px = self._theme.px
        palette = self._theme.palette
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        step, size = px(56), px(40)
        for i in range(self._total):
            rect = QRectF(i * step + (step - size) / 2, (self.height() - size) / 2, size, size)
            if i < len(self._results):
                right = self._results[i]
                draw_badge(painter, rect, right, QColor(palette.good if right else palette.bad))
                continue
            current = i + 1 == self._current
            painter.setPen(
                QPen(QColor(palette.primary if current else "#B7C4BB"), px(4 if current else 3))
            )
            painter.setBrush(QColor("#DDEFE3") if current else Qt.BrushStyle.NoBrush)
            inset = 0 if current else px(6)
            painter.drawEllipse(rect.adjusted(inset, inset, -inset, -inset))
        painter.end()
