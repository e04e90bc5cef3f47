"""The quiz question page uses the screen: answers grow into the free height and stay where
they are when the explanation card appears; in portrait the card sits above them (the answers
and Next stay in the lower half, see test_quiz_reach)."""

# ruff: noqa: F811  (the builtin_content fixture is shared with test_quiz_screen)
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect
from test_quiz_screen import answer, builtin_content, open_quiz, tap  # noqa: F401

from kiosk.content.active import ActiveContent
from kiosk.quiz.models import Difficulty


def in_page(page: Any, widget: Any) -> QRect:
    return QRect(widget.mapTo(page, widget.rect().topLeft()), widget.size())


def settled(qtbot: Any, page: Any, buttons: list[Any]) -> list[QRect]:
    """The answers' places once the window's layout has settled (unchanged over 3 polls)."""
    seen: list[list[QRect]] = []

    def stable() -> bool:
        seen.append([in_page(page, b) for b in buttons])
        return len(seen) >= 3 and seen[-1] == seen[-2] == seen[-3]

    qtbot.waitUntil(stable, timeout=5_000)
    return seen[-1]


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_answers_fill_the_page_and_do_not_move_when_the_card_appears(
    qtbot: Any, make_kiosk: Any, builtin_content: ActiveContent, size: tuple[int, int]
) -> None:
    kiosk = make_kiosk({"display": {"language": "zh"}, "site": {"kind": "store"}}, size=size)
    qtbot.waitUntil(lambda: kiosk.services.content.loaded, timeout=10_000)
    service = kiosk.services.quiz
    service.rng.seed(2026)
    with qtbot.waitSignal(service.catalog_did_change):
        service.set_content(builtin_content)
    tap(qtbot, kiosk.window.router.screen("home").tiles["quiz"])
    screen = kiosk.window.router.current
    tap(qtbot, screen.picker.level_buttons[Difficulty.FAMILY])
    page = screen.question_page
    # a question with text answers only (the family level has no picture answers)
    buttons = page.visible_buttons()
    assert buttons and not any(b.has_picture() for b in buttons)
    before = settled(qtbot, page, buttons)
    lowest = max(r.bottom() for r in before)
    portrait = size[1] > size[0]
    # the answers grow into the free height: to their tallest, or down to the bottom margin
    # (in portrait: down to the place of the Next button under them; how high they may
    # reach, the window's middle, is test_quiz_reach's)
    floor = in_page(page, page.button_place).top() if portrait else page.height()
    assert all(b.height() > b.minimumHeight() for b in buttons)
    at_tallest = all(b.height() == b.maximumHeight() for b in buttons)
    assert at_tallest or floor - lowest < kiosk.theme.px(64)

    answer(qtbot, screen, right=True)
    assert page.card.isVisible()
    assert settled(qtbot, page, buttons) == before
    card = in_page(page, page.card)
    assert card.bottom() <= page.height()
    if portrait:  # the card between the question and the answers, Next under the answers
        question = in_page(page, page.question_label)
        assert question.bottom() < card.top() and card.bottom() < min(r.top() for r in before)
        assert in_page(page, page.card.next_button).top() > lowest
    else:  # landscape: beside the answers
        assert card.left() > max(r.right() for r in before)


FIVE_CHOICES = """\
schema_version: 1
id: compost
title: {zh: 堆肥, en: Compost}
theme: compost
questions:
  - id: compost-items
    type: multiple
    difficulty: family
    text: {zh: "哪些东西可以放进家里的堆肥桶？（可多选）", en: "Which of these belong in a home compost bin? (pick all)"}
    choices:
      - {text: {zh: 蛋壳, en: Eggshells}, correct: true}
      - {text: {zh: 菜叶和果皮, en: Vegetable and fruit scraps}, correct: true}
      - {text: {zh: 肉和骨头, en: Meat and bones}}
      - {text: {zh: 咖啡渣, en: Coffee grounds}, correct: true}
      - {text: {zh: 塑料袋, en: Plastic bags}}
    explanation: {zh: 解释, en: Because.}
    source: {title: Test source}
"""


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_five_choices_and_the_check_button_fit_the_screen(
    qtbot: Any,
    make_kiosk: Any,
    builtin_content: ActiveContent,
    tmp_path: Path,
    size: tuple[int, int],
) -> None:
    quiz = tmp_path / "compost.yaml"
    quiz.write_text(FIVE_CHOICES, "utf-8")
    content = dataclasses.replace(builtin_content, quiz_files={"quizzes/compost.yaml": quiz})
    kiosk, screen = open_quiz(qtbot, make_kiosk, content, size, display={"language": "en"})
    tap(qtbot, screen.picker.level_buttons[Difficulty.FAMILY])
    page = screen.question_page
    assert len(page.visible_buttons()) == 5 and page.answers.check_button.isVisible()
    settled(qtbot, page, page.visible_buttons())
    assert kiosk.window.size().height() == size[1]  # the window did not grow past the screen
    assert in_page(page, page.answers.check_button).bottom() <= page.height()
    assert all(b.height() >= kiosk.theme.px(120) for b in page.visible_buttons())
