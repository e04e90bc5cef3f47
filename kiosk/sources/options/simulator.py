"""Options of ``type = "simulator"`` sources (the adapter is :mod:`kiosk.sources.simulator`)."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.config.schema import setting


@dataclass(frozen=True)
class SimulatorOptions:
    """``type = "simulator"``: the built-in site model."""

    seed: int = setting(1, "Seed for the weather; the same seed gives the same days")
    cloudiness: float = setting(0.5, "How cloudy the climate is (0 = always clear)", min=0, max=1)
    load_peak_kw: float = setting(
        0.0, "Building load at its busiest, kW (0 = 80 % of the PV peak power)", min=0, max=1e5
    )
    water_peak_l_per_min: float = setting(
        30.0, "Water use at the busiest time, litres per minute", min=0, max=1e4
    )
    meters: tuple[str, ...] = setting(
        (), "Building or sub-meter names; the load is also reported per meter"
    )
    history_hours: float = setting(
        48.0, "Hours of past data simulated when the store is empty, so charts start full",
        min=0, max=24 * 14,
    )  # fmt: skip
