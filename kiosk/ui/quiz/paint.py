"""Icons drawn with QPainter (no emoji: the bundled CJK font has none): tick, cross, star."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF


def _pen(colour: QColor, width: float) -> QPen:
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def draw_check(painter: QPainter, rect: QRectF, colour: QColor) -> None:
    """A tick filling ``rect``."""
    w, h = rect.width(), rect.height()
    path = QPainterPath(QPointF(rect.left() + 0.18 * w, rect.top() + 0.52 * h))
    path.lineTo(rect.left() + 0.42 * w, rect.top() + 0.75 * h)
    path.lineTo(rect.left() + 0.82 * w, rect.top() + 0.28 * h)
    painter.setPen(_pen(colour, max(2.0, 0.13 * min(w, h))))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)


def draw_cross(painter: QPainter, rect: QRectF, colour: QColor) -> None:
    """A cross filling ``rect``."""
    inset = 0.26 * min(rect.width(), rect.height())
    r = rect.adjusted(inset, inset, -inset, -inset)
    painter.setPen(_pen(colour, max(2.0, 0.13 * min(rect.width(), rect.height()))))
    painter.drawLine(r.topLeft(), r.bottomRight())
    painter.drawLine(r.topRight(), r.bottomLeft())


def draw_badge(painter: QPainter, rect: QRectF, correct: bool, fill: QColor) -> None:
    """A filled circle holding a white tick (correct) or cross (wrong)."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawEllipse(rect)
    white = QColor("#FFFFFF")
    if correct:
        draw_check(painter, rect, white)
    else:
        draw_cross(painter, rect, white)


def star_polygon(rect: QRectF) -> QPolygonF:
    """A five-pointed star inscribed in ``rect``."""
    cx, cy = rect.center().x(), rect.center().y()
    outer = min(rect.width(), rect.height()) / 2
    inner = outer * 0.45
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(QPointF(cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return QPolygonF(points)


def draw_star(painter: QPainter, rect: QRectF, filled: bool, colour: QColor) -> None:
    """A star, solid when earned and outlined when not (shape differs, not only colour)."""
    painter.setPen(_pen(colour, max(2.0, 0.06 * rect.width())))
    painter.setBrush(colour if filled else Qt.BrushStyle.NoBrush)
    painter.drawPolygon(star_polygon(rect))
