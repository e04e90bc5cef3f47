"""Adapter types by name: each declares its options section and a factory.

Adding a protocol means one module that calls :func:`register`; config validation, the poller,
``kiosk source probe`` and ``kiosk doctor`` pick it up from here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.config.errors import ConfigError
from kiosk.config.model import Config, SourceConfig
from kiosk.config.schema import parse_section
from kiosk.sources.base import Source, SourceMisconfigured

#: Adapter type name -> the module that registers it. Only the configured types are imported,
#: so a kiosk reading one inverter does not load every protocol stack at start.
ADAPTER_MODULES = {
    "simulator": "kiosk.sources.simulator",
    "csv": "kiosk.sources.csv_replay",
    "modbus": "kiosk.sources.modbus_sunspec",
    "modbus_map": "kiosk.sources.modbus_map",
    "mqtt": "kiosk.sources.mqtt",
    "http": "kiosk.sources.http_json",
}

Factory = Callable[[str, Any, Config], Source]


@dataclass(frozen=True)
class SourceType:
    name: str
    options_cls: type
    factory: Factory  # (source_id, parsed options, whole config) -> Source


_types: dict[str, SourceType] = {}


def register(name: str, options_cls: type, factory: Factory) -> None:
    _types[name] = SourceType(name, options_cls, factory)


def source_type(name: str) -> SourceType | None:
    """The adapter type ``name``, importing its module on first use; None if unknown."""
    if name not in _types and name in ADAPTER_MODULES:
        importlib.import_module(ADAPTER_MODULES[name])
    return _types.get(name)


def source_types() -> dict[str, SourceType]:
    """Every adapter type (imports them all: for listings, not for start-up)."""
    for name in ADAPTER_MODULES:
        source_type(name)
    return dict(_types)


def parse_options(src: SourceConfig, path: str = "", file: str = "") -> Any:
    kind = source_type(src.type)
    if kind is None:
        known = ", ".join(sorted(ADAPTER_MODULES))
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
    return _types[src.type].factory(src.id, options, config)
