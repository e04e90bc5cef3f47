"""Checks on a quiz file beyond its JSON Schema: what an author can get wrong in meaning.

The pack builder calls :func:`validate_quiz_file`; the loader and the spreadsheet importer use
:func:`quiz_problems`, which returns every problem with its place in the document.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from kiosk.content.source_doc import DocumentError, _line_of, load_document
from kiosk.quiz.models import LANGUAGES

#: Live questions format their explanation with these fields; any other {name} is a typo.
EXPLANATION_FIELDS = ("value", "unit")


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem; ``path`` is the JSON path into the document (e.g. questions, 3, choices)."""

    path: tuple[str | int, ...]
    message: str


def validate_quiz_file(path: Path, pack_root: Path) -> None:
    """Raise DocumentError (file, line, message) for the first problem in a quiz file."""
    data = load_document(path, "quiz")
    problems = quiz_problems(data, pack_root)
    if problems:
        raise_first(problems, Path(path).read_text("utf-8"), str(path))


def raise_first(problems: list[Problem], text: str, name: str) -> None:
    first = problems[0]
    line = _line_of(yaml.compose(text, Loader=yaml.SafeLoader), list(first.path))
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
    if q["type"] == "live":
        for lang in LANGUAGES:
            try:
                q["explanation"][lang].format(value="1", unit="kWh")
            except (KeyError, IndexError, ValueError) as exc:
                problems.append(
                    Problem(
                        (*at, "explanation", lang),
                        f"bad placeholder {exc} (live explanations may use {{value}} and {{unit}})",
                    )
                )
    return problems


def _choice_problems(q: dict[str, Any], at: tuple[str | int, ...]) -> list[Problem]:
    choices = q.get("choices")
    if choices is None:
        return []
    problems = []
    correct = sum(1 for c in choices if c.get("correct", False))
    kind = q["type"]
    if correct == 0:
        problems.append(Problem((*at, "choices"), "no choice is marked correct: true"))
    elif kind in ("single", "picture") and correct > 1:
        problems.append(
            Problem(
                (*at, "choices"),
                f"a {kind} question needs exactly one correct choice, got {correct}",
            )
        )
    for lang in LANGUAGES:
        names = [c["text"][lang].strip() for c in choices]
        if len(set(names)) != len(names):
            problems.append(Problem((*at, "choices"), f"two choices have the same {lang} text"))
    if kind == "picture":
        for j, c in enumerate(choices):
            if "picture" not in c:
                problems.append(Problem((*at, "choices", j), "a picture choice needs a picture"))
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
    if q["difficulty"] == "kids" and q["type"] != "live" and not refs:
        problems.append(Problem(at, "a kids question needs a picture"))
    return problems
