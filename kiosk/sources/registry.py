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

#: Modules that register adapter types when imported.
ADAPTER_MODULES = (
    "kiosk.sources.simulator",
    "kiosk.sources.csv_replay",
    "kiosk.sources.modbus_sunspec",
    "kiosk.sources.modbus_map",
    "kiosk.sources.mqtt",
    "kiosk.sources.http_json",
)

Factory = Callable[[str, Any, Config], Source]


@dataclass(frozen=True)
class SourceType:
    name: str
    options_cls: type
    factory: Factory  # (source_id, parsed options, whole config) -> Source


_types: dict[str, SourceType] = {}


def register(name: str, options_cls: type, factory: Factory) -> None:
    _types[name] = SourceType(name, options_cls, factory)


def source_types() -> dict[str, SourceType]:
    for mod in ADAPTER_MODULES:
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as exc:
            if exc.name != mod:
                raise
    return dict(_types)


def parse_options(src: SourceConfig, path: str = "", file: str = "") -> Any:
    types = source_types()
    if src.type not in types:
        known = ", ".join(sorted(types))
        raise ConfigError(
            file,
            f"{path}.type" if path else "type",
            f"unknown source type {src.type!r} (known: {known})",
        )
    opts_path = f"{path}.options" if path else "options"
    return parse_section(types[src.type].options_cls, src.options or {}, opts_path, file)


def validate_source_config(src: SourceConfig, path: str, file: str) -> None:
    parse_options(src, path, file)


def create_source(src: SourceConfig, config: Config) -> Source:
    """Build the adapter for one ``[[sources]]`` entry. Raises SourceMisconfigured."""
    try:
        options = parse_options(src)
    except ConfigError as exc:
        raise SourceMisconfigured(str(exc)) from None
    return _types[src.type].factory(src.id, options, config)
