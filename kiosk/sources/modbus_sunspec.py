"""Modbus TCP / SunSpec adapter: finds the SunSpec block, walks its model chain, reads figures.

The first read looks for the "SunS" marker at 40000, 0 and 50000 (or ``base_address``), walks
the chain of models to the end marker, and remembers where the inverter (101–103, 111–113),
meter (201–204, 211–214) and DER (701 AC measurement, when there is no 1xx inverter model; 713
storage state of charge) models sit. Later reads fetch only those models. After a connection
failure the client is rebuilt and the chain is walked again (a firmware update may move it).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kiosk.config.model import Config
from kiosk.energy.metrics import Metric, Provenance, Reading
from kiosk.sources.base import Source, SourceMisconfigured, SourceUnavailable
from kiosk.sources.modbus_map import IllegalAddress, ModbusLink
from kiosk.sources.options.modbus_sunspec import SunspecOptions
from kiosk.sources.sunspec_models import (
    BASE_ADDRESSES,
    COMMON_MODEL_ID,
    COMMON_POINTS,
    DER_AC_MODEL,
    DER_STORAGE_MODEL,
    END_MODEL_ID,
    INVERTER_MODELS,
    METER_MODELS,
    SUNSPEC_MARKER,
    WIDTHS,
    decode_string,
    points_for,
    scaled,
)

MAX_MODELS = 64
#: An inverter's own draw at night shows as a small negative power: that is 0 W of PV. A more
#: negative PV power is passed on as it is, so the store refuses it instead of showing 0 W.
PV_STANDBY_W = 50.0


@dataclass(frozen=True)
class ModelBlock:
    model_id: int
    address: int  # first register after ID and L
    length: int


@dataclass(frozen=True)
class SunspecLayout:
    base_address: int
    models: tuple[ModelBlock, ...]
    manufacturer: str
    model: str
    serial_number: str
    version: str

    def of_interest(self) -> list[ModelBlock]:
        ids = {m.model_id for m in self.models}
        wanted = INVERTER_MODELS | METER_MODELS | {DER_STORAGE_MODEL}
        if not ids & INVERTER_MODELS:
            wanted |= {DER_AC_MODEL}  # a 7xx-only device: power and energy from model 701
        return [m for m in self.models if m.model_id in wanted]


class SunspecSource(Source):
    """Inverter and meter figures from a SunSpec device."""

    def __init__(self, source_id: str, options: SunspecOptions) -> None:
        super().__init__(source_id)
        if not options.host:
            raise SourceMisconfigured("options.host: the device's IP address is required")
        self.options = options
        self.link = ModbusLink(options.host, options.port, options.unit_id, options.timeout_seconds)
        #: The model chain found on the device (None until the first successful read).
        self.layout: SunspecLayout | None = None

    def read(self, now: float) -> Sequence[Reading]:
        try:
            if self.layout is None:
                self.layout = self.discover()
            readings: list[Reading] = []
            pv_power: list[float] = []
            pv_energy: list[float] = []
            for block in self.layout.of_interest():
                regs = self.link.read(block.address, block.length)
                points = points_for(block.model_id)
                if block.model_id in INVERTER_MODELS:
                    _collect(pv_power, scaled(regs, points, "W"))
                    _collect(pv_energy, scaled(regs, points, "WH"))
                elif block.model_id == DER_AC_MODEL:
                    _collect(pv_power, scaled(regs, points, "W"))
                    _collect(pv_energy, scaled(regs, points, "TotWhInj"))
                elif block.model_id == DER_STORAGE_MODEL:
                    soc = scaled(regs, points, "SoC")
                    if soc is not None:
                        readings.append(self._reading(Metric.BATTERY_SOC_PCT, soc, now))
                else:
                    readings.extend(self._meter_readings(regs, block.model_id, now))
        except IllegalAddress as exc:
            self.layout = None
            raise SourceUnavailable(f"SunSpec layout changed: {exc}") from None
        except SourceUnavailable:
            self.layout = None
            raise
        if pv_power:
            power = sum(pv_power)
            power = 0.0 if -PV_STANDBY_W <= power < 0 else power
            readings.append(self._reading(Metric.PV_POWER_W, power, now))
        if pv_energy:
            readings.append(self._reading(Metric.PV_ENERGY_WH, sum(pv_energy), now))
        return readings

    def discover(self) -> SunspecLayout:
        """Find the marker and walk the model chain. Raises SourceMisconfigured if not SunSpec."""
        bases = (self.options.base_address,) if self.options.base_address >= 0 else BASE_ADDRESSES
        for base in bases:
            try:
                marker = self.link.read(base, 2)
            except IllegalAddress:
                continue
            if tuple(marker) == SUNSPEC_MARKER:
                return self._walk(base)
        tried = ", ".join(str(b) for b in bases)
        raise SourceMisconfigured(
            f"no SunSpec marker 'SunS' at {tried} on {self.link.where}; "
            "set base_address, or use the modbus_map adapter for this device"
        )

    def close(self) -> None:
        self.link.close()

    def _walk(self, base: int) -> SunspecLayout:
        models: list[ModelBlock] = []
        address = base + 2
        for _ in range(MAX_MODELS):
            model_id, length = self.link.read(address, 2)
            if model_id == END_MODEL_ID:
                break
            models.append(ModelBlock(model_id, address + 2, length))
            address += 2 + length
            if address > 0xFFFF:
                break
        info = {"Mn": "", "Md": "", "SN": "", "Vr": ""}
        common = next((m for m in models if m.model_id == COMMON_MODEL_ID), None)
        if common is not None:
            regs = self.link.read(common.address, common.length)
            info = {k: decode_string(regs, COMMON_POINTS[k]) for k in info}
        layout = SunspecLayout(base, tuple(models), info["Mn"], info["Md"], info["SN"], info["Vr"])
        if not layout.of_interest():
            found = ", ".join(str(m.model_id) for m in models) or "none"
            raise SourceMisconfigured(
                f"SunSpec device at {self.link.where} has models {found} but no inverter "
                "(101-103, 111-113, 701) or meter (201-204, 211-214)"
            )
        for block in layout.of_interest():
            need = max(p.offset + WIDTHS[p.type] for p in points_for(block.model_id).values())
            if block.length < need:
                raise SourceMisconfigured(
                    f"SunSpec model {block.model_id} at {block.address} is {block.length} "
                    f"registers long, expected at least {need}"
                )
        return layout

    def _meter_readings(self, regs: list[int], model_id: int, now: float) -> list[Reading]:
        points = points_for(model_id)
        out: list[Reading] = []
        power = scaled(regs, points, "W")
        imported = scaled(regs, points, "TotWhImp")
        exported = scaled(regs, points, "TotWhExp")
        if self.options.meter_role == "load":
            if power is not None:
                out.append(self._reading(Metric.LOAD_POWER_W, abs(power), now))
            if imported is not None:
                out.append(self._reading(Metric.LOAD_ENERGY_WH, imported, now))
            return out
        if power is not None:
            export_positive = self.options.preset == "solaredge_modbus"
            if not self.options.meter_import_positive or export_positive:
                power = -power
            out.append(self._reading(Metric.GRID_IMPORT_POWER_W, max(power, 0.0), now))
            out.append(self._reading(Metric.GRID_EXPORT_POWER_W, max(-power, 0.0), now))
        if imported is not None:
            out.append(self._reading(Metric.GRID_IMPORT_ENERGY_WH, imported, now))
        if exported is not None:
            out.append(self._reading(Metric.GRID_EXPORT_ENERGY_WH, exported, now))
        return out

    def _reading(self, metric: Metric, value: float, now: float) -> Reading:
        return Reading(metric, value, now, self.source_id, Provenance.LIVE, self.options.meter)


def _collect(values: list[float], value: float | None) -> None:
    if value is not None:
        values.append(value)


def create(
    source_id: str, options: SunspecOptions, config: Config, clock: Callable[[], float] = time.time
) -> SunspecSource:
    return SunspecSource(source_id, options)
