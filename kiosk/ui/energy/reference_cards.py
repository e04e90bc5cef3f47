"""Cards comparing a figure with a baseline ("8 % below the city average"), for the Now view.

One card per ``[[baselines]]`` entry, made once; each summary updates them in place. The
source of each baseline is on "How we calculate" (:func:`baselines_text`).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.energy.baselines import BaselineResult
from kiosk.energy.manual import ManualTotal
from kiosk.energy.metrics import Unit
from kiosk.energy.periods import Period
from kiosk.energy.summary import EnergySummary, Figure
from kiosk.ui.context import UiContext
from kiosk.ui.energy.figure_card import FigureCard
from kiosk.ui.energy.formatting import format_number, scaled
from kiosk.ui.widgets.touch import set_role

#: History figure id -> the summary figure whose badge a comparison carries
_BADGE_FROM = {
    "load_energy_wh": "load_energy_today_wh",
    "pv_energy_wh": "pv_energy_today_wh",
    "co2_avoided_kg": "co2_avoided_today_kg",
    "water_harvested_l": "water_harvested_today_l",
}


def figure_name(figure_id: str) -> str:
    return {
        "load_energy_wh": QCoreApplication.translate("ReferenceCards", "Electricity used"),
        "pv_energy_wh": QCoreApplication.translate("ReferenceCards", "Solar energy"),
        "co2_avoided_kg": QCoreApplication.translate("ReferenceCards", "CO2 avoided"),
        "water_harvested_l": QCoreApplication.translate("ReferenceCards", "Rainwater collected"),
    }[figure_id]


def _so_far(period: Period) -> str:
    return {
        Period.DAY: QCoreApplication.translate("ReferenceCards", "so far today"),
        Period.WEEK: QCoreApplication.translate("ReferenceCards", "so far this week"),
        Period.MONTH: QCoreApplication.translate("ReferenceCards", "so far this month"),
        Period.YEAR: QCoreApplication.translate("ReferenceCards", "so far this year"),
    }[period]


def _per(per: str) -> str:
    return {
        "site": "",
        "m2": QCoreApplication.translate("ReferenceCards", ", per m²"),
        "person": QCoreApplication.translate("ReferenceCards", ", per person"),
    }[per]


def _unit(figure_id: str) -> Unit:
    return {"co2_avoided_kg": Unit.KG_CO2, "water_harvested_l": Unit.L}.get(figure_id, Unit.WH)


def baselines_text(ctx: UiContext, results: tuple[BaselineResult, ...]) -> str:
    """Each baseline with its value and source (the How we calculate section)."""
    if not results:
        return QCoreApplication.translate(
            "ReferenceCards", "No baseline is configured (see [[baselines]] in kiosk.toml)."
        )
    lines = []
    for r in results:
        b = r.baseline
        value, unit = scaled(b.value, _unit(b.figure))
        period = {Period.DAY: QCoreApplication.translate("ReferenceCards", "a day"), Period.WEEK: QCoreApplication.translate("ReferenceCards", "a week"),
                  Period.MONTH: QCoreApplication.translate("ReferenceCards", "a month"), Period.YEAR: QCoreApplication.translate("ReferenceCards", "a year")}[b.period]  # fmt: skip
        lines.append(
            QCoreApplication.translate("ReferenceCards", "%1: %2 %3 %4%5. Source: %6")
            .replace("%1", ctx.language.pick(b.name_zh, b.name_en))
            .replace("%2", value)
            .replace("%3", unit)
            .replace("%4", period)
            .replace("%5", _per(b.per))
            .replace("%6", b.source)
        )
    lines.append(
        QCoreApplication.translate(
            "ReferenceCards",
            "While a period runs, we compare what we used so far with the share of the "
            "reference for the time gone (half a year: half the yearly value).",
        )
    )
    return "\n\n".join(lines)


class ReferenceCards(QWidget):
    """The baseline comparisons of the newest summary, one card each."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(ctx.theme.px(24))
        self.cards: dict[str, FigureCard] = {}
        self.results: tuple[BaselineResult, ...] = ()
        self.totals: tuple[ManualTotal, ...] = ()
        self.summary: EnergySummary | None = None
        self.now = 0.0
        self.setVisible(False)

    def show_summary(self, summary: EnergySummary | None, now: float) -> None:
        self.summary, self.now = summary, now
        self.results = summary.baselines if summary is not None else ()
        for i, r in enumerate(self.results):
            card = self.cards.get(r.baseline.id)
            if card is None:
                card = FigureCard(self.ctx.theme, Unit.PERCENT, "medium")
                card.setObjectName(f"energy-now-baseline-{r.baseline.id}")
                self.cards[r.baseline.id] = card
                self.grid.addWidget(card, i // 3, i % 3)
        totals = summary.manual if summary is not None else ()
        for i, total in enumerate(totals, start=len(self.results)):
            card = self.cards.get(f"manual-{total.metric.id}")
            if card is None:
                card = FigureCard(self.ctx.theme, Unit.PERCENT, "medium")
                card.setObjectName(f"energy-now-manual-{total.metric.id}")
                self.cards[f"manual-{total.metric.id}"] = card
                self.grid.addWidget(card, i // 3, i % 3)
        self.totals = totals
        self.setVisible(bool(self.results) or bool(totals))
        self.retranslate()

    def retranslate(self) -> None:
        summary = self.summary
        for r in self.results:
            card = self.cards[r.baseline.id]
            b = r.baseline
            name = self.ctx.language.pick(b.name_zh, b.name_en)
            card.set_title(
                QCoreApplication.translate("ReferenceCards", "Compared with %1").replace("%1", name)
            )
            pct = r.change_pct
            basis: Figure | None = getattr(summary, _BADGE_FROM[b.figure]) if summary else None
            figure = None
            if pct is not None and basis is not None:
                figure = Figure(abs(pct), Unit.PERCENT, basis.provenance, basis.updated_at)
            card.show_figure(figure, self.now)
            if pct is not None:
                card.unit_label.setText(
                    QCoreApplication.translate("ReferenceCards", "% below")
                    if pct < 0
                    else QCoreApplication.translate("ReferenceCards", "% above")
                )
            what = QCoreApplication.translate("ReferenceCards", "%1 %2%3")
            so_far = _so_far(b.period)
            if r.from_first_reading:
                day = datetime.fromtimestamp(
                    r.span.start_ts, ZoneInfo(self.ctx.config.site.timezone)
                )
                so_far = QCoreApplication.translate(
                    "ReferenceCards", "since this kiosk started recording on %1"
                ).replace("%1", day.date().isoformat())
            card.set_note(
                what.replace("%1", figure_name(b.figure))
                .replace("%2", so_far)
                .replace("%3", _per(b.per))
            )
            card.retranslate()
        for total in self.totals:
            self._show_manual(total)

    def _show_manual(self, total: ManualTotal) -> None:
        """A figure staff entered: this year's total, "entered by staff on 2026-06-12"."""
        card = self.cards[f"manual-{total.metric.id}"]
        m, pick = total.metric, self.ctx.language.pick
        card.set_title(
            QCoreApplication.translate("ReferenceCards", "%1 this year").replace(
                "%1", pick(m.name_zh, m.name_en)
            )
        )
        card.value_label.setText(format_number(total.year_total))
        card.unit_label.setText(pick(m.unit_zh, m.unit_en))
        card.badge.setText(
            QCoreApplication.translate("ReferenceCards", "entered by staff on %1").replace(
                "%1", total.last_day.isoformat()
            )
        )
        set_role(card.badge, "badge", state="simulated")
        card.set_note("")
