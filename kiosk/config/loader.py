"""Read ``kiosk.toml`` into a :class:`Config`; the app also runs with no file at all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.config.errors import ConfigError
from kiosk.config.model import Config, SourceConfig
from kiosk.config.schema import parse_section
from kiosk.energy.metrics import Metric

#: Called for every ``[[sources]]`` entry after the generic checks; raises ConfigError.
#: kiosk.sources.registry installs the real checker (kept as a hook so config imports no adapter).
SourceValidator = Callable[[SourceConfig, str, str], None]
_source_validators: list[SourceValidator] = []


def add_source_validator(fn: SourceValidator) -> None:
    if fn not in _source_validators:
        _source_validators.append(fn)


def parse_config(raw: dict[str, Any], file: str = "") -> Config:
    cfg = parse_section(Config, raw, "", file)
    ids: set[str] = set()
    for i, src in enumerate(cfg.sources):
        path = f"sources[{i}]"
        if src.id in ids:
            raise ConfigError(file, f"{path}.id", f"duplicate source id {src.id!r}")
        ids.add(src.id)
        for validate in _source_validators:
            validate(src, path, file)
    if "aggregate" in ids:
        raise ConfigError(
            file, "sources", "the source id 'aggregate' is reserved for [aggregate] sums"
        )
    _check_failover(cfg, ids, file)
    if cfg.aggregate:  # checked only when there is one: it imports kiosk.sources.aggregate
        _check_aggregate(cfg, ids, file)
    if cfg.site.grid_region == "custom" and cfg.site.emission_factor_kg_per_kwh is None:
        raise ConfigError(
            file, "site.emission_factor_kg_per_kwh", "required when site.grid_region = 'custom'"
        )
    return cfg


def _check_failover(cfg: Config, source_ids: set[str], file: str) -> None:
    """Keys are metric names or 'default'; values list known source ids or 'cached'."""
    known_keys = {"default", *(m.value for m in Metric)}
    for key, order in (cfg.failover.priorities or {}).items():
        path = f"failover.priorities.{key}"
        if key not in known_keys:
            raise ConfigError(file, path, "unknown metric (use a metric name or 'default')")
        if not isinstance(order, list) or not order:
            raise ConfigError(file, path, "must be a non-empty list of source ids")
        for i, entry in enumerate(order):
            if entry != "cached" and entry not in source_ids:
                known = ", ".join(sorted(source_ids)) or "none"
                raise ConfigError(
                    file,
                    f"{path}[{i}]",
                    f"unknown source {entry!r} (sources: {known}, or 'cached')",
                )
            if entry in order[:i]:
                raise ConfigError(file, f"{path}[{i}]", f"{entry!r} is listed twice")


def _check_aggregate(cfg: Config, source_ids: set[str], file: str) -> None:
    from kiosk.sources.aggregate import AggregatePlan

    try:
        AggregatePlan.parse(cfg.aggregate, source_ids)
    except ValueError as exc:
        key, _, problem = str(exc).partition(": ")
        raise ConfigError(file, f"aggregate.{key}", problem) from None


def load_config(path: Path | None) -> Config:
    """Load and validate ``path``; ``None`` or a missing default file gives the defaults."""
    _install_source_validators()
    if path is None:
        return parse_config({})
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ConfigError(name, "", "file not found") from None
    except OSError as exc:
        raise ConfigError(name, "", f"cannot read: {exc.strerror}") from None
    import tomllib  # only with a file to parse: it is ~5 % of the kiosk's start-up time

    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(name, "", "not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(name, "", f"not valid TOML: {exc}") from None
    return parse_config(raw, name)


def _install_source_validators() -> None:
    # Imported here so that config stays importable on its own.
    from kiosk.sources import registry

    add_source_validator(registry.validate_source_config)
