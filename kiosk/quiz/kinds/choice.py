"""Kinds whose answer is a set of choices: single, multiple, picture and true/false."""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from typing import Any

from kiosk.quiz.kinds.base import (
    CHOICE_IDS,
    Answer,
    Asked,
    CellSink,
    Path,
    Problem,
    QuestionKind,
    reject_choices,
)
from kiosk.quiz.live import LiveValueProvider
from kiosk.quiz.models import Choice, LocalText, Question

TRUE_TEXT = LocalText("对", "True")
FALSE_TEXT = LocalText("错", "False")
_TRUE = {"true", "t", "yes", "y", "1", "对", "是", "正确", "√"}
_FALSE = {"false", "f", "no", "n", "0", "错", "否", "错误", "×"}


class SingleKind(QuestionKind):
    """Exactly one correct choice; a tap answers."""

    name = "single"
    columns = ("correct",)
    several = False

    def problems(self, raw: dict[str, Any], at: Path) -> list[Problem]:
        correct = sum(1 for c in raw["choices"] if c.get("correct", False))
        if correct == 0:
            return [Problem((*at, "choices"), "no choice is marked correct: true")]
        if not self.several and correct > 1:
            return [
                Problem(
                    (*at, "choices"),
                    f"a {self.name} question needs exactly one correct choice, got {correct}",
                )
            ]
        return []

    def from_cells(
        self, cells: Mapping[str, str], choices: list[dict[str, Any]], problem: CellSink
    ) -> dict[str, Any]:
        if len(choices) < 2:
            problem("choice_b_zh", f"a {self.name} question needs at least two choices")
        correct = cells.get("correct", "")
        letters = [x for x in re.split(r"[;,，；\s]+", correct.lower()) if x]
        if not letters:
            problem("correct", "name the correct choice letter(s), e.g. a or a;c")
        for letter in letters:
            position = CHOICE_IDS.find(letter) if len(letter) == 1 else -1
            if position < 0 or position >= len(choices):
                last = CHOICE_IDS[max(len(choices), 1) - 1]
                problem("correct", f"{letter!r} is not one of the choices a-{last}")
            else:
                choices[position]["correct"] = True
        if not self.several and len(letters) > 1:
            problem(
                "correct", f"a {self.name} question has exactly one correct choice, got {correct!r}"
            )
        return {"choices": choices}

    def answer_problem(self, question: Question, answer: Answer) -> str | None:
        if len(set(answer)) != len(answer):
            return "a choice was given twice"
        if not self.several and len(answer) != 1:
            return "takes exactly one choice"
        return None


class MultipleKind(SingleKind):
    """One or more correct choices; the visitor picks all of them, then taps Check."""

    name = "multiple"
    several = True


class PictureKind(SingleKind):
    """A single-choice question where every choice is a picture."""

    name = "picture"

    def problems(self, raw: dict[str, Any], at: Path) -> list[Problem]:
        problems = super().problems(raw, at)
        for j, c in enumerate(raw["choices"]):
            if "picture" not in c:
                problems.append(Problem((*at, "choices", j), "a picture choice needs a picture"))
        return problems


class TrueFalseKind(SingleKind):
    """Two built-in choices, "true" and "false", always in that order; ``answer`` says which."""

    name = "true_false"

    def problems(self, raw: dict[str, Any], at: Path) -> list[Problem]:
        return []

    def choices(self, raw: dict[str, Any]) -> tuple[Choice, ...]:
        return (
            Choice("true", TRUE_TEXT, raw["answer"] is True),
            Choice("false", FALSE_TEXT, raw["answer"] is False),
        )

    def from_cells(
        self, cells: Mapping[str, str], choices: list[dict[str, Any]], problem: CellSink
    ) -> dict[str, Any]:
        reject_choices(
            choices, problem, "a true_false question has no choices; put true or false in correct"
        )
        answer = cells.get("correct", "").lower()
        if answer in _TRUE or answer in _FALSE:
            return {"answer": answer in _TRUE}
        problem("correct", f"must be true or false, got {cells.get('correct', '')!r}")
        return {}

    def ask(
        self, question: Question, rng: random.Random, live: LiveValueProvider | None
    ) -> Asked | None:
        return Asked(tuple(c.id for c in question.choices))
