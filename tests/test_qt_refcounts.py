"""Guard against a Qt binding that leaks or drops references on plain calls.

PySide6 6.12.0 on Python 3.11 dropped one reference to ``None`` per void method call, which
kills a kiosk after a few minutes of painting ("none_dealloc"). The kiosk runs for months.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QLabel, QWidget


def test_void_qt_calls_keep_none_refcount_stable(qapp: Any) -> None:
    widget, label = QWidget(), QLabel()
    image = QImage(16, 16, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    calls = [
        widget.update,
        lambda: label.setText("x"),
        lambda: widget.setObjectName("w"),
        lambda: painter.drawEllipse(QRectF(0, 0, 8, 8)),
        lambda: painter.setPen(QColor("#000000")),
        lambda: QRectF(0, 0, 1, 1).moveCenter(QPointF(1, 1)),
    ]
    for call in calls:  # warm up caches
        call()
    before = sys.getrefcount(None)
    for _ in range(500):
        for call in calls:
            call()
    drift = sys.getrefcount(None) - before
    painter.end()
    assert abs(drift) < 50, f"None refcount drifted by {drift} over 3000 Qt calls"
