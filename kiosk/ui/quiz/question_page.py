"""One question on screen: progress, the question (and its picture), the answer widget of the
question's kind, and after the answer the explanation card in place of the picture."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.quiz.views import QuestionView
from kiosk.ui.quiz.answer_button import AnswerButton
from kiosk.ui.quiz.answers import AnswerWidget, PictureResolver, answer_widget_class
from kiosk.ui.quiz.feedback_card import ExplanationCard
from kiosk.ui.quiz.progress_dots import ProgressDots
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.touch import PlainLabel, label, set_role


class QuestionPage(QWidget):
    answer_was_chosen = Signal(object)  # tuple[str, ...] of choice ids
    next_was_tapped = Signal()

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self._theme = theme
        self._view: QuestionView | None = None
        px = theme.px
        outer = QVBoxLayout(self)
        outer.setContentsMargins(px(48), px(24), px(48), px(32))
        outer.setSpacing(px(20))

        header = QHBoxLayout()
        header.setSpacing(px(24))
        self.dots = ProgressDots(theme)
        self.counter = label("", "subtitle", wrap=False)
        self.timer_label = label("", "quiz-timer", wrap=False)
        header.addWidget(self.dots)
        header.addWidget(self.counter)
        header.addStretch(1)
        header.addWidget(self.timer_label)
        outer.addLayout(header)

        self.question_label = PlainLabel()
        self.question_label.setWordWrap(True)
        self.question_label.setObjectName("quiz-question")
        set_role(self.question_label, "quiz-question")
        outer.addWidget(self.question_label)
        self.hint = label("", "subtitle")
        outer.addWidget(self.hint)

        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(px(32))
        self._answers_box = QVBoxLayout()
        self._answers_box.setContentsMargins(0, 0, 0, 0)
        self.body.addLayout(self._answers_box, 3)

        self.side = QStackedWidget()
        self.picture = PlainLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card = ExplanationCard(theme)
        self.card.next_was_tapped.connect(self.next_was_tapped)
        self.side.addWidget(self.picture)
        self.side.addWidget(self.card)
        self.body.addWidget(self.side, 2)
        # the answers take the free height up to their tallest, so the page is not half empty;
        # only what is left after that goes below everything
        outer.addLayout(self.body, 1)
        outer.addStretch(0)
        self._answer_widgets: dict[type[AnswerWidget], AnswerWidget] = {}
        self.answers: AnswerWidget | None = None  # the widget of the question showing
        self._has_picture = False

    # --- showing a state -------------------------------------------------------------------

    def show_view(
        self,
        view: QuestionView,
        results: tuple[bool, ...],
        pictures: PictureResolver,
        large: bool,
        animate: bool,
    ) -> None:
        """Render ``view``; ``animate`` only when it follows a tap (not on a language switch)."""
        last = self._view
        if last is not None and (
            (last.question_id, last.number) != (view.question_id, view.number)
            or (last.answered and not view.answered)
        ):
            self.forget()
        self._view = view
        role = "quiz-question-kids" if large else "quiz-question"
        if self.question_label.property("role") != role:
            set_role(self.question_label, role)
        self.question_label.setText(view.text)
        self.counter.setText(
            self.tr("Question %1 of %2")
            .replace("%1", str(view.number))
            .replace("%2", str(view.total))
        )
        self.dots.set_progress(view.total, view.number, results)
        answers = self._answer_widget(view.kind)
        answers.show_choices(view, pictures, large, animate)
        self.hint.setText(answers.hint(view))
        self.hint.setVisible(bool(self.hint.text()))
        if view.answered:
            self.card.show_feedback(
                bool(view.answered_correctly),
                view.timed_out,
                view.explanation,
                view.source,
                view.number >= view.total,
                animate,
            )
            _show_page(self.side, self.card)
        else:
            self._set_picture(pictures(view.picture) if view.picture else None)
            _show_page(self.side, self.picture)
        self._arrange()

    def forget(self) -> None:
        """The next view is a question asked afresh (a new round may ask the same one again)."""
        self._view = None
        for widget in self._answer_widgets.values():
            widget.forget()

    def set_timer_text(self, text: str) -> None:
        self.timer_label.setText(text)
        self.timer_label.setVisible(bool(text))

    def _set_picture(self, path: Path | None) -> None:
        self._has_picture = path is not None
        if path is None:
            self.picture.clear()
            return
        side = self._theme.px(360)
        self.picture.setPixmap(QIcon(str(path)).pixmap(QSize(side, side)))

    def _answer_widget(self, kind: str) -> AnswerWidget:
        """The answer widget for ``kind``, swapped into the page if another one is showing."""
        cls = answer_widget_class(kind)
        widget = self._answer_widgets.get(cls)
        if widget is None:
            widget = self._answer_widgets[cls] = cls(self._theme)
            widget.answer_was_chosen.connect(self.answer_was_chosen)
            widget.hide()
        if widget is not self.answers:
            if self.answers is not None:
                self._answers_box.removeWidget(self.answers)
                self.answers.hide()
            self._answers_box.addWidget(widget)
            widget.show()
            self.answers = widget
        return widget

    def visible_buttons(self) -> list[AnswerButton]:
        return self.answers.visible_buttons() if self.answers is not None else []

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """Landscape: answers left, picture or card right. Portrait: the picture above the
        answers, the explanation card below them, each only as tall as it needs."""
        portrait = self.height() > self.width()
        answered = self._view is not None and self._view.answered
        if not portrait:
            direction = QBoxLayout.Direction.LeftToRight
        elif answered:
            direction = QBoxLayout.Direction.TopToBottom
        else:
            direction = QBoxLayout.Direction.BottomToTop
        self.body.setDirection(direction)
        # landscape keeps the side panel (picture, card or empty) so answers never move on a tap
        self.side.setVisible(not portrait or answered or self._has_picture)
        vertical = QSizePolicy.Policy.Maximum if portrait else QSizePolicy.Policy.Expanding
        if self.side.sizePolicy().verticalPolicy() != vertical:
            self.side.setSizePolicy(QSizePolicy.Policy.Expanding, vertical)
        # landscape: answers that cannot grow (a list of fixed rows) sit at the top of their
        # column, not in its middle; portrait keeps them unaligned, as tall as they are, so the
        # card below follows right under them
        answers = self.answers
        if answers is not None:
            fixed = answers.sizePolicy().verticalPolicy() is QSizePolicy.Policy.Fixed
            top = Qt.AlignmentFlag.AlignTop if fixed and not portrait else Qt.AlignmentFlag(0)
            item = self._answers_box.itemAt(0)
            if item is not None and item.alignment() != top:
                self._answers_box.setAlignment(answers, top)


def _show_page(stack: QStackedWidget, page: QWidget) -> None:
    """Switch only when needed: even a no-op switch costs a relayout."""
    if stack.currentWidget() is not page:
        stack.setCurrentWidget(page)
