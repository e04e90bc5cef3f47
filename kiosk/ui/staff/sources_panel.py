"""The staff screen's data-source panel: for each configured source, its state in plain words with
a text badge (never colour alone), how long ago it last gave a good reading, its last problem,
how many polls it answers per minute, the preset its config names and the mapped figures it has
no live value for (added with ``StaffScreen.add_section``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.services.energy_service import EnergyService
from kiosk.sources.failover import SourceHealth
from kiosk.ui.context import UiContext
from kiosk.ui.widgets.touch import PlainLabel, discard, label, set_role

AGE_REFRESH_MS = 1000
# The provenance badge's looks (assets/theme/kiosk.qss) stand for the source states.
_BADGE_LOOK = {
    "live": "live",
    "simulated": "simulated",
    "quiet": "stale",
    "waiting": "simulated",
    "failing": "missing",
}
_FIELDS = ("state", "last_good", "last_error", "reads", "preset", "missing")


class SourceRow(QWidget):
    """One source: its id and badge on top, then state, last good reading, problem, reads/min."""

    def __init__(self, ctx: UiContext, source_id: str) -> None:
        super().__init__()
        self.source_id = source_id
        self.setObjectName(f"source-{source_id}")
        theme = ctx.theme
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, theme.px(12), 0, theme.px(12))
        layout.setSpacing(theme.px(8))
        top = QHBoxLayout()
        top.setSpacing(theme.px(16))
        self.name_label = label(source_id, "body")
        self.name_label.setObjectName("source-name")
        self.badge = PlainLabel()
        self.badge.setObjectName("source-badge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.badge, "badge", state=_BADGE_LOOK["waiting"])
        top.addWidget(self.name_label)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        form = QFormLayout()
        form.setVerticalSpacing(theme.px(8))
        form.setHorizontalSpacing(theme.px(24))
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.names: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key in _FIELDS:
            name, value = label("", "subtitle"), label("", "body")
            value.setObjectName(f"source-{key}")
            self.names[key], self.values[key] = name, value
            form.addRow(name, value)
        layout.addLayout(top)
        layout.addLayout(form)


class SourcesPanel(QWidget):
    def __init__(self, ctx: UiContext, energy_service: EnergyService) -> None:
        super().__init__()
        self.setObjectName("staff-sources")
        self.ctx = ctx
        self.service = energy_service
        self.health: list[SourceHealth] = []
        self.rows: dict[str, SourceRow] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(ctx.theme.px(12))
        self.heading = label("", "heading")
        self.empty_label = label("", "honest")
        self.empty_label.setObjectName("sources-empty")
        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(ctx.theme.px(12))
        layout.addWidget(self.heading)
        layout.addWidget(self.empty_label)
        layout.addLayout(self._rows_box)
        self._age_timer = QTimer(self)
        self._age_timer.setInterval(AGE_REFRESH_MS)
        self._age_timer.timeout.connect(self.refresh)
        energy_service.health_did_change.connect(self._on_health_did_change)
        ctx.language.language_did_change.connect(self._on_language_did_change)
        self.refresh()

    # -- data ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Ask the service for every source's health as of now and show it."""
        self._show(self.service.health())

    def _show(self, health: list[SourceHealth]) -> None:
        # Configured sources that have not polled yet are not in the health list: waiting.
        known = {h.source_id: h for h in health}
        ordered = [known.pop(sid, SourceHealth(sid)) for sid in self.service.pollers]
        self.health = ordered + list(known.values())
        ids = [h.source_id for h in self.health]
        if ids != list(self.rows):
            for row in self.rows.values():
                self._rows_box.removeWidget(row)
                discard(row)
            self.rows = {sid: SourceRow(self.ctx, sid) for sid in ids}
            for row in self.rows.values():
                self._rows_box.addWidget(row)
        self.retranslate()

    # -- text ------------------------------------------------------------------------------
    def state_words(self, state: str) -> tuple[str, str]:
        """(badge word, a sentence saying what it means) for a source state."""
        words = {
            "live": (self.tr("Live"), self.tr("Readings arrive on time")),
            "simulated": (
                self.tr("Simulated"),
                self.tr("Made-up figures from the simulator, not from a meter"),
            ),
            "quiet": (self.tr("Quiet"), self.tr("Answers, but no fresh reading")),
            "failing": (self.tr("Failing"), self.tr("Not answering (see the last problem)")),
        }
        return words.get(state, (self.tr("Waiting"), self.tr("No reading yet")))

    def age_text(self, then: float | None, now: float) -> str:
        if then is None:
            return self.tr("never")
        seconds = max(0, int(now - then))
        if seconds < 60:
            return self.tr("%1 s ago").replace("%1", str(seconds))
        if seconds < 3600:
            return self.tr("%1 min ago").replace("%1", str(seconds // 60))
        hours = seconds // 3600
        if hours < 48:
            return self.tr("%1 h ago").replace("%1", str(hours))
        return self.tr("%1 days ago").replace("%1", str(hours // 24))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Data sources"))
        self.empty_label.setText(self.tr("No data sources are configured."))
        self.empty_label.setVisible(not self.rows)
        names = {
            "state": self.tr("State"),
            "last_good": self.tr("Last good reading"),
            "last_error": self.tr("Last problem"),
            "reads": self.tr("Reads per minute"),
            "preset": self.tr("Preset"),
            "missing": self.tr("Figures not arriving"),
        }
        now = self.service.clock()
        for h in self.health:
            row = self.rows[h.source_id]
            for key, name in row.names.items():
                name.setText(names[key])
            badge_word, sentence = self.state_words(h.state)
            look = _BADGE_LOOK.get(h.state, _BADGE_LOOK["waiting"])
            if row.badge.property("state") != look:
                set_role(row.badge, "badge", state=look)
            row.badge.setText(badge_word)
            row.values["state"].setText(sentence)
            row.values["last_good"].setText(self.age_text(h.last_good_at, now))
            row.values["last_error"].setText(h.last_error or self.tr("none"))
            row.values["reads"].setText(f"{h.reads_per_minute:.0f}")
            row.values["preset"].setText(h.preset or self.tr("none"))
            row.values["missing"].setText(", ".join(h.missing) or self.tr("none"))

    # -- events ----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        """Ages and states change with time alone: recount every second while shown."""
        super().showEvent(event)
        self.refresh()
        self._age_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._age_timer.stop()

    def _on_health_did_change(self, health: list[SourceHealth]) -> None:
        self._show(health)

    def _on_language_did_change(self, _code: str) -> None:
        self.retranslate()
