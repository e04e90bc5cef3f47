"""Read ``kiosk.toml`` into a :class:`Config`; the app also runs with no file at all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.config.errors import ConfigError
from kiosk.config.model import Config
from kiosk.config.schema import parse_section
from kiosk.energy.metrics import Metric

#: Checks what only the adapters know: each ``[[sources]]`` entry's type and options and the
#: ``[aggregate]`` sums (config, file); raises ConfigError. Config imports no adapter: the
#: caller passes :func:`kiosk.sources.registry.check_sources` (the CLI does, before anything
#: starts), so a result never depends on what was imported before.
SourcesCheck = Callable[[Config, str], None]

#: A kiosk.toml is a few kB; anything near this is not one.
MAX_FILE_BYTES = 1024 * 1024


def parse_config(
    raw: dict[str, Any], file: str = "", *, check_sources: SourcesCheck | None = None
) -> Config:
    """Validate ``raw`` (a parsed kiosk.toml); with ``check_sources``, the sources' options too."""
    cfg = parse_section(Config, raw, "", file)
    ids: set[str] = set()
    for i, src in enumerate(cfg.sources):
        path = f"sources[{i}]"
        if src.id in ids:
            raise ConfigError(file, f"{path}.id", f"duplicate source id {src.id!r}")
        ids.add(src.id)
    if "aggregate" in ids:
        raise ConfigError(
            file, "sources", "the source id 'aggregate' is reserved for [aggregate] sums"
        )
    _check_failover(cfg, ids, file)
    if cfg.site.grid_region == "custom" and cfg.site.emission_factor_kg_per_kwh is None:
        raise ConfigError(
            file, "site.emission_factor_kg_per_kwh", "required when site.grid_region = 'custom'"
        )
    _check_baselines(cfg, file)
    _check_meter_names(cfg, file)
    _check_schedule(cfg, file)
    _check_fleet(cfg, file)
    if check_sources is not None:
        check_sources(cfg, file)
    return cfg


def _check_schedule(cfg: Config, file: str) -> None:
    """Each exception needs its first day, the two ends alike; a command backend its commands."""
    from kiosk.schedule.times import parse_day_range

    schedule = cfg.schedule
    for i, exception in enumerate(schedule.exceptions):
        path = f"schedule.exceptions[{i}]"
        if not exception.first_day:
            raise ConfigError(
                file, f"{path}.first_day", "required: the first day (YYYY-MM-DD or MM-DD)"
            )
        try:
            parse_day_range(exception.first_day, exception.last_day or exception.first_day)
        except ValueError as exc:
            raise ConfigError(file, f"{path}.last_day", str(exc)) from None
    if schedule.backend == "command":
        for key in ("off_command", "on_command"):
            if not getattr(schedule, key).strip():
                raise ConfigError(
                    file, f"schedule.{key}", "required when schedule.backend = 'command'"
                )


def _check_fleet(cfg: Config, file: str) -> None:
    """Credentials that need each other, and a client certificate only over TLS."""
    fleet = cfg.fleet
    if fleet.password and not fleet.username:
        raise ConfigError(file, "fleet.password", "a password needs fleet.username too")
    if bool(fleet.client_cert) != bool(fleet.client_key):
        key = "fleet.client_key" if fleet.client_cert else "fleet.client_cert"
        raise ConfigError(file, key, "a client certificate needs both client_cert and client_key")
    tls_only = [k for k in ("ca_bundle", "client_cert") if getattr(fleet, k)]
    if tls_only and not fleet.broker.startswith("mqtts://"):
        raise ConfigError(
            file,
            f"fleet.{tls_only[0]}",
            "only used with a mqtts:// broker (TLS); change fleet.broker",
        )


def _check_meter_names(cfg: Config, file: str) -> None:
    """``[meters]``: each meter id = { zh = "图书馆", en = "Library" }."""
    for meter, names in (cfg.meters or {}).items():
        ok = isinstance(names, dict) and all(
            isinstance(names.get(lang), str) and names[lang].strip() for lang in ("zh", "en")
        )
        if not ok:
            raise ConfigError(file, f"meters.{meter}", 'must be { zh = "...", en = "..." }')


def _check_baselines(cfg: Config, file: str) -> None:
    """Unique ids; a value per m² or per person needs the site's area or occupants."""
    ids: set[str] = set()
    for i, b in enumerate(cfg.baselines or ()):
        path = f"baselines[{i}]"
        if b.id in ids:
            raise ConfigError(file, f"{path}.id", f"duplicate baseline id {b.id!r}")
        ids.add(b.id)
        if b.per == "m2" and cfg.site.area_m2 is None:
            raise ConfigError(file, f"{path}.per", "'m2' needs site.area_m2 (the floor area)")
        if b.per == "person" and cfg.site.occupants is None:
            raise ConfigError(file, f"{path}.per", "'person' needs site.occupants")
        if not b.source.strip():
            raise ConfigError(file, f"{path}.source", "say where the value comes from")


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


def load_config(path: Path | None, *, check_sources: SourcesCheck | None = None) -> Config:
    """Load and validate ``path``; ``None`` gives the defaults. See :func:`parse_config`."""
    if path is None:
        return parse_config({}, check_sources=check_sources)
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ConfigError(name, "", "file not found") from None
    except OSError as exc:
        raise ConfigError(name, "", f"cannot read: {exc.strerror}") from None
    import tomllib  # only with a file to parse: it is ~5 % of the kiosk's start-up time

    if len(data) > MAX_FILE_BYTES:
        raise ConfigError(
            name, "", f"is {len(data):,} bytes; a kiosk.toml is at most {MAX_FILE_BYTES:,}"
        )
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(name, "", "not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(name, "", f"not valid TOML: {str(exc)[:200]}") from None
    except RecursionError:
        raise ConfigError(name, "", "not valid TOML: nested too deeply") from None
    return parse_config(raw, name, check_sources=check_sources)
