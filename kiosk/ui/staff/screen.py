"""The staff screen: what is running and where, health, the log tail; exit and restart.

The panels of each part of the app (content packs, sync, display, data sources) live in their
own modules; :meth:`StaffScreen.from_services` adds one for each service that runs.
"""

from __future__ import annotations

import shutil
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk import __version__
from kiosk.services.bundle import Lifecycle
from kiosk.services.manual_entries import ManualEntries
from kiosk.ui.context import UiContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.staff.announcement_panel import AnnouncementPanel
from kiosk.ui.staff.class_points_panel import ClassPointsPanel
from kiosk.ui.staff.content_panel import ContentPanel
from kiosk.ui.staff.display_panel import DisplayPanel
from kiosk.ui.staff.manual_panel import ManualPanel
from kiosk.ui.staff.reports_panel import ReportsPanel
from kiosk.ui.staff.schedule_panel import SchedulePanel
from kiosk.ui.staff.sources_panel import SourcesPanel
from kiosk.ui.staff.sync_panel import SyncPanel
from kiosk.ui.widgets.fact_form import FactForm
from kiosk.ui.widgets.touch import button, label, make_kinetic, scrolling_body, set_role

if TYPE_CHECKING:
    from kiosk.services.bundle import Services

LOG_TAIL_LINES = 40


@dataclass(frozen=True)
class StaffFacts:
    disk_free_bytes: int | None
    log_tail: str


def gather_facts(data_dir: Path, log_file: Path) -> StaffFacts:
    """Blocking I/O for the staff screen; run through the task runner."""
    try:
        free: int | None = shutil.disk_usage(data_dir).free
    except OSError:
        free = None
    try:
        with log_file.open("r", encoding="utf-8", errors="replace") as fh:
            tail = "".join(deque(fh, maxlen=LOG_TAIL_LINES))
    except OSError:
        tail = ""
    return StaffFacts(free, tail)


class StaffScreen(Screen):
    name = "staff"

    def __init__(self, ctx: UiContext, lifecycle: Lifecycle) -> None:
        super().__init__(ctx)
        self.lifecycle = lifecycle
        theme = ctx.theme
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = scrolling_body(outer)
        self._sections = QVBoxLayout(body)
        self._sections.setContentsMargins(theme.px(48), theme.px(24), theme.px(48), theme.px(48))
        self._sections.setSpacing(theme.px(24))

        actions = QHBoxLayout()
        actions.setSpacing(theme.px(24))
        self.back_button = button("", "primary")
        self.back_button.setObjectName("staff-back")
        self.back_button.clicked.connect(self._on_back)
        self.restart_button = button("", "")
        self.restart_button.setObjectName("staff-restart")
        self.restart_button.clicked.connect(lifecycle.staff_did_request_restart)
        self.exit_button = button("", "danger")
        self.exit_button.setObjectName("staff-exit")
        self.exit_button.clicked.connect(lifecycle.staff_did_request_exit)
        actions.addWidget(self.back_button)
        actions.addStretch(1)
        actions.addWidget(self.restart_button)
        actions.addWidget(self.exit_button)
        self._sections.addLayout(actions)

        self.about_card, about = self._card()
        self.about_heading = label("", "heading")
        self.facts = form = FactForm(theme, ("version", "config", "data", "disk"), "staff")
        about.addWidget(self.about_heading)
        about.addLayout(form)
        self._sections.addWidget(self.about_card)

        self._extra_index = self._sections.count()

        self.log_card, log_layout = self._card()
        self.log_heading = label("", "heading")
        self.log_view = QPlainTextEdit()
        self.log_view.setObjectName("staff-log")
        self.log_view.setReadOnly(True)
        self.log_view.setMinimumHeight(theme.px(360))
        make_kinetic(self.log_view)
        log_layout.addWidget(self.log_heading)
        log_layout.addWidget(self.log_view)
        self._sections.addWidget(self.log_card)
        self._sections.addStretch(1)
        self._facts = StaffFacts(None, "")
        self.retranslate()

    @classmethod
    def from_services(cls, ctx: UiContext, services: Services) -> StaffScreen:
        screen = cls(ctx, services.lifecycle)
        content = ContentPanel(ctx, services.content, services.usb_watcher)
        content.panel_did_request_screen.connect(screen.user_did_choose_screen)
        screen.add_section(content)
        screen.add_section(SyncPanel(ctx, services.sync))
        screen.add_section(DisplayPanel(ctx, services.display))
        screen.add_section(SchedulePanel(ctx, services.screen))
        screen.add_section(AnnouncementPanel(ctx, services.announcements))
        screen.add_section(ReportsPanel(ctx, services.fleet, services.usb_watcher))
        if ctx.config.quiz.classes:
            screen.add_section(ClassPointsPanel(ctx, services.quiz, services.usb_watcher))
        if services.energy is not None:
            screen.add_section(SourcesPanel(ctx, services.energy))
            entries = ManualEntries(services.energy, ctx.tasks, parent=screen)
            screen.add_section(ManualPanel(ctx, entries))
        return screen

    def _card(self) -> tuple[QFrame, QVBoxLayout]:
        card = QFrame()
        set_role(card, "card")
        layout = QVBoxLayout(card)
        pad = self.ctx.theme.px(24)
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(self.ctx.theme.px(12))
        return card, layout

    def add_section(self, widget: QWidget) -> None:
        """Add a panel (content, sources, sync …) between the facts and the log."""
        card, layout = self._card()
        layout.addWidget(widget)
        self._sections.insertWidget(self._extra_index, card)
        self._extra_index += 1

    def title(self) -> str:
        return self.tr("Staff")

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Back to visitors"))
        self.restart_button.setText(self.tr("Restart kiosk"))
        self.exit_button.setText(self.tr("Exit kiosk"))
        self.about_heading.setText(self.tr("This kiosk"))
        self.log_heading.setText(self.tr("Recent log"))
        names = {
            "version": self.tr("App version"),
            "config": self.tr("Config file"),
            "data": self.tr("Data folder"),
            "disk": self.tr("Disk free"),
        }
        self.facts.set_names(names)
        self._show_facts()

    def on_enter(self) -> None:
        paths = self.ctx.paths
        self.ctx.tasks.run(
            lambda: gather_facts(paths.data_dir, paths.log_dir / "kiosk.log"), self._on_facts
        )

    def _on_facts(self, facts: StaffFacts) -> None:
        self._facts = facts
        self._show_facts()

    def _show_facts(self) -> None:
        values = {
            "version": __version__,
            "config": self.ctx.config_file or self.tr("none (built-in defaults)"),
            "data": str(self.ctx.paths.data_dir),
            "disk": (
                f"{self._facts.disk_free_bytes / 1e9:.1f} GB"
                if self._facts.disk_free_bytes is not None
                else "—"
            ),
        }
        for key, text in values.items():
            self.facts.value(key).setText(text)
        self.log_view.setPlainText(self._facts.log_tail)
        self.log_view.verticalScrollBar().setValue(self.log_view.verticalScrollBar().maximum())

    def _on_back(self) -> None:
        self.user_did_choose_screen.emit("home")
