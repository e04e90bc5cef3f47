"""The staff number pad for figures with no meter, saving into the real store and showing on Now."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from test_energy_screen import card_text, feed_a_morning, rig  # noqa: F401 (rig is a fixture)

from kiosk.services.manual_entries import ManualEntries
from kiosk.ui.staff.manual_panel import ManualPanel


def tap(qtbot: Any, widget: Any) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_staff_enter_compost_on_the_pad_and_now_shows_it(qtbot: Any, rig: Any) -> None:  # noqa: F811
    r = rig()
    feed_a_morning(r)  # 2026-06-15, 12:10 local
    panel = ManualPanel(r.ctx, ManualEntries(r.service, r.ctx.tasks))
    qtbot.addWidget(panel)
    panel.show()
    assert panel.day_label.text() == "Today (2026-06-15)"
    tap(qtbot, panel.metric_buttons["compost_kg"])
    for key in ("1", "2", ".", "5"):
        tap(qtbot, panel.keys[key])
    assert panel.amount_label.text() == "12.5 kg"
    tap(qtbot, panel.earlier)
    assert panel.day_label.text() == "Yesterday (2026-06-14)"
    tap(qtbot, panel.save)
    qtbot.waitUntil(lambda: panel.result.text().startswith("Saved"), timeout=5000)
    assert panel.result.text() == "Saved: 12.5 kg — Compost made, 2026-06-14"
    cards = r.screen.now_view.references.cards
    qtbot.waitUntil(lambda: "manual-compost_kg" in cards, timeout=5000)
    card = cards["manual-compost_kg"]
    assert card.title_label.text() == "Compost made this year"
    assert card_text(card) == "12.5 kg"
    assert card.badge.text() == "entered by staff on 2026-06-14"

    # An absurd amount is refused with the reason, and nothing changes.
    for key in "9999999":
        tap(qtbot, panel.keys[key])
    tap(qtbot, panel.save)
    assert panel.result.text() == (
        "Not saved: that is more than is plausible in one day: check the number"
    )
    tap(qtbot, panel.metric_buttons["trees_planted"])
    assert not panel.keys["."].isEnabled()  # trees come whole
    r.ctx.language.toggle()
    panel.retranslate()
    assert card.title_label.text() == "堆肥（今年）"
    assert card.badge.text() == "员工于 2026-06-14 录入"
    assert panel.heading.text() == "无计量表的数据"
    r.ctx.language.toggle()
