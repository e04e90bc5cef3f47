"""Baselines: a figure compared with a reference for its period ("8 % below the city average").

A baseline comes from ``[[baselines]]`` in kiosk.toml: which figure, for which period (day,
week, month, year), its value for a whole period (per site, per m² or per person) and where
that value comes from. The running period is compared so far, with the reference pro-rated by
the share of the period gone (a year's reference on 1 July counts half) — the screen says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from kiosk.energy.carbon import EmissionFactor, co2_kg
from kiosk.energy.history import HISTORY_FIGURES
from kiosk.energy.metrics import ENERGY_OF_POWER
from kiosk.energy.periods import Period, Span, period_window
from kiosk.energy.store import EnergyStore

#: energy metric -> the power metrics it may be integrated from
_POWER_OF = {e: (p,) for p, e in ENERGY_OF_POWER.items()}

#: Config names of the figures -> (History figure id, config unit -> stored unit factor)
FIGURES: dict[str, tuple[str, float]] = {
    "load_energy": ("load_energy_wh", 1000.0),  # kWh -> Wh
    "pv_energy": ("pv_energy_wh", 1000.0),
    "co2_avoided": ("co2_avoided_kg", 1.0),
    "water_harvested": ("water_harvested_l", 1.0),
}


@dataclass(frozen=True)
class Baseline:
    id: str
    figure: str  # a HISTORY_FIGURES id
    period: Period
    value: float  # for a whole period, in the figure's unit (Wh, kg CO2, L), per `per`
    per: str  # "site", "m2" or "person"
    name_en: str
    name_zh: str
    source: str


@dataclass(frozen=True)
class BaselineResult:
    baseline: Baseline
    span: Span  # the period so far (or whole) the actual value covers
    actual: float | None  # per site, m² or person like the reference; None = no data
    expected: float  # the reference for that span (pro-rated when the period runs)
    share_of_period: float  # 1.0 for a whole period
    period_start_ts: float = 0.0  # the span starts later when the kiosk started recording later

    @property
    def from_first_reading(self) -> bool:
        """The span starts when the kiosk started recording, after the period's start."""
        return self.span.start_ts > self.period_start_ts

    @property
    def change_pct(self) -> float | None:
        """+12 = 12 % above the reference, -8 = 8 % below; None without data."""
        if self.actual is None or self.expected <= 0:
            return None
        return (self.actual - self.expected) / self.expected * 100.0


@dataclass(frozen=True)
class SiteReferences:
    """What the summary compares with: the baselines and the site's size."""

    baselines: tuple[Baseline, ...] = ()
    area_m2: float | None = None
    occupants: int | None = None


class BaselineLike(Protocol):
    """The fields of ``kiosk.config.model.BaselineConfig`` this module reads."""

    @property
    def id(self) -> str: ...

    @property
    def figure(self) -> str: ...

    @property
    def period(self) -> str: ...

    @property
    def value(self) -> float: ...

    @property
    def per(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def name_zh(self) -> str: ...

    @property
    def source(self) -> str: ...


def baselines_from(configs: Iterable[BaselineLike]) -> tuple[Baseline, ...]:
    """Baselines from ``[[baselines]]`` entries (already checked by the config loader)."""
    out = []
    for b in configs:
        figure, scale = FIGURES[b.figure]
        value, period = b.value * scale, Period(b.period)
        out.append(Baseline(b.id, figure, period, value, b.per, b.name, b.name_zh, b.source))
    return tuple(out)


def compare_baseline(
    store: EnergyStore,
    baseline: Baseline,
    now: float,
    factor: EmissionFactor,
    area_m2: float | None = None,
    occupants: int | None = None,
) -> BaselineResult:
    """``baseline`` against the period holding ``now``, so far."""
    window = period_window(store.days, baseline.period, now)
    metric, _unit = HISTORY_FIGURES[baseline.figure]
    # A kiosk that started recording this period compares only the time it has data for.
    firsts = [store.recording_since(m.value) for m in (metric, *_POWER_OF.get(metric, ()))]
    since = min((t for t in firsts if t is not None), default=None)
    start = max(window.start_ts, since) if since is not None else window.start_ts
    share = min(1.0, max(0.0, (now - start) / (window.end_ts - window.start_ts)))
    span = Span(start, now, so_far=True)
    amount = store.energy_wh(metric, start, now + 1)
    if amount is not None and baseline.figure == "co2_avoided_kg":
        amount = co2_kg(amount, factor)
    divisor = {"site": 1.0, "m2": area_m2, "person": occupants}[baseline.per]
    actual = None if amount is None or not divisor else amount / divisor
    return BaselineResult(baseline, span, actual, baseline.value * share, share, window.start_ts)


def compare_all(
    store: EnergyStore, references: SiteReferences, now: float, factor: EmissionFactor
) -> tuple[BaselineResult, ...]:
    return tuple(
        compare_baseline(store, b, now, factor, references.area_m2, references.occupants)
        for b in references.baselines
    )
