"""The energy area: Now, Today, History and How we calculate, as big tabs.

The screen is fed by the energy service (see :meth:`EnergyScreen.from_services`): ``show_summary`` with
every new :class:`EnergySummary`, ``set_store`` for the chart queries (which run through
``ctx.tasks``, never on the GUI thread) and ``set_clock`` for the age of stale figures.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Config
from kiosk.content.active import ActiveContent
from kiosk.content.equivalents import load_equivalents
from kiosk.energy.carbon import EmissionFactor
from kiosk.energy.equivalents import EquivalentsError, EquivalentsTable, parse_equivalents
from kiosk.energy.periods import Period
from kiosk.energy.queries import MeterRow, meter_rows
from kiosk.energy.store import EnergyStore
from kiosk.energy.summary import EnergySummary
from kiosk.resources import builtin_equivalents
from kiosk.services.energy_service import EnergyService
from kiosk.ui.context import UiContext
from kiosk.ui.energy.explain_view import ExplainView
from kiosk.ui.energy.history_view import HistoryView
from kiosk.ui.energy.now_view import STUDENT, NowView
from kiosk.ui.energy.today_view import TodayView
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.touch import PlainLabel, button, set_role

if TYPE_CHECKING:
    from kiosk.services.bundle import Services

log = logging.getLogger(__name__)

TABS = ("now", "today", "history", "explain")
#: The comparisons shipped with the app; a content pack's table replaces it (``set_equivalents``).
BUILTIN_EQUIVALENTS = builtin_equivalents()
AGE_REFRESH_MS = 15_000  # how often "updated N min ago" is recounted while the screen shows


class EnergyScreen(Screen):
    name = "energy"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        theme = ctx.theme
        self.summary: EnergySummary | None = None
        self.store: EnergyStore | None = None
        self.clock: Callable[[], float] = time.time
        self._stale_after: Callable[[str], float] = lambda _source_id: 60.0
        self._meters_loading = False
        self._summary_pending = False  # a summary came while hidden: shown when opened
        self._equivalents_from_pack = False
        layout = QVBoxLayout(self)
        m = theme.px(32)
        layout.setContentsMargins(m, theme.px(16), m, m)
        layout.setSpacing(theme.px(16))

        self.tabs_grid = QGridLayout()
        self.tabs_grid.setSpacing(theme.px(12))
        self.tab_buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(True)
        for tab in TABS:
            btn = button(role="tab")
            btn.setCheckable(True)
            btn.setObjectName(f"energy-tab-{tab}")
            btn.clicked.connect(self._on_tab_button_clicked)
            group.addButton(btn)
            self.tab_buttons[tab] = btn
        self._portrait: bool | None = None
        self._arrange_tabs(portrait=False)
        layout.addLayout(self.tabs_grid)
        self.status_label = PlainLabel()
        self.status_label.setWordWrap(True)
        set_role(self.status_label, "honest")
        layout.addWidget(self.status_label)

        self.now_view = NowView(ctx)
        self.today_view = TodayView(ctx)
        self.history_view = HistoryView(ctx)
        self.explain_view = ExplainView(ctx)
        self.stack = QStackedWidget()
        self.views: dict[str, QWidget] = {
            "now": self.now_view,
            "today": self.today_view,
            "history": self.history_view,
            "explain": self.explain_view,
        }
        for view in self.views.values():
            self.stack.addWidget(view)
        layout.addWidget(self.stack, 1)
        self._age_timer = QTimer(self)
        self._age_timer.setInterval(AGE_REFRESH_MS)
        self._age_timer.timeout.connect(self._on_age_timer)
        self.tab = "now"
        self.show_tab("now")
        self.retranslate()

    # -- wiring ------------------------------------------------------------------------------

    @classmethod
    def from_services(cls, ctx: UiContext, services: Services) -> EnergyScreen:
        screen = cls(ctx)
        if services.energy is not None:
            screen.attach(services.energy)
        screen.show_equivalents_of(services.content.content)
        services.content.content_did_change.connect(screen.show_equivalents_of)
        services.display.display_did_change.connect(screen._on_display_did_change)
        return screen

    def _on_display_did_change(self, _config: Config, name: str, value: str) -> None:
        if name == "mode":
            self.set_mode(value)

    def show_equivalents_of(self, content: ActiveContent | None) -> None:
        """The pack's equivalents table, or the built-in one when the pack has none."""
        table = None
        if content is not None and content.equivalents:
            try:
                table = parse_equivalents(content.equivalents)
            except EquivalentsError as exc:
                log.error("the pack's equivalents table is not usable: %s", exc)
        if table is None:
            self.load_builtin_equivalents()
        else:
            self.set_equivalents(table)

    def attach(self, service: EnergyService) -> None:
        """Show what the energy service computes, from its current summary on."""
        self.set_clock(service.clock)
        self.set_stale_after(service.stale_after_for_workers())
        self.set_factor(service.factor)
        self.set_store(service.store)
        service.summary_did_update.connect(self.show_summary)
        if service.summary is not None:
            self.show_summary(service.summary)

    def set_store(self, store: EnergyStore | None) -> None:
        self.store = store
        self.today_view.set_store(store)
        self.history_view.set_store(store)

    def set_clock(self, clock: Callable[[], float]) -> None:
        self.clock = clock

    def set_stale_after(self, stale_after: Callable[[str], float]) -> None:
        """Seconds after which a source's reading is stale (for the per-building figures)."""
        self._stale_after = stale_after

    def set_factor(self, factor: EmissionFactor) -> None:
        self.explain_view.set_factor(factor)
        self.history_view.set_factor(factor)

    def set_equivalents(self, table: EquivalentsTable | None) -> None:
        """The active content pack's comparisons (replacing the built-in ones)."""
        self._equivalents_from_pack = table is not None
        self._apply_equivalents(table)

    def load_builtin_equivalents(self) -> None:
        """Read the built-in comparisons off the GUI thread, unless a pack gave its own."""
        self.ctx.tasks.run(
            lambda: load_equivalents(BUILTIN_EQUIVALENTS), self._on_builtin_equivalents, None
        )

    def _on_builtin_equivalents(self, table: EquivalentsTable) -> None:
        if not self._equivalents_from_pack:
            self._apply_equivalents(table)

    def _apply_equivalents(self, table: EquivalentsTable | None) -> None:
        self.now_view.set_equivalents(table)
        self.explain_view.set_equivalents(table)

    def set_mode(self, mode: str) -> None:
        """``family`` (big figures, equivalents) or ``student`` (every figure, each building)."""
        self.now_view.set_mode(mode)
        if mode == STUDENT and self.isVisible():
            self._load_meters()

    # -- data --------------------------------------------------------------------------------

    def show_summary(self, summary: EnergySummary) -> None:
        """Show a new summary; a hidden screen only keeps the newest and shows it when it
        opens (refreshing every view of a screen nobody sees cost a core's percent a second)."""
        self.summary = summary
        self._summary_pending = True
        if self.isVisible():
            self.apply_pending_summary()

    def apply_pending_summary(self) -> None:
        """Bring the views up to the newest summary now (the screen does it when it opens)."""
        summary = self.summary
        if summary is None or not self._summary_pending:
            return
        self._summary_pending = False
        now = max(summary.at, self.clock())
        self.now_view.show_summary(summary, now)
        self.today_view.show_summary(summary, now)
        self.history_view.set_now(summary.at)
        self.explain_view.show_summary(summary)
        self._show_status()
        if self.isVisible() and self.now_view.mode == STUDENT:
            self._load_meters()

    def _load_meters(self) -> None:
        if self.store is None or self._meters_loading:
            return
        self._meters_loading = True
        store, now, stale_after = self.store, self.clock(), self._stale_after
        self.ctx.tasks.run(
            lambda: meter_rows(store, now, stale_after),
            self._on_meters_loaded,
            self._on_meters_failed,
        )

    def _on_meters_loaded(self, rows: list[MeterRow]) -> None:
        self._meters_loading = False
        self.now_view.show_meters(rows, self.clock())

    def _on_meters_failed(self, _exc: BaseException) -> None:
        self._meters_loading = False

    def _on_age_timer(self) -> None:
        if self.summary is not None:
            now = max(self.summary.at, self.clock())
            self.now_view.show_summary(self.summary, now)
            self.today_view.show_summary(self.summary, now)

    def _show_status(self) -> None:
        s = self.summary
        waiting = s is None or (s.pv_power_w.value is None and s.pv_energy_today_wh.value is None)
        self.status_label.setVisible(waiting)

    # -- tabs --------------------------------------------------------------------------------

    def _arrange_tabs(self, portrait: bool) -> None:
        """One row of four in landscape; two rows of two in portrait, so labels fit."""
        if portrait == self._portrait:
            return
        self._portrait = portrait
        cols = 2 if portrait else len(TABS)
        for i, tab in enumerate(TABS):
            self.tabs_grid.removeWidget(self.tab_buttons[tab])
            self.tabs_grid.addWidget(self.tab_buttons[tab], i // cols, i % cols)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange_tabs(event.size().height() > event.size().width())
        super().resizeEvent(event)

    def show_tab(self, tab: str) -> None:
        self.tab = tab
        self.tab_buttons[tab].setChecked(True)
        self.stack.setCurrentWidget(self.views[tab])
        if not self.isVisible():
            return
        now = self.clock()
        if tab == "today":
            self.today_view.reload(now)
        elif tab == "history":
            self.history_view.set_now(now)
            self.history_view.reload()

    def _on_tab_button_clicked(self) -> None:
        for tab, btn in self.tab_buttons.items():
            if btn.isChecked() and tab != self.tab:
                self.show_tab(tab)

    # -- screen lifecycle --------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        self.apply_pending_summary()  # before the first frame shows the old figures
        super().showEvent(event)

    def on_enter(self) -> None:
        self.apply_pending_summary()
        self._age_timer.start()
        self.show_tab(self.tab)
        if self.now_view.mode == STUDENT:
            self._load_meters()

    def on_leave(self) -> None:
        self._age_timer.stop()

    def open_at(self, part: str) -> None:
        """``"today"`` and the other tabs: a start screen such as ``energy/today``."""
        if part in self.views:
            self.show_tab(part)
        else:
            log.warning("the energy screen has no tab %r", part)

    def reset_visitor_state(self) -> None:
        self.history_view.reset(self.clock())
        self.show_tab("now")

    def shot_states(self) -> list[str]:
        return ["now", "today", "history", "history-month", "explain", "student"]

    def enter_shot_state(self, state: str) -> None:
        self.set_mode(self.ctx.config.display.mode if state != "student" else STUDENT)
        if state.startswith("history"):
            self.show_tab("history")
            self.history_view.set_period(Period.MONTH if state == "history-month" else Period.DAY)
        else:
            self.show_tab("now" if state == "student" else state)

    def title(self) -> str:
        return self.tr("Our energy")

    def retranslate(self) -> None:
        names = {
            "now": self.tr("Now"),
            "today": self.tr("Today"),
            "history": self.tr("History"),
            "explain": self.tr("How we calculate"),
        }
        for tab, btn in self.tab_buttons.items():
            btn.setText(names[tab])
        self.status_label.setText(
            self.tr("Waiting for the first readings. Figures appear as soon as they arrive.")
        )
        self.now_view.retranslate()
        self.today_view.retranslate()
        self.history_view.retranslate()
        self.explain_view.retranslate()
        self._show_status()
