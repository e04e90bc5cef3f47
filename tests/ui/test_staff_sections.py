"""The staff screen in sections: one page at a time, "Back to visitors" always in view, exit
asks first by touch, every section titled in the screen's language."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QWidget

CJK = re.compile(r"[\u4e00-\u9fff]")


def tap(qtbot: Any, widget: Any) -> None:
    assert widget.isVisible(), f"{widget.objectName()} is not visible"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def in_view(widget: QWidget, window: QWidget) -> bool:
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return widget.isVisible() and window.rect().contains(rect)


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_each_section_shows_alone_with_back_in_view(qtbot: Any, make_kiosk: Any, size: Any) -> None:
    kiosk = make_kiosk({"display": {"language": "en"}}, size=size)
    kiosk.window.router.go("staff")
    staff = kiosk.window.router.current
    sections = staff.sections
    keys = list(sections.buttons)
    assert keys[:4] == ["kiosk", "content", "sync", "display"] and keys[-1] == "log"
    for key in keys:
        sections._list_area.ensureWidgetVisible(sections.buttons[key])  # a finger would scroll
        tap(qtbot, sections.buttons[key])
        assert sections.current == key
        assert sections.page(key).isVisible()
        assert all(not sections.page(k).isVisible() for k in keys if k != key)
        for btn in (staff.back_button, staff.exit_button, sections.buttons[key]):
            assert in_view(btn, kiosk.window), f"{btn.objectName()} out of view in {key}"
    tap(qtbot, staff.back_button)
    assert kiosk.window.router.current.name == "home"


def test_section_titles_follow_the_language(qtbot: Any, make_kiosk: Any) -> None:
    kiosk = make_kiosk({"display": {"language": "zh"}})
    kiosk.window.router.go("staff")
    staff = kiosk.window.router.current
    kiosk.language.set_language("en")
    qtbot.waitUntil(lambda: staff.sections.buttons["kiosk"].text() == "This kiosk")
    titles = [btn.text() for btn in staff.sections.buttons.values()]
    assert all(titles) and not any(CJK.search(t) for t in titles), titles
    kiosk.language.set_language("zh")
    qtbot.waitUntil(lambda: all(CJK.search(b.text()) for b in staff.sections.buttons.values()))


def test_exit_asks_first_and_cancel_keeps_the_kiosk(qtbot: Any, make_kiosk: Any) -> None:
    kiosk = make_kiosk({"display": {"language": "en"}})
    kiosk.window.router.go("staff")
    staff = kiosk.window.router.current
    requests: list[object] = []
    # the kiosk's own exit would end the test's event loop: only record the request
    staff.lifecycle.staff_did_request_exit.disconnect(kiosk.exit_kiosk)
    staff.lifecycle.staff_did_request_exit.connect(lambda: requests.append("exit"))
    confirm = staff.exit_confirm
    assert not confirm.isVisible()
    tap(qtbot, staff.exit_button)
    assert confirm.isVisible() and requests == []
    assert confirm.question.text() == "Exit the kiosk?"
    tap(qtbot, confirm.cancel_button)
    assert not confirm.isVisible() and requests == []
    tap(qtbot, staff.exit_button)
    tap(qtbot, confirm.confirm_button)
    assert requests == ["exit"]


def test_the_simulator_is_shown_as_simulated_never_live(qtbot: Any, make_kiosk: Any) -> None:
    raw = {
        "display": {"language": "en"},
        "sources": [{"id": "sim", "type": "simulator", "interval_seconds": 0.2}],
    }
    kiosk = make_kiosk(raw)
    kiosk.window.router.go("staff")
    staff = kiosk.window.router.current
    staff.open_section("sources")
    from kiosk.ui.staff.sources_panel import SourcesPanel

    row = staff.findChild(SourcesPanel).rows["sim"]
    qtbot.waitUntil(lambda: row.badge.text() == "Simulated", timeout=5000)
    assert row.badge.property("state") == "simulated"
    assert "simulator" in row.values["state"].text()
    qtbot.wait(1000)  # readings keep arriving: it stays simulated
    assert row.badge.text() == "Simulated"


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768), (1080, 1920)])
def test_the_staff_screen_never_makes_the_window_taller_than_the_screen(
    qtbot: Any, make_kiosk: Any, size: Any
) -> None:
    """More sections (each helper's panel) must not grow the window past the screen."""
    kiosk = make_kiosk({"display": {"language": "en"}}, size=size)
    kiosk.window.router.go("staff")
    staff = kiosk.window.router.current
    assert len(staff.sections.buttons) >= 7
    qtbot.wait(50)
    assert kiosk.window.minimumSizeHint().height() <= size[1]
    assert kiosk.window.size().height() == size[1]
    for btn in staff.sections.buttons.values():  # each in reach: in view or a scroll away
        staff.sections._list_area.ensureWidgetVisible(btn)
        qtbot.wait(10)
        assert in_view(btn, kiosk.window) and btn.height() >= kiosk.theme.px(72)
        assert btn.width() >= btn.sizeHint().width()  # its title is not cut off
