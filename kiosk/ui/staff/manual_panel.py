"""The staff screen's panel for figures with no meter: pick the figure, the day, type the amount
on a number pad (no keyboard on a kiosk), save. A refused entry says why; a saved one shows
on Now as "entered by staff on DATE" (:mod:`kiosk.energy.manual`)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.energy.manual import MANUAL_METRICS, MAX_BACKDATE_DAYS, ManualEntry
from kiosk.services.manual_entries import ManualEntries
from kiosk.ui.context import UiContext
from kiosk.ui.widgets.touch import button, label

KEYS = ("7", "8", "9", "4", "5", "6", "1", "2", "3", ".", "0", "⌫")
MAX_DIGITS = 9


class ManualPanel(QWidget):
    def __init__(self, ctx: UiContext, entries: ManualEntries) -> None:
        super().__init__()
        self.setObjectName("staff-manual")
        self.ctx = ctx
        self.entries = entries
        self.metric_id = next(iter(MANUAL_METRICS))
        self.day = entries.today()
        self.typed = ""
        theme = ctx.theme
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.px(12))
        self.heading = label("", "heading")
        layout.addWidget(self.heading)
        metrics = QHBoxLayout()
        group = QButtonGroup(self)
        self.metric_buttons: dict[str, QPushButton] = {}
        for metric_id in MANUAL_METRICS:
            btn = self.metric_buttons[metric_id] = button("", "tab")
            btn.setObjectName(f"manual-metric-{metric_id}")
            btn.setCheckable(True)
            btn.clicked.connect(self._on_metric_clicked)
            group.addButton(btn)
            metrics.addWidget(btn, 1)
        self.metric_buttons[self.metric_id].setChecked(True)
        layout.addLayout(metrics)
        days = QHBoxLayout()
        self.earlier = button("‹")
        self.earlier.setObjectName("manual-day-earlier")
        self.earlier.clicked.connect(self._on_earlier_clicked)
        self.day_label = label("", "subtitle")
        self.later = button("›")
        self.later.setObjectName("manual-day-later")
        self.later.clicked.connect(self._on_later_clicked)
        days.addWidget(self.earlier)
        days.addWidget(self.day_label, 1)
        days.addWidget(self.later)
        layout.addLayout(days)
        self.amount_label = label("", "figure-medium")
        self.amount_label.setObjectName("manual-amount")
        layout.addWidget(self.amount_label)
        pad = QGridLayout()
        pad.setSpacing(theme.px(8))
        self.keys: dict[str, QPushButton] = {}
        for i, key in enumerate(KEYS):
            btn = self.keys[key] = button(key, "key")
            btn.setObjectName(f"manual-key-{key}")
            btn.setMinimumHeight(theme.px(96))
            btn.clicked.connect(self._on_key_clicked)
            pad.addWidget(btn, i // 3, i % 3)
        layout.addLayout(pad)
        self.save = button("", "primary")
        self.save.setObjectName("manual-save")
        self.save.clicked.connect(self._on_save_clicked)
        layout.addWidget(self.save)
        self.result = label("", "body")
        self.result.setObjectName("manual-result")
        layout.addWidget(self.result)
        entries.entry_did_save.connect(self._on_entry_did_save)
        entries.entry_was_refused.connect(self._on_entry_was_refused)
        ctx.language.language_did_change.connect(self._on_language_did_change)
        self.retranslate()

    def _on_language_did_change(self, _code: str) -> None:
        self.retranslate()

    # -- input -------------------------------------------------------------------------------

    def _on_metric_clicked(self) -> None:
        for metric_id, btn in self.metric_buttons.items():
            if btn.isChecked():
                self.metric_id = metric_id
        self._show_amount()

    def _move_day(self, days: int) -> None:
        today = self.entries.today()
        oldest = today - timedelta(days=MAX_BACKDATE_DAYS)
        self.day = min(today, max(oldest, self.day + timedelta(days=days)))
        self._show_day()

    def _on_earlier_clicked(self) -> None:
        self._move_day(-1)

    def _on_later_clicked(self) -> None:
        self._move_day(1)

    def _on_key_clicked(self) -> None:
        sender = self.sender()
        key = next(k for k, b in self.keys.items() if b is sender)
        self.press(key)

    def press(self, key: str) -> None:
        """One key of the pad: a digit, the decimal point or ⌫ (rub out the last one)."""
        if key == "⌫":
            self.typed = self.typed[:-1]
        elif key == "." and ("." in self.typed or MANUAL_METRICS[self.metric_id].whole):
            return
        elif len(self.typed) < MAX_DIGITS:
            self.typed = ("0" if key == "." and not self.typed else "") + self.typed + key
        self._show_amount()

    def _on_save_clicked(self) -> None:
        if not self.typed:
            self.result.setText(self.tr("Type the amount on the number pad first."))
            return
        self.entries.add(self.metric_id, float(self.typed), self.day)

    # -- outcome -----------------------------------------------------------------------------

    def _on_entry_did_save(self, entry: ManualEntry) -> None:
        metric = MANUAL_METRICS[entry.metric]
        self.typed = ""
        self._show_amount()
        self.result.setText(
            self.tr("Saved: %1 %2 — %3, %4")
            .replace("%1", f"{entry.amount:,g}")
            .replace("%2", self.ctx.language.pick(metric.unit_zh, metric.unit_en))
            .replace("%3", self.ctx.language.pick(metric.name_zh, metric.name_en))
            .replace("%4", entry.day.isoformat())
        )

    def _on_entry_was_refused(self, kind: str, reason: str) -> None:
        reasons = {
            "negative": self.tr("the amount cannot be negative"),
            "zero": self.tr("the amount is 0: nothing to add"),
            "fraction": self.tr("this is counted in whole numbers"),
            "too_much": self.tr("that is more than is plausible in one day: check the number"),
            "future": self.tr("that day is in the future"),
            "too_old": self.tr("that day is more than a year ago"),
        }
        self.result.setText(self.tr("Not saved: %1").replace("%1", reasons.get(kind, reason)))

    # -- text --------------------------------------------------------------------------------

    def _show_day(self) -> None:
        today = self.entries.today()
        text = self.day.isoformat()
        if self.day == today:
            text = self.tr("Today (%1)").replace("%1", text)
        elif self.day == today - timedelta(days=1):
            text = self.tr("Yesterday (%1)").replace("%1", text)
        self.day_label.setText(text)
        self.later.setEnabled(self.day < today)

    def _show_amount(self) -> None:
        metric = MANUAL_METRICS[self.metric_id]
        unit = self.ctx.language.pick(metric.unit_zh, metric.unit_en)
        self.amount_label.setText(f"{self.typed or '0'} {unit}".strip())
        self.keys["."].setEnabled(not metric.whole)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Figures without a meter"))
        for metric_id, btn in self.metric_buttons.items():
            metric = MANUAL_METRICS[metric_id]
            btn.setText(self.ctx.language.pick(metric.name_zh, metric.name_en))
        self.save.setText(self.tr("Save"))
        self._show_day()
        self._show_amount()

    def reset(self, today: date | None = None) -> None:
        """A fresh form (the staff screen opened again)."""
        self.typed = ""
        self.day = today or self.entries.today()
        self.result.setText("")
        self._show_day()
        self._show_amount()
