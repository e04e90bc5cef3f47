"""Quiz YAML documents -> typed :class:`QuizSet` objects.

Question ids are qualified by their set (``solar/sun-power``), so questions of several sets can
be pooled into one round without clashes. A broken file is reported and skipped; the other
sets still load.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.content.source_doc import DocumentError, load_document
from kiosk.quiz.models import (
    Choice,
    Difficulty,
    FactSource,
    LiveSpec,
    LocalText,
    Question,
    QuestionKind,
    QuizSet,
    ResultLink,
)
from kiosk.quiz.validate import quiz_problems, raise_first

QUIZ_DIR = "quizzes"
TRUE_TEXT = LocalText("对", "True")
FALSE_TEXT = LocalText("错", "False")
CHOICE_IDS = "abcdef"


@dataclass(frozen=True, slots=True)
class LoadedQuizzes:
    sets: tuple[QuizSet, ...]
    errors: tuple[DocumentError, ...]


def load_quiz_sets(pack_root: Path) -> LoadedQuizzes:
    """Every ``quizzes/*.yaml`` of a pack, sorted by file name; bad files land in ``errors``."""
    sets: list[QuizSet] = []
    errors: list[DocumentError] = []
    for path in sorted((Path(pack_root) / QUIZ_DIR).glob("*.yaml")):
        try:
            sets.append(load_quiz_file(path, pack_root))
        except DocumentError as exc:
            errors.append(exc)
    return LoadedQuizzes(tuple(sets), tuple(errors))


def load_quiz_file(path: Path, pack_root: Path | None) -> QuizSet:
    """Load and fully validate one quiz file. Raises DocumentError."""
    data = load_document(path, "quiz")
    problems = quiz_problems(data, pack_root)
    if problems:
        raise_first(problems, Path(path).read_text("utf-8"), str(path))
    return quiz_set_from_data(data)


def quiz_set_from_data(data: dict[str, Any]) -> QuizSet:
    """Convert a validated document."""
    link = data.get("result_link")
    return QuizSet(
        id=data["id"],
        title=_text(data["title"]),
        theme=data["theme"],
        questions=tuple(_question(data["id"], q) for q in data["questions"]),
        result_link=ResultLink(link["url"], _text(link["label"])) if link else None,
    )


def _question(set_id: str, q: dict[str, Any]) -> Question:
    kind = QuestionKind(q["type"])
    choices: tuple[Choice, ...]
    if kind is QuestionKind.TRUE_FALSE:
        choices = (
            Choice("true", TRUE_TEXT, q["answer"] is True),
            Choice("false", FALSE_TEXT, q["answer"] is False),
        )
    else:
        choices = tuple(
            Choice(CHOICE_IDS[j], _text(c["text"]), c.get("correct", False), c.get("picture", ""))
            for j, c in enumerate(q.get("choices", ()))
        )
    live = q.get("live")
    source = q["source"]
    return Question(
        id=f"{set_id}/{q['id']}",
        kind=kind,
        difficulty=Difficulty(q["difficulty"]),
        text=_text(q["text"]),
        explanation=_text(q["explanation"]),
        source=FactSource(source["title"], source.get("url", "")),
        choices=choices,
        tags=tuple(q.get("tags", ())),
        picture=q.get("picture", ""),
        timer_seconds=q.get("timer_seconds"),
        live=LiveSpec(**live) if live else None,
    )


def _text(raw: dict[str, str]) -> LocalText:
    return LocalText(zh=raw["zh"].strip(), en=raw["en"].strip())
