"""One question on screen: progress, the question (and its picture), the answer widget of the
question's kind, and after the answer the explanation card in place of the picture."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
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

QWIDGETSIZE_MAX = (1 << 24) - 1
BUTTON_PX = 110  # Check and Next, at 1080p


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
        # the answers, and under them in portrait the place of the big button (Check or Next)
        self.answer_column = QWidget()
        self._answers_box = QVBoxLayout(self.answer_column)
        self._answers_box.setContentsMargins(0, 0, 0, 0)
        self._answers_box.setSpacing(px(20))
        self.button_place = QWidget()
        self.button_place.setObjectName("quiz-button-place")
        self._button_grid = QGridLayout(self.button_place)
        self._button_grid.setContentsMargins(0, 0, 0, 0)
        self.button_place.setFixedHeight(px(BUTTON_PX))
        self.button_place.hide()
        self._answers_box.addWidget(self.button_place)
        self.body.addWidget(self.answer_column, 3)

        self.side = QStackedWidget()
        self.picture = PlainLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card = ExplanationCard(theme)
        self.card.next_was_tapped.connect(self.next_was_tapped)
        self._card_page = QWidget()
        self._card_box = QVBoxLayout(self._card_page)
        self._card_box.setContentsMargins(0, 0, 0, 0)
        self._card_box.addWidget(self.card)
        self.side.addWidget(self.picture)
        self.side.addWidget(self._card_page)
        self.body.addWidget(self.side, 2)
        # the answers take the free height up to their tallest, so the page is not half empty;
        # only what is left after that goes below everything
        outer.addLayout(self.body, 1)
        outer.addStretch(0)
        self._bottom_margin = px(32)
        self._portrait: bool | None = None
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
        self._show_hint(answers.hint(view), view.answered)
        self.card.next_button.setVisible(view.answered)
        if view.answered:
            self.card.show_feedback(
                bool(view.answered_correctly),
                view.timed_out,
                view.explanation,
                view.source,
                view.number >= view.total,
                animate,
            )
            _show_page(self.side, self._card_page)
        else:
            self._set_picture(pictures(view.picture) if view.picture else None)
            _show_page(self.side, self.picture)
        self._arrange()

    def forget(self) -> None:
        """The next view is a question asked afresh (a new round may ask the same one again)."""
        self._view = None
        for widget in self._answer_widgets.values():
            widget.forget()

    def _show_hint(self, text: str, answered: bool) -> None:
        """The line on how to answer; after the answer it goes, but keeps its place (the
        answers under it do not move)."""
        if not answered:
            policy = self.hint.sizePolicy()
            policy.setRetainSizeWhenHidden(bool(text))
            self.hint.setSizePolicy(policy)
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

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
                self.answers.dock_check_button(None)
                self._answers_box.removeWidget(self.answers)
                self.answers.hide()
            self._answers_box.insertWidget(0, widget)
            widget.show()
            self.answers = widget
            self._portrait = None  # dock its Check button where the orientation wants it
        return widget

    def visible_buttons(self) -> list[AnswerButton]:
        return self.answers.visible_buttons() if self.answers is not None else []

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """Landscape: answers left, picture or card right. Portrait: the question at the top,
        the answers in the lower half, within a child's reach, and under them the place of the
        big button (Check, then Next); the picture, then the explanation card, in between.
        In both the answers keep their place when the card appears."""
        portrait = self.height() > self.width()
        if portrait != self._portrait:
            self._portrait = portrait
            self._set_orientation(portrait)
        if portrait:
            self.answer_column.setFixedHeight(self._column_height())
        # landscape: answers that cannot grow (a list of fixed rows) sit at the top of their
        # column, not in its middle
        answers = self.answers
        if answers is not None:
            fixed = answers.sizePolicy().verticalPolicy() is QSizePolicy.Policy.Fixed
            top = Qt.AlignmentFlag.AlignTop if fixed and not portrait else Qt.AlignmentFlag(0)
            item = self._answers_box.itemAt(0)
            if item is not None and item.alignment() != top:
                self._answers_box.setAlignment(answers, top)

    def _set_orientation(self, portrait: bool) -> None:
        self.body.setDirection(
            QBoxLayout.Direction.BottomToTop if portrait else QBoxLayout.Direction.LeftToRight
        )
        # portrait: the picture or card takes what the answers leave, never more
        vertical = QSizePolicy.Policy.Ignored if portrait else QSizePolicy.Policy.Expanding
        self.side.setSizePolicy(QSizePolicy.Policy.Expanding, vertical)
        self._card_box.setAlignment(
            self.card, Qt.AlignmentFlag.AlignBottom if portrait else Qt.AlignmentFlag(0)
        )
        host = self._button_grid if portrait else None
        self.card.dock_next_button(host)
        if self.answers is not None:
            self.answers.set_portrait(portrait)
            self.answers.dock_check_button(host)
            layout = self.answers.layout()
            if layout is not None:
                layout.activate()  # its min and max height without (or with) Check
        self.button_place.setVisible(portrait)
        if not portrait:
            self.answer_column.setMinimumHeight(0)
            self.answer_column.setMaximumHeight(QWIDGETSIZE_MAX)

    def _column_height(self) -> int:
        """The answers as tall as they may grow, as long as they start in the window's lower
        half; their own height never depends on the card above them."""
        below = self._answers_box.spacing() + self.button_place.height()
        window = self.window()
        half = window.height() // 2 - self.mapTo(window, QPoint(0, 0)).y()
        room = self.height() - self._bottom_margin - below - half
        answers = self.answers
        if answers is None:
            return below
        tallest = min(answers.maximumHeight(), max(answers.minimumHeight(), room))
        return tallest + below


def _show_page(stack: QStackedWidget, page: QWidget) -> None:
    """Switch only when needed: even a no-op switch costs a relayout."""
    if stack.currentWidget() is not page:
        stack.setCurrentWidget(page)
