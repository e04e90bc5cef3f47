"""Rounds avoid what this kiosk asked lately, and the history survives a restart."""

from __future__ import annotations

import random
from pathlib import Path

from quiz_helpers import make_question

from kiosk.quiz.recent import AskedHistory
from kiosk.quiz.session import Phase, QuizSession

POOL = [make_question(f"q{i}") for i in range(12)]


def play_round(history: AskedHistory | None, seed: int = 1) -> list[str]:
    session = QuizSession(POOL, questions_per_round=4, rng=random.Random(seed), history=history)
    session.start(0.0)
    asked = []
    while session.state.phase is not Phase.RESULT:
        asked.append(session.state.question_id)
        session.answer(session.correct_answer(session.state.question_id), 1.0)
        session.next(2.0)
    return asked


def test_without_a_history_the_same_seed_asks_the_same_round() -> None:
    """The baseline the history changes: a fresh random start repeats itself."""
    assert play_round(None) == play_round(None)


def test_rounds_meet_the_whole_pool_before_a_question_comes_back(tmp_path: Path) -> None:
    history = AskedHistory(tmp_path / "asked.json")
    rounds = [play_round(history) for _ in range(3)]
    asked = [q for r in rounds for q in r]
    assert sorted(asked) == sorted(q.id for q in POOL)  # 3 x 4 = all 12, none twice
    fourth = play_round(history)
    assert fourth == rounds[0]  # the ones asked longest ago come back first


def test_the_history_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "data" / "asked.json"
    history = AskedHistory(path)
    first = play_round(history)
    history.save()
    again = AskedHistory(path)
    again.load()
    assert not set(play_round(again)) & set(first)  # next week, with the same luck


def test_a_damaged_history_file_is_an_empty_history(tmp_path: Path) -> None:
    path = tmp_path / "asked.json"
    for junk in ("{not json", "[1, 2]", '{"asked": [1]}', '{"asked": {"q1": "x", "q2": true}}'):
        path.write_text(junk, "utf-8")
        history = AskedHistory(path)
        history.load()
        assert play_round(history) == play_round(None)
