"""Closed hours: a black screen, with a dim "closed · opens at 08:00" when the site chose a
dim screen over switching it off (``[schedule] closed_screen``).

The screen draws once and then nothing: it has no timer and no animation, and while it shows
every other screen is hidden (their ``on_leave`` stopped their timers). A touch is handled by
the screen schedule (wake on touch), not here.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout

from kiosk.ui.context import UiContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.touch import label

if TYPE_CHECKING:
    from kiosk.services.bundle import Services
    from kiosk.services.screen_schedule import ScreenState

_WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class ClosedScreen(Screen):
    name = "closed"
    shows_top_bar = False
    leaves_on_idle = False

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        self.note = label("", "closed-note")
        self.note.setObjectName("closed-note")
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.dim = False
        self._opens: datetime | None = None
        self.retranslate()

    def wire(self, services: Services) -> None:
        schedule = services.screen
        self.dim = schedule.dim_screen
        schedule.state_did_change.connect(self._on_state_did_change)
        self._on_state_did_change(schedule.state)

    def _on_state_did_change(self, state: ScreenState) -> None:
        self._opens = state.until if not state.open else None
        self.retranslate()

    def retranslate(self) -> None:
        if not self.dim:
            self.note.setText("")
            return
        opens = self._opens
        if opens is None:
            self.note.setText(self.tr("Closed"))
            return
        day = self.ctx.language.pick(_WEEKDAYS_ZH[opens.weekday()], _WEEKDAYS_EN[opens.weekday()])
        text = self.tr("Closed · opens %1 at %2")
        self.note.setText(text.replace("%1", day).replace("%2", f"{opens:%H:%M}"))

    def shot_states(self) -> list[str]:
        return ["", "dim"]

    def enter_shot_state(self, state: str) -> None:
        self.dim = state == "dim"
        self.retranslate()
