"""A child's path through the real kiosk: one tap from home into a kids' round, no class
picker on the way, who gets the points chosen after, and nothing for zero right answers."""

from __future__ import annotations

from typing import Any

import pytest
import test_quiz_screen
from test_quiz_screen import CLASSES, NOW_UTC, answer, tap

from kiosk.content.active import ActiveContent
from kiosk.quiz.models import Difficulty
from kiosk.quiz.periods import Period
from kiosk.quiz.session import Phase

builtin_content = test_quiz_screen.builtin_content  # the module's fixture, shared

SCHOOL = {"site": {"kind": "school", "name": "Riverside School"}, "quiz": {"classes": CLASSES}}


def kiosk_at_home(qtbot: Any, make_kiosk: Any, content: ActiveContent, **raw: Any) -> Any:
    raw.setdefault("display", {"language": "en"})
    kiosk = make_kiosk(raw, size=raw.pop("size", (1920, 1080)))
    qtbot.waitUntil(lambda: kiosk.services.content.loaded, timeout=10_000)
    service = kiosk.services.quiz
    service.utc_now = lambda: NOW_UTC
    service.rng.seed(7)
    with qtbot.waitSignal(service.catalog_did_change):
        service.set_content(content)
    return kiosk


def play(qtbot: Any, screen: Any, right: bool) -> None:
    while screen.session.state.phase is not Phase.RESULT:
        answer(qtbot, screen, right=right)
        tap(qtbot, screen.question_page.card.next_button)


def test_one_tap_from_home_starts_a_kids_round(
    qtbot: Any,
    make_kiosk: Any,
    builtin_content: ActiveContent,
) -> None:
    kiosk = kiosk_at_home(qtbot, make_kiosk, builtin_content, **SCHOOL)
    home = kiosk.window.router.screen("home")
    assert "Ages 6–9" in home.kids_entry.badge.text()
    tap(qtbot, home.kids_entry)
    screen = kiosk.window.router.current
    assert screen.name == "quiz"
    assert screen.pages.currentWidget() is screen.question_page  # no picker, no class picker
    question = screen.session.question(screen.session.state.question_id)
    assert question.difficulty is Difficulty.KIDS


def test_kids_choose_who_gets_the_points_after_the_round(
    qtbot: Any,
    make_kiosk: Any,
    builtin_content: ActiveContent,
) -> None:
    kiosk = kiosk_at_home(qtbot, make_kiosk, builtin_content, **SCHOOL)
    tap(qtbot, kiosk.window.router.screen("home").kids_entry)
    screen = kiosk.window.router.current
    play(qtbot, screen, right=True)
    result = screen.result_page
    chooser = result.team_chooser
    assert chooser.isVisible() and not result.board.isVisible()
    assert chooser.heading.text() == "Who gets your points?"
    assert [b.text() for b in chooser.buttons.values()] == [*CLASSES, "Our school"]
    tap(qtbot, chooser.buttons["Class 3B"])
    assert not chooser.isVisible() and result.board.isVisible()
    board = result.board
    qtbot.waitUntil(
        lambda: board.shown_rows()[:1] == [("1.", "Class 3B  (your class)", "55 points")]
    )
    assert result.note.text() == "Points added for Class 3B."
    # the same child plays again: the class is known now, the points go there at the end
    tap(qtbot, result.play_again)
    play(qtbot, screen, right=True)
    assert not chooser.isVisible()
    qtbot.waitUntil(
        lambda: board.shown_rows()[:1] == [("1.", "Class 3B  (your class)", "110 points")]
    )


def test_kids_points_can_go_to_the_whole_school(
    qtbot: Any,
    make_kiosk: Any,
    builtin_content: ActiveContent,
) -> None:
    kiosk = kiosk_at_home(qtbot, make_kiosk, builtin_content, **SCHOOL)
    tap(qtbot, kiosk.window.router.screen("home").kids_entry)
    screen = kiosk.window.router.current
    play(qtbot, screen, right=True)
    tap(qtbot, screen.result_page.team_chooser.buttons["Riverside School"])
    board = screen.result_page.board
    qtbot.waitUntil(lambda: "Riverside School  (your class)" in [r[1] for r in board.shown_rows()])
    assert screen.result_page.note.text() == "Points added for Riverside School."
    assert screen.team is None  # the next round asks again


@pytest.mark.parametrize("site", ["school", "store"])
def test_zero_right_answers_give_zero_points(
    qtbot: Any,
    make_kiosk: Any,
    builtin_content: ActiveContent,
    site: str,
) -> None:
    raw = dict(SCHOOL) if site == "school" else {"site": {"kind": "store"}}
    kiosk = kiosk_at_home(qtbot, make_kiosk, builtin_content, **raw)
    service = kiosk.services.quiz
    tap(qtbot, kiosk.window.router.screen("home").kids_entry)
    screen = kiosk.window.router.current
    play(qtbot, screen, right=False)
    result = screen.result_page
    assert screen.session.state.score.points == 0
    assert "+" not in result.points.text() and "Try again" in result.points.text()
    assert result.stars.earned == 0
    assert not result.team_chooser.isVisible()
    if site == "school":
        with qtbot.waitSignal(service.leaderboards_did_update) as blocker:
            service.refresh_leaderboards()
        assert all(row.points == 0 for row in blocker.args[0][Period.DAY].rows)
    else:
        assert not result.certificate.isVisible()  # no certificate for nothing right


def test_a_family_back_next_week_meets_other_questions(
    qtbot: Any, make_kiosk: Any, builtin_content: ActiveContent
) -> None:
    """The kiosk restarts between visits; with the same luck the round would be the same."""
    rounds = []
    for _visit in range(2):
        kiosk = kiosk_at_home(qtbot, make_kiosk, builtin_content, **SCHOOL)
        kiosk.tasks.wait(5_000)  # the history is read
        tap(qtbot, kiosk.window.router.screen("home").kids_entry)
        screen = kiosk.window.router.current
        asked = []
        while screen.session.state.phase is not Phase.RESULT:
            asked.append(screen.session.state.question_id)
            answer(qtbot, screen, right=True)
            tap(qtbot, screen.question_page.card.next_button)
        rounds.append(asked)
        kiosk.services.quiz.stop()  # what the app does when it closes: the history is saved
        kiosk.window.hide()
    assert len(rounds[1]) == 5 and not set(rounds[0]) & set(rounds[1])


def test_topics_and_levels_have_pictures_and_age_badges(
    qtbot: Any, make_kiosk: Any, builtin_content: ActiveContent
) -> None:
    kiosk = kiosk_at_home(qtbot, make_kiosk, builtin_content)
    tap(qtbot, kiosk.window.router.screen("home").tiles["quiz"])
    picker = kiosk.window.router.current.picker
    badges = {level: card.badge.text() for level, card in picker.level_buttons.items()}
    assert badges == {
        Difficulty.KIDS: "Ages 6–9",
        Difficulty.FAMILY: "Ages 10+",
        Difficulty.STUDENT: "Ages 12–18",
    }
    assert all(not card.picture.pixmap().isNull() for card in picker.level_buttons.values())
    assert all(not btn.icon().isNull() for btn in picker.topic_buttons.values())
    assert all(btn.height() >= kiosk.theme.px(88) for btn in picker.topic_buttons.values())
    kiosk.language.set_language("zh")
    assert picker.level_buttons[Difficulty.KIDS].badge.text() == "6–9岁"
    tap(qtbot, picker.level_buttons[Difficulty.KIDS])
    assert kiosk.window.router.current.session is not None
