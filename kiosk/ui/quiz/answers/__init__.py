"""The answer widget of each question kind, registered by the kind's name.

The core's kinds (:data:`kiosk.quiz.kinds.KINDS`) know nothing of Qt; this registry is their
UI half. The question page asks :func:`answer_widget_class` for the widget of the question it
shows and keeps one instance per class, so kinds sharing a widget share its buttons.
"""

from __future__ import annotations

from kiosk.ui.quiz.answers.base import AnswerWidget, PictureResolver
from kiosk.ui.quiz.answers.grid import ChoiceGrid, PickSeveralGrid
from kiosk.ui.quiz.answers.order_list import OrderList

ANSWER_WIDGETS: dict[str, type[AnswerWidget]] = {
    "single": ChoiceGrid,
    "true_false": ChoiceGrid,
    "picture": ChoiceGrid,
    "live": ChoiceGrid,
    "multiple": PickSeveralGrid,
    "order": OrderList,
}


def answer_widget_class(kind: str) -> type[AnswerWidget]:
    try:
        return ANSWER_WIDGETS[kind]
    except KeyError:
        raise LookupError(f"no answer widget registered for quiz kind {kind!r}") from None


__all__ = ["ANSWER_WIDGETS", "AnswerWidget", "PictureResolver", "answer_widget_class"]
