"""What every question kind provides, and the small helpers kinds share.

A kind is one class (see :mod:`kiosk.quiz.kinds`): it turns its part of a quiz document into
a :class:`~kiosk.quiz.models.Question`, checks what an author can get wrong, converts its
spreadsheet cells, decides how the question is put to a visitor (:class:`Asked`) and scores an
:data:`Answer`. Kinds hold no state; one instance serves every question of its kind.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from kiosk.quiz.live import LiveAsk, LiveValueProvider
from kiosk.quiz.models import Choice, LocalText, Question

#: Choice ids, in document order: the first choice is ``a``.
CHOICE_IDS = "abcdef"

#: A visitor's answer: choice ids, in the order given (the order matters for some kinds).
Answer = tuple[str, ...]

#: Report a spreadsheet problem: ``problem(column, message)``.
CellSink = Callable[[str, str], None]

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem; ``path`` is the JSON path into the document (e.g. questions, 3, choices)."""

    path: Path
    message: str


@dataclass(frozen=True, slots=True)
class Asked:
    """How a question was put to the visitor: its choices in display order (and, for a live
    question, the figure its choices were built around)."""

    order: tuple[str, ...]
    live: LiveAsk | None = None


def local_text(raw: Mapping[str, str]) -> LocalText:
    return LocalText(zh=raw["zh"].strip(), en=raw["en"].strip())


class QuestionKind:
    """A question kind. The defaults fit a question whose choices are listed in the document
    and shown shuffled; subclasses override what differs."""

    #: The ``type`` in the quiz document and the spreadsheet.
    name: ClassVar[str]
    #: Spreadsheet columns only this kind (and kinds sharing them) may fill.
    columns: ClassVar[tuple[str, ...]] = ()
    #: A kids question of this kind needs a picture (on the question or every choice).
    kids_need_pictures: ClassVar[bool] = True

    # --- the pack document ---------------------------------------------------------------

    def problems(self, raw: dict[str, Any], at: Path) -> list[Problem]:
        """What is wrong with a schema-valid question of this kind (beyond texts, ids and
        pictures, which every kind shares)."""
        return []

    def choices(self, raw: dict[str, Any]) -> tuple[Choice, ...]:
        """The question's choices, ids ``a``, ``b``, ... in document order."""
        return tuple(
            Choice(
                CHOICE_IDS[j], local_text(c["text"]), c.get("correct", False), c.get("picture", "")
            )
            for j, c in enumerate(raw.get("choices", ()))
        )

    # --- the spreadsheet -------------------------------------------------------------------

    def from_cells(
        self, cells: Mapping[str, str], choices: list[dict[str, Any]], problem: CellSink
    ) -> dict[str, Any]:
        """This kind's keys of the question document, from one sheet row; ``choices`` are the
        row's choice columns, already converted."""
        return {"choices": choices}

    # --- a round ---------------------------------------------------------------------------

    def ask(
        self, question: Question, rng: random.Random, live: LiveValueProvider | None
    ) -> Asked | None:
        """Put the question to a visitor now, or None to skip it."""
        ids = [c.id for c in question.choices]
        rng.shuffle(ids)
        return Asked(tuple(ids))

    def answer_problem(self, question: Question, answer: Answer) -> str | None:
        """Why ``answer`` (known choice ids, at least one) does not fit this kind, or None."""
        return None

    def correct_answer(self, question: Question, asked: Asked) -> Answer:
        """The right answer, in the form :meth:`is_correct` accepts."""
        return tuple(c.id for c in question.choices if c.correct)

    def is_correct(self, question: Question, asked: Asked, answer: Answer) -> bool:
        return set(answer) == set(self.correct_answer(question, asked))

    # --- showing it ------------------------------------------------------------------------

    def choice_text(
        self, question: Question, asked: Asked, choice_id: str, language: str
    ) -> tuple[str, str]:
        """A choice's text in ``language`` and its picture (pack-relative, or "")."""
        choice = question.choice(choice_id)
        return choice.text.get(language), choice.picture

    def explanation(self, question: Question, asked: Asked, language: str) -> str:
        return question.explanation.get(language)

    def feedback_order(self, question: Question, asked: Asked) -> tuple[str, ...]:
        """The choices in the order they are shown after the answer."""
        return asked.order

    def was_chosen(self, answer: Answer, position: int, choice_id: str) -> bool:
        """Whether the visitor chose the choice shown at ``position`` after the answer."""
        return choice_id in answer


def reject_choices(choices: list[dict[str, Any]], problem: CellSink, message: str) -> None:
    if choices:
        problem("choice_a_zh", message)
