"""QuizService: quiz sets from the active content pack, sessions, class points off the GUI thread."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk.config.loader import parse_config
from kiosk.config.paths import AppPaths
from kiosk.content.active import ActiveContent, start_content
from kiosk.content.builtin import ensure_builtin
from kiosk.content.library import Library
from kiosk.content.policy import InstallPolicy
from kiosk.quiz.live import LiveValue
from kiosk.quiz.models import Difficulty
from kiosk.quiz.periods import Period
from kiosk.services.quiz_service import QuizService, load_catalog
from kiosk.services.tasks import TaskRunner

WEDNESDAY_NOON_SHANGHAI = datetime(2026, 11, 25, 4, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def builtin_content(tmp_path_factory: pytest.TempPathFactory) -> ActiveContent:
    """The bundled built-in pack installed into a fresh library, as the app would show it."""
    library = Library(tmp_path_factory.mktemp("library"))
    assert ensure_builtin(library, InstallPolicy()).installed is not None
    content = start_content(library).content
    assert content is not None
    return content


def make_service(
    data_dir: Path, tasks: TaskRunner, raw: dict[str, Any] | None = None
) -> QuizService:
    config = parse_config({"sources": [], **(raw or {})})
    service = QuizService(config, AppPaths.resolve(data_dir), tasks)
    service.utc_now = lambda: WEDNESDAY_NOON_SHANGHAI
    return service


def test_catalog_holds_every_set_of_the_pack_with_pictures_resolved(
    builtin_content: ActiveContent,
) -> None:
    catalog = load_catalog(builtin_content)
    assert catalog.errors == ()
    assert {s.id for s in catalog.sets} == {
        "electricity", "food", "solar", "transport", "waste", "water",
    }  # fmt: skip
    sun = catalog.picture_path("images/quiz/sun.svg")
    assert sun is not None and sun.read_bytes().lstrip().startswith(b"<svg")
    assert catalog.picture_path("images/quiz/not-there.svg") is None
    assert catalog.picture_path("") is None


def test_a_broken_quiz_file_is_reported_with_its_line_and_the_others_still_load(
    builtin_content: ActiveContent, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\nid: broken\ntitle: {zh: 坏, en: Broken}\n", "utf-8")
    files = dict(builtin_content.quiz_files)
    files["builtin/quizzes/broken.yaml"] = broken
    catalog = load_catalog(dataclasses.replace(builtin_content, quiz_files=files))
    assert len(catalog.sets) == 6
    assert len(catalog.errors) == 1
    assert catalog.errors[0].startswith("builtin/quizzes/broken.yaml: ")
    assert "broken.yaml:" in catalog.errors[0]


def test_no_content_means_an_empty_catalog(qtbot: Any, data_dir: Path, tasks: TaskRunner) -> None:
    service = make_service(data_dir, tasks)
    with qtbot.waitSignal(service.catalog_did_change) as blocker:
        service.set_content(None)
    assert blocker.args[0].sets == ()
    assert service.playable_levels(None) == []
    assert service.new_session(Difficulty.KIDS, None) is None
    service.stop()


def test_set_content_parses_off_the_gui_thread_and_keeps_only_the_newest(
    qtbot: Any, data_dir: Path, builtin_content: ActiveContent, tasks: TaskRunner
) -> None:
    service = make_service(data_dir, tasks)
    seen: list[int] = []
    service.catalog_did_change.connect(lambda catalog: seen.append(len(catalog.sets)))
    service.set_content(None)
    service.set_content(builtin_content)
    qtbot.waitUntil(lambda: seen == [6])
    assert len(service.catalog.sets) == 6
    service.stop()


def test_live_questions_are_asked_only_with_a_provider(
    qtbot: Any, data_dir: Path, builtin_content: ActiveContent, tasks: TaskRunner
) -> None:
    service = make_service(data_dir, tasks, {"quiz": {"questions_per_round": 30}})
    with qtbot.waitSignal(service.catalog_did_change):
        service.set_content(builtin_content)
    session = service.new_session(Difficulty.STUDENT, "solar")
    assert session is not None
    session.start(0.0)
    asked = {session.state.question_id}
    while True:
        session.answer(session.state.choice_order[0], 0.0)
        session.next(0.0)
        if session.state.phase.value == "result":
            break
        asked.add(session.state.question_id)
    assert all(session.question(q).live is None for q in asked)
    solar = [
        q
        for s in service.catalog.sets
        if s.theme == "solar"
        for q in s.questions
        if q.difficulty is Difficulty.STUDENT
    ]
    plain = {q.id for q in solar if q.live is None}
    assert 0 < len(plain) < len(solar)  # the student solar set has live questions too
    assert asked == plain

    service.set_live_provider(lambda metric: LiveValue(123.0, 10.0))
    session = service.new_session(Difficulty.STUDENT, "solar")
    assert session is not None
    session.start(0.0)
    assert session.state.total == len(solar)
    service.stop()


def test_points_go_to_the_class_and_boards_reset_by_period(
    qtbot: Any, data_dir: Path, tasks: TaskRunner
) -> None:
    service = make_service(data_dir, tasks, {"quiz": {"classes": ["Class 3A", "Class 3B"]}})
    with qtbot.waitSignal(service.leaderboards_did_update) as blocker:
        service.award("Class 3B", 45)
    boards = blocker.args[0]
    week = boards[Period.WEEK]
    assert [(r.rank, r.team, r.points) for r in week.rows] == [
        (1, "Class 3B", 45),
        (2, "Class 3A", 0),
    ]
    with qtbot.waitSignal(service.leaderboards_did_update) as blocker:
        service.award("Class 3A", 50)
    assert blocker.args[0][Period.DAY].rows[0].team == "Class 3A"

    service.utc_now = lambda: WEDNESDAY_NOON_SHANGHAI + timedelta(days=7)
    with qtbot.waitSignal(service.leaderboards_did_update) as blocker:
        service.refresh_leaderboards()
    boards = blocker.args[0]
    assert all(r.points == 0 for r in boards[Period.WEEK].rows)  # a new week
    assert boards[Period.TERM].rows[0].points == 50  # the term goes on
    service.stop()


def test_a_points_database_that_cannot_be_opened_is_reported_not_raised(
    qtbot: Any, data_dir: Path, tasks: TaskRunner
) -> None:
    service = make_service(data_dir, tasks)
    AppPaths.resolve(data_dir).quiz_db.parent.mkdir(parents=True, exist_ok=True)
    AppPaths.resolve(data_dir).quiz_db.mkdir()  # a folder where the file should be
    with qtbot.waitSignal(service.points_did_fail) as blocker:
        service.award("Class 3A", 10)
    assert str(AppPaths.resolve(data_dir).quiz_db) in blocker.args[0]
    service.stop()
