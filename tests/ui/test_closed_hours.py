"""The real kiosk across closing time: the closed screen, nothing else shown or animated,
wake on touch, a restart while closed; recording and sync go on."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

SCHEDULE = {"enabled": True, "backend": "none", "wake_minutes": 5}


def at(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo("Asia/Shanghai")).timestamp()


def current(kiosk: Any) -> str:
    return kiosk.window.router.current.name


def test_closing_time_shows_the_closed_screen_and_opening_the_attract_loop(
    qtbot: Any, make_kiosk: Any, fake_clock: Any
) -> None:
    fake_clock.now = at("2026-12-07 20:59")
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from kiosk.content.keys import public_text

    key = public_text(Ed25519PrivateKey.generate().public_key())
    # nothing listens there: the sync only waits for its turn
    channel = {"url": "http://127.0.0.1:9/", "trusted_keys": [key]}
    kiosk = make_kiosk({"schedule": SCHEDULE, "channel": channel}, wall_clock=fake_clock)
    screen = kiosk.services.screen
    qtbot.waitUntil(lambda: kiosk.services.content.loaded, timeout=10_000)
    kiosk.window.router.go("attract")
    attract = kiosk.window.router.screen("attract")
    assert attract._timer.isActive() or not attract._slides
    fake_clock.advance(minutes=1)
    screen.check()
    assert current(kiosk) == "closed"
    assert not kiosk.window.top_bar.isVisible()
    assert not attract.isVisible() and not attract._timer.isActive()  # its slides stopped
    # data keeps being recorded, and sync keeps its schedule
    assert kiosk.services.energy._stale_timer.isActive()
    assert kiosk.services.energy._maintenance_timer.isActive()
    assert kiosk.services.sync._timer.isActive()
    fake_clock.advance(hours=2)
    kiosk.idle.check()  # idle never leaves the closed screen for the attract loop
    assert current(kiosk) == "closed"
    fake_clock.advance(hours=9)
    screen.check()
    assert current(kiosk) == "attract"


def test_a_touch_while_closed_opens_home_for_a_while(
    qtbot: Any, make_kiosk: Any, fake_clock: Any
) -> None:
    fake_clock.now = at("2026-12-08 03:00")
    kiosk = make_kiosk({"schedule": SCHEDULE}, wall_clock=fake_clock)
    assert current(kiosk) == "closed"  # a restart during closed hours: dark at once
    closed = kiosk.window.router.current
    QTest.mouseClick(closed, Qt.MouseButton.LeftButton, pos=QPoint(300, 300))
    assert current(kiosk) == "home"
    fake_clock.advance(minutes=6)
    kiosk.services.screen.check()
    assert current(kiosk) == "closed"


def test_the_dim_closed_screen_says_when_it_opens(
    qtbot: Any, make_kiosk: Any, fake_clock: Any
) -> None:
    fake_clock.now = at("2026-12-12 21:30")  # Saturday night
    kiosk = make_kiosk(
        {"schedule": {**SCHEDULE, "closed_screen": "dim", "sunday": "closed"},
         "display": {"language": "en"}}
    , wall_clock=fake_clock)  # fmt: skip
    closed = kiosk.window.router.screen("closed")
    assert current(kiosk) == "closed"
    assert closed.note.text() == "Closed · opens Monday at 08:00"
    kiosk.language.set_language("zh")
    assert "周一" in closed.note.text() and "08:00" in closed.note.text()
