"""validate_quiz_file: schema and semantic problems, each with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from quiz_helpers import question_doc, quiz_doc, text, write_quiz

from kiosk.content.source_doc import DocumentError
from kiosk.quiz.loader import load_quiz_file, load_quiz_sets
from kiosk.quiz.validate import validate_quiz_file


def _error(pack: Path, doc: dict) -> DocumentError:
    path = write_quiz(pack, doc)
    with pytest.raises(DocumentError) as info:
        validate_quiz_file(path, pack)
    assert info.value.file == str(path)
    return info.value


def test_a_good_file_loads_into_typed_questions(pack: Path) -> None:
    doc = quiz_doc(
        question_doc("pick", type="picture", difficulty="kids", choices=[
            {"text": text("Sun"), "picture": "images/quiz/sun.svg", "correct": True},
            {"text": text("Tap"), "picture": "images/quiz/tap.svg"},
        ]),
        question_doc("tf", type="true_false", choices=None, answer=False),
        question_doc("many", type="multiple", choices=[
            {"text": text("A"), "correct": True}, {"text": text("B"), "correct": True},
            {"text": text("C")},
        ]),
        question_doc("roof", type="live", choices=None,
                     explanation=text("We made {value} {unit}."),
                     live={"metric": "pv_energy_today_kwh", "max_age_seconds": 600}),
    )  # fmt: skip
    doc["result_link"] = {"url": "https://example.org/go", "label": text("Scan")}
    quiz = load_quiz_file(write_quiz(pack, doc), pack)
    assert quiz.result_link is not None and quiz.result_link.url == "https://example.org/go"
    pick, tf, many, roof = quiz.questions
    assert pick.id == "demo/pick" and pick.kind == "picture"
    assert pick.choices[0].picture == "images/quiz/sun.svg"
    assert tf.correct_ids == {"false"}
    assert many.correct_ids == {"a", "b"}
    assert roof.live is not None and roof.live.max_age_seconds == 600
    assert quiz.title.get("zh") == "中文Demo"


def test_no_correct_choice_is_refused_with_its_line(pack: Path) -> None:
    doc = quiz_doc(question_doc("ok"), question_doc("bad", choices=[
        {"text": text("A")}, {"text": text("B")},
    ]))  # fmt: skip
    err = _error(pack, doc)
    assert "no choice is marked correct" in err.message
    assert "questions/1/choices" in err.message
    lines = write_quiz(pack, doc).read_text("utf-8").splitlines()
    assert lines[err.line - 1].strip().startswith("- text:")  # the first choice of "bad"


def test_single_question_with_two_correct_choices_is_refused(pack: Path) -> None:
    doc = quiz_doc(question_doc(choices=[
        {"text": text("A"), "correct": True}, {"text": text("B"), "correct": True},
    ]))  # fmt: skip
    assert "exactly one correct choice" in _error(pack, doc).message


def test_missing_language_is_refused_by_the_schema(pack: Path) -> None:
    doc = quiz_doc(question_doc(text={"zh": "只有中文"}))
    err = _error(pack, doc)
    assert "'en' is a required property" in err.message
    assert err.line is not None


def test_blank_text_counts_as_missing(pack: Path) -> None:
    doc = quiz_doc(question_doc(explanation={"zh": "有", "en": "   "}))
    assert "en text is empty" in _error(pack, doc).message


def test_missing_picture_is_refused(pack: Path) -> None:
    doc = quiz_doc(question_doc(picture="images/quiz/moon.svg"))
    err = _error(pack, doc)
    assert "'images/quiz/moon.svg' not found" in err.message
    assert err.line is not None


def test_picture_outside_the_pack_is_refused(pack: Path) -> None:
    (pack.parent / "secret.svg").write_text("<svg/>", "utf-8")
    doc = quiz_doc(question_doc(picture="images/../../secret.svg"))
    assert "outside the pack" in _error(pack, doc).message


def test_kids_question_without_a_picture_is_refused(pack: Path) -> None:
    doc = quiz_doc(question_doc(difficulty="kids"))
    assert "kids question needs a picture" in _error(pack, doc).message


def test_live_explanation_with_unknown_placeholder_is_refused(pack: Path) -> None:
    doc = quiz_doc(question_doc(type="live", choices=None, explanation=text("{valu} made"),
                                live={"metric": "pv_power_now_kw"}))  # fmt: skip
    assert "bad placeholder" in _error(pack, doc).message


def test_true_false_with_choices_is_refused(pack: Path) -> None:
    doc = quiz_doc(question_doc(type="true_false", answer=True))
    assert _error(pack, doc).line is not None


def test_duplicate_question_ids_are_refused(pack: Path) -> None:
    assert "duplicate question id" in _error(pack, quiz_doc(question_doc(), question_doc())).message


def test_broken_file_is_reported_and_other_sets_still_load(pack: Path) -> None:
    write_quiz(pack, quiz_doc(set_id="good"))
    (pack / "quizzes" / "broken.yaml").write_text("id: [unclosed\n", "utf-8")
    loaded = load_quiz_sets(pack)
    assert [s.id for s in loaded.sets] == ["good"]
    assert len(loaded.errors) == 1 and "broken.yaml:" in str(loaded.errors[0])
