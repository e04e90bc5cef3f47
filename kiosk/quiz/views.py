"""Text for the current quiz state in one language: what the UI puts on screen.

Rendering is a pure function of the session state and a language, called again whenever the
language changes; nothing here changes the session.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.quiz.kinds import kind_of
from kiosk.quiz.models import FactSource
from kiosk.quiz.session import Phase, QuizSession


@dataclass(frozen=True, slots=True)
class ChoiceView:
    """One choice as shown. After the answer, ``chosen`` says the visitor chose it (for an
    order, put it at this place) and ``correct`` that it belongs to the right answer."""

    id: str
    text: str
    picture: str
    chosen: bool  # only in feedback
    correct: bool | None  # None while the question is open, so the UI cannot leak it


@dataclass(frozen=True, slots=True)
class QuestionView:
    question_id: str
    kind: str  # the name in kiosk.quiz.kinds.KINDS; the UI picks its answer widget by it
    number: int
    total: int
    text: str
    picture: str
    choices: tuple[ChoiceView, ...]
    answered: bool
    answered_correctly: bool | None
    answer: tuple[str, ...]  # the choice ids the visitor gave, in their order; () until then
    timed_out: bool
    explanation: str  # "" until answered
    source: FactSource | None  # None until answered


def render_question(session: QuizSession, language: str) -> QuestionView | None:
    """The question or feedback screen in ``language``; None in the start and result phases."""
    state = session.state
    if state.phase not in (Phase.QUESTION, Phase.FEEDBACK):
        return None
    question = session.question(state.question_id)
    kind = kind_of(question)
    asked = session.asked(question.id)
    answered = state.phase is Phase.FEEDBACK
    record = state.last_answer if answered else None
    correct = set(session.correct_answer(question.id))
    order = kind.feedback_order(question, asked) if answered else state.choice_order
    choices = []
    for position, choice_id in enumerate(order):
        text, picture = kind.choice_text(question, asked, choice_id, language)
        choices.append(
            ChoiceView(
                id=choice_id,
                text=text,
                picture=picture,
                chosen=record is not None and kind.was_chosen(record.chosen, position, choice_id),
                correct=(choice_id in correct) if answered else None,
            )
        )
    explanation = kind.explanation(question, asked, language) if answered else ""
    return QuestionView(
        question_id=question.id,
        kind=question.kind,
        number=state.number,
        total=state.total,
        text=question.text.get(language),
        picture=question.picture,
        choices=tuple(choices),
        answered=answered,
        answered_correctly=record.correct if record else None,
        answer=record.chosen if record else (),
        timed_out=record.timed_out if record else False,
        explanation=explanation,
        source=question.source.in_language(language) if answered else None,
    )
