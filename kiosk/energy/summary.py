"""The figures of the home screen, each knowing its unit, provenance and age.

A figure whose data is missing is ``None`` (shown as "—"), never 0 or a guess; a measured
zero (night, a dry day) is 0 with its normal provenance. A share whose whole is 0 (the solar
used on site before sunrise) has no value but keeps its inputs' provenance: it is not
applicable, not missing. A figure whose newest input is older than its source's staleness
limit is CACHED, with ``updated_at`` telling how old it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kiosk.energy.baselines import BaselineResult, SiteReferences, compare_all
from kiosk.energy.carbon import EmissionFactor, co2_kg
from kiosk.energy.manual import ManualTotal, year_totals
from kiosk.energy.metrics import ENERGY_OF_POWER, Metric, Provenance, Unit
from kiosk.energy.store import EnergyStore

#: Seconds after which a source's newest reading is stale, by source id.
StaleAfter = Callable[[str], float]


@dataclass(frozen=True, slots=True)
class Figure:
    value: float | None
    unit: Unit
    provenance: Provenance | None  # None when value is None
    updated_at: float | None  # Unix time of the newest reading behind the figure

    def age_s(self, now: float) -> float | None:
        return None if self.updated_at is None else max(0.0, now - self.updated_at)

    @property
    def not_applicable(self) -> bool:
        """No value although its inputs are there (a share of nothing)."""
        return self.value is None and self.provenance is not None


def _missing(unit: Unit) -> Figure:
    return Figure(None, unit, None, None)


@dataclass(frozen=True)
class EnergySummary:
    at: float
    factor: EmissionFactor
    pv_power_w: Figure
    load_power_w: Figure
    grid_import_power_w: Figure
    grid_export_power_w: Figure
    battery_soc_pct: Figure
    pv_energy_today_wh: Figure
    load_energy_today_wh: Figure
    grid_import_today_wh: Figure
    grid_export_today_wh: Figure
    self_sufficiency_today_pct: Figure  # share of the load not bought from the grid
    self_consumption_today_pct: Figure  # share of the PV used on site, not exported
    co2_avoided_today_kg: Figure
    co2_avoided_month_kg: Figure
    co2_avoided_year_kg: Figure
    co2_avoided_total_kg: Figure  # of pv_energy_lifetime_wh
    co2_consumption_today_kg: Figure  # of the electricity imported from the grid
    water_harvested_today_l: Figure
    water_harvested_year_l: Figure
    water_used_today_l: Figure
    water_saved_year_l: Figure  # harvested rainwater replaces the same volume of tap water
    #: Solar energy since the panels were installed (the device's own lifetime counter, e.g.
    #: SunSpec WH or Fronius E_Total) or, with no counter, since the kiosk started recording.
    pv_energy_lifetime_wh: Figure = _missing(Unit.WH)
    lifetime_from_device: bool = False
    recording_since: float | None = None  # when the kiosk's first PV reading was stored
    baselines: tuple[BaselineResult, ...] = ()  # each [[baselines]] entry, this period so far
    manual: tuple[ManualTotal, ...] = ()  # figures with no meter, entered by staff this year


class _Builder:
    def __init__(self, store: EnergyStore, now: float, stale_after: StaleAfter) -> None:
        self.store = store
        self.now = now
        self.stale_after = stale_after

    def newest(self, metric: Metric) -> Figure:
        reading = self.store.latest(metric)
        if reading is None:
            return _missing(metric.unit)
        prov = reading.provenance
        if self.now - reading.timestamp > self.stale_after(reading.source_id):
            prov = Provenance.CACHED
        return Figure(reading.value, metric.unit, prov, reading.timestamp)

    def amount(self, metric: Metric, start_ts: float) -> Figure:
        value = self.store.energy_wh(metric, start_ts, self.now + 1)
        if value is None:
            return _missing(metric.unit)
        basis = self.newest(metric)
        if basis.value is None:  # integrated from power: the power reading is the basis
            power = next((p for p, e in ENERGY_OF_POWER.items() if e is metric), None)
            basis = self.newest(power) if power is not None else basis
        return Figure(value, metric.unit, basis.provenance, basis.updated_at)


def combine(value: float | None, unit: Unit, *inputs: Figure) -> Figure:
    """A derived figure: missing if any input is, as weak as its weakest input, as old as its oldest."""
    if value is None or any(f.value is None for f in inputs):
        return _missing(unit)
    provs = {f.provenance for f in inputs}
    weakest_first = (Provenance.CACHED, Provenance.SIMULATED, Provenance.PARTIAL, Provenance.LIVE)
    prov = next(p for p in (*weakest_first, None)
                if p in provs)  # fmt: skip
    times = [f.updated_at for f in inputs if f.updated_at is not None]
    return Figure(value, unit, prov, min(times) if times else None)


def _co2(energy: Figure, factor: EmissionFactor) -> Figure:
    value = None if energy.value is None else co2_kg(energy.value, factor)
    return combine(value, Unit.KG_CO2, energy)


def _share_pct(part_of: Figure, minus: Figure) -> Figure:
    """(part_of - minus) / part_of as %, e.g. (load - import) / load; not applicable when
    part_of is 0."""
    if part_of.value is None or minus.value is None:
        return _missing(Unit.PERCENT)
    if part_of.value <= 0:
        known = combine(0.0, Unit.PERCENT, part_of, minus)
        return Figure(None, Unit.PERCENT, known.provenance, known.updated_at)
    pct = min(100.0, max(0.0, (part_of.value - minus.value) / part_of.value * 100.0))
    return combine(pct, Unit.PERCENT, part_of, minus)


def summarize(
    store: EnergyStore,
    now: float,
    factor: EmissionFactor,
    stale_after: StaleAfter | float = 60.0,
    references: SiteReferences | None = None,
) -> EnergySummary:
    """Everything the home screen shows, from the store, as of ``now``."""
    if not callable(stale_after):
        limit = float(stale_after)

        def stale_after(_source_id: str) -> float:
            return limit

    b = _Builder(store, now, stale_after)
    days = store.days
    today, month, year = days.day_start(now), days.month_start(now), days.year_start(now)
    pv_today = b.amount(Metric.PV_ENERGY_WH, today)
    load_today = b.amount(Metric.LOAD_ENERGY_WH, today)
    import_today = b.amount(Metric.GRID_IMPORT_ENERGY_WH, today)
    export_today = b.amount(Metric.GRID_EXPORT_ENERGY_WH, today)
    harvested_year = b.amount(Metric.WATER_HARVESTED_L, year)
    device_total = b.newest(Metric.PV_ENERGY_WH)  # a lifetime counter reads its own total
    lifetime = device_total if device_total.value is not None else b.amount(Metric.PV_ENERGY_WH, 0)
    since = store.recording_since(Metric.PV_ENERGY_WH.value)
    power_since = store.recording_since(Metric.PV_POWER_W.value)
    if since is None or (power_since is not None and power_since < since):
        since = power_since
    return EnergySummary(
        at=now,
        factor=factor,
        pv_power_w=b.newest(Metric.PV_POWER_W),
        load_power_w=b.newest(Metric.LOAD_POWER_W),
        grid_import_power_w=b.newest(Metric.GRID_IMPORT_POWER_W),
        grid_export_power_w=b.newest(Metric.GRID_EXPORT_POWER_W),
        battery_soc_pct=b.newest(Metric.BATTERY_SOC_PCT),
        pv_energy_today_wh=pv_today,
        load_energy_today_wh=load_today,
        grid_import_today_wh=import_today,
        grid_export_today_wh=export_today,
        self_sufficiency_today_pct=_share_pct(load_today, import_today),
        self_consumption_today_pct=_share_pct(pv_today, export_today),
        co2_avoided_today_kg=_co2(pv_today, factor),
        co2_avoided_month_kg=_co2(b.amount(Metric.PV_ENERGY_WH, month), factor),
        co2_avoided_year_kg=_co2(b.amount(Metric.PV_ENERGY_WH, year), factor),
        co2_avoided_total_kg=_co2(lifetime, factor),
        co2_consumption_today_kg=_co2(import_today, factor),
        water_harvested_today_l=b.amount(Metric.WATER_HARVESTED_L, today),
        water_harvested_year_l=harvested_year,
        water_used_today_l=b.amount(Metric.WATER_USED_L, today),
        water_saved_year_l=harvested_year,
        pv_energy_lifetime_wh=lifetime,
        lifetime_from_device=device_total.value is not None,
        recording_since=since,
        baselines=compare_all(store, references, now, factor) if references else (),
        manual=year_totals(store, now),
    )
