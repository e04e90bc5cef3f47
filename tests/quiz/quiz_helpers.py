"""Builders for small quiz documents and questions used across the quiz tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kiosk.quiz.models import (
    Choice,
    Difficulty,
    FactSource,
    LiveSpec,
    LocalText,
    Question,
)

PICTURE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>'


def text(en: str) -> dict[str, str]:
    return {"zh": f"中文{en}", "en": en}


def question_doc(qid: str = "q1", **overrides: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": qid,
        "type": "single",
        "difficulty": "family",
        "text": text(f"Question {qid}?"),
        "explanation": text("Because."),
        "source": {"title": "A book", "url": "https://example.org/"},
        "choices": [
            {"text": text("Right"), "correct": True},
            {"text": text("Wrong")},
        ],
    }
    doc.update(overrides)
    return {k: v for k, v in doc.items() if v is not None}


def quiz_doc(*questions: dict[str, Any], set_id: str = "demo") -> dict[str, Any]:
    return {
        "schema_version": 1,
        "id": set_id,
        "title": text("Demo"),
        "theme": "demo",
        "questions": list(questions) or [question_doc()],
    }


def write_quiz(pack: Path, doc: dict[str, Any], name: str | None = None) -> Path:
    path = pack / "quizzes" / f"{name or doc['id']}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def make_question(
    qid: str,
    kind: str = "single",
    *,
    correct: tuple[str, ...] = ("a",),
    n_choices: int = 3,
    difficulty: Difficulty = Difficulty.FAMILY,
    live: LiveSpec | None = None,
    timer_seconds: int | None = None,
) -> Question:
    if kind == "true_false":
        choices = (
            Choice("true", LocalText("对", "True"), "true" in correct),
            Choice("false", LocalText("错", "False"), "false" in correct),
        )
    elif kind == "live":
        choices = ()
    else:
        choices = tuple(
            Choice(
                c,
                LocalText(f"选项{c}", f"choice {c}"),
                c in correct,
                f"images/quiz/{c}.svg" if kind == "picture" else "",
            )
            for c in "abcdef"[:n_choices]
        )
    return Question(
        id=qid,
        kind=kind,
        difficulty=difficulty,
        text=LocalText(f"问题{qid}", f"question {qid}"),
        explanation=LocalText("中文解释 {value}{unit}", "explained {value} {unit}")
        if live
        else LocalText("解释", "explained"),
        source=FactSource("A source"),
        choices=choices,
        live=live,
        timer_seconds=timer_seconds,
    )
