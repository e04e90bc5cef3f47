"""Typed quiz content: questions, choices and sets, every text in zh and en.

Objects here are immutable and hold no per-round state; a round refers to questions and
choices by id, so the UI can switch language mid-round and look the text up again.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

LANGUAGES = ("zh", "en")


class Difficulty(StrEnum):
    KIDS = "kids"
    FAMILY = "family"
    STUDENT = "student"


@dataclass(frozen=True, slots=True)
class LocalText:
    """One text in both kiosk languages."""

    zh: str
    en: str

    def get(self, language: str) -> str:
        return self.zh if language == "zh" else self.en


@dataclass(frozen=True, slots=True)
class FactSource:
    """Where the fact behind a question comes from (shown with the explanation)."""

    title: str  # in English; a pack's plain string serves both languages
    url: str = ""
    title_zh: str = ""

    def in_language(self, language: str) -> FactSource:
        """The source with its title in ``language`` (what a screen shows)."""
        title = self.title_zh if language == "zh" and self.title_zh else self.title
        return FactSource(title, self.url)


@dataclass(frozen=True, slots=True)
class Choice:
    """One answer option. ``id`` is stable within its question."""

    id: str
    text: LocalText
    correct: bool
    picture: str = ""  # pack-relative path, e.g. "images/quiz/sun.svg"


@dataclass(frozen=True, slots=True)
class LiveSpec:
    """How a live question finds its figure and builds choices around it.

    Attributes:
        metric: key asked of the live value provider (see ``kiosk.quiz.live.LIVE_METRICS``).
        max_age_seconds: older figures count as stale and the question is skipped.
        min_value: figures below this are too small to ask about (e.g. PV at dawn).
        choice_count: how many choices to show, the true one included.
    """

    metric: str
    max_age_seconds: float = 900.0
    min_value: float = 0.0
    choice_count: int = 4


@dataclass(frozen=True, slots=True)
class Question:
    """One question. ``kind`` names its kind in :data:`kiosk.quiz.kinds.KINDS`, which knows
    how it is asked and scored; ``choices`` are in document order."""

    id: str
    kind: str
    difficulty: Difficulty
    text: LocalText
    explanation: LocalText
    source: FactSource
    choices: tuple[Choice, ...] = ()
    tags: tuple[str, ...] = ()
    picture: str = ""
    timer_seconds: int | None = None  # None = the configured default
    live: LiveSpec | None = None

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self.choices if c.correct)

    def choice(self, choice_id: str) -> Choice:
        for c in self.choices:
            if c.id == choice_id:
                return c
        raise KeyError(f"question {self.id!r} has no choice {choice_id!r}")


@dataclass(frozen=True, slots=True)
class ResultLink:
    """A link shown as a QR code on the store-mode certificate."""

    url: str
    label: LocalText


@dataclass(frozen=True, slots=True)
class QuizSet:
    """The questions of one theme, as loaded from ``quizzes/<id>.yaml``."""

    id: str
    title: LocalText
    theme: str
    questions: tuple[Question, ...]
    result_link: ResultLink | None = None

    def levels(self) -> frozenset[Difficulty]:
        return frozenset(q.difficulty for q in self.questions)


def theme_titles(sets: tuple[QuizSet, ...] | list[QuizSet]) -> dict[str, LocalText]:
    """Each theme's title: its first set's (the picker and the yearly report name topics so)."""
    titles: dict[str, LocalText] = {}
    for quiz_set in sets:
        titles.setdefault(quiz_set.theme, quiz_set.title)
    return titles


def question_pool(
    sets: tuple[QuizSet, ...] | list[QuizSet],
    *,
    level: Difficulty | None = None,
    theme: str | None = None,
) -> tuple[Question, ...]:
    """Questions of ``sets`` for one level and/or theme (None = any), in file order."""
    return tuple(
        q
        for s in sets
        if theme is None or s.theme == theme
        for q in s.questions
        if level is None or q.difficulty is level
    )
