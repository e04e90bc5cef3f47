"""The staff screen's schedule panel: "on until 21:00" / "off until 08:00", today's exception
and the week's opening hours, from the screen schedule service."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.schedule.hours import format_week
from kiosk.services.screen_schedule import ScreenSchedule, ScreenState
from kiosk.ui.context import UiContext
from kiosk.ui.widgets.fact_form import FactForm
from kiosk.ui.widgets.touch import label

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class SchedulePanel(QWidget):
    def __init__(self, ctx: UiContext, schedule: ScreenSchedule) -> None:
        super().__init__()
        self.setObjectName("staff-schedule")
        self.ctx = ctx
        self.schedule = schedule
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(ctx.theme.px(12))
        self.heading = label("", "heading")
        self.now = label("", "")
        self.now.setObjectName("schedule-now")
        self.detail = label("", "small")
        self.week = FactForm(ctx.theme, _DAYS, "schedule")
        layout.addWidget(self.heading)
        layout.addWidget(self.now)
        layout.addWidget(self.detail)
        layout.addLayout(self.week)
        schedule.state_did_change.connect(self._on_state_did_change)
        self.retranslate()

    def _on_state_did_change(self, _state: ScreenState) -> None:
        self.retranslate()

    def now_text(self, state: ScreenState) -> str:
        """ "On until 21:00" / "Off until Mon 08:00" / "Always on (no opening hours set)"."""
        if not state.enabled:
            return self.tr("Always on (no opening hours set)")
        if state.woken_until is not None:
            return self.tr("On (woken by a touch) until %1").replace(
                "%1", f"{state.woken_until:%H:%M}"
            )
        if state.until is None:
            return self.tr("On") if state.on else self.tr("Off (no opening within a year)")
        same_day = state.until.date() == self.schedule.now().date()
        when = f"{state.until:%H:%M}" if same_day else f"{state.until:%a %H:%M}"
        text = self.tr("On until %1") if state.on else self.tr("Off until %1")
        return text.replace("%1", when)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Opening hours"))
        state = self.schedule.state
        self.now.setText(self.now_text(state))
        notes = [self.tr("Screen off by: %1").replace("%1", self.schedule.plan.name)]
        if state.exception:
            notes.insert(0, self.tr("Today: %1").replace("%1", state.exception))
        self.detail.setText(" · ".join(notes))
        names = {
            "mon": self.tr("Monday"), "tue": self.tr("Tuesday"), "wed": self.tr("Wednesday"),
            "thu": self.tr("Thursday"), "fri": self.tr("Friday"), "sat": self.tr("Saturday"),
            "sun": self.tr("Sunday"),
        }  # fmt: skip
        self.week.set_names(names)
        hours = self.schedule.hours
        for day, text in format_week(hours) if hours is not None else []:
            shown = self.tr("closed") if text == "closed" else text
            self.week.value(_DAYS[day]).setText(shown)
        for key in _DAYS:
            for part in self.week.rows[key]:
                part.setVisible(hours is not None)
