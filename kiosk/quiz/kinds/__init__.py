"""Question kinds, one class per kind, registered in :data:`KINDS` (the only list of kinds in
the core: the loader, the checks, the spreadsheet importer and the round all ask it).

Each kind's widget lives in the UI ring and is registered by the same name in
:mod:`kiosk.ui.quiz.answers`. Adding a kind: docs/architecture.md, "Add a quiz kind".
"""

from __future__ import annotations

from kiosk.quiz.kinds.base import Answer, Asked, Problem, QuestionKind
from kiosk.quiz.kinds.choice import MultipleKind, PictureKind, SingleKind, TrueFalseKind
from kiosk.quiz.kinds.live import LiveKind
from kiosk.quiz.kinds.order import OrderKind
from kiosk.quiz.models import Question

KINDS: dict[str, QuestionKind] = {
    kind.name: kind
    for kind in (
        SingleKind(),
        MultipleKind(),
        TrueFalseKind(),
        PictureKind(),
        LiveKind(),
        OrderKind(),
    )
}


def kind_of(question: Question) -> QuestionKind:
    return KINDS[question.kind]


__all__ = ["KINDS", "Answer", "Asked", "Problem", "QuestionKind", "kind_of"]
