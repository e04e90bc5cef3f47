"""The end of a round in the real kiosk: the certificate names the store and shows its logo and
a QR code to the site's page when it has one; the class board is a bar chart, ties share a rank."""

from __future__ import annotations

from typing import Any

import test_quiz_screen
from test_quiz_kids_path import kiosk_at_home, play
from test_quiz_screen import CLASSES, tap

from kiosk.content.active import ActiveContent

builtin_content = test_quiz_screen.builtin_content  # the module's fixture, shared

STORE = {"site": {"kind": "store", "name": "Green Kids Store", "name_zh": "绿色童趣店"}}


def finish_a_round(qtbot: Any, kiosk: Any) -> Any:
    tap(qtbot, kiosk.window.router.screen("home").kids_entry)
    screen = kiosk.window.router.current
    play(qtbot, screen, right=True)
    return screen.result_page


def test_certificate_names_the_store_with_its_logo_and_the_sites_qr(
    qtbot: Any, make_kiosk: Any, builtin_content: ActiveContent
) -> None:
    site = {**STORE["site"], "link": "https://example.org/green-kids"}
    kiosk = kiosk_at_home(qtbot, make_kiosk, builtin_content, site=site)
    certificate = finish_a_round(qtbot, kiosk).certificate
    assert certificate.isVisible()
    assert certificate.site.text() == "Green Kids Store"
    assert not certificate.logo.pixmap().isNull()
    # the built-in sets have no link of their own: the site's page is the QR code
    assert certificate.qr.isVisible() and certificate.qr.matrix is not None
    assert "Green Kids Store" in certificate.link_label.text()
    kiosk.language.set_language("zh")
    assert certificate.site.text() == "绿色童趣店"


def test_no_link_no_qr_code(qtbot: Any, make_kiosk: Any, builtin_content: ActiveContent) -> None:
    kiosk = kiosk_at_home(qtbot, make_kiosk, builtin_content, **STORE)
    certificate = finish_a_round(qtbot, kiosk).certificate
    assert certificate.isVisible() and certificate.site.text() == "Green Kids Store"
    assert not certificate.qr.isVisible() and not certificate.link_label.isVisible()


def test_class_board_draws_bars_and_ties_share_a_rank(
    qtbot: Any, make_kiosk: Any, builtin_content: ActiveContent
) -> None:
    school = {"site": {"kind": "school", "name": "Riverside"}, "quiz": {"classes": CLASSES}}
    kiosk = kiosk_at_home(qtbot, make_kiosk, builtin_content, **school)
    result = finish_a_round(qtbot, kiosk)
    tap(qtbot, result.team_chooser.buttons["Class 3B"])
    board = result.board
    qtbot.waitUntil(
        lambda: board.shown_rows()[:1] == [("1.", "Class 3B  (your class)", "55 points")]
    )
    ranks = [rank for rank, _team, _points in board.shown_rows()]
    assert ranks == ["1.", "2.", "2."]  # Class 3A and Green Team, both 0: a tie
    bars = [bar for bar in board.bars if bar.isVisible()]
    assert [bar.fraction for bar in bars] == [1.0, 0.0, 0.0]
    assert bars[0].mine and not bars[1].mine


def test_a_celebration_in_proportion_to_the_score_that_stops_by_itself(
    qtbot: Any, make_kiosk: Any, builtin_content: ActiveContent
) -> None:
    from kiosk.ui.quiz.celebration import DURATION_MS, STARS_PER_RIGHT_ANSWER

    kiosk = kiosk_at_home(qtbot, make_kiosk, builtin_content, **STORE)
    result = finish_a_round(qtbot, kiosk)  # 5 of 5
    celebration = result.celebration
    assert celebration.running and celebration.isVisible()
    assert len(celebration.stars) == 5 * STARS_PER_RIGHT_ANSWER
    qtbot.waitUntil(lambda: not celebration.running, timeout=DURATION_MS + 2000)
    assert not celebration.isVisible() and celebration.stars == []
    kiosk.language.set_language("zh")  # showing the result again is no new celebration
    assert not celebration.running
    tap(qtbot, result.play_again)
    screen = kiosk.window.router.current
    play(qtbot, screen, right=False)
    assert not celebration.running and celebration.stars == []  # nothing right: no stars
