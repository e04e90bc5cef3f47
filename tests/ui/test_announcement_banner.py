"""Announcements on the real kiosk: staff post one by preset or on the on-screen keyboard; the
banner shows on every screen in both languages, over the attract loop only when urgent, never
on the closed screen, and goes by itself when the announcement expires."""

from __future__ import annotations

import json
from datetime import datetime
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt


def at(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo("Asia/Shanghai")).timestamp()


def tap(qtbot: Any, widget: Any) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def panel_of(kiosk: Any) -> Any:
    from kiosk.ui.staff.announcement_panel import AnnouncementPanel

    return kiosk.window.router.screen("staff").findChild(AnnouncementPanel, "staff-announcements")


def test_a_preset_shows_on_every_screen_in_both_languages_until_it_expires(
    qtbot: Any, make_kiosk: Any, fake_clock: Any, data_dir: Any
) -> None:
    fake_clock.now = at("2026-12-07 12:00")
    kiosk = make_kiosk({"display": {"language": "zh"}}, wall_clock=fake_clock)
    banner, service = kiosk.window.banner, kiosk.services.announcements
    panel = panel_of(kiosk)
    assert not banner.isVisible()
    tap(qtbot, panel.preset_buttons["closes-early"])  # 1 hour, the first choice
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=5_000)
    assert banner.text.text() == "今天展区提前关闭，感谢您的光临。"
    kiosk.language.set_language("en")
    assert banner.text.text() == "The exhibit closes early today. Thank you for visiting."
    for name in ("quiz", "stories", "energy"):
        kiosk.window.router.go(name)
        assert banner.isVisible(), name
    kiosk.window.router.go("attract")
    assert not banner.isVisible()  # info: not over the attract loop
    saved = json.loads((data_dir / "staff-announcements.json").read_text("utf-8"))
    assert saved["announcements"][0]["until"] == "2026-12-07T13:00:00"
    fake_clock.advance(hours=1)
    service.refresh()  # what its timer does at the end
    kiosk.window.router.go("home")
    assert not banner.isVisible() and service.shown == ()


def test_an_urgent_message_typed_on_the_keyboard_shows_over_the_attract_loop(
    qtbot: Any, make_kiosk: Any, fake_clock: Any
) -> None:
    fake_clock.now = at("2026-12-07 12:00")
    kiosk = make_kiosk({"display": {"language": "en"}}, wall_clock=fake_clock)
    banner = kiosk.window.banner
    panel = panel_of(kiosk)
    tap(qtbot, panel.write_button)
    keys = panel.keyboard.keys
    for char in "lift out":
        tap(qtbot, panel.keyboard.space if char == " " else keys[char])
    assert panel.preview.text() == "Lift out"
    tap(qtbot, panel.urgent)
    tap(qtbot, panel.post_button)
    kiosk.window.router.go("attract")
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=5_000)
    assert banner.text.text() == "Lift out" and banner.property("priority") == "urgent"
    kiosk.language.set_language("zh")
    assert banner.text.text() == "Lift out"  # typed text is shown in both languages
    # staff take it down
    (remove,) = [b for b in panel.findChildren(type(panel.post_button))
                 if b.objectName().startswith("announce-remove-")]  # fmt: skip
    remove.click()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5_000)


def test_no_banner_on_the_closed_screen(qtbot: Any, make_kiosk: Any, fake_clock: Any) -> None:
    fake_clock.now = at("2026-12-08 03:00")
    kiosk = make_kiosk(
        {"schedule": {"enabled": True, "backend": "none", "wake_on_touch": False}},
        wall_clock=fake_clock,
    )
    service = kiosk.services.announcements
    service.post("紧急", "Urgent", "urgent", 60)
    qtbot.waitUntil(lambda: bool(service.shown), timeout=5_000)
    assert kiosk.window.router.current.name == "closed"
    assert not kiosk.window.banner.isVisible()


def test_home_tiles_hold_their_texts_when_a_banner_takes_room_on_a_small_screen(
    qtbot: Any, make_kiosk: Any, fake_clock: Any
) -> None:
    """At 1366x768 with a banner, the energy tile's title was drawn over its icon: a button
    does not grow to its layout, so the icon, title and live line were squeezed together."""
    from kiosk.ui.widgets.tile import Tile

    fake_clock.now = at("2026-12-07 12:00")
    kiosk = make_kiosk(
        {"display": {"language": "en"}}, wall_clock=fake_clock, windowed=True, size=(1366, 768)
    )
    tap(qtbot, panel_of(kiosk).preset_buttons["closes-early"])
    kiosk.window.router.go("home")
    qtbot.waitUntil(lambda: kiosk.window.banner.isVisible(), timeout=5_000)
    home = kiosk.window.router.screen("home")
    tiles = home.findChildren(Tile)
    assert len(tiles) >= 3
    tiles[0].set_live("Our roof is making 26.3 kW — see how", "(simulated figures)")
    qtbot.wait(100)
    for tile in tiles:
        parts = [w for w in tile.children() if getattr(w, "isVisible", None) and w.isVisible()]
        boxes = sorted((w.geometry() for w in parts), key=lambda g: g.top())
        assert boxes, tile.objectName()
        for upper, lower in pairwise(boxes):
            assert upper.bottom() < lower.top(), (tile.objectName(), upper, lower)
        assert boxes[0].top() >= 0 and boxes[-1].bottom() <= tile.height(), tile.objectName()
