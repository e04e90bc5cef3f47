"""The round state machine: every question type, no repeats, live data, timer, language."""

from __future__ import annotations

import random

import pytest
from quiz_helpers import make_question

from kiosk.quiz.live import LiveValue
from kiosk.quiz.models import LiveSpec
from kiosk.quiz.session import Phase, QuizSession, QuizStateError
from kiosk.quiz.views import render_question


def _session(pool, per_round=5, **kwargs) -> QuizSession:
    kwargs.setdefault("rng", random.Random(7))
    return QuizSession(pool, questions_per_round=per_round, **kwargs)


def _wrong(session: QuizSession) -> str:
    correct = session.correct_answer(session.state.question_id)
    return next(c for c in session.state.choice_order if c not in correct)


def test_round_walks_start_question_feedback_result() -> None:
    session = _session([make_question("q1"), make_question("q2")], per_round=2)
    assert session.state.phase is Phase.START
    session.start(now=0)
    assert session.state.phase is Phase.QUESTION
    assert (session.state.number, session.state.total) == (1, 2)
    record = session.answer("a", now=1)
    assert record.correct and session.state.phase is Phase.FEEDBACK
    session.next(now=2)
    assert session.state.number == 2
    session.answer(_wrong(session), now=3)
    session.next(now=4)
    state = session.state
    assert state.phase is Phase.RESULT
    assert state.score is not None
    assert (state.score.correct, state.score.asked, state.score.points) == (1, 2, 10 + 5)


@pytest.mark.parametrize(
    ("kind", "correct", "right", "wrong"),
    [
        ("single", ("b",), ["b"], ["a"]),
        ("picture", ("c",), ["c"], ["b"]),
        ("true_false", ("false",), ["false"], ["true"]),
        ("multiple", ("a", "c"), ["c", "a"], ["a"]),
    ],
)
def test_each_question_type_scores_right_and_wrong_answers(kind, correct, right, wrong) -> None:
    for answer, expected in ((right, True), (wrong, False)):
        session = _session([make_question("q", kind, correct=correct)])
        session.start(now=0)
        assert session.answer(answer, now=1).correct is expected


def test_multiple_choice_needs_all_and_only_the_correct_choices() -> None:
    session = _session([make_question("q", "multiple", correct=("a", "c"))])
    session.start(now=0)
    assert not session.answer(["a", "b", "c"], now=1).correct


def test_single_choice_refuses_two_choices_and_unknown_ids() -> None:
    session = _session([make_question("q")])
    session.start(now=0)
    with pytest.raises(QuizStateError):
        session.answer(["a", "b"], now=1)
    with pytest.raises(QuizStateError):
        session.answer("z", now=1)
    assert session.state.phase is Phase.QUESTION  # nothing lost


def test_calls_out_of_phase_are_refused() -> None:
    session = _session([make_question("q")])
    with pytest.raises(QuizStateError):
        session.answer("a", now=0)
    session.start(now=0)
    with pytest.raises(QuizStateError):
        session.next(now=0)


def test_no_question_repeats_within_a_round_and_rounds_differ() -> None:
    pool = [make_question(f"q{i}") for i in range(30)]
    session = _session(pool, per_round=30, rng=random.Random(1))
    orders = []
    for _ in range(3):
        session.start(now=0)
        seen = []
        while session.state.phase is Phase.QUESTION:
            seen.append(session.state.question_id)
            session.answer("a", now=0)
            session.next(now=0)
        assert len(seen) == len(set(seen)) == 30
        orders.append(seen)
    assert orders[0] != orders[1]


def test_round_length_is_capped_by_the_pool() -> None:
    session = _session([make_question("q1"), make_question("q2")], per_round=5)
    session.start(now=0)
    assert session.state.total == 2


def test_true_false_keeps_true_then_false_order() -> None:
    session = _session([make_question("q", "true_false", correct=("true",))])
    session.start(now=0)
    assert session.state.choice_order == ("true", "false")


def _live(metric="pv_energy_today_kwh", **kwargs) -> LiveSpec:
    return LiveSpec(metric=metric, **kwargs)


def test_live_question_uses_the_value_from_the_store_at_ask_time() -> None:
    values = {"pv_energy_today_kwh": LiveValue(value=123.4, age_seconds=30)}
    asked = []

    def provider(metric: str) -> LiveValue | None:
        asked.append(metric)
        return values.get(metric)

    session = _session([make_question("roof", "live", live=_live())], live_provider=provider)
    values["pv_energy_today_kwh"] = LiveValue(value=48.2, age_seconds=5)  # changes before start
    session.start(now=0)
    assert asked == ["pv_energy_today_kwh"]
    view = render_question(session, "en")
    assert view is not None
    texts = {c.id: c.text for c in view.choices}
    assert texts["a"] == "48 kWh"
    assert session.correct_answer("roof") == ("a",)
    assert session.answer("a", now=1).correct
    after = render_question(session, "zh")
    assert after is not None and after.explanation == "中文解释 48千瓦时"
    assert render_question(session, "en").explanation == "explained 48 kWh"


@pytest.mark.parametrize(
    "live",
    [
        None,  # no figure at all
        LiveValue(value=50.0, age_seconds=901),  # stale
        LiveValue(value=0.2, age_seconds=1),  # below min_value
        LiveValue(value=float("nan"), age_seconds=1),
    ],
)
def test_live_question_is_skipped_when_data_is_missing_or_stale(live) -> None:
    pool = [
        make_question("roof", "live", live=_live(max_age_seconds=900, min_value=1)),
        make_question("plain"),
    ]
    for seed in range(6):  # whichever comes first, only the plain question is asked
        session = _session(pool, per_round=2, rng=random.Random(seed), live_provider=lambda m: live)
        session.start(now=0)
        assert session.state.question_id == "plain"
        session.answer("a", now=1)
        session.next(now=2)
        assert session.state.phase is Phase.RESULT
        assert session.state.score.asked == 1


def test_failing_provider_skips_the_question() -> None:
    def broken(metric: str) -> LiveValue | None:
        raise OSError("database is locked")

    session = _session([make_question("roof", "live", live=_live())], live_provider=broken)
    session.start(now=0)
    assert session.state.phase is Phase.RESULT
    assert session.state.score.points == 0  # nothing asked, no finishing reward


def test_timer_runs_out_on_tick_and_counts_as_wrong() -> None:
    session = _session([make_question("q1"), make_question("q2")], per_round=2, timer_seconds=20)
    session.start(now=100.0)
    assert session.state.deadline == 120.0
    assert session.remaining_seconds(now=105.0) == 15.0
    assert not session.tick(now=119.9)
    assert session.tick(now=120.0)
    record = session.state.last_answer
    assert session.state.phase is Phase.FEEDBACK
    assert record is not None and record.timed_out and not record.correct
    assert not session.tick(now=200.0)  # nothing more to time out in feedback


def test_answer_after_the_deadline_is_a_timeout() -> None:
    session = _session([make_question("q")], timer_seconds=10)
    session.start(now=0)
    assert session.answer("a", now=10.5).timed_out


def test_question_timer_overrides_the_default_and_zero_disables() -> None:
    session = _session([make_question("q", timer_seconds=0)], timer_seconds=30)
    session.start(now=0)
    assert session.state.deadline is None
    assert not session.tick(now=10_000)


def test_language_switch_mid_round_keeps_progress_and_order() -> None:
    session = _session([make_question(f"q{i}", n_choices=4) for i in range(3)], per_round=3)
    session.start(now=0)
    session.answer("a", now=1)
    session.next(now=2)
    before = session.state
    en = render_question(session, "en")
    zh = render_question(session, "zh")
    assert session.state == before
    assert en is not None and zh is not None
    assert [c.id for c in en.choices] == [c.id for c in zh.choices]
    assert en.text.startswith("question") and zh.text.startswith("问题")
    assert zh.number == 2
    assert all(c.correct is None for c in zh.choices)  # open question: nothing revealed


def test_feedback_view_reveals_correct_and_chosen_choices() -> None:
    session = _session([make_question("q", correct=("b",))])
    session.start(now=0)
    session.answer("a", now=1)
    view = render_question(session, "en")
    assert view is not None and view.answered and view.answered_correctly is False
    marks = {c.id: (c.chosen, c.correct) for c in view.choices}
    assert marks == {"a": (True, False), "b": (False, True), "c": (False, False)}
    assert view.explanation == "explained" and view.source is not None


def test_replay_after_result_draws_a_fresh_round() -> None:
    session = _session([make_question("q")])
    session.start(now=0)
    session.answer("a", now=0)
    session.next(now=0)
    session.start(now=10)
    assert session.state.phase is Phase.QUESTION and session.state.answers == ()
