"""Numbers for the screen: unit scaling, rounding and "—" for a missing value.

Pure functions with no Qt, so the rules are easy to test and identical on every view.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from kiosk.energy.metrics import Provenance, Unit
from kiosk.energy.summary import EnergySummary, Figure

MISSING = "—"

#: (threshold, divisor, unit text) from the largest down, per unit.
_SCALES: dict[Unit, tuple[tuple[float, float, str], ...]] = {
    Unit.W: ((1e6, 1e6, "MW"), (1e3, 1e3, "kW"), (0.0, 1.0, "W")),
    Unit.WH: ((1e6, 1e6, "MWh"), (1e3, 1e3, "kWh"), (0.0, 1.0, "Wh")),
    Unit.KG_CO2: ((1e3, 1e3, "t CO2"), (0.0, 1.0, "kg CO2")),
    Unit.L: ((1e4, 1e3, "m³"), (0.0, 1.0, "L")),
    Unit.PERCENT: ((0.0, 1.0, "%"),),
}


class BadgeState(StrEnum):
    LIVE = "live"
    STALE = "stale"
    SIMULATED = "simulated"
    PARTIAL = "partial"  # a sum missing some of its parts: lower than the truth, and says so
    MISSING = "missing"


@dataclass(frozen=True)
class Badge:
    state: BadgeState
    age_min: int  # whole minutes since the newest reading (STALE only)


def format_number(value: float) -> str:
    """Three significant figures for small numbers, whole numbers with separators above 100."""
    if not math.isfinite(value):
        return MISSING
    magnitude = abs(value)
    if magnitude >= 100 or value == 0:
        return f"{value:,.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}" if magnitude < 1 else f"{value:.1f}"


def scaled(value: float, unit: Unit) -> tuple[str, str]:
    """``value`` in the largest sensible unit, e.g. 12_340 W -> ("12.3", "kW")."""
    for threshold, divisor, text in _SCALES[unit]:
        if abs(value) >= threshold:
            return format_number(value / divisor), text
    return format_number(value), _SCALES[unit][-1][2]


def format_figure(figure: Figure | None, unit: Unit | None = None) -> tuple[str, str]:
    """(value text, unit text) of a figure; "—" and the base unit when it is missing."""
    base = unit or (figure.unit if figure is not None else Unit.W)
    if figure is None or figure.value is None or not math.isfinite(figure.value):
        return MISSING, _SCALES[base][-1][2]
    return scaled(figure.value, figure.unit)


def format_count(count: float) -> str:
    """How many everyday items: whole numbers from 10 up, one decimal below."""
    if not math.isfinite(count):
        return MISSING
    return f"{count:,.0f}" if round(count, 1) >= 10 else f"{count:.1f}"


def badge_for(figure: Figure | None, now: float) -> Badge:
    """What the provenance badge of a figure says as of ``now`` (Unix s).

    A figure that is not applicable (a share of nothing) keeps its inputs' badge: its data is
    there, so it must not look broken."""
    if figure is None or figure.provenance is None:
        return Badge(BadgeState.MISSING, 0)
    if figure.provenance is Provenance.CACHED:
        age = figure.age_s(now) or 0.0
        return Badge(BadgeState.STALE, max(1, round(age / 60)))
    if figure.provenance is Provenance.SIMULATED:
        return Badge(BadgeState.SIMULATED, 0)
    if figure.provenance is Provenance.PARTIAL:
        return Badge(BadgeState.PARTIAL, 0)
    return Badge(BadgeState.LIVE, 0)


def change_pct(current: float | None, before: float | None) -> float | None:
    """Relative change in %, or None when either is missing or ``before`` is 0."""
    if current is None or before is None or before == 0:
        return None
    return (current - before) / before * 100.0


@dataclass(frozen=True)
class LiveHeadline:
    """The figures the attract loop shows to passers-by, as (value, unit) texts or None."""

    power_now: tuple[str, str] | None  # solar power right now: only when fresh and above 0
    energy_today: tuple[str, str] | None  # solar energy so far today (at night, or when stale)
    co2_today: tuple[str, str] | None  # CO2 avoided today
    simulated: bool  # any of them comes from the simulator: the loop must say so


def live_headline(summary: EnergySummary) -> LiveHeadline:
    """What the attract loop may honestly claim: "right now" only from a fresh reading, today's
    totals only when there are some, nothing at all rather than a zero or a guess."""
    shown: list[Figure] = []

    def take(figure: Figure, fresh_only: bool) -> tuple[str, str] | None:
        if figure.value is None or not math.isfinite(figure.value) or figure.value <= 0:
            return None
        if fresh_only and figure.provenance in (Provenance.CACHED, Provenance.PARTIAL):
            return None
        shown.append(figure)
        return format_figure(figure)

    power = take(summary.pv_power_w, fresh_only=True)
    energy = None if power is not None else take(summary.pv_energy_today_wh, fresh_only=False)
    co2 = take(summary.co2_avoided_today_kg, fresh_only=False)
    simulated = any(f.provenance is Provenance.SIMULATED for f in shown)
    return LiveHeadline(power, energy, co2, simulated)
