"""The staff hold zone: no visitor control lies in it on any screen, state or screen size, a
hold anywhere else never opens the PIN pad, and opening the pad by accident costs no attempt."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QLineEdit,
    QWidget,
)

from kiosk.staff.pin import PinStore
from kiosk.ui.screens.base import Screen

SIZES = [(1920, 1080), (1080, 1920), (3840, 2160), (1366, 768)]
#: Screens where a hold does nothing (staff are already in).
STAFF_SCREENS = {"pin", "staff"}


def _is_interactive(widget: QWidget) -> bool:
    """A widget a visitor can press: Qt's controls, scrolled areas, and any widget of ours that
    takes presses itself (answer tiles, the attract loop's "touch anywhere")."""
    if isinstance(widget, QAbstractButton | QAbstractSlider | QLineEdit | QAbstractScrollArea):
        return True
    if widget.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents):
        return False
    return any(
        "mousePressEvent" in vars(cls) or "mouseReleaseEvent" in vars(cls)
        for cls in type(widget).__mro__
        if cls.__module__.startswith("kiosk.")
    )


def _controls_in_zone(kiosk: Any) -> list[str]:
    window = kiosk.window
    zone: QRect = window.staff_zone()
    found = []
    for widget in window.findChildren(QWidget):
        if isinstance(widget, Screen) or not widget.isVisible() or not _is_interactive(widget):
            continue
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if rect.intersects(zone):
            found.append(f"{type(widget).__name__} {widget.objectName()!r} at {rect}")
    return found


def _walk_every_screen(qtbot: Any, kiosk: Any) -> list[str]:
    router = kiosk.window.router
    problems = []
    for lang in ("zh", "en"):
        kiosk.language.set_language(lang)
        for name in router.names:
            if name in STAFF_SCREENS:
                continue
            screen = router.screen(name)
            router.go(name)
            for state in screen.shot_states():
                screen.enter_shot_state(state)
                kiosk.tasks.wait(5_000)
                qtbot.wait(10)  # layouts settle
                assert kiosk.window.staff_zone().width() > 0
                problems += [
                    f"{name}/{state or 'open'}/{lang}: {p}" for p in _controls_in_zone(kiosk)
                ]
    return problems


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_no_visitor_control_lies_in_the_staff_zone(qtbot: Any, make_kiosk: Any, size: Any) -> None:
    kiosk = make_kiosk({"display": {"language": "en"}}, size=size)
    qtbot.waitUntil(lambda: kiosk.services.content.loaded, timeout=10_000)
    qtbot.waitUntil(lambda: bool(kiosk.services.quiz.catalog.sets), timeout=10_000)
    assert _walk_every_screen(qtbot, kiosk) == []


def test_school_screens_keep_the_staff_zone_free(qtbot: Any, make_kiosk: Any) -> None:
    raw = {"site": {"kind": "school"}, "quiz": {"classes": ["Class 3A", "Class 3B"]}}
    kiosk = make_kiosk(raw, size=(1080, 1920))
    qtbot.waitUntil(lambda: bool(kiosk.services.quiz.catalog.sets), timeout=10_000)
    assert _walk_every_screen(qtbot, kiosk) == []


def test_the_zone_is_the_top_bar_corner_left_of_home(qtbot: Any, make_kiosk: Any) -> None:
    kiosk = make_kiosk({"display": {"language": "en"}}, size=(1920, 1080))
    kiosk.window.router.go("energy")
    top_bar = kiosk.window.top_bar
    zone = kiosk.window.staff_zone()
    home = top_bar.home_button
    assert home.isVisible()
    assert zone.topLeft() == QPoint(0, 0)
    assert zone.height() == top_bar.height()
    assert zone.width() >= 80  # a thumb
    assert home.mapTo(kiosk.window, QPoint(0, 0)).x() >= zone.right() + 16


def _press_and_hold(qtbot: Any, kiosk: Any, widget: QWidget, pos: QPoint, ms: int) -> None:
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.wait(ms)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=pos)


def test_holding_home_does_not_open_the_pin_pad(qtbot: Any, make_kiosk: Any) -> None:
    """The bug: "← Home" lay under the staff corner; a child holding it opened the PIN pad."""
    kiosk = make_kiosk({"staff": {"hold_seconds": 1}, "display": {"language": "en"}})
    kiosk.window.router.go("energy")
    home = kiosk.window.top_bar.home_button
    for pos in (QPoint(4, 4), home.rect().center()):
        _press_and_hold(qtbot, kiosk, home, pos, 1300)
        assert kiosk.window.router.current.name == "home"
        kiosk.window.router.go("energy")


def _hold_zone(qtbot: Any, kiosk: Any) -> None:
    window = kiosk.window
    at = window.staff_zone().center()
    with qtbot.waitSignal(window.corner.corner_did_hold, timeout=5000):
        QTest.mousePress(window, Qt.MouseButton.LeftButton, pos=at)
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, pos=at)


def test_holding_the_zone_opens_the_pin_pad_on_every_visitor_screen(
    qtbot: Any, make_kiosk: Any
) -> None:
    kiosk = make_kiosk({"staff": {"hold_seconds": 1}, "display": {"language": "en"}})
    for name in ("home", "energy", "quiz", "stories", "attract"):
        kiosk.window.router.go(name)
        _hold_zone(qtbot, kiosk)
        assert kiosk.window.router.current.name == "pin", name


def test_accidental_opens_of_the_pin_pad_cost_no_attempt(
    qtbot: Any, make_kiosk: Any, data_dir: Any
) -> None:
    """Opened, OK tapped with no digit, cancelled or left: none of it counts toward lockout."""
    PinStore(data_dir / "staff.json").set_pin("4862")
    kiosk = make_kiosk({"staff": {"hold_seconds": 1}, "display": {"language": "en"}})
    for _ in range(8):
        _hold_zone(qtbot, kiosk)
        pin = kiosk.window.router.current
        assert pin.name == "pin"
        qtbot.mouseClick(pin.ok_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(pin.clear_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(pin.ok_button, Qt.MouseButton.LeftButton)
        kiosk.tasks.wait(5_000)
        assert pin.status.text() == ""
        qtbot.mouseClick(pin.cancel_button, Qt.MouseButton.LeftButton)
        assert kiosk.window.router.current.name == "home"
    _hold_zone(qtbot, kiosk)
    pin = kiosk.window.router.current
    for digit in "1111":
        qtbot.mouseClick(pin.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pin.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not pin._checking, timeout=5000)
    # the first digits entered: the first attempt of five
    assert "4 attempt(s) left" in pin.status.text()
