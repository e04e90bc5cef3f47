"""How we calculate: each formula with today's numbers, the emission factor, its year and source."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from kiosk.energy.carbon import EmissionFactor
from kiosk.energy.equivalents import Basis, EquivalentsTable
from kiosk.energy.summary import EnergySummary
from kiosk.ui.context import UiContext
from kiosk.ui.energy.formatting import MISSING, format_figure, format_number
from kiosk.ui.energy.reference_cards import baselines_text
from kiosk.ui.widgets.touch import PlainLabel, scrolling_body, set_role

_BASIS_UNITS = {Basis.CO2_KG: "kg CO2", Basis.ENERGY_KWH: "kWh", Basis.WATER_L: "L"}


class ExplainView(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        theme = ctx.theme
        self.summary: EnergySummary | None = None
        self.factor: EmissionFactor | None = None
        self.equivalents: EquivalentsTable | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = scrolling_body(outer)
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setSpacing(theme.px(12))
        self.sections: dict[str, tuple[QLabel, QLabel]] = {}
        for key in (
            "co2",
            "factor",
            "sufficiency",
            "consumption",
            "water",
            "badges",
            "baselines",
            "equivalents",
        ):
            card = QFrame()
            set_role(card, "card")
            card_layout = QVBoxLayout(card)
            pad = theme.px(24)
            card_layout.setContentsMargins(pad, pad, pad, pad)
            heading = PlainLabel()
            heading.setWordWrap(True)
            set_role(heading, "heading")
            text = PlainLabel()
            text.setWordWrap(True)
            set_role(text, "body")
            card_layout.addWidget(heading)
            card_layout.addWidget(text)
            self.body_layout.addWidget(card)
            self.sections[key] = (heading, text)
        self.body_layout.addStretch(1)
        self.retranslate()

    def show_summary(self, summary: EnergySummary | None) -> None:
        self.summary = summary
        if summary is not None:
            self.factor = summary.factor
        self.retranslate()

    def set_factor(self, factor: EmissionFactor | None) -> None:
        self.factor = factor
        self.retranslate()

    def set_equivalents(self, table: EquivalentsTable | None) -> None:
        self.equivalents = table
        self.retranslate()

    def _set(self, key: str, heading: str, text: str) -> None:
        self.sections[key][0].setText(heading)
        self.sections[key][1].setText(text)

    def section_text(self, key: str) -> str:
        return self.sections[key][1].text()

    def retranslate(self) -> None:
        s, f = self.summary, self.factor
        kwh = MISSING if s is None else _kwh(s.pv_energy_today_wh.value)
        co2 = MISSING if s is None else " ".join(format_figure(s.co2_avoided_today_kg))
        factor_value = MISSING if f is None else f"{f.kg_per_kwh:.4f}"
        example = self.tr("Today: %1 kWh × %2 kg CO2/kWh = %3")
        self._set(
            "co2",
            self.tr("CO2 avoided"),
            self.tr(
                "Every kilowatt-hour our solar panels make is one the power grid does not have "
                "to make. CO2 avoided = solar energy (kWh) × grid emission factor (kg CO2 per kWh)."
            )
            + "\n"
            + example.replace("%1", kwh).replace("%2", factor_value).replace("%3", co2),
        )
        if f is None:
            factor_text = self.tr("The emission factor is not known yet.")
        else:
            name = self.ctx.language.pick(f.name_zh, f.name_en)
            year = str(f.year) if f.year is not None else MISSING
            factor_text = (
                self.tr("%1: %2 kg CO2 per kWh (data year %3).")
                .replace("%1", name)
                .replace("%2", factor_value)
                .replace("%3", year)
                + "\n"
                + self.tr("Source: %1").replace("%1", f.source_in(self.ctx.language.code))
            )
        self._set("factor", self.tr("The emission factor"), factor_text)
        self._set(
            "sufficiency",
            self.tr("Self-sufficiency"),
            self.tr(
                "The share of the electricity we use that we do not buy from the grid: "
                "(electricity used − bought from the grid) ÷ electricity used."
            ),
        )
        self._set(
            "consumption",
            self.tr("Solar used on site"),
            self.tr(
                "The share of our solar energy we use ourselves instead of selling it: "
                "(solar energy − sold to the grid) ÷ solar energy."
            ),
        )
        self._set(
            "water",
            self.tr("Rainwater"),
            self.tr(
                "Rain from the roof is collected in a tank. Every litre of rainwater we use "
                "is a litre of tap water we do not need, so the water saved is the rainwater collected."
            ),
        )
        self._set(
            "badges",
            self.tr("Where each number comes from"),
            self.tr(
                "live: measured just now. simulated: from the built-in simulator, not a meter. "
                "updated N min ago: the meter has not answered since; we show its last value. "
                "—: no data, so we show nothing rather than guess."
            ),
        )
        baselines = s.baselines if s is not None else ()
        self._set("baselines", self.tr("Baselines"), baselines_text(self.ctx, baselines))
        card = self.sections["baselines"][0].parentWidget()
        if card is not None:
            card.setVisible(bool(baselines))
        self._set("equivalents", self.tr("Everyday comparisons"), self._equivalents_text())

    def _equivalents_text(self) -> str:
        table = self.equivalents
        if table is None:
            return self.tr("No comparisons are installed.")
        lines = []
        code = self.ctx.language.code
        for factor in table.factors:
            about = factor.about(code)
            if not about:
                label = self.ctx.language.pick(factor.label_zh, factor.label_en)
                amount = f"{factor.per_item:.3g} {_BASIS_UNITS[factor.basis]}"
                about = f"{label}: 1 = {amount}."
            source = self.tr("Source: %1").replace("%1", factor.source_in(code))
            lines.append(f"{about} {source}")
        return "\n\n".join(lines)


def _kwh(wh: float | None) -> str:
    return MISSING if wh is None else format_number(wh / 1000.0)
