"""The end of a round celebrates: a burst of stars over the result page, more stars for more
right answers and none for none. One short animation (under 2 s), then nothing runs until the
next round ends."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from PySide6.QtCore import QEasingCurve, QPointF, QRectF, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.quiz.paint import draw_star
from kiosk.ui.theme import Theme

DURATION_MS = 1800
STARS_PER_RIGHT_ANSWER = 8
_COLOURS = ("accent", "primary", "water", "good")


@dataclass(frozen=True, slots=True)
class _Star:
    angle: float  # direction of flight, radians
    reach: float  # how far it flies, as a share of the page's shorter side
    size: float  # side in px
    colour: str
    spin: float  # turns over the flight


def stars_for_score(correct: int) -> int:
    """How many stars fly: in proportion to the right answers (none for none)."""
    return max(0, correct) * STARS_PER_RIGHT_ANSWER


class Celebration(QWidget):
    """Drawn over its parent and never in the way of a tap."""

    def __init__(self, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self._theme = theme
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.stars: list[_Star] = []
        self._t = 0.0
        self._anim = QVariantAnimation(self)
        self._anim.setDuration(DURATION_MS)
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(1.0)
        self._anim.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._anim.valueChanged.connect(self._on_value_changed)
        self._anim.finished.connect(self._on_finished)
        self.hide()

    @property
    def running(self) -> bool:
        return self._anim.state() is QVariantAnimation.State.Running

    def celebrate(self, correct: int, seed: int = 0) -> None:
        """Start a burst for ``correct`` right answers (0: nothing)."""
        self.stop()
        count = stars_for_score(correct)
        if count == 0:
            return
        rng = random.Random(seed)
        px = self._theme.px
        self.stars = [
            _Star(
                angle=rng.uniform(0, 2 * math.pi),
                reach=rng.uniform(0.2, 0.55),
                size=rng.uniform(px(28), px(64)),
                colour=rng.choice(_COLOURS),
                spin=rng.uniform(-0.5, 0.5),
            )
            for _ in range(count)
        ]
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self._t = 0.0
        self.show()
        self.raise_()
        self._anim.start()

    def stop(self) -> None:
        """Drop the burst at once (a new round, the visitor left)."""
        self._anim.stop()
        self._on_finished()

    def _on_value_changed(self, value: object) -> None:
        self._t = float(value)  # type: ignore[arg-type]
        self.update()

    def _on_finished(self) -> None:
        self.stars = []
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.stars:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        t = self._t
        centre = QRectF(self.rect()).center()
        side = min(self.width(), self.height())
        painter.setOpacity(max(0.0, 1.0 - t) ** 0.5)
        for star in self.stars:
            distance = star.reach * side * t
            x = centre.x() + math.cos(star.angle) * distance
            y = centre.y() + math.sin(star.angle) * distance + 0.25 * side * t * t  # it falls
            rect = QRectF(0, 0, star.size, star.size)
            rect.moveCenter(QPointF(x, y))
            painter.save()
            painter.translate(rect.center())
            painter.rotate(360 * star.spin * t)
            painter.translate(-rect.center())
            draw_star(painter, rect, True, QColor(self._theme.qcolor(star.colour)))
            painter.restore()
        painter.end()
