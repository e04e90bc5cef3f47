"""Display settings that staff change on the kiosk itself, kept across restarts.

``kiosk.toml`` belongs to whoever set the kiosk up (IT, head office); a teacher or shop
manager changes presentation on the staff screen instead. Those choices live in one small
JSON file in the data folder and sit on top of the config file: a value set here wins until
staff set it back to the config file's value, which removes it, so a later edit of
``kiosk.toml`` takes effect again.

A file that cannot be read or holds a value that is not allowed is ignored with a message
saying what and where; the config file's values then apply and nothing else changes.

The kiosk reads this file before its first frame, so ``json`` and the atomic writer are
imported only when there is a file to parse or a choice to save (the common start has none;
the start-up budget is tight: see benchmarks/bench_startup.py).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path

from kiosk.config import Config
from kiosk.config.model import DisplayConfig

#: The ``[display]`` settings staff may change, with the values each allows.
ALLOWED: dict[str, tuple[str, ...]] = {
    f.name: tuple(f.metadata["choices"])
    for f in fields(DisplayConfig)
    if f.name in ("mode", "language")
}


@dataclass(frozen=True)
class StaffOverrides:
    """``None`` means "as in the config file"."""

    mode: str | None = None
    language: str | None = None

    def apply(self, config: Config) -> Config:
        """``config`` with these choices in ``[display]``."""
        if not (self.mode or self.language):
            return config
        display = config.display
        if self.mode:
            display = replace(display, mode=self.mode)
        if self.language:
            display = replace(display, language=self.language)
        return replace(config, display=display)

    def choose(self, base: Config, name: str, value: str) -> StaffOverrides:
        """These overrides after staff pick ``value`` for ``name``; picking the config file's
        own value removes the override. Raises ValueError for a value that is not allowed."""
        if name not in ALLOWED or value not in ALLOWED[name]:
            raise ValueError(f"display.{name} cannot be {value!r}")
        kept = None if getattr(base.display, name) == value else value
        return replace(self, **{name: kept})


def load_overrides(path: Path) -> tuple[StaffOverrides, str]:
    """Read ``path``: the overrides, and a problem (empty when the file was fine or absent).
    A missing file means no overrides. Never raises for bad content."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return StaffOverrides(), ""
    except OSError as exc:
        return StaffOverrides(), f"{path}: cannot read ({exc.strerror or exc})"
    import json

    try:
        data = json.loads(text)
    except ValueError as exc:
        return StaffOverrides(), f"{path}: not valid JSON ({exc}); ignored"
    if not isinstance(data, dict):
        return StaffOverrides(), f"{path}: expected an object; ignored"
    values: dict[str, str] = {}
    problems: list[str] = []
    for name, value in data.items():
        if name not in ALLOWED:
            problems.append(f"unknown setting {name!r}")
        elif value not in ALLOWED[name]:
            allowed = ", ".join(ALLOWED[name])
            problems.append(f"{name} = {value!r} is not one of {allowed}")
        else:
            values[name] = value
    problem = f"{path}: {'; '.join(problems)}; ignored" if problems else ""
    return StaffOverrides(**values), problem


def save_overrides(path: Path, overrides: StaffOverrides) -> None:
    """Write ``overrides`` atomically (only the values that are set). Raises OSError."""
    import json

    from kiosk.util.atomic import atomic_write_text

    data = {k: v for k, v in (("mode", overrides.mode), ("language", overrides.language)) if v}
    atomic_write_text(path, json.dumps(data, indent=2) + "\n")
