"""The built-in quiz sets in content/ are complete, valid and bilingual."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from kiosk.content.source_doc import SCHEMA_DIR
from kiosk.quiz.kinds import KINDS
from kiosk.quiz.live import LIVE_METRICS
from kiosk.quiz.loader import load_quiz_sets
from kiosk.quiz.models import Difficulty, question_pool
from kiosk.quiz.validate import validate_quiz_file

CONTENT = Path(__file__).resolve().parents[2] / "content"
QUIZ_FILES = sorted((CONTENT / "quizzes").glob("*.yaml"))


@pytest.mark.parametrize("path", QUIZ_FILES, ids=[p.stem for p in QUIZ_FILES])
def test_every_builtin_quiz_file_validates(path: Path) -> None:
    validate_quiz_file(path, CONTENT)


def test_builtin_sets_cover_levels_themes_and_live_metrics() -> None:
    loaded = load_quiz_sets(CONTENT)
    assert loaded.errors == ()
    questions = question_pool(loaded.sets)
    assert len(questions) >= 80
    levels = Counter(q.difficulty for q in questions)
    assert all(levels[level] >= 25 for level in Difficulty)
    per_theme = Counter(s.theme for s in loaded.sets for _ in s.questions)
    assert all(count >= 12 for count in per_theme.values()), per_theme
    themes = {s.theme for s in loaded.sets}
    assert {"solar", "electricity", "water", "waste", "transport", "food"} <= themes
    live_metrics = {q.live.metric for q in questions if q.live is not None}
    assert live_metrics == set(LIVE_METRICS)
    for q in questions:
        assert q.source.title and q.source.title_zh, q.id  # its source in both languages
        assert q.source.in_language("zh").title == q.source.title_zh
        if q.difficulty is Difficulty.KIDS and q.kind != "live":
            assert q.picture or all(c.picture for c in q.choices), q.id


def test_every_kids_picture_file_has_a_licence_entry() -> None:
    licence = (CONTENT / "images" / "quiz" / "LICENSE.md").read_text("utf-8")
    for svg in (CONTENT / "images" / "quiz").glob("*.svg"):
        assert svg.name in licence


def test_schema_live_metrics_match_the_documented_keys() -> None:
    schema = json.loads((SCHEMA_DIR / "quiz.schema.json").read_text("utf-8"))
    live = schema["$defs"]["question"]["properties"]["live"]["properties"]["metric"]["enum"]
    assert set(live) == set(LIVE_METRICS)


def test_schema_question_types_are_the_registered_kinds() -> None:
    schema = json.loads((SCHEMA_DIR / "quiz.schema.json").read_text("utf-8"))
    assert schema["$defs"]["question"]["properties"]["type"]["enum"] == list(KINDS)
