"""Declarative settings: dataclass fields carry title, bounds and choices; one parser checks them.

A section is a frozen dataclass whose fields are declared with :func:`setting`. The same
mechanism serves the app config and each data source's options, so every error reads alike:
``kiosk.toml: sources[0].options.port: must be at most 65535, got 70000``.
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from kiosk.config.errors import ConfigError

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")

#: Limits on every value, unless a setting gives its own: a config is written by a person, and
#: a 10 MB site name or 20,000 sources is a mistake (or an attack), not a kiosk.
MAX_TEXT_LEN = 2000
MAX_ITEMS = 256
#: A check returns a problem in words, or "" when the value is fine.
Check = Callable[[Any], str]


def setting(
    default: Any,
    title: str,
    *,
    min: float | None = None,
    max: float | None = None,
    choices: tuple[Any, ...] | None = None,
    secret: bool = False,
    check: Check | None = None,
    each: Check | None = None,
    max_len: int = MAX_TEXT_LEN,
    max_items: int = MAX_ITEMS,
) -> Any:
    """Declare one config key with its default, a human title and optional bounds.

    ``check`` sees the parsed value (a whole list for a list setting), ``each`` every item of a
    list; ``max_len`` bounds text
    (each item of a list of text too) and ``max_items`` a list's length.
    """
    meta = {"title": title, "min": min, "max": max, "choices": choices, "secret": secret,
            "check": check, "each": each, "max_len": max_len, "max_items": max_items}  # fmt: skip
    if isinstance(default, list | dict):
        raise TypeError("use tuples / nested sections for mutable defaults")
    return dataclasses.field(default=default, metadata=meta)


def section_default(cls: type[T], title: str) -> Any:
    """Declare a nested section that defaults to ``cls()``."""
    return dataclasses.field(default_factory=cls, metadata={"title": title})


def fields_of(cls: type) -> list[tuple[dataclasses.Field[Any], Any]]:
    hints = typing.get_type_hints(cls)
    return [(f, hints[f.name]) for f in dataclasses.fields(cls)]


def parse_section(cls: type[T], raw: Any, path: str, file: str = "") -> T:
    """Build ``cls`` from a mapping, refusing unknown keys, wrong types and out-of-range values."""
    if not isinstance(raw, Mapping):
        raise ConfigError(file, path, f"must be a table, got {_kind(raw)}")
    known = {f.name for f in dataclasses.fields(cls)}
    for key in raw:
        if key not in known:
            hint = ", ".join(sorted(known))
            raise ConfigError(file, _join(path, key), f"unknown key (known keys: {hint})")
    values: dict[str, Any] = {}
    for f, hint in fields_of(cls):
        if f.name in raw:
            values[f.name] = _parse_value(hint, raw[f.name], f, _join(path, f.name), file)
        elif f.default is not dataclasses.MISSING:
            _check(f.default, f.metadata, _join(path, f.name), file)  # e.g. a required host
    return cls(**values)


def _parse_value(
    hint: Any, raw: Any, f: dataclasses.Field[Any] | None, path: str, file: str
) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        non_none = [a for a in args if a is not type(None)]
        if raw is None and len(non_none) < len(args):
            return None
        return _parse_value(non_none[0], raw, f, path, file)
    if dataclasses.is_dataclass(hint):
        return parse_section(hint, raw, path, file)  # type: ignore[arg-type]
    meta: Mapping[str, Any] = f.metadata if f is not None else {}
    if origin is tuple:
        if not isinstance(raw, list | tuple):
            raise ConfigError(file, path, f"must be a list, got {_kind(raw)}")
        most = meta.get("max_items", MAX_ITEMS)
        if len(raw) > most:
            raise ConfigError(file, path, f"has {len(raw)} entries; at most {most} are allowed")
        item = args[0]
        items = {"max_len": meta.get("max_len", MAX_TEXT_LEN), "check": meta.get("each")}
        parsed = tuple(_parse_item(item, v, items, f"{path}[{i}]", file) for i, v in enumerate(raw))
        _check(parsed, meta, path, file)
        return parsed
    if origin is dict or hint is dict:
        if not isinstance(raw, Mapping):
            raise ConfigError(file, path, f"must be a table, got {_kind(raw)}")
        return dict(raw)
    if hint is Any:
        return raw
    value = _scalar(hint, raw, path, file)
    _check_bounds(value, meta, path, file)
    _check(value, meta, path, file)
    return value


def _parse_item(hint: Any, raw: Any, meta: Mapping[str, Any], path: str, file: str) -> Any:
    """One item of a list setting: sections are parsed whole, scalars get the text limit."""
    if dataclasses.is_dataclass(hint) or typing.get_origin(hint) is not None:
        return _parse_value(hint, raw, None, path, file)
    value = _scalar(hint, raw, path, file)
    _check_bounds(value, meta, path, file)
    _check(value, meta, path, file)
    return value


def _check(value: Any, meta: Mapping[str, Any], path: str, file: str) -> None:
    check = meta.get("check")
    if check is not None:
        problem = check(value)
        if problem:
            raise ConfigError(file, path, problem)


def _scalar(hint: Any, raw: Any, path: str, file: str) -> Any:
    if hint is bool:
        if not isinstance(raw, bool):
            raise ConfigError(file, path, f"must be true or false, got {_kind(raw)}")
        return raw
    if hint is int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise ConfigError(file, path, f"must be a whole number, got {_kind(raw)}")
        return raw
    if hint is float:
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise ConfigError(file, path, f"must be a number, got {_kind(raw)}")
        if not math.isfinite(raw):
            raise ConfigError(file, path, "must be a finite number")
        return float(raw)
    if hint is str:
        if not isinstance(raw, str):
            raise ConfigError(file, path, f"must be text, got {_kind(raw)}")
        return raw
    raise TypeError(f"unsupported setting type {hint!r} at {path}")


def _check_bounds(value: Any, meta: Mapping[str, Any], path: str, file: str) -> None:
    if isinstance(value, str):
        longest = meta.get("max_len", MAX_TEXT_LEN)
        if len(value) > longest:
            raise ConfigError(
                file, path, f"is {len(value):,} characters long; at most {longest:,} are allowed"
            )
    choices = meta.get("choices")
    if choices is not None and value not in choices:
        allowed = ", ".join(repr(c) for c in choices)
        raise ConfigError(file, path, f"must be one of {allowed}, got {value!r}")
    lo, hi = meta.get("min"), meta.get("max")
    if lo is not None and value < lo:
        raise ConfigError(file, path, f"must be at least {lo}, got {value!r}")
    if hi is not None and value > hi:
        raise ConfigError(file, path, f"must be at most {hi}, got {value!r}")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(raw: Any) -> str:
    if isinstance(raw, str):
        return f"text {raw[:60]!r}" + ("…" if len(raw) > 60 else "")
    if isinstance(raw, bool):
        return f"boolean {raw}"
    if isinstance(raw, Mapping):
        return "a table"
    if isinstance(raw, list):
        return "a list"
    return f"{type(raw).__name__} {str(raw)[:60]}"
