"""The start screen: where the kiosk opens and where idle returns (display.start_screen,
``kiosk run --start``), through the real window with the fake clock."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from kiosk.config.checks import START_SCREENS
from kiosk.ui.screens.energy import TABS


def current(kiosk: Any) -> str:
    return kiosk.window.router.current.name


def go_idle(kiosk: Any, fake_clock: Any) -> None:
    fake_clock.advance(kiosk.config.display.idle_seconds + 1)
    kiosk.idle.check()


def test_default_opens_home_and_idle_shows_the_attract_loop(
    qtbot: Any, make_kiosk: Any, fake_clock: Any
) -> None:
    kiosk = make_kiosk()
    assert current(kiosk) == "home"
    kiosk.window.router.go("energy")
    go_idle(kiosk, fake_clock)
    assert current(kiosk) == "attract"


def test_configured_energy_opens_first_and_idle_returns_there(
    qtbot: Any, make_kiosk: Any, fake_clock: Any
) -> None:
    kiosk = make_kiosk({"display": {"start_screen": "energy", "language": "zh"}})
    assert current(kiosk) == "energy"
    assert kiosk.window.isVisible() and kiosk.window.router.current.isVisible()
    energy = kiosk.window.router.current
    qtbot.mouseClick(energy.tab_buttons["history"], Qt.MouseButton.LeftButton)
    assert energy.tab == "history"
    qtbot.mouseClick(kiosk.window.top_bar.language_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(kiosk.window.top_bar.home_button, Qt.MouseButton.LeftButton)
    assert current(kiosk) == "home"
    go_idle(kiosk, fake_clock)
    assert current(kiosk) == "energy"  # not the attract loop
    assert energy.tab == "now" and kiosk.language.code == "zh"
    qtbot.mouseClick(energy.tab_buttons["today"], Qt.MouseButton.LeftButton)
    kiosk.idle.poke()  # the visitor touched it
    go_idle(kiosk, fake_clock)
    assert current(kiosk) == "energy" and energy.tab == "now"  # idle on the start screen too


def test_launch_option_wins_over_the_config_and_can_open_a_tab(
    qtbot: Any, make_kiosk: Any, fake_clock: Any
) -> None:
    kiosk = make_kiosk({"display": {"start_screen": "stories"}}, start_screen="energy/today")
    energy = kiosk.window.router.current
    assert current(kiosk) == "energy" and energy.tab == "today"
    qtbot.mouseClick(energy.tab_buttons["now"], Qt.MouseButton.LeftButton)
    go_idle(kiosk, fake_clock)
    assert current(kiosk) == "energy" and energy.tab == "today"


def test_an_unexpected_error_recovers_to_the_start_screen(qtbot: Any, make_kiosk: Any) -> None:
    kiosk = make_kiosk(start_screen="quiz")
    kiosk.window.router.go("stories")
    kiosk.window.recover()
    assert current(kiosk) == "quiz"


def test_every_start_screen_and_part_exists(qtbot: Any, make_kiosk: Any) -> None:
    """The config's list (kiosk/config/checks.py) names real screens and real energy tabs."""
    kiosk = make_kiosk()
    assert set(START_SCREENS) <= set(kiosk.window.router.names)
    assert START_SCREENS["energy"] == TABS
