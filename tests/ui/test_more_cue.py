"""A scroll area says "more ↓" while content lies below, and not once the end is in view."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from kiosk.ui.widgets.touch import MoreCue, label, make_kinetic


def test_more_cue_shows_while_content_lies_below(qtbot: Any) -> None:
    area = QScrollArea()
    qtbot.addWidget(area)
    area.setWidgetResizable(True)
    make_kinetic(area)
    body = QWidget()
    rows = QVBoxLayout(body)
    for i in range(3):
        rows.addWidget(label(f"row {i}"))
    area.setWidget(body)
    area.resize(400, 600)
    area.show()
    qtbot.waitExposed(area)
    cue = area.findChild(MoreCue)
    assert cue is not None and not cue.isVisible()  # all of it fits: nothing to hint at
    for i in range(3, 60):
        rows.addWidget(label(f"row {i}"))
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    assert cue.isVisible() and cue.text() == "↓ more"
    assert cue.geometry().bottom() == area.viewport().geometry().bottom()  # over the bottom
    bar = area.verticalScrollBar()
    bar.setValue(bar.maximum())  # scrolled to the end: the cue goes
    assert not cue.isVisible()
    bar.setValue(0)
    assert cue.isVisible()
