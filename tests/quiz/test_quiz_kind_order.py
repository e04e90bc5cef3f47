"""The order kind ("put these in order by CO2"): parsed from the pack YAML and a spreadsheet,
refused with file and line (or row and column) when wrong, asked shuffled, scored by order."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest
from quiz_helpers import question_doc, quiz_doc, text, write_quiz

from kiosk.content.source_doc import DocumentError
from kiosk.quiz.importer import ImportRefused, SetInfo, import_sheet
from kiosk.quiz.loader import load_quiz_file
from kiosk.quiz.models import Question
from kiosk.quiz.session import Phase, QuizSession, QuizStateError
from kiosk.quiz.validate import validate_quiz_file
from kiosk.quiz.views import render_question

ITEMS = ["Potatoes", "Chicken", "Cheese", "Beef"]


def order_doc(qid: str = "foods", items: list[str] = ITEMS, **overrides: object) -> dict:
    return question_doc(
        qid, type="order", choices=[{"text": text(item)} for item in items], **overrides
    )


def _question(pack: Path) -> Question:
    (question,) = load_quiz_file(write_quiz(pack, quiz_doc(order_doc())), pack).questions
    return question


def _error(pack: Path, doc: dict) -> tuple[DocumentError, list[str]]:
    path = write_quiz(pack, doc)
    with pytest.raises(DocumentError) as info:
        validate_quiz_file(path, pack)
    assert info.value.file == str(path)
    return info.value, path.read_text("utf-8").splitlines()


def test_choices_load_in_the_right_order(pack: Path) -> None:
    question = _question(pack)
    assert question.kind == "order"
    assert [c.id for c in question.choices] == ["a", "b", "c", "d"]
    assert [c.text.en for c in question.choices] == ITEMS


def test_a_correct_flag_on_an_order_choice_is_refused_at_its_line(pack: Path) -> None:
    doc = order_doc()
    doc["choices"][2]["correct"] = True
    err, lines = _error(pack, quiz_doc(question_doc("ok"), doc))
    assert err.message == (
        "questions/1/choices/2/correct: an order question lists its choices in the right order;"
        " remove correct"
    )
    assert lines[err.line - 1].strip() == "correct: true"


def test_too_few_choices_and_pictures_on_choices_are_refused(pack: Path) -> None:
    err, _ = _error(pack, quiz_doc(order_doc(items=["Train", "Bus"])))
    assert "takes 3 to 5 choices, got 2" in err.message and err.line is not None
    doc = order_doc()
    doc["choices"][0]["picture"] = "images/quiz/sun.svg"
    err, lines = _error(pack, quiz_doc(doc))
    assert "questions/0/choices/0/picture: order choices are shown as text" in err.message
    assert "picture:" in lines[err.line - 1]


def test_an_answer_key_on_an_order_question_is_refused_by_the_schema(pack: Path) -> None:
    err, _ = _error(pack, quiz_doc(order_doc(answer=True)))
    assert err.line is not None and "questions/0" in str(err)


def _session(question: Question, seed: int = 1, **kwargs: object) -> QuizSession:
    session = QuizSession([question], questions_per_round=1, rng=random.Random(seed), **kwargs)  # type: ignore[arg-type]
    session.start(0.0)
    return session


def test_it_is_never_shown_already_in_order(pack: Path) -> None:
    question = _question(pack)
    for seed in range(200):
        order = _session(question, seed).state.choice_order
        assert sorted(order) == ["a", "b", "c", "d"] and order != ("a", "b", "c", "d")


def test_only_the_whole_right_order_scores(pack: Path) -> None:
    question = _question(pack)
    right = _session(question)
    assert right.correct_answer(question.id) == ("a", "b", "c", "d")
    assert right.answer(("a", "b", "c", "d"), 1.0).correct
    assert right.state.score is None and right.state.phase is Phase.FEEDBACK
    right.next(2.0)
    assert right.state.score is not None and right.state.score.points == 15
    nearly = _session(question)
    record = nearly.answer(("a", "c", "b", "d"), 1.0)
    assert not record.correct and record.chosen == ("a", "c", "b", "d")


@pytest.mark.parametrize(
    "answer", [("a", "b", "c"), ("a", "b", "c", "c"), ("a", "b", "c", "d", "a")]
)
def test_an_answer_must_hold_every_choice_once(pack: Path, answer: tuple[str, ...]) -> None:
    session = _session(_question(pack))
    with pytest.raises(QuizStateError, match="every choice exactly once"):
        session.answer(answer, 1.0)
    assert session.state.phase is Phase.QUESTION


def test_feedback_shows_the_right_order_and_the_places_the_visitor_had(pack: Path) -> None:
    question = _question(pack)
    session = _session(question)
    session.answer(("a", "c", "b", "d"), 1.0)
    view = render_question(session, "en")
    assert view is not None and view.kind == "order" and view.answered
    assert [c.text for c in view.choices] == ITEMS  # the right order, least first
    assert [c.chosen for c in view.choices] == [True, False, False, True]
    assert view.answer == ("a", "c", "b", "d")  # where the visitor put each one
    assert all(c.correct for c in view.choices)


def test_a_timed_out_order_is_wrong_and_shows_the_right_order(pack: Path) -> None:
    question = _question(pack)
    session = _session(question, timer_seconds=10)
    assert session.tick(11.0)
    view = render_question(session, "zh")
    assert view is not None and view.timed_out and not view.answered_correctly
    assert [c.text for c in view.choices] == [f"中文{item}" for item in ITEMS]
    assert not any(c.chosen for c in view.choices)


HEADER = ["id", "type", "difficulty", "question_zh", "question_en", "choice_a_zh", "choice_a_en",
          "choice_b_zh", "choice_b_en", "choice_c_zh", "choice_c_en", "correct",
          "explanation_zh", "explanation_en", "source"]  # fmt: skip
ROW = ["trips", "order", "family", "排一排", "Order these", "火车", "Train", "公交车", "Bus",
       "汽车", "Car", "", "解释", "Because", "A source"]  # fmt: skip


def _sheet(tmp_path: Path, *rows: list[str]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER, *rows])
    path = tmp_path / "order.csv"
    path.write_text(buffer.getvalue(), "utf-8")
    return path


def test_a_sheet_row_lists_the_choices_in_the_right_order(pack: Path, tmp_path: Path) -> None:
    info = SetInfo("trips", "出行", "Trips", "transport")
    target = import_sheet(_sheet(tmp_path, ROW), pack, info)
    (question,) = load_quiz_file(target, pack).questions
    assert question.kind == "order"
    assert [c.text.en for c in question.choices] == ["Train", "Bus", "Car"]
    assert "correct" not in target.read_text("utf-8")


def test_a_sheet_row_with_a_correct_cell_or_two_choices_is_refused(
    pack: Path, tmp_path: Path
) -> None:
    with_correct = [*ROW[:11], "a;b;c", *ROW[12:]]
    two = [*ROW[:9], "", "", *ROW[11:]]
    two[0] = "two"
    info = SetInfo("trips", "出行", "Trips", "transport")
    with pytest.raises(ImportRefused) as refused:
        import_sheet(_sheet(tmp_path, with_correct, two), pack, info)
    assert [str(p) for p in refused.value.problems] == [
        "row 2, column correct: must be empty when type is order",
        "row 3, column choice_c_zh: an order question needs at least 3 choices, in the right order",
    ]
    assert not (pack / "quizzes" / "trips.yaml").exists()
