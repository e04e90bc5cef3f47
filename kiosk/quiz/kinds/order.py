"""An order question: put the choices in order (e.g. by CO2, least first).

The document lists the choices in the right order; a visitor sees them shuffled (never already
in order) and answers with every choice, in their order. Only the whole order scores; the
feedback shows the right order and which places the visitor had right.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from kiosk.quiz.kinds.base import Answer, Asked, CellSink, Path, Problem, QuestionKind
from kiosk.quiz.live import LiveValueProvider
from kiosk.quiz.models import Question

MIN_ITEMS = 3
MAX_ITEMS = 5  # five rows and Check still fit a 1080-pixel screen


class OrderKind(QuestionKind):
    name = "order"

    def problems(self, raw: dict[str, Any], at: Path) -> list[Problem]:
        choices = raw["choices"]
        problems = [
            Problem(
                (*at, "choices", j, "correct"),
                "an order question lists its choices in the right order; remove correct",
            )
            for j, c in enumerate(choices)
            if "correct" in c
        ]
        problems += [
            Problem(
                (*at, "choices", j, "picture"),
                "order choices are shown as text; put a picture on the question instead",
            )
            for j, c in enumerate(choices)
            if "picture" in c
        ]
        if not MIN_ITEMS <= len(choices) <= MAX_ITEMS:
            problems.append(
                Problem(
                    (*at, "choices"),
                    f"an order question takes {MIN_ITEMS} to {MAX_ITEMS} choices, got {len(choices)}",
                )
            )
        return problems

    def from_cells(
        self, cells: Mapping[str, str], choices: list[dict[str, Any]], problem: CellSink
    ) -> dict[str, Any]:
        if len(choices) < MIN_ITEMS:
            problem(
                "choice_c_zh",
                f"an order question needs at least {MIN_ITEMS} choices, in the right order",
            )
        elif len(choices) > MAX_ITEMS:
            problem("choice_f_zh", f"an order question takes at most {MAX_ITEMS} choices")
        return {"choices": choices}

    def ask(
        self, question: Question, rng: random.Random, live: LiveValueProvider | None
    ) -> Asked | None:
        right = self.correct_answer(question, Asked(()))
        shown = list(right)
        while len(right) > 1 and tuple(shown) == right:  # already in order asks nothing
            rng.shuffle(shown)
        return Asked(tuple(shown))

    def answer_problem(self, question: Question, answer: Answer) -> str | None:
        if sorted(answer) != sorted(c.id for c in question.choices):
            return "an order holds every choice exactly once"
        return None

    def correct_answer(self, question: Question, asked: Asked) -> Answer:
        return tuple(c.id for c in question.choices)

    def is_correct(self, question: Question, asked: Asked, answer: Answer) -> bool:
        return answer == self.correct_answer(question, asked)

    def feedback_order(self, question: Question, asked: Asked) -> tuple[str, ...]:
        return self.correct_answer(question, asked)

    def was_chosen(self, answer: Answer, position: int, choice_id: str) -> bool:
        """Whether the visitor put this choice at this place of the right order."""
        return position < len(answer) and answer[position] == choice_id
