"""One quiz round as a small state machine: start -> question -> feedback -> ... -> result.

The UI only reads :attr:`QuizSession.state` (ids, no text) and calls :meth:`start`,
:meth:`answer`, :meth:`next` and :meth:`tick`; text comes from :func:`kiosk.quiz.views.render`
in whichever language is showing, so a language switch mid-round loses nothing. ``now`` is a
monotonic clock in seconds, passed in so tests drive the timer.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.quiz.kinds import Answer, Asked, kind_of
from kiosk.quiz.live import LiveAsk, LiveValueProvider
from kiosk.quiz.models import Question
from kiosk.quiz.recent import AskedHistory
from kiosk.quiz.scoring import DEFAULT_RULES, AnswerRecord, RoundScore, ScoreRules, score_round


class Phase(StrEnum):
    START = "start"
    QUESTION = "question"
    FEEDBACK = "feedback"
    RESULT = "result"


class QuizStateError(Exception):
    """A call that does not fit the current phase (a UI bug, not user input)."""


@dataclass(frozen=True, slots=True)
class SessionState:
    """Everything the UI needs to render, by id.

    ``number`` is the 1-based position of the current question and ``total`` the planned
    round length (it only shrinks if live questions had to be skipped and nothing was left).
    ``deadline`` is the monotonic time the current question times out, or None.
    """

    phase: Phase
    number: int = 0
    total: int = 0
    question_id: str = ""
    choice_order: tuple[str, ...] = ()
    deadline: float | None = None
    last_answer: AnswerRecord | None = None
    answers: tuple[AnswerRecord, ...] = ()
    score: RoundScore | None = None


@dataclass
class _Draw:
    """The round's question order and what has been drawn so far."""

    order: list[Question]
    position: int = 0
    asked: dict[str, Asked] = field(default_factory=dict)


class QuizSession:
    def __init__(
        self,
        pool: Sequence[Question],
        *,
        questions_per_round: int,
        timer_seconds: int = 0,
        live_provider: LiveValueProvider | None = None,
        rng: random.Random | None = None,
        rules: ScoreRules = DEFAULT_RULES,
        on_result: Callable[[SessionState], None] | None = None,
        history: AskedHistory | None = None,
    ) -> None:
        """``on_result`` is called once, with the final state, when the round reaches its
        result (the quiz service counts finished rounds with it). ``history``: the questions
        asked lately on this kiosk; a round draws the ones asked longest ago first and notes
        each one it asks (None: plain random order)."""
        if questions_per_round < 1:
            raise ValueError("questions_per_round must be at least 1")
        ids = [q.id for q in pool]
        if len(set(ids)) != len(ids):
            raise ValueError("question ids in a pool must be unique")
        self._pool = tuple(pool)
        self._per_round = questions_per_round
        self._timer_seconds = timer_seconds
        self._provider = live_provider
        self._rng = rng or random.Random()
        self._rules = rules
        self._on_result = on_result
        self._history = history
        self._by_id = {q.id: q for q in self._pool}
        self._draw = _Draw(order=[])
        self._state = SessionState(Phase.START)

    @property
    def state(self) -> SessionState:
        return self._state

    def question(self, question_id: str) -> Question:
        return self._by_id[question_id]

    def live_ask(self, question_id: str) -> LiveAsk | None:
        """The live figure and choice values a live question was asked with."""
        asked = self._draw.asked.get(question_id)
        return asked.live if asked is not None else None

    def asked(self, question_id: str) -> Asked:
        """How a question of this round was put to the visitor (KeyError if it was not)."""
        return self._draw.asked[question_id]

    def remaining_seconds(self, now: float) -> float | None:
        if self._state.phase is not Phase.QUESTION or self._state.deadline is None:
            return None
        return max(0.0, self._state.deadline - now)

    def start(self, now: float) -> None:
        """Draw a fresh order and show the first question (or the result if none can be asked)."""
        self._require(Phase.START, Phase.RESULT)
        history = self._history
        order = (
            history.order(self._pool, self._rng)
            if history is not None
            else self._rng.sample(self._pool, len(self._pool))
        )
        self._draw = _Draw(order=order)
        total = min(self._per_round, len(self._pool))
        self._state = SessionState(Phase.QUESTION, total=total)
        self._advance(now)

    def answer(self, choice_ids: str | Iterable[str], now: float) -> AnswerRecord:
        """Answer the current question with choice ids (in order, where the kind cares about
        order); past its deadline the answer counts as timed out."""
        self._require(Phase.QUESTION)
        state = self._state
        if state.deadline is not None and now >= state.deadline:
            return self._finish_question((), timed_out=True)
        chosen: Answer = (choice_ids,) if isinstance(choice_ids, str) else tuple(choice_ids)
        unknown = set(chosen) - set(state.choice_order)
        if not chosen or unknown:
            raise QuizStateError(f"not choices of {state.question_id}: {sorted(unknown) or '[]'}")
        question = self._by_id[state.question_id]
        problem = kind_of(question).answer_problem(question, chosen)
        if problem is not None:
            raise QuizStateError(f"{state.question_id}: {problem}")
        return self._finish_question(chosen, timed_out=False)

    def tick(self, now: float) -> bool:
        """Time out the current question if its deadline passed; True if the state changed."""
        state = self._state
        if state.phase is Phase.QUESTION and state.deadline is not None and now >= state.deadline:
            self._finish_question((), timed_out=True)
            return True
        return False

    def next(self, now: float) -> None:
        """From feedback, go to the next question or to the result."""
        self._require(Phase.FEEDBACK)
        self._advance(now)

    def correct_answer(self, question_id: str) -> Answer:
        """The right answer to a question of this round, as :meth:`answer` takes it."""
        question = self._by_id[question_id]
        return kind_of(question).correct_answer(question, self._draw.asked[question_id])

    def _advance(self, now: float) -> None:
        state = self._state
        if len(state.answers) < state.total:
            draw = self._draw
            while draw.position < len(draw.order):
                question = draw.order[draw.position]
                draw.position += 1
                asked = kind_of(question).ask(question, self._rng, self._provider)
                if asked is not None:
                    draw.asked[question.id] = asked
                    if self._history is not None:
                        self._history.note(question.id)
                    self._state = SessionState(
                        Phase.QUESTION,
                        number=len(state.answers) + 1,
                        total=state.total,
                        question_id=question.id,
                        choice_order=asked.order,
                        deadline=self._deadline(question, now),
                        answers=state.answers,
                    )
                    return
        answers = state.answers
        self._state = SessionState(
            Phase.RESULT,
            number=len(answers),
            total=len(answers),
            answers=answers,
            score=score_round(answers, finished=bool(answers), rules=self._rules),
        )
        if self._on_result is not None:
            on_result, self._on_result = self._on_result, None
            on_result(self._state)

    def _deadline(self, question: Question, now: float) -> float | None:
        seconds = self._timer_seconds if question.timer_seconds is None else question.timer_seconds
        return now + seconds if seconds > 0 else None

    def _finish_question(self, chosen: Answer, timed_out: bool) -> AnswerRecord:
        state = self._state
        question = self._by_id[state.question_id]
        asked = self._draw.asked[question.id]
        correct = not timed_out and kind_of(question).is_correct(question, asked, chosen)
        record = AnswerRecord(state.question_id, chosen, correct, timed_out)
        self._state = SessionState(
            Phase.FEEDBACK,
            number=state.number,
            total=state.total,
            question_id=state.question_id,
            choice_order=state.choice_order,
            last_answer=record,
            answers=(*state.answers, record),
        )
        return record

    def _require(self, *phases: Phase) -> None:
        if self._state.phase not in phases:
            allowed = " or ".join(p.value for p in phases)
            raise QuizStateError(f"only in phase {allowed}, now {self._state.phase.value}")
