"""The anonymous counts listen to the quiz service: a round started and finished (by level and
topic, with its right answers) lands in the hourly store; the heartbeat takes "since last"."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parents[1] / "ui"))

from test_quiz_service import builtin_content, make_service  # noqa: F401  # the fixture too

from kiosk.content.active import ActiveContent
from kiosk.fleet.counts import CountStore, hour_of
from kiosk.quiz.models import Difficulty
from kiosk.services.engagement import EngagementService, dwell_bucket
from kiosk.services.tasks import TaskRunner

NOW = 1_798_700_000.0


def test_a_quiz_round_is_counted_by_level_topic_and_right_answers(
    qtbot: Any,
    data_dir: Path,
    builtin_content: ActiveContent,  # noqa: F811
    tasks: TaskRunner,
) -> None:
    quiz = make_service(data_dir, tasks)
    counts = EngagementService(data_dir / "counts.sqlite3", tasks, clock=lambda: NOW)
    quiz.round_did_start.connect(counts.on_round_did_start)
    quiz.round_did_finish.connect(counts.on_round_did_finish)
    with qtbot.waitSignal(quiz.catalog_did_change):
        quiz.set_content(builtin_content)
    session = quiz.new_session(Difficulty.KIDS, "solar")
    assert session is not None
    session.start(0.0)
    right = 0
    with qtbot.waitSignal(quiz.round_did_finish) as finished:
        while session.state.question_id:
            answer = session.correct_answer(session.state.question_id)
            record = session.answer(answer, 1.0)
            right += record.correct
            session.next(2.0)
    assert finished.args == ["kids", "solar", session.state.total, right]
    since = counts.take_since_heartbeat()
    assert since["quiz.started.kids.solar"] == since["quiz.finished.kids.solar"] == 1
    assert since["quiz.right"] == right and since["quiz.answers"] == session.state.total
    assert counts.take_since_heartbeat() == {}  # taken once
    counts.stop()
    quiz.stop()
    store = CountStore(data_dir / "counts.sqlite3")
    assert store.totals(hour_of(NOW), hour_of(NOW) + 1)["quiz.finished.kids.solar"] == 1
    store.close()


def test_dwell_buckets() -> None:
    assert [dwell_bucket(s) for s in (0, 29.9, 30, 119, 300, 899, 900, 5000)] == [
        "under-30s", "under-30s", "30s-2m", "30s-2m", "5-15m", "5-15m", "over-15m", "over-15m",
    ]  # fmt: skip
