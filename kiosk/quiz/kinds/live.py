"""A live question: its choices are built around today's real figure when it comes up."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from kiosk.quiz.kinds.base import (
    Answer,
    Asked,
    CellSink,
    Path,
    Problem,
    QuestionKind,
    reject_choices,
)
from kiosk.quiz.live import LIVE_METRICS, LiveValueProvider, ask_live, format_live_value
from kiosk.quiz.models import Question

#: Live questions format their explanation with these fields; any other {name} is a typo.
EXPLANATION_FIELDS = ("value", "unit")


class LiveKind(QuestionKind):
    name = "live"
    columns = ("live_metric",)
    kids_need_pictures = False

    def problems(self, raw: dict[str, Any], at: Path) -> list[Problem]:
        problems = []
        for lang in ("zh", "en"):
            try:
                raw["explanation"][lang].format(**dict.fromkeys(EXPLANATION_FIELDS, "1"))
            except (KeyError, IndexError, ValueError) as exc:
                problems.append(
                    Problem(
                        (*at, "explanation", lang),
                        f"bad placeholder {exc} (live explanations may use {{value}} and {{unit}})",
                    )
                )
        return problems

    def from_cells(
        self, cells: Mapping[str, str], choices: list[dict[str, Any]], problem: CellSink
    ) -> dict[str, Any]:
        reject_choices(choices, problem, "a live question gets its choices from the live figure")
        if "live_metric" not in cells:
            problem("live_metric", "a live question needs the metric it asks about")
            return {}
        return {"live": {"metric": cells["live_metric"]}}

    def ask(
        self, question: Question, rng: random.Random, live: LiveValueProvider | None
    ) -> Asked | None:
        if question.live is None or live is None:
            return None
        figure = ask_live(question.live, live, rng)
        if figure is None:
            return None
        ids = [chr(ord("a") + i) for i in range(len(figure.choice_values))]
        rng.shuffle(ids)
        return Asked(tuple(ids), figure)

    def answer_problem(self, question: Question, answer: Answer) -> str | None:
        return None if len(answer) == 1 else "takes exactly one choice"

    def correct_answer(self, question: Question, asked: Asked) -> Answer:
        return ("a",)  # the true figure is always the first value

    def choice_text(
        self, question: Question, asked: Asked, choice_id: str, language: str
    ) -> tuple[str, str]:
        assert asked.live is not None
        unit = LIVE_METRICS[asked.live.metric].get(language)
        value = asked.live.choice_values[ord(choice_id) - ord("a")]
        return f"{format_live_value(value)} {unit}".strip(), ""

    def explanation(self, question: Question, asked: Asked, language: str) -> str:
        assert asked.live is not None
        unit = LIVE_METRICS[asked.live.metric].get(language)
        value = format_live_value(asked.live.correct_value)
        return question.explanation.get(language).format(value=value, unit=unit)
