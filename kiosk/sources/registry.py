"""Adapter types by name: each names its options class and the module that builds it.

Validating a config needs only the options classes (:mod:`kiosk.sources.options`, no protocol
library); an adapter's module, with pymodbus, paho-mqtt or requests behind it, is imported
when a source of its type is created, which the kiosk does after its first frame. Adding a
protocol means its options class in :mod:`kiosk.sources.options`, a module with a
``create(source_id, options, config)`` function, and one row in :data:`ADAPTERS`; config
validation, the poller, ``kiosk source probe`` and ``kiosk doctor`` pick it up from here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from kiosk.config.errors import ConfigError
from kiosk.config.model import Config, SourceConfig
from kiosk.config.schema import parse_section
from kiosk.sources.base import Source, SourceMisconfigured
from kiosk.sources.options import (
    CsvReplayOptions,
    HttpJsonOptions,
    ModbusMapOptions,
    MqttOptions,
    SimulatorOptions,
    SunspecOptions,
)

#: (source_id, parsed options, whole config) -> Source; each adapter module's ``create``.
Factory = Callable[[str, Any, Config], Source]


@dataclass(frozen=True)
class AdapterType:
    module: str  # holds ``create``; imported on first use
    options_cls: type

    def factory(self) -> Factory:
        """The adapter module's ``create`` (imports the module and its protocol library)."""
        return cast(Factory, importlib.import_module(self.module).create)


ADAPTERS: dict[str, AdapterType] = {
    "simulator": AdapterType("kiosk.sources.simulator", SimulatorOptions),
    "csv": AdapterType("kiosk.sources.csv_replay", CsvReplayOptions),
    "modbus": AdapterType("kiosk.sources.modbus_sunspec", SunspecOptions),
    "modbus_map": AdapterType("kiosk.sources.modbus_map", ModbusMapOptions),
    "mqtt": AdapterType("kiosk.sources.mqtt", MqttOptions),
    "http": AdapterType("kiosk.sources.http_json", HttpJsonOptions),
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


def validate_source_config(src: SourceConfig, path: str, file: str) -> None:
    parse_options(src, path, file)


def create_source(src: SourceConfig, config: Config) -> Source:
    """Build the adapter for one ``[[sources]]`` entry. Raises SourceMisconfigured."""
    try:
        options = parse_options(src)
    except ConfigError as exc:
        raise SourceMisconfigured(str(exc)) from None
    return ADAPTERS[src.type].factory()(src.id, options, config)
