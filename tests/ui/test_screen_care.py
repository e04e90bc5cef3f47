"""Burn-in care on the real kiosk: the picture walks a few pixels with every screen keeping its
size; the screen dims after a quiet while and a touch brings it back; both rest while closed."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.ui.screen_care import shift_path


def test_the_shift_walks_every_offset_once_a_pixel_at_a_time() -> None:
    path = shift_path(2)
    assert len(path) == len(set(path)) == 9
    assert all(abs(a[0] - b[0]) + abs(a[1] - b[1]) == 1 for a, b in pairwise(path))


def test_the_picture_moves_and_keeps_its_size(qtbot: Any, make_kiosk: Any) -> None:
    kiosk = make_kiosk({"display": {"shift_px": 4, "shift_minutes": 10}})
    care, stack = kiosk.care, kiosk.window.stack
    assert care._shift_timer.isActive() and care._shift_timer.interval() == 600_000
    sizes, places = set(), set()
    for _ in range(6):
        care.step()  # what its timer does every 10 minutes
        qtbot.wait(10)
        sizes.add((stack.width(), kiosk.window.top_bar.width()))
        places.add(kiosk.window.top_bar.mapTo(kiosk.window, QPoint(0, 0)).toTuple())
    assert len(sizes) == 1  # the layout never changes size
    assert len(places) == 6  # but sits somewhere else each time
    assert all(0 <= x <= 4 and 0 <= y <= 4 for x, y in places)


def test_dims_after_a_quiet_while_and_a_touch_brings_it_back(
    qtbot: Any, make_kiosk: Any, fake_clock: Any
) -> None:
    kiosk = make_kiosk({"display": {"dim_after_minutes": 5, "dim_percent": 40}})
    care = kiosk.care
    fake_clock.advance(minutes=4)
    care.check_dim()
    assert not care.dimmer.isVisible()
    fake_clock.advance(minutes=1)
    care.check_dim()
    assert care.dimmer.isVisible() and care.dimmer.alpha == 153
    assert care.dimmer.geometry() == kiosk.window.rect()
    QTest.mouseClick(kiosk.window.router.current, Qt.MouseButton.LeftButton, pos=QPoint(50, 300))
    assert not care.dimmer.isVisible()


def test_care_rests_while_closed(qtbot: Any, make_kiosk: Any, fake_clock: Any) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    fake_clock.now = datetime(2026, 12, 8, 3, 0, tzinfo=ZoneInfo("Asia/Shanghai")).timestamp()
    kiosk = make_kiosk(
        {"schedule": {"enabled": True, "backend": "none"}, "display": {"dim_after_minutes": 5}},
        wall_clock=fake_clock,
    )
    assert kiosk.window.router.current.name == "closed"
    assert not kiosk.care._shift_timer.isActive() and not kiosk.care._dim_timer.isActive()
