"""After an answer: a big tick or cross, a short headline, the explanation, where the fact comes
from (small), and the button to go on."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QRectF, QSize, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.quiz.models import FactSource
from kiosk.ui.quiz.answer_button import FEEDBACK_MS
from kiosk.ui.quiz.dock import dock
from kiosk.ui.quiz.paint import draw_badge
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.touch import PlainLabel, button, label, set_role


class FeedbackBadge(QWidget):
    """A round tick/cross badge that pops in."""

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self._theme = theme
        self.correct = True
        self._scale = 1.0
        self._anim = QVariantAnimation(self)
        self._anim.setDuration(FEEDBACK_MS)
        self._anim.setStartValue(0.3)
        self._anim.setEndValue(1.0)
        self._anim.setEasingCurve(QEasingCurve.Type.OutBack)
        self._anim.valueChanged.connect(self._on_anim_value)
        side = theme.px(88)
        self.setFixedSize(QSize(side, side))

    def show_result(self, correct: bool, animate: bool) -> None:
        self.correct = correct
        self._anim.stop()
        if animate:
            self._scale = 0.3
            self._anim.start()
        else:
            self._scale = 1.0
        self.update()

    def _on_anim_value(self, value: object) -> None:
        self._scale = float(value)  # type: ignore[arg-type]
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = self.width() * min(1.0, self._scale)
        rect = QRectF(0, 0, side, side)
        rect.moveCenter(QRectF(self.rect()).center())
        palette = self._theme.palette
        draw_badge(
            painter, rect, self.correct, QColor(palette.good if self.correct else palette.bad)
        )
        painter.end()


class ExplanationCard(QFrame):
    next_was_tapped = Signal()

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        set_role(self, "card")
        self.setObjectName("quiz-explanation")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.px(32), theme.px(28), theme.px(32), theme.px(28))
        layout.setSpacing(theme.px(16))
        top = QHBoxLayout()
        top.setSpacing(theme.px(20))
        self.badge = FeedbackBadge(theme)
        self.headline = PlainLabel()
        self.headline.setWordWrap(True)
        set_role(self.headline, "quiz-headline")
        top.addWidget(self.badge)
        top.addWidget(self.headline, 1)
        self.explanation = label("", "quiz-explanation")
        self.explanation.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.source = label("", "small")
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.next_button = button("", "primary")
        self.next_button.setObjectName("quiz-next")
        self.next_button.setMinimumHeight(theme.px(110))
        self.next_button.clicked.connect(self.next_was_tapped)
        self._layout = layout
        layout.addLayout(top)
        layout.addWidget(self.explanation)
        layout.addWidget(self.source)
        layout.addStretch(1)
        layout.addWidget(self.next_button)

    def dock_next_button(self, host: QGridLayout | None) -> None:
        """Put *Next* in ``host`` (the page's button place under the answers in portrait), or
        with ``None`` back at the foot of the card."""
        dock(self.next_button, self._layout, host)

    def show_feedback(
        self,
        correct: bool,
        timed_out: bool,
        explanation: str,
        source: FactSource | None,
        last_question: bool,
        animate: bool,
    ) -> None:
        self.badge.show_result(correct, animate)
        if correct:
            self.headline.setText(self.tr("Well done, that's right!"))
        elif timed_out:
            self.headline.setText(self.tr("Time's up! Here is the answer."))
        else:
            self.headline.setText(self.tr("Not quite. Here is the answer."))
        self.explanation.setText(explanation)
        self.source.setText(self.tr("Source: %1").replace("%1", source.title) if source else "")
        self.source.setVisible(source is not None)
        self.next_button.setText(
            self.tr("See my result") if last_question else self.tr("Next question")
        )
