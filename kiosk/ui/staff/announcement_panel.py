"""The staff screen's announcement panel: what is shown now (staff posts can be taken down),
post a preset with one tap, or write a message on the on-screen keyboard; urgent or not, for
one, four or 24 hours."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.announcements import Announcement
from kiosk.services.announcement_service import AnnouncementService
from kiosk.staff.announcements import PRESETS, Preset
from kiosk.ui.context import UiContext
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.touch import button, discard, label

HOURS = (1, 4, 24)


class AnnouncementPanel(QWidget):
    def __init__(self, ctx: UiContext, service: AnnouncementService) -> None:
        super().__init__()
        self.setObjectName("staff-announcements")
        self.ctx = ctx
        self.service = service
        theme = ctx.theme
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.px(12))
        self.heading = label("", "heading")
        self.none_shown = label("", "small")
        self.shown_box = QVBoxLayout()
        self._rows = QWidget()
        layout.addWidget(self.heading)
        layout.addWidget(self.none_shown)
        layout.addLayout(self.shown_box)

        options = QHBoxLayout()
        self.urgent = button("", "tab")
        self.urgent.setObjectName("announce-urgent")
        self.urgent.setCheckable(True)
        options.addWidget(self.urgent)
        self.hours_group = QButtonGroup(self)
        self.hour_buttons: dict[int, QPushButton] = {}
        for hours in HOURS:
            btn = button("", "tab")
            btn.setObjectName(f"announce-hours-{hours}")
            btn.setCheckable(True)
            btn.setChecked(hours == HOURS[0])
            self.hours_group.addButton(btn, hours)
            self.hour_buttons[hours] = btn
            options.addWidget(btn)
        layout.addLayout(options)

        presets = QGridLayout()
        self.preset_buttons = {}
        for i, preset in enumerate(PRESETS):
            btn = self.preset_buttons[preset.key] = button("", "")
            btn.setObjectName(f"announce-preset-{preset.key}")
            btn.clicked.connect(partial(self._on_preset, preset))
            presets.addWidget(btn, i // 2, i % 2)
        layout.addLayout(presets)

        self.write_button = button("", "")
        self.write_button.setObjectName("announce-write")
        self.write_button.setCheckable(True)
        self.write_button.clicked.connect(self._on_write)
        self.preview = label("", "")
        self.preview.setObjectName("announce-preview")
        self.keyboard = OnScreenKeyboard(theme)
        self.keyboard.text_did_change.connect(self._on_text_did_change)
        self.post_button = button("", "primary")
        self.post_button.setObjectName("announce-post")
        self.post_button.clicked.connect(self._on_post)
        self.problem = label("", "honest")
        for widget in (self.write_button, self.preview, self.keyboard, self.post_button,
                       self.problem):  # fmt: skip
            layout.addWidget(widget)
        self._show_writing(False)
        service.announcements_did_change.connect(self._on_announcements_did_change)
        service.post_did_fail.connect(self._on_post_did_fail)
        self.retranslate()

    def _priority(self) -> str:
        return "urgent" if self.urgent.isChecked() else "info"

    def _minutes(self) -> int:
        return max(1, self.hours_group.checkedId()) * 60

    def _on_preset(self, preset: Preset) -> None:
        priority = "urgent" if preset.priority == "urgent" else self._priority()
        self.problem.setText("")
        self.service.post(preset.text_zh, preset.text_en, priority, self._minutes())

    def _on_write(self) -> None:
        self._show_writing(self.write_button.isChecked())

    def _show_writing(self, writing: bool) -> None:
        for widget in (self.preview, self.keyboard, self.post_button):
            widget.setVisible(writing)

    def _on_text_did_change(self, text: str) -> None:
        self.preview.setText(text or self.tr("Type your message"))
        self.post_button.setEnabled(bool(text.strip()))

    def _on_post(self) -> None:
        text = self.keyboard.text.strip()
        if text:
            self.service.post(text, text, self._priority(), self._minutes())
            self.keyboard.clear()
            self.write_button.setChecked(False)
            self._show_writing(False)

    def _on_post_did_fail(self, reason: str) -> None:
        self.problem.setText(reason)

    def _on_announcements_did_change(self, _shown: tuple[Announcement, ...]) -> None:
        self._show_list()

    def _show_list(self) -> None:
        discard(self._rows)
        self._rows = QWidget()
        rows = QVBoxLayout(self._rows)
        rows.setContentsMargins(0, 0, 0, 0)
        self.shown_box.addWidget(self._rows)
        shown = self.service.shown
        self.none_shown.setText(self.tr("No announcement is shown.") if not shown else "")
        self.none_shown.setVisible(not shown)
        pick = self.ctx.language.pick
        for announcement in shown:
            row = QHBoxLayout()
            until = f"{announcement.ends:%m-%d %H:%M}"
            mark = "⚠ " if announcement.urgent else ""
            text = f"{mark}{pick(announcement.text_zh, announcement.text_en)}"
            where = self.tr("staff") if announcement.origin == "staff" else announcement.origin
            until_text = self.tr("until %1").replace("%1", until)
            row.addWidget(label(f"{text}  ({where}, {until_text})", ""), 1)
            if announcement.origin == "staff":
                remove = button(self.tr("Take down"), "danger")
                remove.setObjectName(f"announce-remove-{announcement.id}")
                remove.clicked.connect(partial(self.service.remove, announcement.id))
                row.addWidget(remove)
            rows.addLayout(row)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Announcements"))
        self.urgent.setText(self.tr("Urgent (also over the attract loop)"))
        for hours, btn in self.hour_buttons.items():
            btn.setText(self.tr("%1 h").replace("%1", str(hours)))
        pick = self.ctx.language.pick
        for preset in PRESETS:
            self.preset_buttons[preset.key].setText(pick(preset.text_zh, preset.text_en))
        self.write_button.setText(self.tr("Write a message (English letters)"))
        self.post_button.setText(self.tr("Post"))
        self._on_text_did_change(self.keyboard.text)
        self._show_list()
