"""Live quiz figures from the energy service: the same summary the Now screen shows.

The quiz asks for a metric key (``kiosk.quiz.live.LIVE_METRICS``); the answer is the figure of
the newest :class:`EnergySummary`, in the quiz's unit, with the age of its newest reading. A
figure that is missing, stale (its source stopped: ``cached``) or a sum missing some of its
parts (``partial``) gives None, so the
question is skipped, never asked with an old number.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.energy.metrics import Provenance
from kiosk.energy.summary import EnergySummary, Figure
from kiosk.quiz.live import LiveValue

#: quiz metric key -> (EnergySummary attribute, factor from the summary's unit to the quiz's)
SUMMARY_FIGURES: dict[str, tuple[str, float]] = {
    "pv_energy_today_kwh": ("pv_energy_today_wh", 1e-3),
    "co2_avoided_today_kg": ("co2_avoided_today_kg", 1.0),
    "water_harvested_today_l": ("water_harvested_today_l", 1.0),
    "pv_power_now_kw": ("pv_power_w", 1e-3),
    "self_sufficiency_today_pct": ("self_sufficiency_today_pct", 1.0),
}

#: quiz metric key -> manual metric id (kiosk.energy.manual), this year's total
MANUAL_FIGURES: dict[str, str] = {"compost_year_kg": "compost_kg"}

#: A stale figure (its source stopped) or a sum missing parts is never asked about.
NOT_ASKED = (Provenance.CACHED, Provenance.PARTIAL)


class SummaryLiveValues:
    """A :data:`kiosk.quiz.live.LiveValueProvider` reading the energy service's summary."""

    def __init__(
        self, summary: Callable[[], EnergySummary | None], clock: Callable[[], float]
    ) -> None:
        self._summary = summary
        self._clock = clock

    def __call__(self, metric: str) -> LiveValue | None:
        summary = self._summary()
        if summary is not None and metric in MANUAL_FIGURES:
            # the sum of what staff entered this year: true as of now, so never stale
            wanted = MANUAL_FIGURES[metric]
            total = next((t for t in summary.manual if t.metric.id == wanted), None)
            return LiveValue(total.year_total, 0.0) if total is not None else None
        known = SUMMARY_FIGURES.get(metric)
        if summary is None or known is None:
            return None
        attribute, scale = known
        figure: Figure = getattr(summary, attribute)
        if figure.value is None or figure.provenance in (None, *NOT_ASKED):
            return None
        age = figure.age_s(max(self._clock(), summary.at))
        return LiveValue(figure.value * scale, age if age is not None else 0.0)
