"""Adapter types by name: each names its options class and the module that builds it.

Validating a config needs only the options classes of the types it names
(:mod:`kiosk.sources.options`, no protocol library, each type's module imported on first
use); an adapter's module, with pymodbus, paho-mqtt or requests behind it, is imported when a
source of its type is created, which the kiosk does after its first frame. Adding a protocol
means its options module in :mod:`kiosk.sources.options`, a module with a
``create(source_id, options, config, clock)`` function, and one row in :data:`ADAPTERS`; config
validation, the poller, ``kiosk source probe`` and ``kiosk doctor`` pick it up from here.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from kiosk.config.errors import ConfigError
from kiosk.config.model import Config, SourceConfig
from kiosk.config.schema import parse_section
from kiosk.sources.base import Source, SourceMisconfigured

#: (source_id, parsed options, whole config, clock) -> Source; each adapter module's
#: ``create``. The clock (Unix s) stamps what a source receives between polls (MQTT).
Factory = Callable[[str, Any, Config, Callable[[], float]], Source]


@dataclass(frozen=True)
class AdapterType:
    module: str  # holds ``create``; imported when a source is created
    options: str  # "module:Class" of its options; imported when a config names the type

    @property
    def options_cls(self) -> type:
        module, _, name = self.options.partition(":")
        return cast(type, getattr(importlib.import_module(module), name))

    def factory(self) -> Factory:
        """The adapter module's ``create`` (imports the module and its protocol library)."""
        return cast(Factory, importlib.import_module(self.module).create)


_OPTIONS = "kiosk.sources.options"
ADAPTERS: dict[str, AdapterType] = {
    "simulator": AdapterType("kiosk.sources.simulator", f"{_OPTIONS}.simulator:SimulatorOptions"),
    "csv": AdapterType("kiosk.sources.csv_replay", f"{_OPTIONS}.csv_replay:CsvReplayOptions"),
    "modbus": AdapterType(
        "kiosk.sources.modbus_sunspec", f"{_OPTIONS}.modbus_sunspec:SunspecOptions"
    ),
    "modbus_map": AdapterType(
        "kiosk.sources.modbus_map", f"{_OPTIONS}.modbus_map:ModbusMapOptions"
    ),
    "mqtt": AdapterType("kiosk.sources.mqtt", f"{_OPTIONS}.mqtt:MqttOptions"),
    "http": AdapterType("kiosk.sources.http_json", f"{_OPTIONS}.http_json:HttpJsonOptions"),
}


def parse_options(src: SourceConfig, path: str = "", file: str = "") -> Any:
    """``src.options`` as its adapter's options class. Raises ConfigError naming the key."""
    kind = ADAPTERS.get(src.type)
    if kind is None:
        known = ", ".join(sorted(ADAPTERS))
        raise ConfigError(
            file,
            f"{path}.type" if path else "type",
            f"unknown source type {src.type!r} (known: {known})",
        )
    opts_path = f"{path}.options" if path else "options"
    return parse_section(kind.options_cls, src.options or {}, opts_path, file)


def check_sources(config: Config, file: str = "") -> None:
    """A :data:`kiosk.config.loader.SourcesCheck`: every source's type is known and its
    options parse, and the ``[aggregate]`` sums name known sources. Raises ConfigError."""
    for i, src in enumerate(config.sources):
        parse_options(src, f"sources[{i}]", file)
    if config.aggregate:  # imported only when there is one
        from kiosk.sources.aggregate import AggregatePlan

        try:
            AggregatePlan.parse(config.aggregate, {s.id for s in config.sources})
        except ValueError as exc:
            key, _, problem = str(exc).partition(": ")
            raise ConfigError(file, f"aggregate.{key}", problem) from None


def create_source(
    src: SourceConfig, config: Config, clock: Callable[[], float] = time.time
) -> Source:
    """Build the adapter for one ``[[sources]]`` entry. Raises SourceMisconfigured."""
    try:
        options = parse_options(src)
    except ConfigError as exc:
        raise SourceMisconfigured(str(exc)) from None
    return ADAPTERS[src.type].factory()(src.id, options, config, clock)
