"""The order kind on the real quiz screen: drag the choices into order with the mouse or a
finger (real touch events), or with the arrows; Check; the feedback shows the right order,
the card and the source; switching language keeps the visitor's order."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from test_quiz_screen import answer, builtin_content, open_quiz, put_in_order, tap  # noqa: F401

from kiosk.content.active import ActiveContent
from kiosk.quiz.models import Difficulty
from kiosk.quiz.session import Phase
from kiosk.ui.quiz.answer_button import AnswerState
from kiosk.ui.quiz.answers.order_list import OrderList

ORDER_QUIZ = """\
schema_version: 1
id: co2
title: {zh: 碳排放, en: CO2}
theme: co2
questions:
  - id: trips
    type: order
    difficulty: family
    text: {zh: 按碳排放从少到多排一排。, en: "Put these in order of CO2, least at the top."}
    choices:
      - {text: {zh: 火车, en: Train}}
      - {text: {zh: 公交车, en: Bus}}
      - {text: {zh: 汽车, en: Car}}
      - {text: {zh: 飞机, en: Plane}}
    explanation: {zh: 火车最少，飞机最多。, en: "The train emits least, the plane most."}
    source: {title: Test source for trips}
"""


@pytest.fixture
def order_content(builtin_content: ActiveContent, tmp_path: Path) -> ActiveContent:  # noqa: F811
    path = tmp_path / "co2.yaml"
    path.write_text(ORDER_QUIZ, "utf-8")
    return dataclasses.replace(builtin_content, quiz_files={"quizzes/co2.yaml": path})


def start(
    qtbot: Any,
    make_kiosk: Any,
    content: ActiveContent,
    size: tuple[int, int] = (1920, 1080),
    **raw: Any,
) -> tuple[Any, Any]:
    kiosk, screen = open_quiz(qtbot, make_kiosk, content, size, site={"kind": "store"}, **raw)
    tap(qtbot, screen.picker.level_buttons[Difficulty.FAMILY])
    page = screen.question_page
    assert isinstance(page.answers, OrderList) and page.answers.isVisible()
    return kiosk, screen


def drag(qtbot: Any, answers: OrderList, choice_id: str, to_place: int) -> None:
    """Press on a choice, move it in small steps to ``to_place`` and let go, like a finger.

    Events go to the row under the finger (its tile lets them through), as Qt delivers them.
    """
    area = answers.area
    row = answers.row_for(choice_id)
    start = row.geometry().center()
    pitch = area.rows[1].y() - area.rows[0].y() if len(area.rows) > 1 else 0
    end = QPoint(start.x(), start.y() + (to_place - area.rows.index(row)) * pitch)
    qtbot.mousePress(row, Qt.MouseButton.LeftButton, pos=row.mapFrom(area, start))
    steps = 8
    for i in range(1, steps + 1):
        point = QPoint(start.x(), start.y() + (end.y() - start.y()) * i // steps)
        qtbot.mouseMove(row, row.mapFrom(area, point))
    qtbot.mouseRelease(row, Qt.MouseButton.LeftButton, pos=row.mapFrom(area, end))


def test_dragging_into_the_right_order_scores_and_shows_feedback(
    qtbot: Any, make_kiosk: Any, order_content: ActiveContent
) -> None:
    kiosk, screen = start(qtbot, make_kiosk, order_content, display={"language": "en"})
    page, answers = screen.question_page, screen.question_page.answers
    state = screen.session.state
    assert list(answers.area.order()) == list(state.choice_order) != ["a", "b", "c", "d"]
    assert page.hint.isVisible() and "Drag" in page.hint.text()
    assert all(t.height() >= kiosk.theme.px(120) for t in page.visible_buttons())
    assert all(r.up.width() >= kiosk.theme.px(96) for r in answers.area.rows)
    for place, choice_id in enumerate(["a", "b", "c", "d"]):
        drag(qtbot, answers, choice_id, place)
        assert answers.area.order()[place] == choice_id
    assert [t.text() for t in page.visible_buttons()] == ["Train", "Bus", "Car", "Plane"]
    assert [t.place for t in page.visible_buttons()] == [1, 2, 3, 4]
    assert screen.session.state.phase is Phase.QUESTION  # nothing sent before Check
    tap(qtbot, answers.check_button)
    record = screen.session.state.last_answer
    assert record.chosen == ("a", "b", "c", "d") and record.correct
    assert {t.state for t in page.visible_buttons()} == {AnswerState.CORRECT}
    assert not any(t.note for t in page.visible_buttons())
    assert page.card.isVisible() and page.card.badge.correct
    assert page.card.headline.text() == "Well done, that's right!"
    assert page.card.explanation.text() == "The train emits least, the plane most."
    assert "Test source for trips" in page.card.source.text()
    assert not answers.check_button.isVisible() and not page.hint.isVisible()
    assert not any(r.up.isVisible() for r in answers.area.rows)
    tap(qtbot, page.card.next_button)
    score = screen.session.state.score
    assert score.correct == 1 and score.points == 15
    assert screen.pages.currentWidget() is screen.result_page


def test_the_arrows_move_a_choice_and_a_wrong_order_teaches_the_right_one(
    qtbot: Any, make_kiosk: Any, order_content: ActiveContent
) -> None:
    _kiosk, screen = start(qtbot, make_kiosk, order_content, display={"language": "en"})
    page, answers = screen.question_page, screen.question_page.answers
    before = answers.area.order()
    first = answers.area.rows[0]
    assert not first.up.isEnabled() and answers.area.rows[-1].down.isEnabled() is False
    tap(qtbot, first.down)
    after = answers.area.order()
    assert after == (before[1], before[0], *before[2:])
    tap(qtbot, answers.row_for(after[1]).up)
    assert answers.area.order() == before
    put_in_order(qtbot, screen, right=False)  # the reverse order: every place is wrong
    assert not screen.session.state.last_answer.correct
    assert page.card.headline.text() == "Not quite. Here is the answer."
    assert [t.text() for t in page.visible_buttons()] == ["Train", "Bus", "Car", "Plane"]
    assert {t.state for t in page.visible_buttons()} == {AnswerState.MISSED}
    assert [t.note for t in page.visible_buttons()] == ["you: 4", "you: 3", "you: 2", "you: 1"]


def test_switching_language_mid_question_keeps_the_visitors_order(
    qtbot: Any, make_kiosk: Any, order_content: ActiveContent
) -> None:
    kiosk, screen = start(qtbot, make_kiosk, order_content, display={"language": "en"})
    answers = screen.question_page.answers
    drag(qtbot, answers, "d", 0)
    arranged = answers.area.order()
    assert arranged[0] == "d"
    tap(qtbot, kiosk.window.top_bar.language_button)
    assert kiosk.language.code == "zh"
    assert answers.area.order() == arranged
    assert screen.question_page.visible_buttons()[0].text() == "飞机"
    assert screen.session.state.phase is Phase.QUESTION


def test_a_school_round_with_the_builtin_order_question_gives_the_class_its_points(
    qtbot: Any,
    make_kiosk: Any,
    builtin_content: ActiveContent,  # noqa: F811
) -> None:
    _kiosk, screen = open_quiz(
        qtbot, make_kiosk, builtin_content,
        display={"language": "zh"}, site={"kind": "school"}, quiz={"classes": ["Class 3A"]},
    )  # fmt: skip
    screen.picker.select_topic("transport")
    screen.topic = "transport"
    tap(qtbot, screen.picker.level_buttons[Difficulty.FAMILY])
    tap(qtbot, screen.class_picker.buttons["Class 3A"])
    kinds = []
    while screen.session.state.phase is not Phase.RESULT:
        kinds.append(screen.session.question(screen.session.state.question_id).kind)
        answer(qtbot, screen, right=True)
        assert screen.question_page.card.badge.correct
        tap(qtbot, screen.question_page.card.next_button)
    assert "order" in kinds
    score = screen.session.state.score
    assert score.correct == score.asked == len(kinds)
    board = screen.result_page.board
    qtbot.waitUntil(lambda: any(str(score.points) in row[2] for row in board.shown_rows()))
    assert screen.result_page.note.isVisible()


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_five_choices_and_check_fit_the_screen(
    qtbot: Any,
    make_kiosk: Any,
    builtin_content: ActiveContent,  # noqa: F811
    tmp_path: Path,
    size: tuple[int, int],
) -> None:
    path = tmp_path / "co2.yaml"
    rocket = "      - {text: {zh: 火箭, en: Rocket}}\n"
    last = "      - {text: {zh: 飞机, en: Plane}}\n"
    path.write_text(ORDER_QUIZ.replace(last, last + rocket), "utf-8")
    content = dataclasses.replace(builtin_content, quiz_files={"quizzes/co2.yaml": path})
    kiosk, screen = open_quiz(qtbot, make_kiosk, content, size, display={"language": "zh"})
    tap(qtbot, screen.picker.level_buttons[Difficulty.FAMILY])
    answers = screen.question_page.answers
    assert len(answers.area.rows) == 5
    qtbot.waitUntil(lambda: kiosk.window.size().height() == size[1])
    check = answers.check_button
    bottom = check.mapTo(kiosk.window, check.rect().bottomLeft()).y()
    assert check.isVisible() and bottom <= size[1]
    assert all(row.height() >= kiosk.theme.px(100) for row in answers.area.rows)


def test_on_a_tall_screen_the_list_sits_under_the_question_not_in_the_middle(
    qtbot: Any, make_kiosk: Any, order_content: ActiveContent
) -> None:
    kiosk, screen = start(
        qtbot, make_kiosk, order_content, (1920, 1440), display={"language": "en"}
    )
    page, answers = screen.question_page, screen.question_page.answers
    seen: list[int] = []

    def gap_settled() -> bool:
        seen.append(answers.mapTo(page, QPoint(0, 0)).y() - page.hint.geometry().bottom())
        return len(seen) >= 3 and seen[-1] == seen[-2] == seen[-3]

    qtbot.waitUntil(gap_settled)
    assert seen[-1] <= kiosk.theme.px(24)  # the layout spacing, nothing more


def test_play_again_asks_the_same_order_question_afresh(
    qtbot: Any, make_kiosk: Any, order_content: ActiveContent
) -> None:
    _kiosk, screen = start(qtbot, make_kiosk, order_content, display={"language": "en"})
    put_in_order(qtbot, screen, right=True)
    tap(qtbot, screen.question_page.card.next_button)
    tap(qtbot, screen.result_page.play_again)
    answers = screen.question_page.answers
    # the new round's shuffle, not the last round's right order left on screen
    assert answers.area.order() == screen.session.state.choice_order != ("a", "b", "c", "d")
    put_in_order(qtbot, screen, right=True)
    assert screen.session.state.last_answer.correct


def test_in_portrait_the_card_sits_right_above_the_list_and_next_under_it(
    qtbot: Any, make_kiosk: Any, order_content: ActiveContent
) -> None:
    kiosk, screen = start(
        qtbot, make_kiosk, order_content, (1080, 1920), display={"language": "zh"}
    )
    put_in_order(qtbot, screen, right=False)
    page, answers = screen.question_page, screen.question_page.answers
    assert page.card.isVisible()
    seen: list[tuple[int, int]] = []

    def gaps_settled() -> bool:
        list_top = answers.mapTo(page, QPoint(0, 0)).y()
        list_bottom = answers.mapTo(page, QPoint(0, answers.height())).y()
        card_bottom = page.card.mapTo(page, QPoint(0, page.card.height())).y()
        next_top = page.card.next_button.mapTo(page, QPoint(0, 0)).y()
        seen.append((list_top - card_bottom, next_top - list_bottom))
        return len(seen) >= 3 and seen[-1] == seen[-2] == seen[-3]

    qtbot.waitUntil(gaps_settled)
    above, below = seen[-1]
    assert 0 <= above <= kiosk.theme.px(64) and 0 <= below <= kiosk.theme.px(64)


def test_a_finger_drags_a_choice_into_place(
    qtbot: Any, make_kiosk: Any, order_content: ActiveContent
) -> None:
    """Real touch events (not mouse): Qt turns the unhandled touch into the mouse drag."""
    _kiosk, screen = start(qtbot, make_kiosk, order_content, display={"language": "en"})
    answers = screen.question_page.answers
    area = answers.area
    finger = QTest.createTouchDevice()
    target = next(c for c in ("a", "b", "c", "d") if area.order().index(c) > 0)
    row = answers.row_for(target)
    start_point = row.geometry().center()
    sequence = QTest.touchEvent(area, finger)
    sequence.press(0, start_point, area).commit()
    for step in range(1, 11):
        point = QPoint(start_point.x(), start_point.y() - (start_point.y() - 10) * step // 10)
        QTest.touchEvent(area, finger).move(0, point, area).commit()
    QTest.touchEvent(area, finger).release(0, QPoint(start_point.x(), 10), area).commit()
    qtbot.waitUntil(lambda: area.order()[0] == target)
