"""One question on screen: progress, the question (and its picture), big answer buttons, and
after the answer the explanation card in place of the picture."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.quiz.views import ChoiceView, QuestionView
from kiosk.ui.quiz.answer_button import AnswerButton, AnswerState
from kiosk.ui.quiz.feedback_card import ExplanationCard
from kiosk.ui.quiz.progress_dots import ProgressDots
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.touch import button, label, set_role

PictureResolver = Callable[[str], Path | None]


class QuestionPage(QWidget):
    answer_was_chosen = Signal(object)  # tuple[str, ...] of choice ids
    next_was_tapped = Signal()

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self._theme = theme
        self._view: QuestionView | None = None
        self._picked: set[str] = set()
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

        self.question_label = QLabel()
        self.question_label.setWordWrap(True)
        self.question_label.setObjectName("quiz-question")
        set_role(self.question_label, "quiz-question")
        outer.addWidget(self.question_label)
        self.hint = label("", "subtitle")
        outer.addWidget(self.hint)

        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(px(32))
        answers_box = QVBoxLayout()
        answers_box.setSpacing(px(20))
        self.grid = QGridLayout()
        self.grid.setSpacing(px(20))
        answers_box.addLayout(self.grid)
        self.check_button = button("", "primary")
        self.check_button.setObjectName("quiz-check")
        self.check_button.setMinimumHeight(px(110))
        self.check_button.clicked.connect(self._on_check_clicked)
        answers_box.addWidget(self.check_button)
        self.body.addLayout(answers_box, 3)

        self.side = QStackedWidget()
        self.picture = QLabel()
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
        self.buttons: list[AnswerButton] = []
        self._has_picture = False
        self._choices_key: tuple[object, ...] = ()

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
        same_question = self._view is not None and self._view.question_id == view.question_id
        if not same_question:
            self._picked.clear()
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
        self.hint.setText(
            self.tr("Pick every answer that fits, then tap Check.")
            if view.pick_several and not view.answered
            else ""
        )
        self.hint.setVisible(bool(self.hint.text()))
        self._show_choices(view.choices, pictures, large, animate)
        self.check_button.setText(self.tr("Check my answer"))
        self.check_button.setVisible(view.pick_several and not view.answered)
        self.check_button.setEnabled(bool(self._picked))
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

    def _show_choices(
        self, choices: tuple[ChoiceView, ...], pictures: PictureResolver, large: bool, animate: bool
    ) -> None:
        key = (large, *((c.id, c.text, c.picture) for c in choices))
        if key == self._choices_key:
            # the same choices after a tap: only their states change (the fast path)
            for btn, choice in zip(self.buttons, choices, strict=False):
                btn.set_state(self._state_of(choice), animate)
            return
        self._choices_key = key
        while len(self.buttons) < len(choices):
            btn = AnswerButton(self._theme)
            btn.clicked.connect(self._on_answer_clicked)
            self.buttons.append(btn)
        columns = self._columns(choices)
        for btn in self.buttons:
            self.grid.removeWidget(btn)
            btn.hide()
        for i, choice in enumerate(choices):
            btn = self.buttons[i]
            picture = pictures(choice.picture) if choice.picture else None
            btn.set_content(choice.id, choice.text, picture, large)
            btn.set_state(self._state_of(choice), animate)
            self.grid.addWidget(btn, i // columns, i % columns)
            btn.show()

    def _columns(self, choices: tuple[ChoiceView, ...]) -> int:
        count = len(choices)
        if any(c.picture for c in choices):
            return count if count <= 4 else 3
        return 2 if count in (2, 4) else 1

    def _state_of(self, choice: ChoiceView) -> AnswerState:
        if choice.correct is None:
            return AnswerState.PICKED if choice.id in self._picked else AnswerState.OPEN
        if choice.chosen:
            return AnswerState.CORRECT if choice.correct else AnswerState.WRONG
        return AnswerState.MISSED if choice.correct else AnswerState.DIMMED

    # --- taps --------------------------------------------------------------------------------

    def _on_answer_clicked(self) -> None:
        btn = self.sender()
        view = self._view
        if not isinstance(btn, AnswerButton) or view is None or view.answered:
            return
        if not view.pick_several:
            self.answer_was_chosen.emit((btn.choice_id,))
            return
        self._picked.symmetric_difference_update({btn.choice_id})
        btn.set_state(
            AnswerState.PICKED if btn.choice_id in self._picked else AnswerState.OPEN, False
        )
        self.check_button.setEnabled(bool(self._picked))

    def _on_check_clicked(self) -> None:
        if self._picked:
            self.answer_was_chosen.emit(tuple(sorted(self._picked)))

    def visible_buttons(self) -> list[AnswerButton]:
        return [b for b in self.buttons if not b.isHidden()]

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


def _show_page(stack: QStackedWidget, page: QWidget) -> None:
    """Switch only when needed: even a no-op switch costs a relayout."""
    if stack.currentWidget() is not page:
        stack.setCurrentWidget(page)
