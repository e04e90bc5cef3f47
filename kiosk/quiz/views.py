"""Text for the current quiz state in one language: what the UI puts on screen.

Rendering is a pure function of the session state and a language, called again whenever the
language changes; nothing here changes the session.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.quiz.live import LIVE_METRICS, format_live_value
from kiosk.quiz.models import FactSource, QuestionKind
from kiosk.quiz.session import Phase, QuizSession


@dataclass(frozen=True, slots=True)
class ChoiceView:
    id: str
    text: str
    picture: str
    chosen: bool  # only in feedback
    correct: bool | None  # None while the question is open, so the UI cannot leak it


@dataclass(frozen=True, slots=True)
class QuestionView:
    question_id: str
    kind: QuestionKind
    number: int
    total: int
    text: str
    picture: str
    choices: tuple[ChoiceView, ...]
    pick_several: bool
    answered: bool
    answered_correctly: bool | None
    timed_out: bool
    explanation: str  # "" until answered
    source: FactSource | None  # None until answered


def render_question(session: QuizSession, language: str) -> QuestionView | None:
    """The question or feedback screen in ``language``; None in the start and result phases."""
    state = session.state
    if state.phase not in (Phase.QUESTION, Phase.FEEDBACK):
        return None
    question = session.question(state.question_id)
    answered = state.phase is Phase.FEEDBACK
    record = state.last_answer if answered else None
    correct_ids = session.correct_ids(question.id)
    ask = session.live_ask(question.id)
    choices = []
    for choice_id in state.choice_order:
        if ask is not None:
            unit = LIVE_METRICS[ask.metric].get(language)
            value = ask.choice_values[ord(choice_id) - ord("a")]
            text, picture = f"{format_live_value(value)} {unit}".strip(), ""
        else:
            choice = question.choice(choice_id)
            text, picture = choice.text.get(language), choice.picture
        choices.append(
            ChoiceView(
                id=choice_id,
                text=text,
                picture=picture,
                chosen=record is not None and choice_id in record.chosen,
                correct=(choice_id in correct_ids) if answered else None,
            )
        )
    explanation = ""
    if answered:
        explanation = question.explanation.get(language)
        if ask is not None:
            unit = LIVE_METRICS[ask.metric].get(language)
            explanation = explanation.format(value=format_live_value(ask.correct_value), unit=unit)
    return QuestionView(
        question_id=question.id,
        kind=question.kind,
        number=state.number,
        total=state.total,
        text=question.text.get(language),
        picture=question.picture,
        choices=tuple(choices),
        pick_several=question.kind is QuestionKind.MULTIPLE,
        answered=answered,
        answered_correctly=record.correct if record else None,
        timed_out=record.timed_out if record else False,
        explanation=explanation,
        source=question.source if answered else None,
    )
