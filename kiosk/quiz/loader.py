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
from kiosk.quiz.kinds import KINDS
from kiosk.quiz.kinds.base import local_text
from kiosk.quiz.models import Difficulty, FactSource, LiveSpec, Question, QuizSet, ResultLink
from kiosk.quiz.validate import quiz_problems, raise_first

QUIZ_DIR = "quizzes"


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
        title=local_text(data["title"]),
        theme=data["theme"],
        questions=tuple(_question(data["id"], q) for q in data["questions"]),
        result_link=ResultLink(link["url"], local_text(link["label"])) if link else None,
    )


def _question(set_id: str, q: dict[str, Any]) -> Question:
    kind = KINDS[q["type"]]
    live = q.get("live")
    source = q["source"]
    return Question(
        id=f"{set_id}/{q['id']}",
        kind=kind.name,
        difficulty=Difficulty(q["difficulty"]),
        text=local_text(q["text"]),
        explanation=local_text(q["explanation"]),
        source=_fact_source(source),
        choices=kind.choices(q),
        tags=tuple(q.get("tags", ())),
        picture=q.get("picture", ""),
        timer_seconds=q.get("timer_seconds"),
        live=LiveSpec(**live) if live else None,
    )


def _fact_source(source: dict[str, Any]) -> FactSource:
    title = source["title"]
    if isinstance(title, dict):  # one title in each language
        return FactSource(str(title["en"]), source.get("url", ""), str(title["zh"]))
    return FactSource(str(title), source.get("url", ""))
