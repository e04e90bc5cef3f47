"""The History figures of a period, each beside the same figure for its fair comparison.

Used by the History screen and by ``kiosk energy history``, so both say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.energy.carbon import EmissionFactor, co2_kg
from kiosk.energy.metrics import Metric, Unit
from kiosk.energy.periods import Comparison, Span
from kiosk.energy.store import EnergyStore

#: figure id -> (metric it sums, unit shown); CO2 avoided is the PV energy × the grid factor.
HISTORY_FIGURES: dict[str, tuple[Metric, Unit]] = {
    "pv_energy_wh": (Metric.PV_ENERGY_WH, Unit.WH),
    "load_energy_wh": (Metric.LOAD_ENERGY_WH, Unit.WH),
    "co2_avoided_kg": (Metric.PV_ENERGY_WH, Unit.KG_CO2),
    "water_harvested_l": (Metric.WATER_HARVESTED_L, Unit.L),
}


@dataclass(frozen=True)
class HistoryFigure:
    figure: str  # a HISTORY_FIGURES id
    unit: Unit
    value: float | None  # over the comparison's current span; None = no data
    compare_value: float | None  # over its earlier span

    def change_pct(self) -> float | None:
        """Relative change in %, or None when either is missing or the earlier one is 0."""
        if self.value is None or self.compare_value is None or self.compare_value == 0:
            return None
        return (self.value - self.compare_value) / self.compare_value * 100.0


def history_figures(
    store: EnergyStore, comparison: Comparison, factor: EmissionFactor, meter: str = ""
) -> tuple[HistoryFigure, ...]:
    """Every History figure over the current and the earlier span of ``comparison``."""

    def amount(metric: Metric, unit: Unit, span: Span) -> float | None:
        # "so far" includes the minute now is in, as the Now screen's figures do
        end = span.end_ts + 1 if span.so_far else span.end_ts
        value = store.energy_wh(metric, span.start_ts, end, meter)
        if value is None or unit is not Unit.KG_CO2:
            return value
        return co2_kg(value, factor)

    return tuple(
        HistoryFigure(
            figure,
            unit,
            amount(metric, unit, comparison.current),
            amount(metric, unit, comparison.earlier),
        )
        for figure, (metric, unit) in HISTORY_FIGURES.items()
    )
