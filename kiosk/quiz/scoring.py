"""Carbon points for a round: points per correct answer and a smaller reward for finishing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ScoreRules:
    points_per_correct: int = 10
    finish_bonus: int = 5


DEFAULT_RULES = ScoreRules()


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """How one question went: the choice ids given, in the order given (some kinds score
    an order). ``chosen`` is empty when the timer ran out."""

    question_id: str
    chosen: tuple[str, ...]
    correct: bool
    timed_out: bool = False


@dataclass(frozen=True, slots=True)
class RoundScore:
    correct: int
    asked: int
    finished: bool
    points: int


def score_round(
    answers: Sequence[AnswerRecord], finished: bool, rules: ScoreRules = DEFAULT_RULES
) -> RoundScore:
    """Points for ``answers``; the finish bonus only when the round reached its result with at
    least one right answer (random tapping through a round earns nothing)."""
    correct = sum(1 for a in answers if a.correct)
    bonus = rules.finish_bonus if finished and correct > 0 else 0
    points = correct * rules.points_per_correct + bonus
    return RoundScore(correct=correct, asked=len(answers), finished=finished, points=points)
