"""The quiz screen in the real window, played by taps: every level in both languages, idle,
language switch mid-round, class points and the store certificate."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.content.active import ActiveContent, start_content
from kiosk.content.builtin import ensure_builtin
from kiosk.content.library import Library
from kiosk.content.policy import InstallPolicy
from kiosk.quiz.models import Difficulty
from kiosk.quiz.periods import Period
from kiosk.quiz.session import Phase
from kiosk.ui.quiz.answer_button import AnswerState

NOW_UTC = datetime(2026, 11, 25, 4, 0, tzinfo=UTC)
CLASSES = ["Class 3A", "Class 3B", "Green Team"]
LINK_QUIZ = """\
schema_version: 1
id: campaign
title: {zh: 低碳周, en: Low-carbon week}
theme: campaign
result_link:
  url: https://example.org/low-carbon-week
  label: {zh: 低碳周活动页, en: the low-carbon week page}
questions:
  - id: lights-off
    type: true_false
    difficulty: family
    text: {zh: 离开房间要关灯。, en: Switch the lights off when you leave a room.}
    answer: true
    explanation: {zh: 不用的灯不开，就不耗电。, en: A light that is off uses no electricity.}
    source: {title: Test source}
"""


@pytest.fixture(scope="module")
def builtin_content(tmp_path_factory: pytest.TempPathFactory) -> ActiveContent:
    library = Library(tmp_path_factory.mktemp("library"))
    assert ensure_builtin(library, InstallPolicy()).installed is not None
    content = start_content(library).content
    assert content is not None
    return content


def tap(qtbot: Any, widget: Any) -> None:
    assert widget.isVisible(), f"{widget.objectName()} is not visible"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_quiz(
    qtbot: Any,
    make_kiosk: Any,
    content: ActiveContent | None,
    size: tuple[int, int] = (1920, 1080),
    **raw: Any,
) -> Any:
    kiosk = make_kiosk(raw, size=size)
    # The app's own start-up load of the built-in pack must not land after the test's content.
    qtbot.waitUntil(lambda: kiosk.services.content.loaded, timeout=10_000)
    service = kiosk.services.quiz
    service.utc_now = lambda: NOW_UTC
    service.rng.seed(2026)  # the same question order on every run
    with qtbot.waitSignal(service.catalog_did_change):
        service.set_content(content)
    tap(qtbot, kiosk.window.router.screen("home").tiles["quiz"])
    screen = kiosk.window.router.current
    assert screen.name == "quiz"
    return kiosk, screen


def button_for(screen: Any, choice_id: str) -> Any:
    return next(b for b in screen.question_page.visible_buttons() if b.choice_id == choice_id)


def answer(qtbot: Any, screen: Any, right: bool) -> None:
    """Tap the right answer(s), or one wrong one, like a visitor would."""
    state = screen.session.state
    if screen.session.question(state.question_id).kind == "order":
        put_in_order(qtbot, screen, right)
        return
    correct = sorted(screen.session.correct_answer(state.question_id))
    wrong = [c for c in state.choice_order if c not in correct]
    picks = correct if right or not wrong else wrong[:1]
    for choice_id in picks:
        tap(qtbot, button_for(screen, choice_id))
    check = getattr(screen.question_page.answers, "check_button", None)
    if check is not None and check.isVisible():
        tap(qtbot, check)


def put_in_order(qtbot: Any, screen: Any, right: bool) -> None:
    """Move the choices with the up arrows into the right order (or its reverse), then Check."""
    answers = screen.question_page.answers
    correct = screen.session.correct_answer(screen.session.state.question_id)
    for place, choice_id in enumerate(correct if right else correct[::-1]):
        row = answers.row_for(choice_id)
        while answers.area.rows.index(row) > place:
            tap(qtbot, row.up)
    tap(qtbot, answers.check_button)


def visible_texts(widget: Any) -> str:
    return " ".join(lab.text() for lab in widget.findChildren(QLabel) if lab.isVisible())


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("level", ["kids", "family", "student"])
def test_a_full_round_played_by_taps(
    qtbot: Any, make_kiosk: Any, builtin_content: ActiveContent, level: str, language: str
) -> None:
    kiosk, screen = open_quiz(
        qtbot, make_kiosk, builtin_content, display={"language": language}, site={"kind": "store"}
    )
    assert screen.pages.currentWidget() is screen.picker
    tap(qtbot, screen.picker.level_buttons[Difficulty(level)])
    page = screen.question_page
    assert screen.pages.currentWidget() is page
    total = screen.session.state.total
    assert total == 5
    for number in range(1, total + 1):
        state = screen.session.state
        question = screen.session.question(state.question_id)
        assert question.difficulty.value == level
        if language == "en":  # zh chrome is translated at integration; pack text is checked
            assert page.counter.text() == f"Question {number} of {total}"
        assert page.question_label.text() == question.text.get(language)
        assert all(b.height() >= kiosk.theme.px(120) for b in page.visible_buttons())
        if level == "kids" and any(c.picture for c in question.choices):
            assert all(b.has_picture() for b in page.visible_buttons())
        right = number % 2 == 1
        answer(qtbot, screen, right)
        # immediate feedback: colour and icon state on the buttons, the card with the source
        states = {b.state for b in page.visible_buttons()}
        assert (AnswerState.CORRECT if right else AnswerState.WRONG) in states
        assert page.card.isVisible() and page.card.badge.correct is right
        assert page.card.explanation.text() == question.explanation.get(language)
        assert question.source.in_language(language).title in page.card.source.text()
        assert page.dots.results[-1] is right and len(page.dots.results) == number
        tap(qtbot, page.card.next_button)
    assert screen.pages.currentWidget() is screen.result_page
    score = screen.session.state.score
    assert score.correct == 3 and score.asked == 5
    if language == "en":
        assert screen.result_page.headline.text() == "You got 3 of 5 right!"
        assert screen.result_page.points.text() == f"+{score.points} carbon points"
    assert f"+{score.points}" in screen.result_page.points.text()
    assert screen.result_page.stars.earned == 2
    tap(qtbot, screen.result_page.play_again)
    assert screen.session.state.phase is Phase.QUESTION and screen.session.state.number == 1
    tap(qtbot, kiosk.window.top_bar.home_button)
    assert kiosk.window.router.current.name == "home"


def test_question_with_several_answers_needs_all_and_a_check_tap(
    qtbot: Any, make_kiosk: Any, builtin_content: ActiveContent
) -> None:
    _kiosk, screen = open_quiz(qtbot, make_kiosk, builtin_content, quiz={"questions_per_round": 30})
    screen.picker.select_topic("waste")
    screen.topic = "waste"
    tap(qtbot, screen.picker.level_buttons[Difficulty("family")])
    page = screen.question_page
    while screen.session.question(screen.session.state.question_id).kind != "multiple":
        answer(qtbot, screen, right=True)
        tap(qtbot, page.card.next_button)
    assert page.answers.check_button.isVisible() and not page.answers.check_button.isEnabled()
    correct = sorted(screen.session.correct_answer(screen.session.state.question_id))
    tap(qtbot, button_for(screen, correct[0]))
    assert button_for(screen, correct[0]).state is AnswerState.PICKED
    assert screen.session.state.phase is Phase.QUESTION  # nothing checked yet
    for choice_id in correct[1:]:
        tap(qtbot, button_for(screen, choice_id))
    tap(qtbot, page.answers.check_button)
    assert screen.session.state.last_answer.correct
    assert all(button_for(screen, c).state is AnswerState.CORRECT for c in correct)


def test_idle_mid_quiz_returns_to_attract_and_discards_the_round(
    qtbot: Any, make_kiosk: Any, builtin_content: ActiveContent, fake_clock: Any
) -> None:
    kiosk, screen = open_quiz(
        qtbot, make_kiosk, builtin_content,
        display={"idle_seconds": 60}, site={"kind": "school"}, quiz={"classes": CLASSES},
    )  # fmt: skip
    service = kiosk.services.quiz
    tap(qtbot, screen.picker.level_buttons[Difficulty("family")])
    tap(qtbot, screen.class_picker.buttons["Class 3A"])
    answer(qtbot, screen, right=True)
    tap(qtbot, screen.question_page.card.next_button)
    assert screen.session.state.number == 2
    fake_clock.advance(61)
    kiosk.idle.check()
    assert kiosk.window.router.current.name == "attract"
    assert screen.session is None and screen.team is None
    kiosk.window.router.go("quiz")
    assert screen.pages.currentWidget() is screen.picker
    tap(qtbot, screen.picker.level_buttons[Difficulty("family")])
    assert screen.pages.currentWidget() is screen.class_picker  # the next visitor picks again
    with qtbot.waitSignal(service.leaderboards_did_update) as blocker:
        service.refresh_leaderboards()
    assert all(row.points == 0 for row in blocker.args[0][Period.DAY].rows)  # nothing awarded


def test_switching_language_mid_quiz_keeps_the_progress(
    qtbot: Any, make_kiosk: Any, builtin_content: ActiveContent
) -> None:
    kiosk, screen = open_quiz(qtbot, make_kiosk, builtin_content, display={"language": "en"})
    tap(qtbot, screen.picker.level_buttons[Difficulty("family")])
    page = screen.question_page
    answer(qtbot, screen, right=True)
    tap(qtbot, page.card.next_button)
    answer(qtbot, screen, right=False)  # now showing feedback for question 2
    before = screen.session.state
    question = screen.session.question(before.question_id)
    texts_before = [b.text() for b in page.visible_buttons()]
    tap(qtbot, kiosk.window.top_bar.language_button)
    assert kiosk.language.code == "zh"
    assert screen.session.state == before
    assert page.question_label.text() == question.text.zh
    assert page.card.explanation.text() == question.explanation.zh
    assert page.dots.results == (True, False)
    assert [b.choice_id for b in page.visible_buttons()] == list(before.choice_order)
    assert [b.text() for b in page.visible_buttons()] != texts_before
    assert {b.state for b in page.visible_buttons()} >= {AnswerState.WRONG, AnswerState.MISSED}
    tap(qtbot, page.card.next_button)
    assert screen.session.state.number == 3


def test_the_class_leaderboard_updates_after_each_round(
    qtbot: Any, make_kiosk: Any, builtin_content: ActiveContent
) -> None:
    _kiosk, screen = open_quiz(
        qtbot, make_kiosk, builtin_content,
        display={"language": "en"}, site={"kind": "school"}, quiz={"classes": CLASSES},
    )  # fmt: skip
    tap(qtbot, screen.picker.level_buttons[Difficulty("family")])
    assert "never ask for your name" in visible_texts(screen.class_picker)
    tap(qtbot, screen.class_picker.buttons["Class 3B"])
    for round_number in (1, 2):
        while screen.session.state.phase is not Phase.RESULT:
            answer(qtbot, screen, right=True)
            tap(qtbot, screen.question_page.card.next_button)
        board = screen.result_page.board
        assert board.isVisible() and not screen.result_page.certificate.isVisible()
        mine = ("1.", "Class 3B  (your class)", f"{55 * round_number} points")
        qtbot.waitUntil(lambda: board.shown_rows()[:1] == [mine])  # noqa: B023
        rows = board.shown_rows()
        assert ("2.", "Class 3A", "0 points") in rows
        assert screen.result_page.note.text() == "Points added for Class 3B."
        tap(qtbot, board.tabs[Period.TERM])
        assert board.shown_rows()[0][2] == f"{55 * round_number} points"
        tap(qtbot, screen.result_page.play_again)
        assert screen.team == "Class 3B"  # the same visitor keeps their class


def test_store_result_shows_a_certificate_with_the_packs_qr_link(
    qtbot: Any, make_kiosk: Any, builtin_content: ActiveContent, tmp_path: Path
) -> None:
    quiz_file = tmp_path / "campaign.yaml"
    quiz_file.write_text(LINK_QUIZ, "utf-8")
    content = dataclasses.replace(builtin_content, quiz_files={"quizzes/campaign.yaml": quiz_file})
    _kiosk, screen = open_quiz(
        qtbot, make_kiosk, content, display={"language": "en"}, site={"kind": "store"}
    )
    assert set(screen.picker.topic_buttons) == {None, "campaign"}
    assert not screen.picker.level_buttons[Difficulty("kids")].isEnabled()
    tap(qtbot, screen.picker.level_buttons[Difficulty("family")])
    answer(qtbot, screen, right=True)
    assert screen.question_page.card.next_button.text() == "See my result"
    tap(qtbot, screen.question_page.card.next_button)
    result = screen.result_page
    assert result.certificate.isVisible() and not result.board.isVisible()
    qr = result.certificate.qr
    assert qr.isVisible() and qr.matrix is not None and qr.matrix.size >= 21
    assert "the low-carbon week page" in result.certificate.link_label.text()
    assert result.certificate.day.text() == "2026-11-25"
    image = qr.grab().toImage()
    dark = sum(
        1
        for y in range(0, image.height(), 4)
        for x in range(0, image.width(), 4)
        if image.pixelColor(x, y).lightness() < 128
    )
    assert dark > 0  # the code is really painted


def test_no_quizzes_installed_shows_an_honest_notice(qtbot: Any, make_kiosk: Any) -> None:
    _kiosk, screen = open_quiz(qtbot, make_kiosk, None, display={"language": "en"})
    assert screen.pages.currentWidget() is screen.notice
    assert "No quizzes installed yet" in visible_texts(screen)


def test_question_timer_runs_out_on_the_fake_clock(
    qtbot: Any, make_kiosk: Any, builtin_content: ActiveContent
) -> None:
    kiosk, screen = open_quiz(
        qtbot, make_kiosk, builtin_content,
        display={"language": "en"}, quiz={"question_timer_seconds": 20},
    )  # fmt: skip
    now = [500.0]
    kiosk.services.quiz.monotonic = lambda: now[0]
    tap(qtbot, screen.picker.level_buttons[Difficulty("family")])
    page = screen.question_page
    assert page.timer_label.text() == "20 s left"
    now[0] += 12.5
    qtbot.waitUntil(lambda: page.timer_label.text() == "8 s left")
    now[0] += 8
    qtbot.waitUntil(lambda: screen.session.state.phase is Phase.FEEDBACK)
    assert page.card.headline.text() == "Time's up! Here is the answer."
    assert page.dots.results == (False,)


def test_kids_picture_answers_show_the_packs_pictures(
    qtbot: Any, make_kiosk: Any, builtin_content: ActiveContent
) -> None:
    _kiosk, screen = open_quiz(qtbot, make_kiosk, builtin_content, display={"language": "en"})
    screen.enter_shot_state("kids-picture")
    buttons = screen.question_page.visible_buttons()
    question = screen.session.question(screen.session.state.question_id)
    assert question.difficulty is Difficulty.KIDS
    assert buttons and all(b.has_picture() for b in buttons)
    assert all(b.height() >= buttons[0].minimumHeight() >= 300 for b in buttons)
    image = buttons[0].grab().toImage()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 8)
        for y in range(0, image.height(), 8)
    }
    assert len(colours) > 4  # the SVG picture is drawn, not an empty frame


def test_play_again_asks_the_same_multiple_question_afresh(
    qtbot: Any, make_kiosk: Any, builtin_content: ActiveContent, tmp_path: Path
) -> None:
    quiz_file = tmp_path / "compost.yaml"
    quiz_file.write_text(
        LINK_QUIZ.replace("type: true_false", "type: multiple").replace(
            "    answer: true\n",
            "    choices:\n"
            "      - {text: {zh: 甲, en: A}, correct: true}\n"
            "      - {text: {zh: 乙, en: B}}\n"
            "      - {text: {zh: 丙, en: C}, correct: true}\n",
        ),
        "utf-8",
    )
    content = dataclasses.replace(builtin_content, quiz_files={"quizzes/c.yaml": quiz_file})
    _kiosk, screen = open_quiz(qtbot, make_kiosk, content, site={"kind": "store"})
    tap(qtbot, screen.picker.level_buttons[Difficulty("family")])
    for _round in (1, 2):
        answer(qtbot, screen, right=True)  # picks A and C (nothing left picked from before)
        assert screen.session.state.last_answer.correct
        tap(qtbot, screen.question_page.card.next_button)
        tap(qtbot, screen.result_page.play_again)
