"""Every quiz control within a child's reach: in portrait the answers of every kind, Check,
Next, who gets the points, Play again and Home sit in the lower half of the window, with the
question above them; at every size each target is whole, inside the window, big enough and
clear of the others, and the answers do not move when the explanation card appears."""

# ruff: noqa: F811  (the builtin_content fixture is shared with test_quiz_screen)
from __future__ import annotations

from itertools import combinations
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget
from test_quiz_screen import answer, builtin_content, open_quiz, tap  # noqa: F401

from kiosk.content.active import ActiveContent
from kiosk.quiz.session import Phase
from kiosk.ui.theme import MIN_TOUCH_PX

SIZES = [(1080, 1920), (1920, 1080), (1366, 768)]
EVERY_SIZE_AND_LANGUAGE = pytest.mark.parametrize(
    ("size", "lang"), [(size, lang) for size in SIZES for lang in ("zh", "en")]
)
CLASSES = ["Class 3A", "Class 3B", "Class 4A", "Green Team"]
#: the shot states that show an open question of each answer widget (and a picture answer)
QUESTION_STATES = ["question", "kids-picture", "kind-multiple", "kind-order"]


def in_window(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), widget.rect().topLeft()), widget.size())


def settled(qtbot: Any, widgets: list[QWidget]) -> list[QRect]:
    """The widgets' places once the window's layout has settled (unchanged over 3 polls)."""
    seen: list[list[QRect]] = []

    def stable() -> bool:
        seen.append([in_window(w) for w in widgets])
        return len(seen) >= 3 and seen[-1] == seen[-2] == seen[-3]

    qtbot.waitUntil(stable, timeout=5_000)
    return seen[-1]


def check_reach(kiosk: Any, targets: list[QWidget], others: list[QWidget] = ()) -> None:
    """Whole, inside the window, big enough, clear of each other and of ``others`` (texts,
    cards); in portrait in the lower half."""
    window = kiosk.window.rect()
    portrait = window.height() > window.width()
    smallest = kiosk.theme.px(MIN_TOUCH_PX)
    rects = {}
    for i, target in enumerate(targets):
        name = f"{target.objectName() or target.text()}#{i}"
        assert target.isVisible(), f"{name} is not visible"
        rect = in_window(target)
        assert window.contains(rect), f"{name} at {rect} is not inside the window {window}"
        assert rect.height() >= smallest and rect.width() >= smallest, f"{name} is {rect}"
        if portrait:
            assert rect.top() >= window.height() // 2, f"{name} at {rect} is out of reach"
        rects[name] = rect
    for i, other in enumerate(others):
        if other.isVisible():
            rects[f"{other.objectName() or type(other).__name__}~{i}"] = in_window(other)
    for (a, ra), (b, rb) in combinations(rects.items(), 2):
        assert not ra.intersects(rb), f"{a} {ra} overlaps {b} {rb}"


def answer_targets(page: Any) -> list[QWidget]:
    buttons: list[QWidget] = list(page.visible_buttons())
    rows = getattr(page.answers, "area", None)
    for row in rows.rows if rows is not None else ():
        buttons += [row.up, row.down]
    return buttons


def start(qtbot: Any, make_kiosk: Any, content: ActiveContent, size: Any, lang: str) -> Any:
    return open_quiz(
        qtbot,
        make_kiosk,
        content,
        size,
        display={"language": lang},
        site={"kind": "school", "name": "Green Valley School"},
        quiz={"classes": CLASSES},
    )


@EVERY_SIZE_AND_LANGUAGE
def test_answers_check_and_next_are_within_reach_and_stay_put(
    qtbot: Any, make_kiosk: Any, builtin_content: ActiveContent, size: Any, lang: str
) -> None:
    kiosk, screen = start(qtbot, make_kiosk, builtin_content, size, lang)
    page = screen.question_page
    for state in QUESTION_STATES:
        screen.enter_shot_state(state)
        assert screen.session is not None and screen.session.state.phase is Phase.QUESTION
        choices = page.visible_buttons()
        check = getattr(page.answers, "check_button", None)
        steps = [check] if check is not None and check.isVisible() else []
        before = settled(qtbot, choices + steps)[: len(choices)]
        check_reach(kiosk, answer_targets(page) + steps, [page.question_label, page.hint])
        if size[1] > size[0]:  # the question above the answers
            question = in_window(page.question_label)
            assert question.bottom() < min(r.top() for r in before)

        answer(qtbot, screen, right=False)
        assert screen.session.state.phase is Phase.FEEDBACK
        assert page.card.isVisible()
        # (an order's tiles widen where its arrows were: they keep their top and height)
        assert [(r.top(), r.left(), r.height()) for r in settled(qtbot, choices)] == [
            (r.top(), r.left(), r.height()) for r in before
        ], state
        shown = [w for w in answer_targets(page) if w.isVisible()]
        card = page.card
        texts = [page.question_label, card.headline, card.explanation, card.source]
        check_reach(kiosk, [*shown, card.next_button], texts)
        # the explanation is shown whole, not cut off by a card too small for it
        text = page.card.explanation
        assert text.heightForWidth(text.width()) <= text.height(), state


@EVERY_SIZE_AND_LANGUAGE
def test_the_result_buttons_and_who_gets_the_points_are_within_reach(
    qtbot: Any, make_kiosk: Any, builtin_content: ActiveContent, size: Any, lang: str
) -> None:
    kiosk, screen = start(qtbot, make_kiosk, builtin_content, size, lang)
    result = screen.result_page
    screen.enter_shot_state("kids-result")  # a kids' round in a school: who gets the points
    teams = list(result.team_chooser.buttons.values())
    assert len(teams) == len(CLASSES) + 1
    buttons = [*teams, result.play_again, result.home]
    settled(qtbot, buttons)
    check_reach(kiosk, buttons, [result.headline, result.points])

    tap(qtbot, teams[0])
    assert not result.team_chooser.isVisible()
    settled(qtbot, [result.play_again, result.home])
    check_reach(kiosk, [result.play_again, result.home], [result.headline, result.board])


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)])
def test_a_store_result_keeps_its_buttons_within_reach(
    qtbot: Any, make_kiosk: Any, builtin_content: ActiveContent, size: Any
) -> None:
    kiosk, screen = open_quiz(qtbot, make_kiosk, builtin_content, size, display={"language": "en"})
    screen.enter_shot_state("result")
    result = screen.result_page
    assert result.certificate.isVisible()
    settled(qtbot, [result.play_again, result.home])
    check_reach(kiosk, [result.play_again, result.home], [result.certificate, result.points])


@pytest.mark.parametrize("size", SIZES)
def test_the_class_picker_before_a_round_is_within_reach(
    qtbot: Any, make_kiosk: Any, builtin_content: ActiveContent, size: Any
) -> None:
    kiosk, screen = start(qtbot, make_kiosk, builtin_content, size, "en")
    screen.enter_shot_state("classes")  # a family round in a school asks for the class first
    picker = screen.class_picker
    buttons = [*picker.buttons.values(), picker.back_button]
    assert len(buttons) == len(CLASSES) + 1
    settled(qtbot, buttons)
    check_reach(kiosk, list(picker.buttons.values()), [picker.heading, picker.note])
    check_reach(kiosk, [picker.back_button], [])
