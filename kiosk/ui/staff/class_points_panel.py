"""The staff screen's class points panel (school mode): save this term's class points to a
USB stick as the export CSV, and start a new term for one class (tap, then tap again to
confirm: a stray touch changes nothing)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.services.quiz_service import QuizService
from kiosk.services.usb_watcher import UsbWatcher
from kiosk.ui.context import UiContext
from kiosk.ui.failure_text import details_text
from kiosk.ui.widgets.touch import button, label

RESET_COLUMNS = 3


class ClassPointsPanel(QWidget):
    def __init__(self, ctx: UiContext, quiz: QuizService, usb: UsbWatcher) -> None:
        super().__init__()
        self.setObjectName("staff-class-points")
        self.ctx = ctx
        self.quiz = quiz
        self.usb = usb
        self._confirming = ""  # the class whose reset waits for its second tap
        self._message = ""
        self._problem = ""
        theme = ctx.theme
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.px(12))
        self.heading = label("", "heading")
        self.export_button = button("", "primary")
        self.export_button.setObjectName("class-points-export")
        self.export_button.clicked.connect(self._on_export_clicked)
        self.message = label("", "small")
        self.message.setObjectName("class-points-message")
        self.problem_detail = label("", "small")
        self.problem_detail.setObjectName("class-points-problem")
        self.reset_heading = label("", "body")
        grid = QGridLayout()
        grid.setSpacing(theme.px(12))
        self.reset_buttons: dict[str, QPushButton] = {}
        for i, team in enumerate(ctx.config.quiz.classes):
            reset = button("", "")
            reset.setObjectName(f"class-points-reset-{i}")
            reset.setProperty("team", team)
            reset.clicked.connect(self._on_reset_clicked)
            grid.addWidget(reset, i // RESET_COLUMNS, i % RESET_COLUMNS)
            self.reset_buttons[team] = reset
        for widget in (self.heading, self.export_button, self.message, self.problem_detail,
                       self.reset_heading):  # fmt: skip
            layout.addWidget(widget)
        layout.addLayout(grid)
        quiz.points_did_export.connect(self._on_points_did_export)
        quiz.points_did_fail.connect(self._on_points_did_fail)
        usb.stick_did_appear.connect(self._on_usb_did_change)
        usb.stick_did_disappear.connect(self._on_usb_did_change)
        ctx.language.language_did_change.connect(self._on_language_did_change)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Class points"))
        self.export_button.setText(self.tr("Save this term's class points to USB"))
        self.export_button.setEnabled(bool(self.usb.sticks))
        hint = "" if self.usb.sticks else self.tr("Insert a USB stick to save the file.")
        self.message.setText(self._message or hint)
        self.message.setVisible(bool(self._message or hint))
        self.problem_detail.setText(details_text(self._problem) if self._problem else "")
        self.problem_detail.setVisible(bool(self._problem))
        self.reset_heading.setText(self.tr("New term: start a class again at 0 points"))
        self.reset_heading.setVisible(bool(self.reset_buttons))
        for team, reset in self.reset_buttons.items():
            if team == self._confirming:
                reset.setText(self.tr("Tap again to reset %1").replace("%1", team))
            else:
                reset.setText(self.tr("Reset %1").replace("%1", team))

    def _on_export_clicked(self) -> None:
        sticks = self.usb.sticks
        if not sticks:
            return
        self._message = self.tr("Saving…")
        self._problem = ""
        self.quiz.export_term_points(Path(sticks[0].mount))
        self.retranslate()

    def _on_reset_clicked(self) -> None:
        team = str(self.sender().property("team"))
        if self._confirming != team:
            self._confirming = team
            self.retranslate()
            return
        self._confirming = ""
        self.quiz.reset_team(team)
        self._message = self.tr("%1 starts again at 0 points; its history is kept.").replace(
            "%1", team
        )
        self.retranslate()

    def _on_points_did_export(self, path: str, rows: int) -> None:
        self._message = self.tr("Saved %1 (%2 rows)").replace("%1", Path(path).name)
        self._message = self._message.replace("%2", str(rows))
        self.retranslate()

    def _on_points_did_fail(self, reason: str) -> None:
        self._message = self.tr("Could not save the class points (reason below).")
        self._problem = reason
        self.retranslate()

    def _on_usb_did_change(self, _stick: object) -> None:
        self.retranslate()

    def _on_language_did_change(self, _code: str) -> None:
        self.retranslate()
