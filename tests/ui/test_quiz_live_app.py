"""Live quiz questions in the running app: the composition root gives the quiz the energy
service's figures, so a round on a simulator kiosk asks about today's real figure — the one on
the Now screen — and skips the question once the figure is stale.

The simulated site is put where it is about noon right now (a UTC offset and the matching
longitude, on the equator, no clouds), so the sun is up whenever the test runs.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

import pytest
from test_quiz_screen import answer, tap

from kiosk.content.active import ActiveContent, start_content
from kiosk.content.builtin import ensure_builtin
from kiosk.content.library import Library
from kiosk.content.policy import InstallPolicy
from kiosk.energy.metrics import Provenance
from kiosk.quiz.live import LiveAsk, format_live_value
from kiosk.quiz.models import Difficulty
from kiosk.quiz.session import Phase


@pytest.fixture(scope="module")
def builtin_content(tmp_path_factory: pytest.TempPathFactory) -> ActiveContent:
    library = Library(tmp_path_factory.mktemp("library"))
    assert ensure_builtin(library, InstallPolicy()).installed is not None
    content = start_content(library).content
    assert content is not None
    return content


def noon_site() -> dict[str, Any]:
    """A site whose local and solar time are within half an hour of noon now."""
    now = datetime.now(UTC)
    offset = round(12 - (now.hour + now.minute / 60))  # -12 .. 12 hours
    zone = "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"  # POSIX sign: GMT-8 is UTC+8
    return {"timezone": zone, "latitude": 0.0, "longitude": 15.0 * offset, "kind": "store"}


def play_round(qtbot: Any, screen: Any) -> list[tuple[LiveAsk, str]]:
    """Answer every question right; each live question with the Now card's text when asked."""
    asked: list[tuple[LiveAsk, str]] = []
    energy = screen.window().router.screen("energy")
    while screen.session.state.phase is Phase.QUESTION:
        ask = screen.session.live_ask(screen.session.state.question_id)
        if ask is not None:
            # the hidden Now screen keeps the newest summary: what it shows when it opens
            energy.apply_pending_summary()
            card = energy.now_view.cards["pv_energy_today_wh"]
            asked.append((ask, f"{card.value_label.text()} {card.unit_label.text()}"))
        answer(qtbot, screen, right=True)
        tap(qtbot, screen.question_page.card.next_button)
    assert screen.session.state.phase is Phase.RESULT
    return asked


def test_a_round_on_the_simulator_asks_the_figure_on_the_now_screen(
    qtbot: Any, make_kiosk: Any, builtin_content: ActiveContent
) -> None:
    kiosk = make_kiosk(
        {
            "display": {"language": "en"},
            "site": noon_site(),
            "sources": [{"id": "sim", "type": "simulator", "interval_seconds": 0.5,
                         "options": {"cloudiness": 0.0, "history_hours": 14}}],
            "quiz": {"questions_per_round": 30},
        },
        size=(1920, 1080),
    )  # fmt: skip
    energy = kiosk.services.energy

    def pv_today() -> float:
        s = energy.summary
        return (
            0.0 if s is None or s.pv_energy_today_wh.value is None else s.pv_energy_today_wh.value
        )

    qtbot.waitUntil(lambda: pv_today() > 5_000, timeout=20_000)
    qtbot.waitUntil(lambda: kiosk.services.content.loaded, timeout=10_000)
    quiz = kiosk.services.quiz
    quiz.rng.seed(11)
    with qtbot.waitSignal(quiz.catalog_did_change):
        quiz.set_content(builtin_content)
    tap(qtbot, kiosk.window.router.screen("home").tiles["quiz"])
    screen = kiosk.window.router.current
    tap(qtbot, screen.picker.level_buttons[Difficulty.FAMILY])

    asked = play_round(qtbot, screen)
    solar = [(ask, shown) for ask, shown in asked if ask.metric == "pv_energy_today_kwh"]
    assert solar, f"no live solar question in the round (asked: {[a.metric for a, _ in asked]})"
    ask, shown = solar[0]
    number, unit = shown.split()
    assert unit == "kWh"
    # The right choice is the Now screen's figure, rounded to two significant digits.
    step = 10 ** (math.floor(math.log10(float(number))) - 1)
    assert abs(ask.correct_value - float(number)) <= step
    assert format_live_value(ask.correct_value) in {format_live_value(v) for v in ask.choice_values}

    # The source stops: once its figures are stale, the live question is skipped, never wrong.
    energy.stop_source("sim")
    stale = Provenance.CACHED
    # 3 poll intervals of real time, then the next summary (slow on a loaded machine)
    qtbot.waitUntil(lambda: energy.summary.pv_energy_today_wh.provenance is stale, timeout=30_000)
    session = quiz.new_session(Difficulty.FAMILY, None)  # every family question, drawn now
    session.start(0.0)
    while session.state.phase is Phase.QUESTION:
        qid = session.state.question_id
        ask = session.live_ask(qid)
        assert ask is None or ask.metric != "pv_energy_today_kwh", "asked with a stale figure"
        session.answer(session.correct_answer(qid), 0.0)
        session.next(0.0)
    assert session.state.total > 1
    kiosk.tasks.wait(5000)
