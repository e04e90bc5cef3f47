"""A figure on a card: what it is, its value and unit, and a badge saying where it came from."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout

from kiosk.energy.metrics import Unit
from kiosk.energy.summary import Figure
from kiosk.ui.energy.formatting import Badge, BadgeState, badge_for, format_figure
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.touch import PlainLabel, set_role


class ProvenanceBadge(QLabel):
    """ "live", "simulated", "updated 7 min ago" or "no data"; never colour alone."""

    def __init__(self) -> None:
        super().__init__()
        self.badge = Badge(BadgeState.MISSING, 0)
        #: the page says "simulated" once in a banner, so this badge need not say it again
        self.page_says_simulated = False
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        set_role(self, "badge", state=BadgeState.MISSING.value)
        self.retranslate()

    def show_badge(self, badge: Badge) -> None:
        if badge != self.badge:
            state_changed = badge.state != self.badge.state
            self.badge = badge
            if state_changed:
                set_role(self, "badge", state=badge.state.value)
            self.retranslate()
        self._show_or_hide()

    def set_page_says_simulated(self, says: bool) -> None:
        self.page_says_simulated = says
        self._show_or_hide()

    def _show_or_hide(self) -> None:
        said = self.page_says_simulated and self.badge.state is BadgeState.SIMULATED
        self.setVisible(not said)

    def retranslate(self) -> None:
        badge = self.badge
        if badge.state is BadgeState.LIVE:
            text = self.tr("live")
        elif badge.state is BadgeState.SIMULATED:
            text = self.tr("simulated")
        elif badge.state is BadgeState.PARTIAL:
            text = self.tr("partial")
        elif badge.state is BadgeState.MISSING:
            text = self.tr("no data")
        elif badge.age_min < 120:
            text = self.tr("updated %n min ago", "", badge.age_min)
        elif badge.age_min < 48 * 60:
            text = self.tr("updated %n h ago", "", badge.age_min // 60)
        else:
            text = self.tr("updated %n days ago", "", badge.age_min // (24 * 60))
        self.setText(text)


class FigureCard(QFrame):
    """A titled figure. ``size`` is "large" (the headline figure), "medium" or "small"."""

    def __init__(self, theme: Theme, unit: Unit, size: str = "medium") -> None:
        super().__init__()
        set_role(self, "card")
        self.unit = unit
        self.figure: Figure | None = None
        layout = QVBoxLayout(self)
        pad = theme.px(24 if size != "small" else 16)
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(theme.px(8))
        self.title_label = PlainLabel()
        self.title_label.setWordWrap(True)
        set_role(self.title_label, "subtitle")
        self.value_label = PlainLabel()
        set_role(self.value_label, "figure" if size == "large" else f"figure-{size}")
        self.unit_label = PlainLabel()
        set_role(self.unit_label, "figure-unit" if size == "large" else f"figure-unit-{size}")
        self.badge = ProvenanceBadge()
        row = QHBoxLayout()
        row.setSpacing(theme.px(12))
        row.addWidget(self.value_label, 0, Qt.AlignmentFlag.AlignBaseline)
        row.addWidget(self.unit_label, 0, Qt.AlignmentFlag.AlignBaseline)
        row.addStretch(1)
        self.note_label = PlainLabel()
        self.note_label.setWordWrap(True)
        set_role(self.note_label, "small")
        self.note_label.hide()
        layout.addWidget(self.title_label)
        layout.addLayout(row)
        layout.addWidget(self.note_label)
        layout.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.show_figure(None, 0.0)

    def set_title(self, title: str) -> None:
        self.title_label.setText(title)
        self.setAccessibleName(title)

    def set_note(self, note: str) -> None:
        """A line under the value (an equivalent, a comparison); empty hides it."""
        self.note_label.setText(note)
        self.note_label.setVisible(bool(note))

    def show_figure(self, figure: Figure | None, now: float) -> None:
        self.figure = figure
        value, unit = format_figure(figure, self.unit)
        if self.value_label.text() != value:
            self.value_label.setText(value)
        if self.unit_label.text() != unit:
            self.unit_label.setText(unit)
        self.badge.show_badge(badge_for(figure, now))

    def retranslate(self) -> None:
        self.badge.retranslate()
