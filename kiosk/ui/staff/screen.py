"""The staff screen: what is running and where, health, the log tail; exit and restart.

The panels of each part of the app (content packs, sync, display, data sources) live in their
own modules; :meth:`StaffScreen.from_services` adds one section for each service that runs
(:mod:`kiosk.ui.staff.sections`: a section list and one page at a time). "Back to visitors",
restart and exit stay on top; exit asks first, by touch.
"""

from __future__ import annotations

import shutil
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from kiosk import __version__
from kiosk.services.bundle import Lifecycle
from kiosk.services.manual_entries import ManualEntries
from kiosk.services.year_reports import YearReports
from kiosk.ui.context import UiContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.staff.announcement_panel import AnnouncementPanel
from kiosk.ui.staff.class_points_panel import ClassPointsPanel
from kiosk.ui.staff.content_panel import ContentPanel
from kiosk.ui.staff.display_panel import DisplayPanel
from kiosk.ui.staff.manual_panel import ManualPanel
from kiosk.ui.staff.reports_panel import ReportsPanel
from kiosk.ui.staff.schedule_panel import SchedulePanel
from kiosk.ui.staff.sections import StaffSections
from kiosk.ui.staff.sources_panel import SourcesPanel
from kiosk.ui.staff.sync_panel import SyncPanel
from kiosk.ui.widgets.confirm import TouchConfirm
from kiosk.ui.widgets.fact_form import FactForm
from kiosk.ui.widgets.touch import button, label, make_kinetic

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
        outer.setSpacing(0)

        # the actions stay in view whatever section shows
        bar = QWidget()
        bar.setObjectName("staff-actions")
        actions = QHBoxLayout(bar)
        actions.setContentsMargins(theme.px(48), theme.px(16), theme.px(48), 0)
        actions.setSpacing(theme.px(24))
        self.back_button = button("", "primary")
        self.back_button.setObjectName("staff-back")
        self.back_button.clicked.connect(self._on_back)
        self.restart_button = button("", "")
        self.restart_button.setObjectName("staff-restart")
        self.restart_button.clicked.connect(lifecycle.staff_did_request_restart)
        self.exit_button = button("", "danger")
        self.exit_button.setObjectName("staff-exit")
        self.exit_button.clicked.connect(self._on_exit_tapped)
        actions.addWidget(self.back_button)
        actions.addStretch(1)
        actions.addWidget(self.restart_button)
        actions.addSpacing(theme.px(48))  # exit is not next to restart
        actions.addWidget(self.exit_button)
        outer.addWidget(bar)
        self.exit_confirm = TouchConfirm(theme, "exit")
        self.exit_confirm.action_was_confirmed.connect(lifecycle.staff_did_request_exit)
        confirm_row = QHBoxLayout()
        confirm_row.setContentsMargins(theme.px(48), theme.px(16), theme.px(48), 0)
        confirm_row.addWidget(self.exit_confirm)
        outer.addLayout(confirm_row)
        self.sections = StaffSections(theme)
        outer.addWidget(self.sections, 1)

        about = QWidget()
        about_layout = QVBoxLayout(about)
        about_layout.setContentsMargins(0, 0, 0, 0)
        self.about_heading = label("", "heading")
        self.facts = form = FactForm(theme, ("version", "config", "data", "disk"), "staff")
        about_layout.addWidget(self.about_heading)
        about_layout.addLayout(form)
        self.sections.add("kiosk", about, self.about_heading.text)

        log_panel = QWidget()
        log_layout = QVBoxLayout(log_panel)
        log_layout.setContentsMargins(0, 0, 0, 0)
        self.log_heading = label("", "heading")
        self.log_view = QPlainTextEdit()
        self.log_view.setObjectName("staff-log")
        self.log_view.setReadOnly(True)
        self.log_view.setMinimumHeight(theme.px(480))
        make_kinetic(self.log_view)
        log_layout.addWidget(self.log_heading)
        log_layout.addWidget(self.log_view)
        self.sections.add("log", log_panel, self.log_heading.text)
        self._facts = StaffFacts(None, "")
        self.retranslate()

    @classmethod
    def from_services(cls, ctx: UiContext, services: Services) -> StaffScreen:
        screen = cls(ctx, services.lifecycle)
        content = ContentPanel(ctx, services.content, services.usb_watcher)
        content.panel_did_request_screen.connect(screen.user_did_choose_screen)
        screen.add_section(content, "content")
        screen.add_section(SyncPanel(ctx, services.sync), "sync")
        screen.add_section(DisplayPanel(ctx, services.display), "display")
        screen.add_section(SchedulePanel(ctx, services.screen), "schedule")
        screen.add_section(AnnouncementPanel(ctx, services.announcements), "announcements")
        year_reports = YearReports(
            ctx.config, ctx.tasks, services.quiz, services.engagement, services.energy,
            services.content, _year_pdf_renderer, parent=screen,
        )  # fmt: skip
        reports = ReportsPanel(ctx, services.fleet, services.usb_watcher, year_reports=year_reports)
        screen.add_section(reports, "reports")
        if ctx.config.quiz.classes:
            screen.add_section(
                ClassPointsPanel(ctx, services.quiz, services.usb_watcher), "class_points"
            )
        if services.energy is not None:
            screen.add_section(SourcesPanel(ctx, services.energy), "sources")
            entries = ManualEntries(services.energy, ctx.tasks, parent=screen)
            screen.add_section(ManualPanel(ctx, entries), "manual")
        return screen

    def add_section(
        self, widget: QWidget, key: str = "", title: Callable[[], str] | None = None
    ) -> None:
        """Add a panel (content, sources, sync …) as a section of its own, before the log.

        ``key`` names it for :meth:`open_section` (default: the panel's object name); its
        button shows ``title()``, by default the text of the panel's ``heading`` label."""
        key = key or widget.objectName() or type(widget).__name__
        self.sections.add(key, widget, title, at=len(self.sections.buttons) - 1)

    def open_section(self, key: str) -> None:
        self.sections.open(key)

    def title(self) -> str:
        return self.tr("Staff")

    def retranslate(self) -> None:
        self.back_button.setText("← " + self.tr("Back to visitors"))
        self.restart_button.setText(self.tr("Restart kiosk"))
        self.exit_button.setText(self.tr("Exit kiosk"))
        self.exit_confirm.set_texts(
            self.tr("Exit the kiosk?"),
            self.tr("The app closes; visitors see nothing until it is started again."),
            self.tr("Yes, exit"),
            self.tr("Cancel"),
        )
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
        QTimer.singleShot(0, self.sections.retranslate)  # after the panels' own retranslation

    def on_enter(self) -> None:
        self.exit_confirm.hide()
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

    def _on_exit_tapped(self) -> None:
        self.exit_confirm.show()

    def _on_back(self) -> None:
        self.user_did_choose_screen.emit("home")


def _year_pdf_renderer() -> Callable[..., bytes]:
    """The yearly report's drawing, loaded when staff first ask for a report."""
    from kiosk.ui.report.year_pdf import render_year_pdf

    return render_year_pdf
