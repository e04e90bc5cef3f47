"""What the question page asks of a kind's answer widget."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QPushButton, QWidget

from kiosk.quiz.views import QuestionView
from kiosk.ui.quiz.answer_button import AnswerButton
from kiosk.ui.quiz.dock import dock
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.touch import button

PictureResolver = Callable[[str], Path | None]


class AnswerWidget(QWidget):
    """Shows a question's choices and reports the visitor's answer.

    The page calls :meth:`show_choices` for every render (a tap, a language switch, the next
    question) and :meth:`forget` before a question is asked afresh; in between, the widget
    keeps what the visitor did to the question.
    """

    answer_was_chosen = Signal(object)  # tuple[str, ...] of choice ids, in the visitor's order
    #: *Check my answer*, for kinds answered in several steps (under the choices)
    check_button: QPushButton | None = None

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self._theme = theme

    def dock_check_button(self, host: QGridLayout | None) -> None:
        """Put *Check* in ``host`` (the page's button place under the answers in portrait),
        or with ``None`` back under the choices. The widget still shows and hides it."""
        own = self.layout()
        if self.check_button is not None and isinstance(own, QBoxLayout):
            dock(self.check_button, own, host)

    def show_choices(
        self, view: QuestionView, pictures: PictureResolver, large: bool, animate: bool
    ) -> None:
        raise NotImplementedError

    def set_portrait(self, portrait: bool) -> None:
        """The page is taller than wide: the answers have the width of the screen and the
        lower half of its height."""

    def forget(self) -> None:
        """A question is asked afresh next: drop what the visitor did to the last one (picks,
        an order), even if it is the same question again."""

    def hint(self, view: QuestionView) -> str:
        """A line under the question saying how to answer ("" for a plain tap)."""
        return ""

    def visible_buttons(self) -> list[AnswerButton]:
        """The choice targets on screen, in screen order."""
        return []


def check_button(theme: Theme) -> QPushButton:
    """The big *Check my answer* button of kinds answered in several steps."""
    btn = button("", "primary")
    btn.setObjectName("quiz-check")
    btn.setMinimumHeight(theme.px(110))
    # hidden after the answer, it keeps its place: the choices above it do not move
    policy = btn.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    btn.setSizePolicy(policy)
    return btn
