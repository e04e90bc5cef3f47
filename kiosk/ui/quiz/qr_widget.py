"""A QR code painted square by square from the engine's module matrix (nothing fetched)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.quiz.certificate import QrMatrix


class QrWidget(QWidget):
    def __init__(self, side_px: int) -> None:
        super().__init__()
        self._matrix: QrMatrix | None = None
        self.setFixedSize(QSize(side_px, side_px))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    @property
    def matrix(self) -> QrMatrix | None:
        return self._matrix

    def set_matrix(self, matrix: QrMatrix | None) -> None:
        self._matrix = matrix
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        matrix = self._matrix
        if matrix is None or matrix.size == 0:
            painter.end()
            return
        modules = matrix.size + 2 * matrix.quiet_zone
        # whole pixels per module keep the edges crisp for phone cameras
        module = max(1, self.width() // modules)
        offset = (self.width() - module * matrix.size) / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#000000"))
        for y, row in enumerate(matrix.rows):
            for x, dark in enumerate(row):
                if dark:
                    painter.drawRect(
                        QRectF(offset + x * module, offset + y * module, module, module)
                    )
        painter.end()
