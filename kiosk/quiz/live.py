"""Live-data questions: the figure comes from the energy store at the moment it is asked.

The quiz never imports the store. The app passes a :data:`LiveValueProvider` that answers one
metric key (see :data:`LIVE_METRICS`) with a :class:`LiveValue`, or ``None`` when it has no
figure. Choices are the true figure, rounded to two significant digits, and distractors that
are clearly different (at least 20 % apart from it and from each other), so "about how many"
has one fair answer.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.quiz.models import LiveSpec, LocalText

#: Live metric keys a quiz may ask about, with their unit in both languages.
LIVE_METRICS: dict[str, LocalText] = {
    "pv_energy_today_kwh": LocalText("千瓦时", "kWh"),  # PV energy since local midnight
    "co2_avoided_today_kg": LocalText("千克", "kg"),  # PV energy today × grid emission factor
    "water_harvested_today_l": LocalText("升", "L"),  # rainwater collected since midnight
    "pv_power_now_kw": LocalText("千瓦", "kW"),  # PV power right now
    "self_sufficiency_today_pct": LocalText("%", "%"),  # share of today's use covered by PV
    "compost_year_kg": LocalText("千克", "kg"),  # compost made this year, entered by staff
}

#: Upper bounds of metrics that cannot exceed a value (a percentage).
_METRIC_MAX = {"self_sufficiency_today_pct": 100.0}

#: Distractor ratios, most useful first; the fallbacks only serve crowded or capped ranges.
_RATIOS = (0.5, 2.0, 0.25, 3.0, 0.7, 1.5, 4.0, 0.1)
_MIN_GAP = 0.2


@dataclass(frozen=True, slots=True)
class LiveValue:
    """One figure from the store. ``age_seconds`` is how old its newest reading is."""

    value: float
    age_seconds: float


LiveValueProvider = Callable[[str], LiveValue | None]


@dataclass(frozen=True, slots=True)
class LiveAsk:
    """A live question made concrete: the figure shown and the choice values (true one first)."""

    metric: str
    value: float
    choice_values: tuple[float, ...]

    @property
    def correct_value(self) -> float:
        return self.choice_values[0]


def ask_live(spec: LiveSpec, provider: LiveValueProvider, rng: random.Random) -> LiveAsk | None:
    """Build the choices for ``spec`` now, or None to skip (missing, stale, too small)."""
    try:
        live = provider(spec.metric)
    except Exception:  # a failing store must not break a round: the question is skipped
        return None
    if live is None or not math.isfinite(live.value) or not math.isfinite(live.age_seconds):
        return None
    if live.age_seconds > spec.max_age_seconds or live.value <= 0 or live.value < spec.min_value:
        return None
    values = live_choice_values(
        live.value, spec.choice_count, rng, upper=_METRIC_MAX.get(spec.metric)
    )
    if values is None:
        return None
    return LiveAsk(spec.metric, live.value, values)


def live_choice_values(
    value: float, count: int, rng: random.Random, upper: float | None = None
) -> tuple[float, ...] | None:
    """The rounded true value followed by ``count - 1`` distinct distractors, or None."""
    correct = round_significant(value)
    if correct <= 0:
        return None
    picked = [correct]
    ratios = list(_RATIOS[:4])
    rng.shuffle(ratios)
    for ratio in ratios + list(_RATIOS[4:]):
        if len(picked) == count:
            break
        candidate = round_significant(value * ratio)
        if upper is not None:
            candidate = min(candidate, upper)
        if candidate > 0 and all(_apart(candidate, p) for p in picked):
            picked.append(candidate)
    return tuple(picked) if len(picked) == count else None


def round_significant(value: float, digits: int = 2) -> float:
    """``value`` rounded to ``digits`` significant digits (1234 -> 1200, 0.456 -> 0.46)."""
    if value == 0:
        return 0.0
    exponent = math.floor(math.log10(abs(value)))
    return round(value, digits - 1 - exponent)


def format_live_value(value: float) -> str:
    """A figure as shown on a choice: no trailing ``.0``, thousands separated."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _apart(a: float, b: float) -> bool:
    return abs(a - b) / max(a, b) >= _MIN_GAP
