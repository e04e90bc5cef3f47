"""The staff screen's display panel in the real window: choose student mode and the language
after idle by touch; the choice applies at once, survives a restart, and choosing kiosk.toml's
own value again removes it. A choice that cannot be saved changes nothing and says so."""

from __future__ import annotations

import json
from typing import Any

RAW = {"display": {"language": "en", "mode": "family", "idle_seconds": 90}}


def open_panel(kiosk: Any) -> Any:
    kiosk.window.router.go("staff")
    staff = kiosk.window.router.screen("staff")
    staff.open_section("display")
    panel = staff.findChild(object, "staff-display")
    assert panel is not None and panel.isVisible()
    return panel


def test_student_mode_applies_at_once_and_survives_a_restart(qtbot: Any, make_kiosk: Any) -> None:
    kiosk = make_kiosk(RAW)
    router = kiosk.window.router
    router.go("energy")  # built, so the change must reach a screen that already exists
    energy = router.screen("energy")
    assert energy.now_view.mode == "family"
    panel = open_panel(kiosk)
    assert panel.buttons[("mode", "family")].isChecked()
    assert panel.notes["mode"].text() == "As set in kiosk.toml."

    panel.buttons[("mode", "student")].click()
    qtbot.waitUntil(lambda: kiosk.ctx.config.display.mode == "student", timeout=5000)
    assert energy.now_view.mode == "student"
    assert panel.buttons[("mode", "student")].isChecked()
    assert panel.notes["mode"].text() == (
        "Chosen on this kiosk; kiosk.toml says: Family: big figures"
    )
    saved = json.loads(kiosk.paths.staff_overrides_file.read_text("utf-8"))
    assert saved == {"mode": "student"}

    restarted = make_kiosk(RAW)  # same data folder, same kiosk.toml
    assert restarted.config.display.mode == "student"
    restarted.window.router.go("energy")
    assert restarted.window.router.screen("energy").now_view.mode == "student"

    # back to kiosk.toml's value: the override is gone, so kiosk.toml rules again
    panel = open_panel(restarted)
    panel.buttons[("mode", "family")].click()
    qtbot.waitUntil(lambda: restarted.ctx.config.display.mode == "family", timeout=5000)
    assert json.loads(restarted.paths.staff_overrides_file.read_text("utf-8")) == {}
    assert panel.notes["mode"].text() == "As set in kiosk.toml."


def test_language_after_idle(qtbot: Any, make_kiosk: Any, fake_clock: Any) -> None:
    kiosk = make_kiosk(RAW)
    panel = open_panel(kiosk)
    panel.buttons[("language", "zh")].click()
    qtbot.waitUntil(lambda: kiosk.ctx.config.display.language == "zh", timeout=5000)
    assert kiosk.language.code == "en"  # staff keep reading their screen
    fake_clock.advance(100)
    kiosk.idle.check()
    assert kiosk.language.code == "zh"


def test_a_choice_that_cannot_be_saved_changes_nothing_and_says_so(
    qtbot: Any, make_kiosk: Any
) -> None:
    kiosk = make_kiosk(RAW)
    kiosk.paths.staff_overrides_file.mkdir(parents=True)  # a folder where the file must go
    panel = open_panel(kiosk)
    panel.buttons[("mode", "student")].click()
    qtbot.waitUntil(panel.problem.isVisible, timeout=5000)
    assert panel.problem.text().startswith("Could not save the choice: ")
    assert kiosk.ctx.config.display.mode == "family"
    assert panel.buttons[("mode", "family")].isChecked()
    assert not panel.buttons[("mode", "student")].isChecked()
