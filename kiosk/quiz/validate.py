"""Checks on a quiz file beyond its JSON Schema: what an author can get wrong in meaning.

The pack builder calls :func:`validate_quiz_file`; the loader and the spreadsheet importer use
:func:`quiz_problems`, which returns every problem with its place in the document.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

from kiosk.content.source_doc import DocumentError, find_line, load_document
from kiosk.quiz.kinds import KINDS, Problem
from kiosk.quiz.models import LANGUAGES

__all__ = ["Problem", "quiz_problems", "raise_first", "validate_quiz_file"]


def validate_quiz_file(path: Path, pack_root: Path) -> None:
    """Raise DocumentError (file, line, message) for the first problem in a quiz file."""
    data = load_document(path, "quiz")
    problems = quiz_problems(data, pack_root)
    if problems:
        raise_first(problems, Path(path).read_text("utf-8"), str(path))


def raise_first(problems: list[Problem], text: str, name: str) -> None:
    first = problems[0]
    line = find_line(text, list(first.path))
    where = "/".join(str(p) for p in first.path)
    raise DocumentError(name, line, f"{where}: {first.message}" if where else first.message)


def quiz_problems(data: dict[str, Any], pack_root: Path | None) -> list[Problem]:
    """Semantic problems of a schema-valid quiz document; pictures checked when pack_root given."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, q in enumerate(data["questions"]):
        at: tuple[str | int, ...] = ("questions", i)
        if q["id"] in seen:
            problems.append(Problem((*at, "id"), f"duplicate question id {q['id']!r}"))
        seen.add(q["id"])
        problems += _text_problems(q, at)
        problems += _choice_problems(q, at)
        problems += KINDS[q["type"]].problems(q, at)
        if pack_root is not None:
            problems += _picture_problems(q, at, pack_root)
    return problems


def _text_problems(q: dict[str, Any], at: tuple[str | int, ...]) -> list[Problem]:
    problems = []
    texts: list[tuple[tuple[str | int, ...], dict[str, str]]] = [
        ((*at, "text"), q["text"]),
        ((*at, "explanation"), q["explanation"]),
    ]
    texts += [((*at, "choices", j, "text"), c["text"]) for j, c in enumerate(q.get("choices", ()))]
    for path, text in texts:
        for lang in LANGUAGES:
            if not text[lang].strip():
                problems.append(Problem((*path, lang), f"{lang} text is empty"))
    return problems


def _choice_problems(q: dict[str, Any], at: tuple[str | int, ...]) -> list[Problem]:
    choices = q.get("choices")
    if choices is None:
        return []
    problems = []
    for lang in LANGUAGES:
        names = [c["text"][lang].strip() for c in choices]
        if len(set(names)) != len(names):
            problems.append(Problem((*at, "choices"), f"two choices have the same {lang} text"))
    return problems


def _picture_problems(
    q: dict[str, Any], at: tuple[str | int, ...], pack_root: Path
) -> list[Problem]:
    refs: list[tuple[tuple[str | int, ...], str]] = []
    if "picture" in q:
        refs.append(((*at, "picture"), q["picture"]))
    for j, c in enumerate(q.get("choices", ())):
        if "picture" in c:
            refs.append(((*at, "choices", j, "picture"), c["picture"]))
    problems = []
    root = Path(pack_root).resolve()
    for path, ref in refs:
        parts = PurePosixPath(ref).parts
        target = (root / ref).resolve()
        if ".." in parts or not target.is_relative_to(root):
            problems.append(Problem(path, f"picture {ref!r} points outside the pack"))
        elif not target.is_file():
            problems.append(Problem(path, f"picture {ref!r} not found in the pack"))
    if q["difficulty"] == "kids" and KINDS[q["type"]].kids_need_pictures and not refs:
        problems.append(Problem(at, "a kids question needs a picture"))
    return problems
