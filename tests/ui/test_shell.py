"""The real window, driven by taps: navigation, idle, language, lock-down and staff access."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from kiosk.staff.pin import PinStore


def tap(qtbot: Any, widget: Any) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def current(kiosk: Any) -> str:
    return kiosk.window.router.current.name


def test_tiles_navigate_and_home_returns(qtbot: Any, make_kiosk: Any) -> None:
    kiosk = make_kiosk()
    home = kiosk.window.router.screen("home")
    for area in ("energy", "quiz", "stories"):
        tap(qtbot, home.tiles[area])
        assert current(kiosk) == area
        assert kiosk.window.top_bar.home_button.isVisible()
        tap(qtbot, kiosk.window.top_bar.home_button)
        assert current(kiosk) == "home"
    assert not kiosk.window.top_bar.home_button.isVisible()


def test_screens_other_issues_fill_show_an_honest_notice(qtbot: Any, make_kiosk: Any) -> None:
    kiosk = make_kiosk({"display": {"language": "en"}})
    for name in ("energy", "quiz", "stories"):
        kiosk.window.router.go(name)
        texts = " ".join(lab.text() for lab in kiosk.window.router.current.findChildren(QLabel))
        assert texts.strip(), f"{name} shows nothing"


def test_idle_goes_to_attract_and_a_touch_returns_home(
    qtbot: Any, make_kiosk: Any, fake_clock: Any
) -> None:
    kiosk = make_kiosk({"display": {"idle_seconds": 90}})
    tap(qtbot, kiosk.window.router.screen("home").tiles["quiz"])
    fake_clock.advance(89)
    kiosk.idle.check()
    assert current(kiosk) == "quiz"
    fake_clock.advance(2)
    kiosk.idle.check()
    assert current(kiosk) == "attract"
    assert not kiosk.window.top_bar.isVisible()
    attract = kiosk.window.router.current
    QTest.mouseClick(attract, Qt.MouseButton.LeftButton, pos=QPoint(300, 300))
    assert current(kiosk) == "home"


def test_touch_resets_the_idle_countdown(qtbot: Any, make_kiosk: Any, fake_clock: Any) -> None:
    kiosk = make_kiosk({"display": {"idle_seconds": 90}})
    fake_clock.advance(80)
    tap(qtbot, kiosk.window.router.screen("home").tiles["energy"])
    fake_clock.advance(80)
    kiosk.idle.check()
    assert current(kiosk) == "energy"


def test_idle_restores_the_configured_language(
    qtbot: Any, make_kiosk: Any, fake_clock: Any
) -> None:
    kiosk = make_kiosk({"display": {"language": "zh"}})
    tap(qtbot, kiosk.window.top_bar.language_button)
    assert kiosk.language.code == "en"
    fake_clock.advance(100)
    kiosk.idle.check()
    assert kiosk.language.code == "zh"


def test_language_button_changes_visible_text(qtbot: Any, make_kiosk: Any) -> None:
    kiosk = make_kiosk({"display": {"language": "zh"}})
    home = kiosk.window.router.screen("home")
    assert home.tiles["quiz"].title_label.text() == "低碳知识问答"
    assert kiosk.window.top_bar.title_label.text() == "欢迎"
    assert kiosk.window.top_bar.language_button.text() == "English"
    tap(qtbot, kiosk.window.top_bar.language_button)
    assert home.tiles["quiz"].title_label.text() == "Low-carbon quiz"
    assert kiosk.window.top_bar.title_label.text() == "Welcome"
    assert kiosk.window.top_bar.language_button.text() == "中文"
    assert home.site_label.text() == "Green Space"
    tap(qtbot, kiosk.window.top_bar.language_button)
    assert home.tiles["quiz"].title_label.text() == "低碳知识问答"


def test_close_alt_f4_and_escape_do_not_exit_in_kiosk_mode(qtbot: Any, make_kiosk: Any) -> None:
    kiosk = make_kiosk()
    window = kiosk.window
    assert window.locked
    assert not window.close()
    assert window.isVisible()
    QTest.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(window, Qt.Key.Key_Escape)
    QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()  # a close or quit the keys asked for has been delivered
    assert window.isVisible()


def test_windowed_mode_can_close(qtbot: Any, make_kiosk: Any) -> None:
    kiosk = make_kiosk(windowed=True)
    assert not kiosk.window.locked
    assert kiosk.window.close()


def test_touch_targets_are_at_least_48px_at_1080p(qtbot: Any, make_kiosk: Any) -> None:
    kiosk = make_kiosk(size=(1920, 1080))
    for name in kiosk.window.router.names:
        kiosk.window.router.go(name)
        QApplication.processEvents()  # the screen's pending layout requests
        for btn in kiosk.window.findChildren(QPushButton):
            if btn.isVisible():
                assert btn.height() >= 48 and btn.width() >= 48, (
                    name,
                    btn.objectName(),
                    btn.size(),
                )


def _hold_corner(qtbot: Any, kiosk: Any) -> None:
    window = kiosk.window
    with qtbot.waitSignal(window.corner.corner_did_hold, timeout=5000):
        QTest.mousePress(window, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))


def _enter_pin(qtbot: Any, pin_screen: Any, pin: str) -> None:
    for digit in pin:
        tap(qtbot, pin_screen.keys[digit])
    tap(qtbot, pin_screen.ok_button)
    qtbot.waitUntil(lambda: not pin_screen._checking, timeout=5000)


def test_staff_gesture_wrong_pins_lock_out(qtbot: Any, make_kiosk: Any, data_dir: Any) -> None:
    PinStore(data_dir / "staff.json").set_pin("4862")
    kiosk = make_kiosk({"staff": {"hold_seconds": 1}, "display": {"language": "en"}})
    _hold_corner(qtbot, kiosk)
    assert current(kiosk) == "pin"
    pin_screen = kiosk.window.router.current
    for attempt in range(4):
        _enter_pin(qtbot, pin_screen, "1111")
        assert "Wrong PIN" in pin_screen.status.text()
        assert str(4 - attempt) in pin_screen.status.text()
    _enter_pin(qtbot, pin_screen, "1111")
    assert "Too many wrong PINs" in pin_screen.status.text()
    assert not pin_screen.keys["2"].isEnabled()
    assert current(kiosk) == "pin"


def test_staff_gesture_right_pin_opens_staff_screen(
    qtbot: Any, make_kiosk: Any, data_dir: Any
) -> None:
    PinStore(data_dir / "staff.json").set_pin("4862")
    kiosk = make_kiosk({"staff": {"hold_seconds": 1}, "display": {"language": "en"}})
    home = kiosk.window.router.screen("home")
    tap(qtbot, home.tiles["energy"])
    _hold_corner(qtbot, kiosk)
    assert current(kiosk) == "pin"
    _enter_pin(qtbot, kiosk.window.router.current, "4862")
    assert current(kiosk) == "staff"
    staff = kiosk.window.router.current
    qtbot.waitUntil(lambda: staff.facts.value("disk").text() != "—", timeout=5000)
    assert staff.facts.value("data").text() == str(data_dir.resolve())
    tap(qtbot, staff.back_button)
    assert current(kiosk) == "home"


def test_exception_in_a_slot_recovers_to_home(qtbot: Any, make_kiosk: Any) -> None:
    kiosk = make_kiosk()
    tap(qtbot, kiosk.window.router.screen("home").tiles["quiz"])
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        kiosk.handle_exception(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: current(kiosk) == "home", timeout=2000)
    assert not kiosk.fatal
