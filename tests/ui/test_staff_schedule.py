"""The staff screen's schedule panel: on until / off until, today's exception, the week."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo


def at(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo("Asia/Shanghai")).timestamp()


def panel_of(kiosk: Any) -> Any:
    from kiosk.ui.staff.schedule_panel import SchedulePanel

    return kiosk.window.router.screen("staff").findChild(SchedulePanel, "staff-schedule")


def test_on_until_closing_then_off_until_opening(
    qtbot: Any, make_kiosk: Any, fake_clock: Any
) -> None:
    fake_clock.now = at("2026-12-07 12:00")  # Monday
    holiday = {"name": "Winter vacation", "first_day": "12-24", "last_day": "01-02"}
    kiosk = make_kiosk(
        {"display": {"language": "en"},
         "schedule": {"enabled": True, "backend": "none", "sunday": "closed", "exceptions": [holiday]}}
    , wall_clock=fake_clock)  # fmt: skip
    panel = panel_of(kiosk)
    assert panel.now.text() == "On until 21:00"
    assert panel.week.value("sun").text() == "closed"
    assert panel.week.value("mon").text() == "08:00-21:00"
    fake_clock.advance(hours=10)
    kiosk.services.screen.check()
    assert panel.now.text() == "Off until Tue 08:00"
    fake_clock.now = at("2026-12-25 12:00")
    kiosk.services.screen.check()
    assert panel.now.text() == "Off until Mon 08:00"  # 4 January: after the vacation, a Sunday
    assert "Today: Winter vacation" in panel.detail.text()


def test_without_opening_hours_it_says_always_on(
    qtbot: Any, make_kiosk: Any, fake_clock: Any
) -> None:
    kiosk = make_kiosk({"display": {"language": "en"}}, wall_clock=fake_clock)
    panel = panel_of(kiosk)
    assert panel.now.text() == "Always on (no opening hours set)"
    assert not panel.week.value("mon").isVisibleTo(panel)
