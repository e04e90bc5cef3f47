"""Spreadsheet rows -> a quiz file in a pack source folder (``quizzes/<set>.yaml``).

One row per question. Every problem is reported by spreadsheet row and column name, and
nothing is written unless the whole sheet converts and the result passes the same checks the
pack builder runs. Columns are listed in :data:`COLUMNS`; see ``docs/quizzes.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kiosk.content.source_doc import DocumentError, parse_document
from kiosk.quiz.kinds import KINDS
from kiosk.quiz.kinds.base import CHOICE_IDS, CellSink
from kiosk.quiz.loader import QUIZ_DIR
from kiosk.quiz.sheets import Sheet, SheetRow, read_sheet
from kiosk.quiz.validate import quiz_problems
from kiosk.util.atomic import atomic_write_text

REQUIRED = ("type", "difficulty", "question_zh", "question_en", "explanation_zh", "explanation_en", "source")  # fmt: skip
OPTIONAL = ("id", "tags", "source_url", "picture", "timer_seconds")
#: Columns that belong to some kinds (``correct``, ``live_metric``): empty for the others.
KIND_COLUMNS = tuple(dict.fromkeys(c for kind in KINDS.values() for c in kind.columns))
CHOICE_COLUMNS = tuple(
    f"choice_{letter}_{part}" for letter in CHOICE_IDS for part in ("zh", "en", "picture")
)
COLUMNS = REQUIRED + OPTIONAL + KIND_COLUMNS + CHOICE_COLUMNS
TYPES = tuple(KINDS)
DIFFICULTIES = ("kids", "family", "student")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True, slots=True)
class CellProblem:
    row: int  # spreadsheet row (header = 1); 0 = the sheet as a whole
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:
            return self.message
        return (
            f"row {self.row}, column {self.column}: {self.message}"
            if self.column
            else (f"row {self.row}: {self.message}")
        )


class ImportRefused(Exception):
    """The sheet has problems; nothing was written."""

    def __init__(self, sheet: str, problems: list[CellProblem]) -> None:
        self.sheet = sheet
        self.problems = problems
        super().__init__("\n".join(f"{sheet}: {p}" for p in problems))


@dataclass(frozen=True, slots=True)
class SetInfo:
    id: str
    title_zh: str
    title_en: str
    theme: str


def import_sheet(
    sheet_path: Path, pack_root: Path, info: SetInfo, *, overwrite: bool = False
) -> Path:
    """Convert ``sheet_path`` into ``pack_root/quizzes/<id>.yaml``; raise ImportRefused."""
    name = Path(sheet_path).name
    target = Path(pack_root) / QUIZ_DIR / f"{info.id}.yaml"
    set_problems = _set_problems(info, target, overwrite)
    if set_problems:
        raise ImportRefused(name, set_problems)
    sheet = read_sheet(sheet_path)
    document, rows = sheet_to_document(sheet, info, name)
    text = dump_document(document)
    try:
        parse_document(text, "quiz", str(target))
    except DocumentError as exc:  # a schema rule the row checks did not catch
        raise ImportRefused(name, [CellProblem(0, "", f"converted quiz invalid: {exc}")]) from None
    problems = [_locate(p.path, p.message, rows) for p in quiz_problems(document, pack_root)]
    if problems:
        raise ImportRefused(name, problems)
    atomic_write_text(target, text)
    return target


def sheet_to_document(sheet: Sheet, info: SetInfo, name: str) -> tuple[dict[str, Any], list[int]]:
    """The quiz document and, per question, its spreadsheet row. Raises ImportRefused."""
    problems = [
        CellProblem(1, column, "unknown column (see docs/quiz-template.csv)")
        for column in sheet.columns
        if column not in COLUMNS
    ]
    problems += [
        CellProblem(1, column, "required column is missing")
        for column in REQUIRED
        if column not in sheet.columns
    ]
    if problems:
        raise ImportRefused(name, problems)
    if not sheet.rows:
        raise ImportRefused(name, [CellProblem(0, "", "the sheet has no question rows")])
    questions: list[dict[str, Any]] = []
    for index, row in enumerate(sheet.rows, start=1):
        question, row_problems = _question(row, index)
        problems += row_problems
        questions.append(question)
    if problems:
        raise ImportRefused(name, problems)
    document = {
        "schema_version": 1,
        "id": info.id,
        "title": {"zh": info.title_zh, "en": info.title_en},
        "theme": info.theme,
        "questions": questions,
    }
    return document, [row.number for row in sheet.rows]


def dump_document(document: dict[str, Any]) -> str:
    header = "# Imported from a spreadsheet by `kiosk quiz import`; edit the sheet and re-import.\n"
    dumped: str = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
    return header + dumped


def _question(row: SheetRow, index: int) -> tuple[dict[str, Any], list[CellProblem]]:
    cells = row.cells
    problems: list[CellProblem] = []

    def problem(column: str, message: str) -> None:
        problems.append(CellProblem(row.number, column, message))

    for column in REQUIRED:
        if column not in cells:
            problem(column, "must not be empty")
    kind = cells.get("type", "").lower()
    if kind and kind not in TYPES:
        problem("type", f"must be one of {', '.join(TYPES)}, got {cells['type']!r}")
    difficulty = cells.get("difficulty", "").lower()
    if difficulty and difficulty not in DIFFICULTIES:
        problem(
            "difficulty", f"must be one of {', '.join(DIFFICULTIES)}, got {cells['difficulty']!r}"
        )
    qid = cells.get("id", f"q{index}")
    if not _ID.match(qid):
        problem("id", f"use lower-case letters, digits, '-' or '_', got {qid!r}")
    question: dict[str, Any] = {
        "id": qid,
        "type": kind,
        "difficulty": difficulty,
        "text": {"zh": cells.get("question_zh", ""), "en": cells.get("question_en", "")},
        "explanation": {
            "zh": cells.get("explanation_zh", ""),
            "en": cells.get("explanation_en", ""),
        },
        "source": {"title": cells.get("source", "")},
    }
    if "source_url" in cells:
        question["source"]["url"] = cells["source_url"]
        if not re.match(r"^https?://", cells["source_url"]):
            problem("source_url", "must start with http:// or https://")
    if "tags" in cells:
        question["tags"] = [t for t in re.split(r"[;,，；\s]+", cells["tags"]) if t]
    if "picture" in cells:
        question["picture"] = cells["picture"]
    if "timer_seconds" in cells:
        if cells["timer_seconds"].isdigit() and int(cells["timer_seconds"]) <= 600:
            question["timer_seconds"] = int(cells["timer_seconds"])
        else:
            problem(
                "timer_seconds", f"must be a whole number 0-600, got {cells['timer_seconds']!r}"
            )
    choices = _choices(row, problem)
    if kind in KINDS:
        for column in KIND_COLUMNS:
            if column in cells and column not in KINDS[kind].columns:
                problem(column, f"must be empty when type is {kind}")
        question.update(KINDS[kind].from_cells(cells, choices, problem))
    return question, problems


def _choices(row: SheetRow, problem: CellSink) -> list[dict[str, Any]]:
    choices: list[dict[str, Any]] = []
    gap = ""
    for letter in CHOICE_IDS:
        prefix = f"choice_{letter}_"
        present = {
            part: row.cells[prefix + part]
            for part in ("zh", "en", "picture")
            if prefix + part in row.cells
        }
        if not present:
            gap = gap or letter
            continue
        if gap:
            problem(f"{prefix}zh", f"choice {letter} follows an empty choice {gap}")
        for lang in ("zh", "en"):
            if lang not in present:
                problem(prefix + lang, f"choice {letter} needs text in both languages")
        choice: dict[str, Any] = {
            "text": {"zh": present.get("zh", ""), "en": present.get("en", "")}
        }
        if "picture" in present:
            choice["picture"] = present["picture"]
        choices.append(choice)
    return choices


def _set_problems(info: SetInfo, target: Path, overwrite: bool) -> list[CellProblem]:
    problems = []
    for label, value in (("set id", info.id), ("theme", info.theme)):
        if not _ID.match(value):
            problems.append(
                CellProblem(
                    0, "", f"{label} must use lower-case letters, digits, '-' or '_', got {value!r}"
                )
            )
    for label, value in (("title_zh", info.title_zh), ("title_en", info.title_en)):
        if not value.strip():
            problems.append(CellProblem(0, "", f"{label} must not be empty"))
    if not target.parent.parent.is_dir():
        problems.append(
            CellProblem(0, "", f"pack source folder {target.parent.parent} does not exist")
        )
    elif target.exists() and not overwrite:
        problems.append(CellProblem(0, "", f"{target} exists (use --force to replace it)"))
    return problems


def _locate(path: tuple[str | int, ...], message: str, rows: list[int]) -> CellProblem:
    """Map a document path from the semantic checks back to a sheet row and column."""
    if len(path) < 2 or path[0] != "questions" or not isinstance(path[1], int):
        return CellProblem(0, "", message)
    rest = path[2:]
    column = ""
    if rest[:1] == ("text",) and len(rest) > 1:
        column = f"question_{rest[1]}"
    elif rest[:1] == ("explanation",) and len(rest) > 1:
        column = f"explanation_{rest[1]}"
    elif rest[:1] == ("choices",) and len(rest) > 1 and isinstance(rest[1], int):
        tail = (
            "picture"
            if "picture" in rest
            else (str(rest[-1]) if rest[-1] in ("zh", "en") else "zh")
        )
        column = f"choice_{CHOICE_IDS[rest[1]]}_{tail}"
    elif rest[:1] == ("choices",):
        column = "correct" if "correct" in message else "choice_a_zh"
    elif rest[:1] in (("picture",), ("id",)):
        column = str(rest[0])
    elif not rest and "picture" in message:
        column = "picture"
    return CellProblem(rows[path[1]], column, message)
